"""Start writing a file's range to the disk now, without waiting (Linux ``sync_file_range``).

A download writes its blocks as they arrive and must ``fsync`` the file before it is published.
Left to itself the kernel keeps the whole file dirty in memory until that ``fsync``, which then
waits for every byte to reach the disk while the network sits idle (about 60 ms for a 50 MB
file here). Asking for writeback after each block lets the disk write while the rest of the
file is still arriving, so the final ``fsync`` has little left to do.

Python's ``os`` module has no ``sync_file_range``: it is called from the C library through
``ctypes``. Elsewhere (or if the call is missing) :data:`start_writeback` is ``None`` and the
final ``fsync`` does all the work, which is correct, just slower.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable

SYNC_FILE_RANGE_WRITE = 2
"""From <fcntl.h>: start writeback of the dirty pages in the range, do not wait."""


def _load() -> Callable[[int, int, int], None] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    call.restype = ctypes.c_int

    def start_writeback(fd: int, offset: int, length: int) -> None:
        """Start writing bytes ``offset`` to ``offset + length`` of ``fd`` to the disk."""
        if call(fd, offset, length, SYNC_FILE_RANGE_WRITE) != 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number))

    return start_writeback


start_writeback = _load()
"""``start_writeback(fd, offset, length)`` on Linux, else None."""

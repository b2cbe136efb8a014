"""Early writeback of downloaded blocks (``sync.writeback``): it must really be there on
Linux — Python's ``os`` has no ``sync_file_range``, and looking for it there once left every
download's whole file to its final fsync."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from congress_desktop.sync import blobs
from congress_desktop.sync.writeback import start_writeback


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sync_file_range is Linux's")
def test_linux_starts_writeback_of_what_was_written(tmp_path: Path) -> None:
    assert start_writeback is not None
    assert blobs.start_writeback is start_writeback  # what PartWriter calls
    path = tmp_path / "blob.part"
    with path.open("wb") as f:
        f.write(os.urandom(1 << 20))
        f.flush()
        start_writeback(f.fileno(), 0, 1 << 20)
        os.fsync(f.fileno())
    assert path.stat().st_size == 1 << 20


@pytest.mark.skipif(start_writeback is None, reason="no sync_file_range here")
def test_a_failed_call_raises_with_its_errno(tmp_path: Path) -> None:
    assert start_writeback is not None
    fd = os.open(tmp_path / "x", os.O_CREAT | os.O_WRONLY)
    os.close(fd)
    with pytest.raises(OSError) as caught:
        start_writeback(fd, 0, 4096)  # closed: a bad file descriptor
    assert caught.value.errno == errno.EBADF

"""Document downloads: resumable, verified while streaming, atomically published.

A blob is streamed into ``<blob>.part`` while its SHA-256 is computed. Only a complete file
whose hash matches is fsynced, renamed onto the final path (``os.replace``, then the
directory is fsynced) and marked ``available`` in the store — so the final path never holds a
partial or unverified file, and a power cut at any point leaves either nothing, a ``.part`` to
resume, or the verified file.

Resuming: an existing ``.part`` is re-hashed and the rest is asked for with ``Range`` +
``If-Range`` (the blob's ETag is its hash). A resumed file whose hash fails (a corrupted
``.part``) is thrown away and downloaded once more from the start.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import logging
import os
import shutil
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from congress_desktop.documents import file_sha256
from congress_desktop.errors import CongressError, CorruptFileError, ErrorKind
from congress_desktop.store.terminal_store import TerminalStore
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.writeback import start_writeback

log = logging.getLogger(__name__)

HASH_CHUNK = 1 << 20
DISK_RESERVE = 32 << 20
"""Free bytes a download must leave on the disk: the store still has to commit sign-ins."""

Progress = Callable[[int, int], None]
"""``progress(bytes_done, bytes_total)`` while a blob downloads (total 0 when unknown)."""
_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def part_path(final: Path) -> Path:
    return final.with_suffix(".part")


BLOCK = 1 << 20
"""Bytes handed to the writer thread at a time."""
MAX_INFLIGHT = 4
"""Blocks queued for the writer thread before the download waits (bounded memory)."""


class PartWriter:
    """The ``.part`` file being written, with the running hash of everything in it.

    Hashing and writing run in a thread of their own, overlapping the network: ``write``
    (on the event loop) gathers what arrives into blocks of :data:`BLOCK` bytes and hands
    each to the thread; ``await drain()`` waits while :data:`MAX_INFLIGHT` blocks are
    queued (and raises the thread's error, e.g. a full disk, as soon as it happens);
    :meth:`finish` — called by :meth:`sync` and :meth:`close` — writes the rest and waits,
    after which ``size`` and ``hasher`` cover every byte received (so a download cut at any
    byte resumes after the last byte received). ``bytes_received`` counts at once.
    """

    def __init__(self, part: Path, progress: Progress | None = None, total: int = 0) -> None:
        self.part = part
        self.progress = progress
        self.total = total
        self.hasher = hashlib.sha256()
        self.size = 0
        part.parent.mkdir(parents=True, exist_ok=True)
        self._file: BinaryIO = open(part, "r+b" if part.exists() else "w+b")  # noqa: SIM115
        # re-hash the prefix we already have, then append after it
        while block := self._file.read(HASH_CHUNK):
            self.hasher.update(block)
            self.size += len(block)
        self.bytes_received = self.size
        self._buffer = bytearray()
        self._inflight: deque[Future[None]] = deque()
        self._thread: ThreadPoolExecutor | None = None

    def begin(self, offset: int) -> None:
        if offset == self.size:
            return
        if offset != 0:
            raise CongressError(
                f"server resumed {self.part.name} at {offset}, have {self.size} bytes",
                kind=ErrorKind.SERVER,
            )
        log.info("%s: server sent the whole file, discarding %d bytes", self.part.name, self.size)
        self._file.seek(0)
        self._file.truncate()
        self.hasher = hashlib.sha256()
        self.size = self.bytes_received = 0

    def write(self, data: bytes) -> None:
        self._buffer += data
        self.bytes_received += len(data)
        if len(self._buffer) >= BLOCK:
            block, self._buffer = self._buffer, bytearray()
            if self._thread is None:
                self._thread = ThreadPoolExecutor(1, thread_name_prefix="congress-blob-write")
            self._inflight.append(self._thread.submit(self._write_block, block))
        if self.progress is not None:
            self.progress(self.bytes_received, self.total)

    async def drain(self) -> None:
        """Wait while too many blocks are queued; raise the writer thread's error."""
        while self._inflight and (len(self._inflight) > MAX_INFLIGHT or self._inflight[0].done()):
            await asyncio.wrap_future(self._inflight.popleft())

    def _write_block(self, block: bytearray | bytes) -> None:
        start = self.size
        self._file.write(block)
        self.hasher.update(block)
        self.size += len(block)
        if start_writeback is not None:  # the disk writes while the network goes on, so
            self._file.flush()  # the final fsync has little left to do
            with contextlib.suppress(OSError):
                start_writeback(self._file.fileno(), start, len(block))

    def finish(self) -> None:
        """Write what is buffered and wait for the thread (blocking; raises its error)."""
        try:
            while self._inflight:
                self._inflight.popleft().result()
        finally:
            if self._thread is not None:
                self._thread.shutdown(wait=True, cancel_futures=True)
                self._thread = None
        if self._buffer:
            block, self._buffer = self._buffer, bytearray()
            self._write_block(block)

    def sync(self) -> None:
        self.finish()
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        """Write what was received (a cut download resumes after it) and close."""
        if not self._file.closed:
            try:
                self.finish()
            except OSError:  # a full disk: the caller drops the part
                log.debug("writing the rest of %s failed", self.part, exc_info=True)
        if not self._file.closed:
            try:
                self._file.close()
            except OSError:  # a failed flush on a full disk; the part is dropped anyway
                log.debug("closing %s failed", self.part, exc_info=True)


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # not supported on this platform (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _publish(part: Path, final: Path) -> None:
    os.replace(part, final)
    fsync_dir(final.parent)


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


def _existing_ok(final: Path, sha256: str) -> int | None:
    """The size of an already published file whose hash is right; a wrong one is removed."""
    if not final.exists():
        return None
    if file_sha256(final) == sha256:
        return final.stat().st_size
    log.warning("%s on disk does not match its hash; removing it", final)
    _unlink(final)
    return None


def free_bytes(directory: Path) -> int | None:
    """Free bytes on the filesystem holding ``directory`` (None when it cannot be told)."""
    existing = directory
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent  # ask without creating anything
    try:
        return shutil.disk_usage(existing).free
    except OSError:
        return None


def _check_room(part: Path, size: int | None, reserve: int) -> None:
    """Refuse to start a download that cannot fit and still leave ``reserve`` bytes free."""
    if size is None:
        return
    have = part.stat().st_size if part.exists() else 0
    free = free_bytes(part.parent)
    if free is not None and free - max(size - have, 0) < reserve:
        raise CongressError(
            f"disk full: {part.parent} has {free} bytes free, document {part.stem[:12]}… "
            f"needs {max(size - have, 0)} more and {reserve} must stay free",
            kind=ErrorKind.DISK_FULL,
        )


async def fetch_blob(
    client: SyncClient,
    store: TerminalStore,
    sha256: str,
    size: int | None = None,
    *,
    progress: Progress | None = None,
    reserve: int = DISK_RESERVE,
) -> Path:
    """Download (or resume) blob ``sha256`` into the store's blob directory; return its path.

    Raises CorruptFileError when the downloaded bytes do not hash to ``sha256`` (the part is
    deleted), CongressError(DISK_FULL) when the file would not fit leaving ``reserve`` bytes
    free (nothing is written) or the disk fills up anyway (the part is deleted to give the
    space back), OfflineError & co. from the client (the part is kept for resuming).
    ``progress(done, total)`` is called from the loop thread as bytes arrive.
    """
    loop = asyncio.get_running_loop()
    final = store.paths.blob_path(sha256)
    part = part_path(final)
    have = await loop.run_in_executor(None, _existing_ok, final, sha256)
    if have is not None:
        await loop.run_in_executor(None, store.mark_blob, sha256, have, "available")
        return final
    await loop.run_in_executor(None, _check_room, part, size, reserve)
    for attempt in (1, 2):
        writer = await loop.run_in_executor(None, PartWriter, part, progress, size or 0)
        if progress is not None:
            progress(writer.size, size or 0)
        resumed = writer.size > 0
        if size is not None and writer.size > size:
            resumed = False
            writer.begin(0)
        try:
            if size is None or writer.size < size:
                await client.stream_blob(sha256, writer, writer.size)
            await loop.run_in_executor(None, writer.sync)
        except OSError as exc:
            writer.close()
            if exc.errno in _DISK_FULL_ERRNOS:
                await loop.run_in_executor(None, _unlink, part)
                raise CongressError(
                    f"disk full while downloading {sha256[:12]}… to {part.parent}",
                    kind=ErrorKind.DISK_FULL,
                ) from exc
            raise
        finally:
            writer.close()
        digest, total = writer.hasher.hexdigest(), writer.size
        if digest == sha256 and (size is None or total == size):
            try:
                await loop.run_in_executor(None, _publish, part, final)
            except OSError as exc:
                if exc.errno in _DISK_FULL_ERRNOS:
                    raise CongressError(
                        f"disk full while saving {final.name}", kind=ErrorKind.DISK_FULL
                    ) from exc
                raise
            await loop.run_in_executor(None, store.mark_blob, sha256, total, "available")
            log.info("blob %s… cached (%d bytes%s)", sha256[:12], total, ", resumed" * resumed)
            return final
        await loop.run_in_executor(None, _unlink, part)
        if resumed and attempt == 1:
            log.warning("blob %s…: resumed file failed verification; starting over", sha256[:12])
            continue
        await loop.run_in_executor(None, store.mark_blob, sha256, total, "corrupt")
        raise CorruptFileError(
            f"document {sha256[:12]}… failed verification "
            f"(got {total} bytes hashing to {digest[:12]}…)"
        )
    raise AssertionError("unreachable")  # pragma: no cover


def verify_cached(store: TerminalStore) -> list[str]:
    """Re-hash every file marked available; a missing or wrong one is unmarked (and removed).

    Returns the hashes that failed, which :func:`fetch_blob` will then download again.
    """
    bad = []
    for sha256, size in store.available_blobs():
        path = store.paths.blob_path(sha256)
        if not path.exists():
            store.mark_blob(sha256, size, "missing")
            bad.append(sha256)
        elif file_sha256(path) != sha256:
            log.warning("cached document %s is corrupt; it will be downloaded again", path)
            _unlink(path)
            store.mark_blob(sha256, size, "corrupt")
            bad.append(sha256)
        else:
            store.mark_blob(sha256, path.stat().st_size, "available")
    return bad

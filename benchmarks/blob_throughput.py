"""Blob throughput: a 500 MB document set through the terminal's real blob path versus a
plain HTTP download of the same files from the same server.

The real path is the sync client's: ``SyncClient.stream_blob`` (its body read by
``sync.blob_receiver``) into a ``.part`` file (``sync.blobs.PartWriter``: SHA-256 while
streaming, writeback started per block), hash check, fsync, atomic rename and directory
fsync. The plain path is one streamed ``GET`` per file through httpx (the HTTP client the
terminal uses for everything else) into a file, nothing else. Both download the files in
order with the sync engine's number of download workers (``SyncEngine(max_downloads=…)``,
2) on one HTTP client each, so one file's fsync overlaps the next file's transfer on the
real path as it does in the terminal.

A third path, for comparison, reads with the real path's own socket reader but only writes
plain files (no hash, no fsync): ``direct_mb_per_s``, and ``direct_ratio`` = real / direct,
what verification and durability cost on this machine (SHA-256 alone runs at ~1.2 GB/s on
one core here).

Prints one JSON object: ``mb_per_s`` (real path), ``raw_mb_per_s`` (plain GET), ``ratio``
(real / plain), ``direct_mb_per_s``, ``direct_ratio``, plus ``mb`` and ``files``.

    python benchmarks/blob_throughput.py [--mb 500] [--files 10]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import inspect
import json
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from _common import Servers, database, prepare_hall

from congress_desktop.config import ServerPaths
from congress_desktop.protocol import API
from congress_desktop.store.identity import Identity
from congress_desktop.sync.blob_receiver import BlobServer, receive_blob
from congress_desktop.sync.blobs import PartWriter, fsync_dir, part_path
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.engine import SyncEngine

WORKERS = inspect.signature(SyncEngine).parameters["max_downloads"].default
"""Files downloaded at a time, on both paths: the sync engine's default."""


def make_blobs(paths: ServerPaths, total_mb: int, files: int) -> list[tuple[str, int]]:
    size = total_mb * 1_000_000 // files
    blobs = []
    for i in range(files):
        data = os.urandom(1 << 20) * (size // (1 << 20)) + os.urandom(size % (1 << 20))
        data = bytes([i % 256]) + data[1:]
        sha = hashlib.sha256(data).hexdigest()
        target = paths.blob_path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        blobs.append((sha, len(data)))
    return blobs


async def real_path(url: str, bearer: str, blobs: list[tuple[str, int]], dest: Path) -> float:
    terminal_id, _, credential = bearer.partition(".")
    identity = Identity(url, terminal_id, credential, 1, None)
    start = time.perf_counter()
    async with SyncClient(identity) as client:

        async def fetch(sha: str, size: int) -> None:
            final = dest / sha
            writer = PartWriter(part_path(final))
            try:
                await client.stream_blob(sha, writer, writer.size)
                # as fetch_blob: the writer thread finishes, then fsync (off the event loop)
                await asyncio.to_thread(writer.sync)
                if writer.size != size or writer.hasher.hexdigest() != sha:
                    raise RuntimeError(f"blob {sha} failed verification")
            finally:
                writer.close()
            await asyncio.to_thread(os.replace, part_path(final), final)
            await asyncio.to_thread(fsync_dir, dest)

        await _in_workers(blobs, fetch)
    return time.perf_counter() - start


async def plain_get(url: str, bearer: str, blobs: list[tuple[str, int]], dest: Path) -> float:
    start = time.perf_counter()
    headers = {"Authorization": f"Bearer {bearer}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:

        async def fetch(sha: str, _size: int) -> None:
            async with client.stream("GET", f"/api/v1/blobs/{sha}") as response:
                with open(dest / sha, "wb") as out:
                    async for chunk in response.aiter_bytes(1 << 16):
                        out.write(chunk)

        await _in_workers(blobs, fetch)
    return time.perf_counter() - start


class _PlainFile:
    """A sink that only writes what arrives (no hash, no fsync)."""

    def __init__(self, path: Path) -> None:
        self.file = open(path, "wb")  # noqa: SIM115

    def begin(self, offset: int) -> None:
        assert offset == 0

    def write(self, data: bytes) -> None:
        self.file.write(data)


async def direct_get(url: str, bearer: str, blobs: list[tuple[str, int]], dest: Path) -> float:
    """The real path's socket reader (``sync.blob_receiver``) writing plain files: what the
    real path would cost without its hashing and durability."""
    server = BlobServer.from_url(url, None)
    assert server is not None
    headers = {"Authorization": f"Bearer {bearer}"}
    start = time.perf_counter()

    async def fetch(sha: str, _size: int) -> None:
        sink = _PlainFile(dest / sha)
        try:
            await receive_blob(
                server, f"{API}/blobs/{sha}", headers, sink, 0, connect_timeout=5, read_timeout=60
            )
        finally:
            sink.file.close()

    await _in_workers(blobs, fetch)
    return time.perf_counter() - start


async def _in_workers(
    blobs: list[tuple[str, int]], fetch: Callable[[str, int], Awaitable[None]]
) -> None:
    """The files in order, ``WORKERS`` at a time (the terminal's download workers)."""
    todo = list(blobs)

    async def worker() -> None:
        while todo:
            await fetch(*todo.pop(0))

    await asyncio.gather(*(worker() for _ in range(WORKERS)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=500)
    parser.add_argument("--files", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, database(None, Path(tmp)) as db_url:
        root = Path(tmp)
        paths = ServerPaths(root / "server").create()
        hall = prepare_hall(db_url, 1)
        blobs = make_blobs(paths, args.mb, args.files)
        mb = sum(size for _, size in blobs) / 1e6
        with Servers(root, db_url, 1) as servers:
            url = f"http://127.0.0.1:{servers.ports[0]}"
            bearer = hall.terminals[0][1]
            times: dict[str, list[float]] = {"raw": [], "real": [], "direct": []}
            paths = (("raw", plain_get), ("real", real_path), ("direct", direct_get))
            for round_ in range(3):  # alternate, keep the best of each (page cache warm)
                for mode, fn in paths:
                    dest = root / f"{mode}-{round_}"
                    dest.mkdir()
                    times[mode].append(asyncio.run(fn(url, bearer, blobs, dest)))
                    for f in dest.iterdir():
                        f.unlink()
    real, raw, direct = min(times["real"]), min(times["raw"]), min(times["direct"])
    print(
        json.dumps(
            {
                "mb_per_s": round(mb / real, 1),
                "raw_mb_per_s": round(mb / raw, 1),
                "ratio": round(raw / real, 3),
                "direct_mb_per_s": round(mb / direct, 1),
                "direct_ratio": round(direct / real, 3),
                "mb": round(mb, 1),
                "files": len(blobs),
            }
        )
    )


if __name__ == "__main__":
    main()

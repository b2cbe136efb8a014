"""Document downloads: resume, corrupted parts, verification, never a partial final file."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.terminal import ProvisionedTerminal

from congress_desktop.config import ServerPaths
from congress_desktop.errors import CongressError, CorruptFileError, ErrorKind
from congress_desktop.store.views import DocumentView
from congress_desktop.sync.blobs import fetch_blob, verify_cached
from congress_desktop.sync.client import BlobSink, SyncClient
from congress_desktop.sync.engine import SyncEngine

pytestmark = pytest.mark.asyncio


class RecordingClient(SyncClient):
    """A real client that notes the offsets it asked the server for."""

    offsets: list[int]

    async def stream_blob(self, sha256: str, dest: BlobSink, offset: int = 0) -> int:
        self.offsets = [*getattr(self, "offsets", []), offset]
        return await super().stream_blob(sha256, dest, offset)


async def biggest_document(t: ProvisionedTerminal) -> tuple[DocumentView, bytes]:
    engine = SyncEngine(t.store, t.identity)
    await engine.sync_once(fetch_documents=False)
    await engine.aclose()
    doc = max(t.store.documents(), key=lambda d: d.size)
    source = ServerPaths(t.server.data_dir).blob_path(doc.sha256).read_bytes()
    assert len(source) == doc.size > 1000
    return doc, source


def flip_byte(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


async def fetch(t: ProvisionedTerminal, doc: DocumentView) -> tuple[Path, list[int]]:
    async with RecordingClient(t.identity) as client:
        path = await fetch_blob(client, t.store, doc.sha256, doc.size)
        return path, client.offsets


async def test_fresh_download(shared_terminal: ProvisionedTerminal) -> None:
    t = shared_terminal
    doc, source = await biggest_document(t)
    path, offsets = await fetch(t, doc)
    assert offsets == [0]
    assert path == t.paths.blob_path(doc.sha256) and path.read_bytes() == source
    assert t.store.blob_available(doc.sha256)
    assert not path.with_suffix(".part").exists()


async def test_resume_from_half_written_part(shared_terminal: ProvisionedTerminal) -> None:
    t = shared_terminal
    doc, source = await biggest_document(t)
    final = t.paths.blob_path(doc.sha256)
    part = final.with_suffix(".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    half = len(source) // 2
    part.write_bytes(source[:half])
    path, offsets = await fetch(t, doc)
    assert offsets == [half]  # only the rest was asked for
    assert path.read_bytes() == source
    assert not part.exists()
    assert t.store.blob_available(doc.sha256)


async def test_corrupted_part_is_downloaded_again(
    shared_terminal: ProvisionedTerminal,
) -> None:
    t = shared_terminal
    doc, source = await biggest_document(t)
    final = t.paths.blob_path(doc.sha256)
    part = final.with_suffix(".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(source[: len(source) // 2])
    flip_byte(part, 100)
    path, offsets = await fetch(t, doc)
    assert offsets == [len(source) // 2, 0]  # resumed, failed verification, started over
    assert path.read_bytes() == source
    assert not part.exists()


async def test_overlong_part_starts_over(shared_terminal: ProvisionedTerminal) -> None:
    t = shared_terminal
    doc, source = await biggest_document(t)
    part = t.paths.blob_path(doc.sha256).with_suffix(".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(source + b"garbage")
    path, offsets = await fetch(t, doc)
    assert offsets == [0] and path.read_bytes() == source


async def test_bad_bytes_from_the_server_never_reach_the_final_path(
    shared_terminal: ProvisionedTerminal,
) -> None:
    t = shared_terminal
    doc, _source = await biggest_document(t)
    on_server = ServerPaths(t.server.data_dir).blob_path(doc.sha256)
    final = t.paths.blob_path(doc.sha256)
    flip_byte(on_server, 500)  # disk rot on the server
    try:
        with pytest.raises(CorruptFileError, match="failed verification"):
            await fetch(t, doc)
    finally:
        flip_byte(on_server, 500)  # the server is shared by this module's tests
    assert not final.exists()
    assert not final.with_suffix(".part").exists()
    assert not t.store.blob_available(doc.sha256)
    assert doc.sha256 in {d.sha256 for d in t.store.documents_to_fetch()}


async def test_verify_cached_catches_a_damaged_file(
    shared_terminal: ProvisionedTerminal,
) -> None:
    t = shared_terminal
    doc, source = await biggest_document(t)
    path, _ = await fetch(t, doc)
    assert verify_cached(t.store) == []
    flip_byte(path, 10)
    assert verify_cached(t.store) == [doc.sha256]
    assert not path.exists() and not t.store.blob_available(doc.sha256)
    path, _ = await fetch(t, doc)
    assert path.read_bytes() == source


@contextlib.contextmanager
def tiny_filesystem(where: Path, size: str) -> Iterator[None]:
    """A tmpfs of ``size`` mounted on ``where`` (root only), so writes meet a real ENOSPC."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tiny tmpfs needs root")
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(where)], check=True)


async def test_full_disk_is_reported_and_cleaned(shared_terminal: ProvisionedTerminal) -> None:
    t = shared_terminal
    doc, _source = await biggest_document(t)
    final = t.paths.blob_path(doc.sha256)
    with tiny_filesystem(final.parent, "64k"):
        with pytest.raises(CongressError, match="disk full") as info:
            await fetch(t, doc)
        assert info.value.kind is ErrorKind.DISK_FULL
        assert list(final.parent.iterdir()) == []  # no part left behind, no final file
    assert not t.store.blob_available(doc.sha256)

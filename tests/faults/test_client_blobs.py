"""Document downloads under faults: answers cut at random offsets (the fault proxy), a byte
flipped in transit, a restart in between, and superseded files removed once unused."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import random
from pathlib import Path

import httpx
import pytest
from fixtures.fault_proxy import FaultProxy, Rule
from fixtures.live_server import LiveServer
from fixtures.terminal import ProvisionedTerminal, provision_terminal, server_engine

from congress_desktop import model
from congress_desktop.config import ServerPaths, TerminalPaths
from congress_desktop.demo_content import DemoContent
from congress_desktop.errors import CorruptFileError, OfflineError
from congress_desktop.server.changes import write_row
from congress_desktop.store import TerminalStore
from congress_desktop.store.views import DocumentView
from congress_desktop.sync.blobs import fetch_blob
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.engine import SyncEngine

pytestmark = pytest.mark.asyncio


async def biggest(t: ProvisionedTerminal) -> DocumentView:
    engine = SyncEngine(t.store, t.identity)
    await engine.sync_once(fetch_documents=False)
    await engine.aclose()
    return max(t.store.documents(), key=lambda d: d.size)


async def test_cut_at_random_offsets_resumes_across_restarts(
    tmp_path: Path,
    seeded_server: LiveServer,
    demo_content: DemoContent,
    fault_proxy: type[FaultProxy],
) -> None:
    t = await asyncio.to_thread(provision_terminal, seeded_server, demo_content, tmp_path / "t")
    proxy = fault_proxy(seeded_server.port).start()
    identity = dataclasses.replace(t.identity, server_url=proxy.url)
    try:
        doc = await biggest(t)
        source = ServerPaths(seeded_server.data_dir).blob_path(doc.sha256).read_bytes()
        final = t.paths.blob_path(doc.sha256)
        part = final.with_suffix(".part")
        rng = random.Random(3)
        cuts = sorted(rng.sample(range(400, len(source) // 4), 4))
        sizes = []
        for cut in cuts:
            proxy.add_rule(Rule("down", "truncate", path="/blobs/", nbytes=cut))
            async with SyncClient(identity) as client:
                with pytest.raises(OfflineError):
                    await fetch_blob(client, t.store, doc.sha256, doc.size)
            assert not final.exists()  # a partial file is never visible
            assert not t.store.blob_available(doc.sha256)
            have = part.stat().st_size if part.exists() else 0
            assert have < len(source) and part.read_bytes() == source[:have]
            sizes.append(have)
            # a restart between cuts: the store is closed and opened again
            t.store.close()
            t.store = TerminalStore(TerminalPaths(t.data_dir))
        assert sizes == sorted(sizes) and sizes[-1] > 0  # each attempt resumed, none restarted

        async with SyncClient(identity) as client:
            path = await fetch_blob(client, t.store, doc.sha256, doc.size)
        assert path.read_bytes() == source and not part.exists()
        assert t.store.blob_available(doc.sha256)
        ranged = proxy.requests[f"GET /api/v1/blobs/{doc.sha256}"]
        assert ranged == len(cuts) + 1
    finally:
        t.store.close()


class FlipTransport(httpx.AsyncBaseTransport):
    """Flips one byte of the first blob answer at a random offset (a bad NIC, a bad proxy)."""

    def __init__(self, seed: int) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.rng = random.Random(seed)
        self.flipped = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if "/blobs/" not in request.url.path or self.flipped:
            return response
        self.flipped = True
        body = await response.aread()
        data = bytearray(body)
        at = self.rng.randrange(len(data))
        data[at] ^= 0x01
        return httpx.Response(response.status_code, headers=response.headers, content=bytes(data))

    async def aclose(self) -> None:
        await self.inner.aclose()


async def test_a_flipped_byte_is_caught_and_the_next_try_is_clean(
    shared_terminal: ProvisionedTerminal,
) -> None:
    t = shared_terminal
    doc = await biggest(t)
    final = t.paths.blob_path(doc.sha256)
    async with SyncClient(t.identity, transport=FlipTransport(seed=7)) as client:
        with pytest.raises(CorruptFileError):
            await fetch_blob(client, t.store, doc.sha256, doc.size)
        assert not final.exists() and not final.with_suffix(".part").exists()
        assert not t.store.blob_available(doc.sha256)
        path = await fetch_blob(client, t.store, doc.sha256, doc.size)  # no flip this time
    assert path.read_bytes() == ServerPaths(t.server.data_dir).blob_path(doc.sha256).read_bytes()


async def test_superseded_versions_are_removed_once_unused(
    synced_terminal: ProvisionedTerminal,
) -> None:
    t = synced_terminal
    docs = t.store.documents()
    shared = {d.sha256 for d in docs if sum(e.sha256 == d.sha256 for e in docs) > 1}
    old = next(d for d in docs if d.sha256 not in shared)
    keep = next(d for d in docs if d.sha256 != old.sha256)
    assert t.paths.blob_path(old.sha256).exists()
    # the secretariat replaces the document with a new version: another file
    new_bytes = b"%PDF-1.4\n% a new version\n%%EOF\n"
    new_sha = hashlib.sha256(new_bytes).hexdigest()
    server_blob = ServerPaths(t.server.data_dir).blob_path(new_sha)
    server_blob.parent.mkdir(parents=True, exist_ok=True)
    server_blob.write_bytes(new_bytes)
    engine = server_engine(t.server)
    try:
        with engine.begin() as conn:
            write_row(
                conn,
                model.documents,
                {"id": old.id, "sha256": new_sha, "size": len(new_bytes), "version": 2},
            )
    finally:
        engine.dispose()
    sync = SyncEngine(t.store, t.identity)
    try:
        await sync.sync_once()
    finally:
        await sync.aclose()
    assert not t.paths.blob_path(old.sha256).exists()  # superseded, unused: removed
    assert old.sha256 not in {sha for sha, _size in t.store.available_blobs()}
    assert t.paths.blob_path(new_sha).read_bytes() == new_bytes
    assert t.paths.blob_path(keep.sha256).exists()  # still used: kept
    assert sync.status.documents_cached == sync.status.documents_total

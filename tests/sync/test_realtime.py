"""Real time against the real server: SSE nudges, polling fallback, reconnects, retries,
heartbeats, document progress.

Server-side changes are made through the server's own API: a second terminal (seat 2)
pushes a suggestion that delegate 1 co-signs, so the server's commit hook nudges terminal 1's
event stream exactly as it would for any write.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fixtures.fault_proxy import FaultProxy, Rule
from fixtures.live_server import LiveServer
from fixtures.terminal import ProvisionedTerminal, provision_terminal, server_engine
from sqlalchemy import select

from congress_desktop import model
from congress_desktop.demo_content import DemoContent
from congress_desktop.model import SignInMethod
from congress_desktop.server.db import terminals
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.engine import SyncEngine, SyncStatus

from .helpers import FaultTransport, eventually, server_count, unavailable

pytestmark = pytest.mark.asyncio


async def make_cosigner(
    server: LiveServer, content: DemoContent, data_dir: Path
) -> ProvisionedTerminal:
    """A second terminal, at seat 2, synced once (close its store)."""
    other = await asyncio.to_thread(provision_terminal, server, content, data_dir, 2)
    engine = SyncEngine(other.store, other.identity)
    await engine.sync_once(fetch_documents=False)
    await engine.aclose()
    return other


@pytest_asyncio.fixture
async def cosigner(
    tmp_path: Path, seeded_server: LiveServer, demo_content: DemoContent
) -> AsyncIterator[ProvisionedTerminal]:
    other = await make_cosigner(seeded_server, demo_content, tmp_path / "seat2")
    try:
        yield other
    finally:
        other.store.close()


@pytest_asyncio.fixture
async def shared_cosigner(
    tmp_path: Path, shared_seeded_server: LiveServer, demo_content: DemoContent
) -> AsyncIterator[ProvisionedTerminal]:
    other = await make_cosigner(shared_seeded_server, demo_content, tmp_path / "seat2")
    try:
        yield other
    finally:
        other.store.close()


async def cosigned_suggestion(other: ProvisionedTerminal, cosigner_id: str, title: str) -> str:
    """Seat 2 files a suggestion co-signed by ``cosigner_id`` and pushes it; returns its id."""
    lead = other.store.seat_delegate(other.seat)
    assert lead is not None
    suggestion_id = other.store.submit_suggestion(
        lead.id, title, "内容", "other", cosigner_ids=[cosigner_id]
    )
    engine = SyncEngine(other.store, other.identity)
    try:
        await engine.sync_once(fetch_documents=False)
    finally:
        await engine.aclose()
    assert other.store.outbox_pending() == 0
    return suggestion_id


def has_suggestion(t: ProvisionedTerminal, suggestion_id: str) -> bool:
    query = select(model.suggestions.c.id).where(model.suggestions.c.id == suggestion_id)
    return t.store.read(lambda c: c.execute(query).first()) is not None


def my_id(t: ProvisionedTerminal) -> str:
    delegate = t.store.seat_delegate(t.seat)
    assert delegate is not None
    return delegate.id


def engine_with(t: ProvisionedTerminal, transport: FaultTransport, **kwargs: float) -> SyncEngine:
    client = SyncClient(t.identity, transport=transport)
    options = {"backoff_initial": 0.1, "backoff_max": 0.5, "stream_backoff_max": 0.5, **kwargs}
    return SyncEngine(t.store, t.identity, client=client, **options)  # type: ignore[arg-type]


async def stop(engine: SyncEngine, task: asyncio.Task[None]) -> None:
    engine.stop()
    await asyncio.wait_for(task, 10)
    await engine.client.aclose()


async def test_a_server_change_arrives_within_a_second_without_polling(
    shared_terminal: ProvisionedTerminal, shared_cosigner: ProvisionedTerminal
) -> None:
    t, cosigner = shared_terminal, shared_cosigner
    transport = FaultTransport()
    engine = engine_with(t, transport, poll_interval=600, stream_poll_interval=600)
    task = asyncio.create_task(engine.run())
    try:
        await eventually(lambda: engine.status.online and engine.status.stream_connected)
        await asyncio.sleep(0.5)  # the connect-time round is over
        pulls = len(transport.paths("/sync/pull"))
        for n in range(3):
            suggestion_id = await cosigned_suggestion(cosigner, my_id(t), f"建议{n}")
            pushed = time.monotonic()
            arrived = functools.partial(has_suggestion, t, suggestion_id)
            await eventually(arrived, 3, "the nudged pull")
            assert time.monotonic() - pushed < 1.0
        # one pull per nudge (plus at most a second for a nudge that raced the first pull)
        assert len(transport.paths("/sync/pull")) - pulls <= 6
    finally:
        await stop(engine, task)


async def test_stream_down_polls_then_reconnects_and_resumes(
    provisioned_terminal: ProvisionedTerminal, cosigner: ProvisionedTerminal
) -> None:
    t = provisioned_terminal
    blocked = True

    def rule(request: httpx.Request) -> httpx.Response | None:
        # a proxy in the way that refuses the event stream (and only it)
        return unavailable() if blocked and request.url.path.endswith("/events") else None

    transport = FaultTransport(rule)
    engine = engine_with(t, transport, poll_interval=1.0, stream_poll_interval=600)
    task = asyncio.create_task(engine.run())
    try:
        await eventually(lambda: engine.status.online, what="first sync")
        assert not engine.status.stream_connected
        first = await cosigned_suggestion(cosigner, my_id(t), "轮询")
        await eventually(lambda: has_suggestion(t, first), 4, "polling fallback")

        blocked = False
        await eventually(lambda: engine.status.stream_connected, 5, "stream reconnect")
        second = await cosigned_suggestion(cosigner, my_id(t), "推送")
        pushed = time.monotonic()
        await eventually(lambda: has_suggestion(t, second), 3, "nudge after reconnect")
        assert time.monotonic() - pushed < 1.0

        # the server restarts: the stream is cut, comes back with Last-Event-ID
        seen_ids = len(transport.paths("/events"))
        await asyncio.to_thread(t.server.stop)
        await eventually(lambda: not engine.status.stream_connected, 5, "stream cut")
        await asyncio.to_thread(t.server.start)
        await eventually(lambda: engine.status.stream_connected, 10, "stream back")
        resumed = transport.paths("/events")[seen_ids:]
        last_id = resumed[-1].headers.get("last-event-id")
        assert last_id is not None and int(last_id) >= t.store.cursor()[1] - 1
        third = await cosigned_suggestion(cosigner, my_id(t), "重启后")
        pushed = time.monotonic()
        await eventually(lambda: has_suggestion(t, third), 3, "nudge after restart")
        assert time.monotonic() - pushed < 1.0
    finally:
        await stop(engine, task)


async def test_503s_are_retried_with_no_user_action(
    shared_terminal: ProvisionedTerminal, fault_proxy: type[FaultProxy]
) -> None:
    t = shared_terminal
    proxy = fault_proxy(t.server.port).start()
    proxy.add_rule(Rule("up", "respond", path="/sync/push", status=503, times=4))
    identity = dataclasses.replace(t.identity, server_url=proxy.url)
    engine = SyncEngine(
        t.store,
        identity,
        poll_interval=600,
        stream_poll_interval=600,
        backoff_initial=0.1,
        backoff_max=0.5,
    )
    statuses: list[SyncStatus] = []
    engine.add_listener(lambda e: statuses.append(e.status))
    task = asyncio.create_task(engine.run())
    try:
        await eventually(lambda: engine.status.online, what="first sync")
        delegate, sitting = t.store.seat_delegate(t.seat), t.store.current_sitting()
        assert delegate is not None and sitting is not None
        t.store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
        engine.nudge()  # the one and only user action
        await eventually(lambda: t.store.outbox_pending() == 0, 15, "retries on the timer")
        assert proxy.requests["POST /api/v1/sync/push"] == 5
        assert any("503" in (s.last_error or "") for s in statuses)
        await eventually(lambda: engine.status.online, 5, "round finished")
        assert engine.status.last_error is None
        assert server_count(t.server, model.signins, delegate_id=delegate.id) == 1
    finally:
        engine.stop()
        await asyncio.wait_for(task, 10)


async def test_a_full_disk_stops_downloads_cleanly_and_they_resume(
    shared_terminal: ProvisionedTerminal,
) -> None:
    t = shared_terminal
    free = shutil.disk_usage(t.paths.blobs).free
    engine = SyncEngine(t.store, t.identity, disk_reserve=free + (1 << 30), download_retry=0.3)
    task = asyncio.create_task(engine.run())
    try:
        await eventually(lambda: engine.status.disk_full, 10, "disk full status")
        status = engine.status
        assert "disk full" in (status.last_error or "") and status.download_error
        assert status.documents_cached == 0 and status.downloads_queued > 0
        assert not any(t.paths.blobs.rglob("*"))  # nothing written, nothing partial
        assert t.store.download_queue()[0].attempts >= 1
        assert status.online  # sync itself goes on: sign-ins still flow

        engine.disk_reserve = 0  # room again (a technician freed space)
        await eventually(
            lambda: engine.status.documents_cached == engine.status.documents_total,
            20,
            "downloads resumed on their own",
        )
        assert not engine.status.disk_full and engine.status.download_error is None
    finally:
        engine.stop()
        await asyncio.wait_for(task, 10)


async def test_heartbeat_reaches_the_server_and_progress_is_reported(
    shared_terminal: ProvisionedTerminal,
) -> None:
    t = shared_terminal
    transport = FaultTransport()
    engine = engine_with(t, transport, heartbeat_min_gap=0.0, max_downloads=1)
    statuses: list[SyncStatus] = []
    engine.add_listener(lambda e: statuses.append(e.status))
    task = asyncio.create_task(engine.run())
    try:
        # the counts and the queue are two status updates: wait for both to settle
        await eventually(
            lambda: (
                engine.status.documents_cached == engine.status.documents_total > 0
                and engine.status.downloads_queued == 0
            ),
            what="documents downloaded and the queue empty",
        )
        status = engine.status
        assert status.bytes_total > 0 and status.bytes_done == status.bytes_cached
        assert status.bytes_cached == status.bytes_total and status.downloads == ()
        assert status.downloads_queued == 0 and not status.disk_full
        assert status.clock_offset_s is not None and abs(status.clock_offset_s) < 5
        # progress was reported per document while the files came in
        seen = [d for s in statuses for d in s.downloads]
        assert seen and all(0 <= d.bytes_done <= d.bytes_total for d in seen)
        assert max(s.bytes_done for s in statuses) == status.bytes_total
        assert t.store.download_queue() == []

        await engine.send_heartbeat()
        engine_db = server_engine(t.server)
        query = select(terminals).where(terminals.c.id == t.identity.terminal_id)

        def stored() -> dict[str, object]:
            with engine_db.connect() as conn:
                return dict(conn.execute(query).mappings().one())

        try:  # heartbeats are written in batches, about once a second
            await eventually(
                lambda: stored()["documents_cached"] == status.documents_cached, 10, "heartbeat"
            )
            row: dict[str, Any] = stored()
        finally:
            engine_db.dispose()
        assert row["documents_total"] == status.documents_total
        assert row["documents_cached"] == status.documents_cached
        assert row["outbox_pending"] == 0 and row["disk_free_bytes"] > 0
        assert abs(row["clock_skew_s"]) < 5
    finally:
        await stop(engine, task)

"""``GET /api/v1/events`` and ``POST /api/v1/heartbeat`` against real server processes."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fixtures.live_server import LiveServer
from fixtures.terminal import server_engine
from server.helpers import World, signin_op
from sqlalchemy import select, text

from congress_desktop.server.db import terminals
from congress_desktop.server.events import current_item_event
from congress_desktop.server.notify import CHANNEL, encode

from .helpers import API, enroll, health_seq, open_stream, prepare_world, push, world_server

pytestmark = pytest.mark.asyncio


@pytest.fixture(scope="module")
def world_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, World]]:
    server, world = world_server(tmp_path_factory.mktemp("events") / "server")
    try:
        yield server, world
    finally:
        server.stop()


async def test_a_stream_needs_a_terminal_credential(world_live: tuple[LiveServer, World]) -> None:
    server, _ = world_live
    response = httpx.get(f"{server.url}{API}/events", timeout=5)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


async def test_resume_with_last_event_id(world_live: tuple[LiveServer, World]) -> None:
    server, _ = world_live
    headers = enroll(server, None)
    latest = health_seq(server.url)
    async with open_stream(server.url, headers) as stream:  # first connect: told the seq
        evt = await stream.until("changes")
        assert evt.id == str(latest) and evt.json() == {"seq": latest}
    async with open_stream(server.url, headers, last_event_id=latest) as stream:
        assert await stream.next(0.5) is None  # up to date: nothing to say
        assert "ok" in stream.comments
    async with open_stream(server.url, headers, last_event_id=latest - 3) as stream:
        assert (await stream.until("changes")).json() == {"seq": latest}


async def test_a_sign_in_nudges_only_its_delegates_terminals(
    world_live: tuple[LiveServer, World],
) -> None:
    server, world = world_live
    seat1, seat2, pusher = enroll(server, 1), enroll(server, 2), enroll(server, 1)
    latest = health_seq(server.url)
    async with (
        open_stream(server.url, seat1, latest) as mine,
        open_stream(server.url, seat2, latest) as other,
    ):
        results = await push(server.url, pusher, [signin_op(world.delegates[0], world.sittings[1])])
        assert results[0]["status"] == "applied"
        evt = await mine.until("changes", timeout=3)
        assert evt.json()["seq"] == latest + 1 and evt.id == str(latest + 1)
        assert await other.next(0.5) is None


async def test_heartbeat_is_stored_latest_only_with_the_clock_skew(
    world_live: tuple[LiveServer, World],
) -> None:
    server, _ = world_live
    headers = enroll(server, 3)
    terminal_id = headers["Authorization"].split()[1].split(".")[0]
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    async with httpx.AsyncClient(base_url=server.url + API, headers=headers) as client:
        for cached in (1, 7):
            body = {
                "app_version": "9.9.9",
                "documents_total": 12,
                "documents_cached": cached,
                "outbox_pending": 2,
                "disk_free_bytes": 10**9,
                "terminal_time": ahead.isoformat(),
            }
            response = await client.post("/heartbeat", json=body)
            assert response.status_code == 200, response.text
        answer = response.json()
    assert 86_390 < answer["clock_skew_s"] < 86_410  # skew reported, never refused
    assert answer["seq"] == health_seq(server.url)
    engine = server_engine(server)
    try:
        deadline = time.monotonic() + 10
        while True:  # heartbeats are written in batches, about once a second
            with engine.connect() as conn:
                query = select(terminals).where(terminals.c.id == terminal_id)
                stored = dict(conn.execute(query).mappings().one())
            if stored["documents_cached"] == 7 or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
    finally:
        engine.dispose()
    assert stored["documents_cached"] == 7 and stored["outbox_pending"] == 2
    assert stored["app_version"] == "9.9.9" and stored["disk_free_bytes"] == 10**9
    assert 86_390 < stored["clock_skew_s"] < 86_410
    assert stored["heartbeat_at"] is not None and stored["terminal_time"] is not None


async def test_sigterm_ends_open_streams_and_exits_promptly(tmp_path: Path) -> None:
    server, _ = world_server(tmp_path / "server")
    try:
        headers = enroll(server, 1)
        async with open_stream(server.url, headers) as stream:
            await stream.until("changes")
            started = time.monotonic()
            code = await asyncio.to_thread(server.stop)
            assert code == 0
            assert time.monotonic() - started < 3.0
            assert await stream.next(2) is None  # the stream ended
    finally:
        server.kill()


@pytest.mark.postgres
async def test_postgres_processes_nudge_each_others_terminals(tmp_path: Path, pg_url: str) -> None:
    world = prepare_world(tmp_path / "a", pg_url)
    a = LiveServer(tmp_path / "a", db_url=pg_url).start()
    b = LiveServer(tmp_path / "b", db_url=pg_url).start()
    try:
        seat1 = enroll(a, 1)
        latest = health_seq(a.url)
        async with open_stream(b.url, seat1, latest) as on_b:
            # a sign-in pushed through process A reaches the stream held by process B
            await asyncio.sleep(0.3)  # B's listener is up once it is healthy; be generous
            results = await push(a.url, seat1, [signin_op(world.delegates[0], world.sittings[0])])
            assert results[0]["status"] == "applied"
            assert (await on_b.until("changes", timeout=3)).json()["seq"] == latest + 1
            # any process (here: this test) can publish through NOTIFY
            engine = server_engine(a)
            try:
                payload = encode(current_item_event(latest + 1, 2, "item-9"), origin="test")
                with engine.begin() as conn:
                    conn.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": payload})
                evt = await on_b.until("current_item", timeout=3)
                assert evt.json() == {
                    "seq": latest + 1,
                    "agenda_version": 2,
                    "current_item_id": "item-9",
                }
                # the listener survives a dropped connection and finds what it missed
                with engine.begin() as conn:
                    killed = conn.execute(
                        text(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE query LIKE 'LISTEN%' OR query LIKE 'SELECT 1%'"
                        )
                    ).scalars()
                    assert any(killed)
                results = await push(
                    a.url, seat1, [signin_op(world.delegates[0], world.sittings[1])]
                )
                assert results[0]["status"] == "applied"
                evt = await on_b.until("changes", timeout=10)
                assert evt.json()["seq"] == latest + 2
            finally:
                engine.dispose()
    finally:
        a.stop()
        b.stop()

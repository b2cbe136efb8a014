"""A reconnecting event stream replays what the terminal missed: the presenter's latest page
(同步翻页) and the notices published while it was away — also after a server restart."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from admin.helpers import ADMIN, PASSWORD, add_user
from fixtures.fault_proxy import FaultProxy
from fixtures.live_server import LiveServer
from fixtures.terminal import enrollment_token, server_engine
from server.helpers import World, make_pdf
from sync.helpers import eventually

from congress_desktop.config import TerminalPaths
from congress_desktop.protocol import ConsoleRole
from congress_desktop.store import TerminalStore
from congress_desktop.sync.engine import SyncEngine, SyncEvent
from congress_desktop.sync.provision import provision

from .helpers import SseEvent, SseReader, enroll, health_seq, open_stream, world_server

pytestmark = pytest.mark.asyncio


class Secretariat:
    """The console's calls, over HTTP to the live server."""

    def __init__(self, server: LiveServer, tmp_path: Path) -> None:
        engine = server_engine(server)
        try:
            add_user(engine, "mishu", ConsoleRole.SECRETARIAT)
        finally:
            engine.dispose()
        self.http = httpx.Client(base_url=server.url + ADMIN, timeout=30)
        self.login()
        pdf = make_pdf(tmp_path / "报告.pdf", pages=5).read_bytes()
        answer = self.http.post("/documents", files={"file": ("报告.pdf", pdf)})
        assert answer.status_code == 201, answer.text
        self.document_id: str = answer.json()["id"]

    def login(self) -> None:
        answer = self.http.post("/login", json={"username": "mishu", "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        self.http.headers["Authorization"] = f"Bearer {answer.json()['token']}"

    def page(self, page: int) -> None:
        body = {"document_id": self.document_id, "page": page}
        answer = self.http.put("/agenda/presenter", json=body)
        assert answer.status_code == 200, answer.text

    def notice(self, title: str) -> str:
        answer = self.http.post("/notices", json={"title": title})
        assert answer.status_code == 201, answer.text
        notice_id: str = answer.json()["id"]
        return notice_id


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveServer, World, Secretariat]]:
    server, world = world_server(tmp_path / "server")
    try:
        secretariat = Secretariat(server, tmp_path)
        yield server, world, secretariat
        secretariat.http.close()
    finally:
        server.stop()


async def drain(stream: SseReader, quiet: float = 1.0) -> list[SseEvent]:
    """Every event until the stream has been quiet for ``quiet`` seconds (the reader is
    finished afterwards: a timed-out read closes its line iterator)."""
    events = []
    while (evt := await stream.next(quiet)) is not None:
        events.append(evt)
    return events


def pages(events: list[SseEvent]) -> list[int]:
    return [e.json()["page"] for e in events if e.event == "follow"]


def notices(events: list[SseEvent]) -> list[str]:
    return [e.json()["id"] for e in events if e.event == "notice"]


async def test_reconnect_replays_the_latest_page_and_the_missed_notices(
    live: tuple[LiveServer, World, Secretariat],
) -> None:
    server, _world, secretariat = live
    headers = enroll(server, 1)
    async with open_stream(server.url, headers) as stream:
        await stream.until("changes")  # (a read that times out would end the reader)
        await asyncio.to_thread(secretariat.page, 1)
        assert (await stream.until("follow")).json()["page"] == 1
        first = await asyncio.to_thread(secretariat.notice, "请各位代表入场")
        assert (await stream.until("notice")).json()["id"] == first
    seen = health_seq(server.url)

    # away: the presenter turns two pages, two notices go out
    await asyncio.to_thread(secretariat.page, 2)
    await asyncio.to_thread(secretariat.page, 3)
    missed = [await asyncio.to_thread(secretariat.notice, t) for t in ("休会十分钟", "继续开会")]

    async with open_stream(server.url, headers, last_event_id=seen) as stream:
        events = await drain(stream)
    assert pages(events) == [3]  # the latest page only
    assert notices(events) == missed  # the missed ones, in order, not the one already seen
    assert "changes" in {e.event for e in events}  # and the pull brings the rows

    latest = health_seq(server.url)
    async with open_stream(server.url, headers, last_event_id=latest) as stream:
        events = await drain(stream)
    assert pages(events) == [3] and notices(events) == []  # up to date: no notice again

    fresh = enroll(server, 2)  # a terminal switched on now follows at once too
    async with open_stream(server.url, fresh) as stream:
        events = await drain(stream)
    assert pages(events) == [3] and notices(events) == []

    await asyncio.to_thread(server.stop)
    await asyncio.to_thread(server.start)
    async with open_stream(server.url, headers, last_event_id=seen) as stream:
        events = await drain(stream)
    assert pages(events) == [3]  # from the database: the hub's memory is gone
    assert notices(events) == missed


async def test_a_sync_engine_hears_what_it_missed_while_its_stream_was_down(
    tmp_path: Path,
    live: tuple[LiveServer, World, Secretariat],
    fault_proxy: type[FaultProxy],
) -> None:
    server, _world, secretariat = live
    proxy = fault_proxy(server.port).start()
    token = enrollment_token(server, 1)
    identity = await asyncio.to_thread(provision, server.url, token, tmp_path / "t", "replay")
    identity = dataclasses.replace(identity, server_url=proxy.url)
    store = await asyncio.to_thread(TerminalStore, TerminalPaths(tmp_path / "t"))
    heard: list[tuple[str, Any]] = []

    def listen(event: SyncEvent) -> None:
        if event.follow is not None:
            heard.append(("follow", event.follow.page))
        if event.notice is not None:
            heard.append(("notice", event.notice.id))

    engine = SyncEngine(
        store, identity, backoff_initial=0.1, stream_backoff_max=0.5, heartbeat_interval=None
    )
    engine.add_listener(listen)
    task = asyncio.create_task(engine.run())
    try:
        await eventually(lambda: engine.status.stream_connected, 20, "the stream")
        await asyncio.to_thread(secretariat.page, 0)
        await eventually(lambda: ("follow", 0) in heard, 10, "the live page")

        proxy.refuse = True  # the hall's network drops
        proxy.cut_all()
        await eventually(lambda: not engine.status.stream_connected, 10, "the stream down")
        heard.clear()
        await asyncio.to_thread(secretariat.page, 4)
        notice = await asyncio.to_thread(secretariat.notice, "投票即将开始")
        await asyncio.sleep(0.5)
        assert heard == []  # nothing reached the terminal meanwhile

        proxy.refuse = False  # back: the stream reconnects with Last-Event-ID
        await eventually(lambda: ("notice", notice) in heard, 20, "the missed notice")
        assert ("follow", 4) in heard
        assert [h for h in heard if h[0] == "follow"] == [("follow", 4)]
        assert heard.count(("notice", notice)) == 1
    finally:
        engine.stop()
        await asyncio.wait_for(task, 20)
        await asyncio.to_thread(store.close)

"""Server-Sent Events: the parser, and the engine's reactions to a scripted event stream.

The stream here is a scripted httpx transport (bytes exactly as a server or a proxy might
send them), so each rule is checked in isolation; tests/sync/test_realtime.py checks the same
engine against the real server.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from store.replica_pages import EPOCH, SESSION_ID, basic_session, change, page

from congress_desktop.config import TerminalPaths
from congress_desktop.store import Identity, TerminalStore
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.engine import SyncEngine, SyncEvent
from congress_desktop.sync.sse import ServerSentEvent, SSEParser

from .helpers import eventually


def parse(text: str) -> tuple[list[ServerSentEvent], SSEParser]:
    parser = SSEParser()
    events = []
    for line in text.splitlines():
        event = parser.feed(line)
        if event is not None:
            events.append(event)
    return events, parser


def test_parser_follows_the_event_stream_rules() -> None:
    events, parser = parse(
        ": ok\n\n"  # comment only: nothing
        "retry: 2500\n"
        'id: 7\nevent: changes\ndata: {"seq":7}\n\n'
        "data:first\ndata: second\ndata\n\n"  # multi-line data, no space, empty field
        "id: 9\nevent: follow\nunknown: field\ndata: {}\n\n"
        "event: notice\n\n"  # no data: not dispatched
        "id\ndata: x\n\n"  # an empty id resets the last event id
        "retry: soon\n"  # not digits: ignored
        'id: 10\nevent: changes\ndata: {"seq":10}\n'  # cut before its blank line
    )
    assert [(e.event, e.data, e.id) for e in events] == [
        ("changes", '{"seq":7}', "7"),
        ("message", "first\nsecond\n", "7"),
        ("follow", "{}", "9"),
        ("message", "x", None),
    ]
    assert parser.retry_ms == 2500
    assert parser.last_event_id == "10"  # the id field counts even if its event was cut


# --------------------------------------------------------------------------- scripted server


class ScriptedServer:
    """Answers /events from a queue the test feeds, /sync/pull with an empty page at
    ``seq``, /heartbeat with 404; records every request."""

    def __init__(self) -> None:
        self.seq = 20
        self.streams: list[asyncio.Queue[bytes | None]] = []
        self.requests: list[httpx.Request] = []
        self.connected = asyncio.Event()

    def paths(self, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path.endswith(path)]

    async def send(self, chunk: str) -> None:
        await self.streams[-1].put(chunk.encode())

    async def close_stream(self) -> None:
        await self.streams[-1].put(None)

    async def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path.endswith("/events"):
            queue: asyncio.Queue[bytes | None] = asyncio.Queue()
            self.streams.append(queue)
            self.connected.set()

            async def body() -> AsyncIterator[bytes]:
                while (chunk := await queue.get()) is not None:
                    yield chunk

            return httpx.Response(
                200, headers={"content-type": "text/event-stream"}, content=body()
            )
        if path.endswith("/sync/pull"):
            body_json = page([], next=self.seq).model_dump(mode="json")
            body_json["server_time"] = dt.datetime.now(dt.UTC).isoformat()
            return httpx.Response(200, json=body_json)
        return httpx.Response(404, json={"error": {"code": "not_found", "message": "no route"}})


@pytest.fixture
def scripted_store(tmp_path: Path) -> Iterator[TerminalStore]:
    store = TerminalStore(TerminalPaths(tmp_path / "terminal"))
    store.apply_pull(basic_session())
    store.apply_pull(
        page(
            [
                change(
                    "agendas",
                    "agenda-1",
                    20,
                    session_id=SESSION_ID,
                    version=2,
                    current_item_id="item-1",
                ),
            ],
            epoch=EPOCH,
        )
    )
    try:
        yield store
    finally:
        store.close()


def current_item(seq: int, version: int, item: str) -> str:
    data = json.dumps({"seq": seq, "agenda_version": version, "current_item_id": item})
    return f"id: {seq}\nevent: current_item\ndata: {data}\n\n"


@pytest.mark.asyncio
async def test_engine_reacts_to_each_event_type(scripted_store: TerminalStore) -> None:
    server = ScriptedServer()
    identity = Identity("http://terminal.test", "t-1", "secret", 1, SESSION_ID)
    client = SyncClient(identity, transport=httpx.MockTransport(server.handler))
    engine = SyncEngine(
        scripted_store,
        identity,
        client=client,
        poll_interval=600,
        stream_poll_interval=600,
        backoff_initial=0.05,
    )
    live: list[SyncEvent] = []
    engine.add_listener(
        lambda e: live.append(e) if e.current_item or e.follow or e.notice else None
    )
    task = asyncio.create_task(engine.run())
    try:
        await asyncio.wait_for(server.connected.wait(), 5)
        await eventually(lambda: engine.status.stream_connected, 5, "stream open")
        await eventually(lambda: len(server.paths("/sync/pull")) >= 1, 5, "pull on connect")
        await asyncio.sleep(0.2)
        pulls = len(server.paths("/sync/pull"))

        # a late event about an older agenda is dropped; the new one is told at once
        await server.send(": ping\n\n")
        await server.send(current_item(15, 1, "item-0"))
        server.seq = 21
        # one event split across chunks and across data lines, CRLF line endings
        await server.send('id: 21\r\nevent: current_item\r\ndata: {"seq": 21, "agenda')
        await server.send('_version": 2,\r\ndata: "current_item_id": "item-2"}\r\n\r\n')
        await eventually(lambda: len(live) == 1, 5, "current item event")
        assert live[0].current_item is not None
        assert live[0].current_item.current_item_id == "item-2"
        await eventually(lambda: len(server.paths("/sync/pull")) > pulls, 5, "jittered pull")
        pulls = len(server.paths("/sync/pull"))

        await server.send(
            'event: follow\ndata: {"document_id": "doc-1", "page": 3, "presenter": "王"}\n\n'
            'event: notice\ndata: {"id": "notice-9", "title": "休会"}\n\n'
        )
        await eventually(lambda: len(live) == 3, 5, "follow and notice")
        assert live[1].follow is not None and live[1].follow.page == 3
        assert live[2].notice is not None and live[2].notice.title == "休会"
        await server.send(current_item(21, 2, "item-2"))  # a replay: already known
        await server.send('id: 21\nevent: changes\ndata: {"seq": 21}\n\n')  # cursor is there
        await server.send('event: changes\ndata: {"seq": "not a number"}\n\n')  # malformed
        await asyncio.sleep(0.6)  # longer than the 0.3 s jitter
        assert len(server.paths("/sync/pull")) == pulls  # no pull, nothing new told
        assert len(live) == 3

        server.seq = 25
        await server.send('id: 25\nevent: changes\ndata: {"seq": 25}\n\n')
        await eventually(lambda: len(server.paths("/sync/pull")) > pulls, 5, "pull for 25")
        await eventually(lambda: scripted_store.cursor()[1] == 25, 5, "cursor 25")

        # the server ends the stream: reconnect with the last event id
        server.connected.clear()
        await server.close_stream()
        await asyncio.wait_for(server.connected.wait(), 5)
        assert server.paths("/events")[-1].headers["last-event-id"] == "25"
        assert server.paths("/events")[0].headers.get("last-event-id") is None
        assert len(server.paths("/heartbeat")) == 1  # a 404: never asked again
    finally:
        engine.stop()
        await asyncio.wait_for(task, 5)
    assert not engine.status.stream_connected

"""Live-server helpers for the event and fault tests: a small world, enrolled terminals,
an SSE reader and raw pushes.

``world_server(data_dir, db_url)`` migrates a database, writes the small world of
``server.helpers.make_world`` (one open session, two sittings, delegates at seats 1..3) and
starts a real server process on it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from fixtures.live_server import LiveServer
from fixtures.terminal import server_engine
from server.helpers import World, make_world, new_token

from congress_desktop.config import ServerPaths
from congress_desktop.server.db import migrate, open_engine

API = "/api/v1"


def prepare_world(data_dir: Path, db_url: str | None = None) -> World:
    """Migrate the database of a server in ``data_dir`` (or ``db_url``) and seed the world."""
    paths = ServerPaths(data_dir).create()
    engine = open_engine(db_url or paths.default_db_url)
    try:
        migrate(engine)
        return make_world(engine)
    finally:
        engine.dispose()


def world_server(data_dir: Path, db_url: str | None = None) -> tuple[LiveServer, World]:
    world = prepare_world(data_dir, db_url)
    return LiveServer(data_dir, db_url=db_url).start(), world


def enroll(server: LiveServer, seat: int | None, url: str | None = None) -> dict[str, str]:
    """Enroll a terminal at ``seat``; its Authorization header."""
    engine = server_engine(server)
    try:
        token = new_token(engine, seat)
    finally:
        engine.dispose()
    response = httpx.post(f"{url or server.url}{API}/enroll", json={"token": token}, timeout=10)
    response.raise_for_status()
    body = response.json()
    return {"Authorization": f"Bearer {body['terminal_id']}.{body['credential']}"}


@dataclass
class SseEvent:
    event: str
    data: str
    id: str | None = None

    def json(self) -> Any:
        import json

        return json.loads(self.data)


@dataclass
class SseReader:
    """Parses a ``text/event-stream`` body into events (comments are counted)."""

    lines: AsyncIterator[str]
    comments: list[str] = field(default_factory=list)

    async def next(self, timeout: float = 5.0) -> SseEvent | None:
        """The next event, or None when none arrives within ``timeout`` or the stream ends."""
        try:
            return await asyncio.wait_for(self._next(), timeout)
        except (TimeoutError, StopAsyncIteration):
            return None

    async def _next(self) -> SseEvent:
        fields: dict[str, str] = {}
        async for line in self.lines:
            if not line:
                if "data" in fields or "event" in fields:
                    return SseEvent(
                        fields.get("event", "message"), fields.get("data", ""), fields.get("id")
                    )
                continue
            if line.startswith(":"):
                self.comments.append(line[1:].strip())
                continue
            name, _, value = line.partition(":")
            fields[name] = value[1:] if value.startswith(" ") else value
        raise StopAsyncIteration

    async def until(self, kind: str, timeout: float = 5.0) -> SseEvent:
        """Skip events until one of type ``kind`` arrives (AssertionError after ``timeout``)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (left := deadline - loop.time()) > 0:
            evt = await self.next(left)
            if evt is not None and evt.event == kind:
                return evt
        raise AssertionError(f"no {kind!r} event within {timeout} s")


@contextlib.asynccontextmanager
async def open_stream(
    base_url: str, headers: dict[str, str], last_event_id: int | None = None
) -> AsyncIterator[SseReader]:
    extra = dict(headers)
    if last_event_id is not None:
        extra["Last-Event-ID"] = str(last_event_id)
    timeout = httpx.Timeout(10.0, read=None)
    async with (
        httpx.AsyncClient(base_url=base_url + API, timeout=timeout) as client,
        client.stream("GET", "/events", headers=extra) as response,
    ):
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        yield SseReader(response.aiter_lines())


async def push(
    base_url: str, headers: dict[str, str], ops: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=base_url + API, timeout=30) as client:
        response = await client.post("/sync/push", json={"ops": ops}, headers=headers)
    response.raise_for_status()
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def health_seq(base_url: str) -> int:
    return int(httpx.get(f"{base_url}{API}/health", timeout=5).json()["seq"])

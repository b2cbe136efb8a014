"""``GET /api/v1/events``: Server-Sent Events for an enrolled terminal.

Event ids are ``server_seq`` values (the highest this stream has announced); a client that
reconnects with ``Last-Event-ID: N`` gets a ``changes`` event at once unless N is the latest
seq. An idle stream carries a ``: ping`` comment every 15 s. See
:mod:`congress_desktop.server.events` for the event types and the hub.

Replay on (re)connect: every stream starts with the presenter's latest page (``follow``), and
a client that reconnects with ``Last-Event-ID: N`` behind the latest seq also gets the
``notice`` events of the notices published (or changed) after seq N — at most the
:data:`~congress_desktop.server.events.NOTICE_BACKLOG` newest, read from the database after
the stream subscribed, so a notice published meanwhile is neither lost nor sent twice. Older
ones still arrive as rows with the pull.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Annotated

from fastapi import APIRouter, Header
from sqlalchemy import Engine, select
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from congress_desktop.model import notices
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep, TerminalDep
from congress_desktop.server.events import (
    NOTICE_BACKLOG,
    Event,
    EventHub,
    Subscription,
    hub_for,
    notice_event,
    replay_notices,
)
from congress_desktop.server.queries import seat_delegate_id

log = logging.getLogger(__name__)

router = APIRouter()


class EventStream(Response):
    """A ``text/event-stream`` answer fed by one hub :class:`Subscription`."""

    media_type = "text/event-stream"

    def __init__(
        self,
        hub: EventHub,
        terminal_id: str,
        delegate_id: str | None,
        last_event_id: int | None,
        engine: Engine | None = None,
    ) -> None:
        self.status_code = 200
        self.background = None
        self.body = b""
        self.raw_headers = [
            (b"content-type", b"text/event-stream; charset=utf-8"),
            (b"cache-control", b"no-cache, no-transform"),
            (b"x-accel-buffering", b"no"),  # nginx: do not buffer the stream
        ]
        self._hub = hub
        self._terminal_id = terminal_id
        self._delegate_id = delegate_id
        self._last_event_id = last_event_id
        self._engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        sub = self._hub.subscribe(self._terminal_id, self._delegate_id, self._last_event_id)
        watcher = asyncio.create_task(_watch_disconnect(receive, sub))
        try:
            since = self._last_event_id
            if self._engine is not None and since is not None and since < self._hub.latest_seq:
                replay_notices(sub, await run_in_threadpool(missed_notices, self._engine, since))
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            await send({"type": "http.response.body", "body": b": ok\n\n", "more_body": True})
            while True:
                await sub.wake.wait()
                sub.wake.clear()
                if sub.closed:
                    break
                chunk = sub.drain()
                if chunk:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except OSError:  # the client went away while we wrote
            pass
        finally:
            self._hub.unsubscribe(sub)
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher


def missed_notices(engine: Engine, since: int) -> list[Event]:
    """``notice`` events of the live notices written after seq ``since``, oldest first (at
    most the newest :data:`NOTICE_BACKLOG`)."""
    query = (
        select(notices.c.id, notices.c.title)
        .where(notices.c.seq > since, notices.c.deleted.is_(False))
        .order_by(notices.c.seq.desc())
        .limit(NOTICE_BACKLOG)
    )
    with read_connection(engine) as conn:
        rows = conn.execute(query).all()
    return [notice_event(row_id, title) for row_id, title in reversed(rows)]


async def _watch_disconnect(receive: Receive, sub: Subscription) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            sub.closed = True
            sub.wake.set()
            return


def _parse_event_id(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        parsed = int(value.strip())
    except ValueError:
        return None
    return parsed if parsed >= 0 else None


@router.get("/events", response_class=EventStream, status_code=200)
def events(
    state: StateDep,
    terminal: TerminalDep,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> Response:
    hub = hub_for(state.engine)
    if hub is None:  # pragma: no cover - create_app always registers one
        raise RuntimeError("the app has no event hub")
    with read_connection(state.engine) as conn:
        delegate_id = seat_delegate_id(conn, terminal.seat_number)
    return EventStream(
        hub, terminal.id, delegate_id, _parse_event_id(last_event_id), engine=state.engine
    )

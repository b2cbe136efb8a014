"""``GET /api/v1/events``: Server-Sent Events for an enrolled terminal.

Event ids are ``server_seq`` values (the highest this stream has announced); a client that
reconnects with ``Last-Event-ID: N`` gets a ``changes`` event at once unless N is the latest
seq. An idle stream carries a ``: ping`` comment every 15 s. See
:mod:`congress_desktop.server.events` for the event types and the hub.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Annotated

from fastapi import APIRouter, Header
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep, TerminalDep
from congress_desktop.server.events import EventHub, Subscription, hub_for
from congress_desktop.server.queries import seat_delegate_id

log = logging.getLogger(__name__)

router = APIRouter()


class EventStream(Response):
    """A ``text/event-stream`` answer fed by one hub :class:`Subscription`."""

    media_type = "text/event-stream"

    def __init__(
        self, hub: EventHub, terminal_id: str, delegate_id: str | None, last_event_id: int | None
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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        sub = self._hub.subscribe(self._terminal_id, self._delegate_id, self._last_event_id)
        watcher = asyncio.create_task(_watch_disconnect(receive, sub))
        try:
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
    return EventStream(hub, terminal.id, delegate_id, _parse_event_id(last_event_id))

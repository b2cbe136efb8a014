"""Nudges across processes: PostgreSQL LISTEN/NOTIFY, and a watch on the change counter.

**PostgreSQL** (several server processes on one database): every event published in a
process is also sent as ``NOTIFY congress_events`` (a sender task with its own connection,
coalescing ``changes`` while a send is in flight); a listener task in every process
``LISTEN``s and hands the events of *other* processes to its hub. Both reconnect with
backoff; after a reconnect the counter is read at once (notifications sent while we were
away are lost).

**SQLite**: there is one server process per database file, so events stay in process.

**Everywhere**: :class:`CounterWatch` reads ``server_seq`` every few seconds and nudges
terminals when the counter moved but nobody announced it for a whole interval — writes from
another program (a CLI import on the same SQLite file) or a lost notification are then
announced within two intervals, never lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import Engine

from congress_desktop.protocol import (
    ChangesEvent,
    CurrentItemEvent,
    EventType,
    FollowEvent,
    NoticeEvent,
)
from congress_desktop.server.db import current_seq, is_sqlite, read_connection
from congress_desktop.server.events import Event, EventHub, changes_event

log = logging.getLogger(__name__)

CHANNEL = "congress_events"
WATCH_INTERVAL_S = 2.0
LISTEN_IDLE_CHECK_S = 20.0  # an idle listener runs a query this often to find a dead link
RECONNECT_MIN_S = 0.2
RECONNECT_MAX_S = 10.0
DELEGATES_PER_NOTIFY = 100  # keeps each payload far below PostgreSQL's 8000-byte limit
OTHER_BACKLOG = 256

_MODELS: dict[EventType, type[Any]] = {
    EventType.CHANGES: ChangesEvent,
    EventType.CURRENT_ITEM: CurrentItemEvent,
    EventType.FOLLOW: FollowEvent,
    EventType.NOTICE: NoticeEvent,
}


def read_counter(engine: Engine) -> int:
    with read_connection(engine) as conn:
        return current_seq(conn)


# --------------------------------------------------------------------------- wire format


def encode(evt: Event, origin: str) -> str:
    body: dict[str, Any] = {"o": origin, "t": evt.type.value, "d": evt.data.model_dump(mode="json")}
    if evt.delegates is not None:
        body["a"] = sorted(evt.delegates)
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)


def decode(payload: str) -> tuple[str, Event] | None:
    """(origin, event) of a notification payload; None when it cannot be read."""
    try:
        body = json.loads(payload)
        kind = EventType(body["t"])
        data = _MODELS[kind].model_validate(body["d"])
        audience = body.get("a")
        seq = getattr(data, "seq", None)
        delegates = None if audience is None else frozenset(str(d) for d in audience)
        return str(body["o"]), Event(kind, data, seq=seq, delegates=delegates)
    except (ValueError, KeyError, TypeError):
        log.warning("unreadable event notification: %.200s", payload)
        return None


# --------------------------------------------------------------------------- counter watch


class CounterWatch:
    """Announce seqs that nobody announced (see the module docstring)."""

    def __init__(self, engine: Engine, hub: EventHub, interval: float = WATCH_INTERVAL_S) -> None:
        self.engine = engine
        self.hub = hub
        self.interval = interval
        self._suspect = 0

    async def check(self, *, at_once: bool = False) -> None:
        seq = await asyncio.to_thread(read_counter, self.engine)
        if seq <= self.hub.latest_seq:
            self._suspect = 0
            return
        if at_once or (self._suspect and self.hub.latest_seq < self._suspect):
            log.info("server_seq %d was not announced; nudging terminals", seq)
            self.hub.publish(changes_event(seq), forward=False)
            self._suspect = 0
        else:
            self._suspect = seq  # give the writer's own nudge one interval to arrive

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except Exception as exc:  # the database is down: the pulls will say so
                log.warning("cannot read server_seq: %s", exc)


# --------------------------------------------------------------------------- PostgreSQL


def _conninfo(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


class PgBridge:
    """Sends this process's events as NOTIFY and feeds other processes' events to the hub."""

    def __init__(self, engine: Engine, hub: EventHub, watch: CounterWatch) -> None:
        self.engine = engine
        self.hub = hub
        self.watch = watch
        self.origin = uuid.uuid4().hex
        self.connected = asyncio.Event()  # the listener is LISTENing (tests wait on it)
        self._wake = asyncio.Event()
        self._public_seq = 0
        self._private: dict[str, int] = {}
        self._others: deque[Event] = deque(maxlen=OTHER_BACKLOG)

    # ------------------------------------------------------------------ sending

    def forward(self, evt: Event) -> None:
        """Hub forwarder (loop thread): queue ``evt`` for NOTIFY, coalescing changes."""
        if evt.type is EventType.CHANGES:
            seq = evt.seq or 0
            if evt.delegates is None:
                self._public_seq = max(self._public_seq, seq)
            else:
                for delegate in evt.delegates:
                    self._private[delegate] = max(self._private.get(delegate, 0), seq)
        else:
            self._others.append(evt)
        self._wake.set()

    def _take_payloads(self) -> list[str]:
        payloads = [encode(evt, self.origin) for evt in self._others]
        self._others.clear()
        by_seq: dict[int, list[str]] = {}
        for delegate, seq in self._private.items():
            by_seq.setdefault(seq, []).append(delegate)
        self._private.clear()
        for seq, delegates in sorted(by_seq.items()):
            for i in range(0, len(delegates), DELEGATES_PER_NOTIFY):
                chunk = delegates[i : i + DELEGATES_PER_NOTIFY]
                payloads.append(encode(changes_event(seq, chunk), self.origin))
        if self._public_seq:
            payloads.append(encode(changes_event(self._public_seq), self.origin))
            self._public_seq = 0
        return payloads

    async def _send(self) -> None:
        import psycopg

        async def session() -> None:
            conn = await psycopg.AsyncConnection.connect(_conninfo(self.engine), autocommit=True)
            async with conn:
                while True:
                    await self._wake.wait()
                    self._wake.clear()
                    payloads = self._take_payloads()
                    for payload in payloads:
                        await conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))

        await _forever("event sender", session)

    # ------------------------------------------------------------------ listening

    def _receive(self, payload: str) -> None:
        decoded = decode(payload)
        if decoded is None:
            return
        origin, evt = decoded
        if origin != self.origin:
            self.hub.dispatch(evt, forward=False)

    async def _listen(self) -> None:
        import psycopg

        async def session() -> None:
            conn = await psycopg.AsyncConnection.connect(_conninfo(self.engine), autocommit=True)
            async with conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                self.connected.set()
                try:
                    # notifications sent while we were away are lost: look at the counter
                    await self.watch.check(at_once=True)
                    while True:
                        async for notification in conn.notifies(timeout=LISTEN_IDLE_CHECK_S):
                            self._receive(notification.payload)
                        await conn.execute("SELECT 1")  # idle: is the link still alive?
                finally:
                    self.connected.clear()

        await _forever("event listener", session)

    async def run(self) -> None:
        await asyncio.gather(self._listen(), self._send())


async def _forever(name: str, session: Callable[[], Awaitable[None]]) -> None:
    """Run ``session`` again and again, with backoff after failures, until cancelled."""
    delay = RECONNECT_MIN_S
    while True:
        try:
            await session()
            delay = RECONNECT_MIN_S
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("%s: %s; reconnecting in %.1f s", name, exc or type(exc).__name__, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_S)


# --------------------------------------------------------------------------- lifecycle


class Notifiers:
    """The background tasks of one server process (started in the app's lifespan)."""

    def __init__(self, engine: Engine, hub: EventHub) -> None:
        self.watch = CounterWatch(engine, hub)
        self.bridge = None if is_sqlite(engine) else PgBridge(engine, hub, self.watch)
        self._tasks: list[asyncio.Task[None]] = []
        self._remove_forwarder: Callable[[], None] | None = None

    def start(self) -> None:
        self._tasks.append(asyncio.create_task(self.watch.run(), name="congress-counter-watch"))
        if self.bridge is not None:
            self._remove_forwarder = self.bridge.hub.add_forwarder(self.bridge.forward)
            self._tasks.append(asyncio.create_task(self.bridge.run(), name="congress-pg-events"))

    async def aclose(self) -> None:
        if self._remove_forwarder is not None:
            self._remove_forwarder()
            self._remove_forwarder = None
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

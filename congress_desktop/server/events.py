"""Real-time nudges: the in-process broadcast hub behind ``GET /api/v1/events``.

Server code calls, *after* its transaction has committed, from any thread::

    publish_changes(engine, seq)                       # rows up to seq are waiting
    publish_current_item(engine, seq=s, agenda_version=v, current_item_id=item)
    publish_follow(engine, document_id=d, page=p, presenter="…")   # 同步翻页
    publish_notice(engine, notice_id=n, title="…")

``engine`` is the server's engine (``state.engine``): it names the hub of that app. Writes
made through :mod:`congress_desktop.server.changes` need no call at all: the commit hook
installed by :func:`install_commit_hook` sends one ``changes`` nudge per committed
transaction, to every terminal for public rows and only to the owners' terminals for private
rows (sign-ins, suggestions).

Memory per connection is bounded whatever a client does: a :class:`Subscription` holds one
slot per event type (the highest ``changes`` seq, the latest current item, the latest follow
page) and a short notice backlog; a client that reads slowly gets the newest state
coalesced, and dropped notices turn into a ``changes`` nudge (notices are rows: the pull
brings them). Public ``changes`` fan-outs are rate limited (leading edge: an isolated change
goes out at once) so that a burst of writes cannot make thousands of terminals pull over and
over; current item, follow and notice events are never delayed.

Other processes: :mod:`congress_desktop.server.notify` forwards local events to PostgreSQL
``NOTIFY`` and feeds remote ones in with :meth:`EventHub.dispatch`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import Connection, Engine, event

from congress_desktop.protocol import (
    EVENTS_HEARTBEAT_S,
    ChangesEvent,
    CurrentItemEvent,
    EventType,
    FollowEvent,
    NoticeEvent,
)
from congress_desktop.server.changes import NUDGE_KEY, Nudge

log = logging.getLogger(__name__)

NOTICE_BACKLOG = 8
"""Notices kept per connection; older ones are dropped (and a ``changes`` nudge is set)."""

CHANGES_FANOUT_PER_S = 4000.0
"""Public ``changes`` nudges per second the hub sends at most: with N connections, fan-outs
are at least N / this apart (and at least :data:`CHANGES_MIN_INTERVAL_S`). Each nudge makes a
terminal pull, so this bounds the pull load that bursts of writes cause."""

CHANGES_MIN_INTERVAL_S = 0.05

_COMMITTED_KEY = "congress_nudge_committed"


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Event:
    """One event as the hub passes it around; ``seq`` is None for follow and notice."""

    type: EventType
    data: BaseModel
    seq: int | None = None
    delegates: frozenset[str] | None = None  # changes only: None = every terminal

    def encode(self, event_id: int | None) -> bytes:
        lines = f"id: {event_id}\n" if event_id is not None else ""
        payload = self.data.model_dump_json()
        return f"{lines}event: {self.type.value}\ndata: {payload}\n\n".encode()


def changes_event(seq: int, delegates: Iterable[str] | None = None) -> Event:
    audience = None if delegates is None else frozenset(delegates)
    return Event(EventType.CHANGES, ChangesEvent(seq=seq), seq=seq, delegates=audience)


def current_item_event(seq: int, agenda_version: int, current_item_id: str | None) -> Event:
    data = CurrentItemEvent(seq=seq, agenda_version=agenda_version, current_item_id=current_item_id)
    return Event(EventType.CURRENT_ITEM, data, seq=seq)


def follow_event(document_id: str, page: int, presenter: str = "") -> Event:
    data = FollowEvent(document_id=document_id, page=page, presenter=presenter)
    return Event(EventType.FOLLOW, data)


def notice_event(notice_id: str, title: str) -> Event:
    return Event(EventType.NOTICE, NoticeEvent(id=notice_id, title=title))


PING = b": ping\n\n"


def _changes_bytes(seq: int) -> bytes:
    return f'id: {seq}\nevent: changes\ndata: {{"seq":{seq}}}\n\n'.encode()


# --------------------------------------------------------------------------- subscriptions


class Subscription:
    """One SSE connection's pending events: fixed slots, so memory never grows."""

    __slots__ = (
        "changes_seq",
        "closed",
        "current_item",
        "delegate_id",
        "follow",
        "notices",
        "ping",
        "sent_id",
        "terminal_id",
        "wake",
    )

    def __init__(self, terminal_id: str, delegate_id: str | None, last_event_id: int) -> None:
        self.terminal_id = terminal_id
        self.delegate_id = delegate_id
        self.wake = asyncio.Event()
        self.changes_seq = 0
        self.current_item: Event | None = None
        self.follow: Event | None = None
        self.notices: deque[Event] = deque(maxlen=NOTICE_BACKLOG)
        self.ping = False
        self.closed = False
        self.sent_id = last_event_id  # the highest seq this stream has announced

    def offer_changes(self, seq: int) -> None:
        if seq > self.changes_seq:
            self.changes_seq = seq
            self.wake.set()

    def drain(self) -> bytes:
        """Everything pending as SSE bytes (empty when nothing is), in a stable order:
        current item, follow page, notices, then changes."""
        parts: list[bytes] = []
        item, self.current_item = self.current_item, None
        if item is not None and item.seq is not None:
            self.sent_id = max(self.sent_id, item.seq)
            parts.append(item.encode(self.sent_id))
        follow, self.follow = self.follow, None
        if follow is not None:
            parts.append(follow.encode(None))
        while self.notices:
            parts.append(self.notices.popleft().encode(None))
        if self.changes_seq > self.sent_id:
            self.sent_id = self.changes_seq
            parts.append(_changes_bytes(self.changes_seq))
        self.changes_seq = 0
        if self.ping and not parts:
            parts.append(PING)
        self.ping = False
        return b"".join(parts)


def replay_notices(sub: Subscription, missed: Iterable[Event]) -> None:
    """Queue notices published while the client was away (``missed``, oldest first) ahead of
    any that arrived live since the stream opened; each notice is sent once."""
    live = list(sub.notices)
    queued = {evt.data.id for evt in live}  # type: ignore[attr-defined]
    replayed = [evt for evt in missed if evt.data.id not in queued]  # type: ignore[attr-defined]
    if not replayed:
        return
    sub.notices.clear()
    sub.notices.extend([*replayed, *live][-NOTICE_BACKLOG:])
    sub.wake.set()


# --------------------------------------------------------------------------- hub

Forwarder = Callable[[Event], None]


class EventHub:
    """Fans events out to this process's SSE connections; thread-safe :meth:`publish`."""

    def __init__(self, latest_seq: int = 0, *, heartbeat_s: float = EVENTS_HEARTBEAT_S) -> None:
        self.latest_seq = latest_seq  # the highest seq published (or found) so far
        self.heartbeat_s = heartbeat_s
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subs: set[Subscription] = set()
        self._by_delegate: dict[str, set[Subscription]] = {}
        self._forwarders: list[Forwarder] = []
        self._lock = threading.Lock()  # latest_seq from worker threads
        self._pending_public = 0  # public changes seq waiting for the rate limit
        self._fanout_handle: asyncio.TimerHandle | asyncio.Handle | None = None
        self._last_fanout = 0.0
        self._ticker: asyncio.Task[None] | None = None
        self._closed = False
        # the presenter's latest page (同步翻页): every new stream gets it first, so a
        # terminal that was offline (or restarted) follows at once; set at startup from the
        # database (server/app.py), then by every follow event, local or from NOTIFY
        self.latest_follow: Event | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def connections(self) -> int:
        return len(self._subs)

    def bind(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Attach to the loop that serves the connections (at startup, or lazily)."""
        loop = loop or asyncio.get_running_loop()
        if self._loop is loop:
            return
        self._loop = loop
        self._closed = False
        self._ticker = loop.create_task(self._heartbeats(), name="congress-events-heartbeat")

    async def aclose(self) -> None:
        """End every stream (at shutdown) and stop the heartbeat ticker."""
        self.close_streams()
        ticker, self._ticker = self._ticker, None
        if ticker is not None:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
        self._loop = None

    def close_streams(self) -> None:
        """Make every open stream end (on the loop thread)."""
        self._closed = True
        for sub in list(self._subs):
            sub.closed = True
            sub.wake.set()

    def add_forwarder(self, forwarder: Forwarder) -> Callable[[], None]:
        """Also hand every *locally published* event to ``forwarder`` (on the loop thread)."""
        self._forwarders.append(forwarder)
        return lambda: self._forwarders.remove(forwarder)

    # ------------------------------------------------------------------ connections

    def subscribe(
        self, terminal_id: str, delegate_id: str | None, last_event_id: int | None
    ) -> Subscription:
        """A new stream; a ``changes`` nudge is waiting at once unless the client's
        ``Last-Event-ID`` equals the latest seq (behind, or ahead after a restore); the
        presenter's latest page is waiting too (replayed: the client may have missed it)."""
        self.bind()
        sub = Subscription(terminal_id, delegate_id, last_event_id or 0)
        if self.latest_follow is not None:
            sub.follow = self.latest_follow
            sub.wake.set()
        if last_event_id != self.latest_seq:
            sub.sent_id = -1  # announce the latest seq even if it is lower (restored server)
            sub.changes_seq = self.latest_seq
            sub.wake.set()
        if self._closed:
            sub.closed = True
            sub.wake.set()
        self._subs.add(sub)
        if delegate_id is not None:
            self._by_delegate.setdefault(delegate_id, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subs.discard(sub)
        if sub.delegate_id is not None:
            peers = self._by_delegate.get(sub.delegate_id)
            if peers is not None:
                peers.discard(sub)
                if not peers:
                    del self._by_delegate[sub.delegate_id]

    # ------------------------------------------------------------------ publishing

    def publish(self, evt: Event, *, forward: bool = True) -> None:
        """Deliver ``evt`` to every matching connection; callable from any thread."""
        if evt.seq is not None:
            with self._lock:
                self.latest_seq = max(self.latest_seq, evt.seq)
        loop = self._loop
        if loop is None or loop.is_closed():
            return  # nobody is connected yet: the seq is remembered for new streams
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self.dispatch(evt, forward=forward)
        else:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self.dispatch, evt, forward)

    def dispatch(self, evt: Event, forward: bool = True) -> None:
        """Deliver ``evt`` now (on the loop thread); remote events come in here."""
        if evt.seq is not None and evt.seq > self.latest_seq:
            with self._lock:
                self.latest_seq = max(self.latest_seq, evt.seq)
        if forward:
            for forwarder in list(self._forwarders):
                try:
                    forwarder(evt)
                except Exception:
                    log.exception("event forwarder %r failed", forwarder)
        if evt.type is EventType.CHANGES:
            self._dispatch_changes(evt)
        elif evt.type is EventType.CURRENT_ITEM:
            for sub in self._subs:
                held = sub.current_item
                if held is None or (held.seq or 0) <= (evt.seq or 0):
                    sub.current_item = evt
                sub.wake.set()
        elif evt.type is EventType.FOLLOW:
            self.latest_follow = evt
            for sub in self._subs:
                sub.follow = evt
                sub.wake.set()
        elif evt.type is EventType.NOTICE:
            for sub in self._subs:
                if len(sub.notices) == NOTICE_BACKLOG:  # the oldest is dropped: pull instead
                    sub.changes_seq = max(sub.changes_seq, self.latest_seq)
                sub.notices.append(evt)
                sub.wake.set()

    def _dispatch_changes(self, evt: Event) -> None:
        seq = evt.seq or 0
        if evt.delegates is not None:  # private rows: only their owners' terminals
            for delegate in evt.delegates:
                for sub in self._by_delegate.get(delegate, ()):
                    sub.offer_changes(seq)
            return
        self._pending_public = max(self._pending_public, seq)
        if self._fanout_handle is not None:
            return  # a fan-out is scheduled: it will carry this seq
        assert self._loop is not None
        interval = max(CHANGES_MIN_INTERVAL_S, len(self._subs) / CHANGES_FANOUT_PER_S)
        wait = self._last_fanout + interval - time.monotonic()
        if wait <= 0:
            self._fanout_public()
        else:
            self._fanout_handle = self._loop.call_later(wait, self._fanout_public)

    def _fanout_public(self) -> None:
        self._fanout_handle = None
        seq, self._pending_public = self._pending_public, 0
        if seq <= 0:
            return
        self._last_fanout = time.monotonic()
        for sub in self._subs:
            sub.offer_changes(seq)

    async def _heartbeats(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_s)
            for sub in list(self._subs):
                sub.ping = True
                sub.wake.set()


# --------------------------------------------------------------------------- registry + API

_hubs: weakref.WeakKeyDictionary[Engine, EventHub] = weakref.WeakKeyDictionary()


def register_hub(engine: Engine, hub: EventHub) -> None:
    _hubs[engine] = hub


def hub_for(engine: Engine) -> EventHub | None:
    """The hub of the app serving ``engine`` (None outside a server, e.g. in a CLI tool)."""
    return _hubs.get(engine)


def _publish(engine: Engine, evt: Event) -> None:
    hub = hub_for(engine)
    if hub is None:
        log.debug("no event hub for %s: %s not sent", engine.url, evt.type)
        return
    hub.publish(evt)


def publish_changes(engine: Engine, seq: int, delegates: Iterable[str] | None = None) -> None:
    """Rows up to ``seq`` are committed: nudge every terminal (or ``delegates``' terminals).

    Rarely needed: writes through :mod:`changes` nudge on commit by themselves.
    """
    _publish(engine, changes_event(seq, delegates))


def publish_current_item(
    engine: Engine, *, seq: int, agenda_version: int, current_item_id: str | None
) -> None:
    """The agenda row written at ``seq`` (committed) now has ``current_item_id``."""
    _publish(engine, current_item_event(seq, agenda_version, current_item_id))


def publish_follow(engine: Engine, *, document_id: str, page: int, presenter: str = "") -> None:
    """Follow the presenter: every terminal in follow mode shows this page (0-based)."""
    _publish(engine, follow_event(document_id, page, presenter))


def publish_notice(engine: Engine, *, notice_id: str, title: str) -> None:
    """Notice ``notice_id`` was published (its row is committed)."""
    _publish(engine, notice_event(notice_id, title))


# --------------------------------------------------------------------------- commit hook


def install_commit_hook(engine: Engine, hub: EventHub) -> None:
    """Send a ``changes`` nudge for every committed transaction that took a seq.

    :mod:`changes` notes each transaction's seq and audience in ``conn.info``; the note is
    dropped on rollback, kept on commit, and published when the connection goes back to the
    pool — after the commit, so a terminal that pulls on the nudge finds the rows.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.info.pop(NUDGE_KEY, None)

    @event.listens_for(engine, "rollback")
    def _on_rollback(conn: Connection) -> None:
        conn.info.pop(NUDGE_KEY, None)

    @event.listens_for(engine, "commit")
    def _on_commit(conn: Connection) -> None:
        nudge: Nudge | None = conn.info.pop(NUDGE_KEY, None)
        if nudge is None or nudge.seq == 0:
            return
        committed: Nudge | None = conn.info.get(_COMMITTED_KEY)
        if committed is None:
            conn.info[_COMMITTED_KEY] = nudge
        else:
            committed.merge(nudge)

    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(_dbapi_connection: object, record: object) -> None:
        info = getattr(record, "info", None)
        if info is None:
            return
        nudge: Nudge | None = info.pop(_COMMITTED_KEY, None)
        if nudge is not None:
            hub.publish(nudge_event(nudge))


def nudge_event(nudge: Nudge) -> Event:
    """The ``changes`` event of a committed nudge (no audience: only the seq advances)."""
    if nudge.public:
        return changes_event(nudge.seq)
    return changes_event(nudge.seq, nudge.delegates)

"""In-process caches of the request hot paths: verified credentials and last-seen writes.

Both live on the event loop thread (the async ``current_terminal`` dependency uses them), so
they need no locks.

Credentials: a terminal's row never changes after enrollment except for bookkeeping columns
(``last_seen``, ``app_version``, heartbeat): nothing re-seats or revokes a terminal through
the server. A verified ``Authorization`` value is therefore remembered as
``sha256(header) → Terminal`` for :data:`CREDENTIAL_TTL_S` (bounding how long an
out-of-band edit of the ``terminals`` table, e.g. a row deleted by a technician with SQL,
goes unnoticed); a wrong secret is never cached and always costs a database look-up.

Last seen: ``terminals.last_seen`` is bookkeeping (the technicians' online board). Instead of
one write transaction per terminal every 30 s — 3,000 writes queued behind the write lock
when a hall pulls together — the dependency notes the time and one ``executemany`` UPDATE
writes every noted terminal at most every :data:`TOUCH_FLUSH_S`. An app version change is
still written at once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import time
import weakref
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine, bindparam, update
from sqlalchemy.exc import SQLAlchemyError

from congress_desktop.model import utcnow
from congress_desktop.server.auth import Terminal
from congress_desktop.server.db import terminals
from congress_desktop.server.push import OpWriter

log = logging.getLogger(__name__)

CREDENTIAL_TTL_S = 60.0
CREDENTIAL_CACHE_MAX = 50_000
TOUCH_FLUSH_S = 5.0

V = TypeVar("V")


def _key(header: str) -> bytes:
    return hashlib.sha256(header.encode()).digest()


class CredentialCache:
    """sha256(Authorization header) → (expiry, Terminal) of credentials verified recently."""

    def __init__(self, ttl_s: float = CREDENTIAL_TTL_S) -> None:
        self.ttl_s = ttl_s
        self._entries: dict[bytes, tuple[float, Terminal]] = {}

    def get(self, header: str | None) -> Terminal | None:
        if not header:
            return None
        key = _key(header)
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            del self._entries[key]
            return None
        return entry[1]

    def put(self, header: str, terminal: Terminal) -> None:
        if len(self._entries) >= CREDENTIAL_CACHE_MAX:
            self._entries.clear()  # never reached with a real hall; just a memory bound
        self._entries[_key(header)] = (time.monotonic() + self.ttl_s, terminal)

    def forget(self, terminal_id: str) -> None:
        for key, (_exp, terminal) in list(self._entries.items()):
            if terminal.id == terminal_id:
                del self._entries[key]

    def clear(self) -> None:
        self._entries.clear()


@dataclass
class _WriteBatcher(Generic[V]):
    """The newest value per terminal, noted on the loop thread and written together by one
    ``_write`` in an executor at most every ``flush_s`` (synchronously without a loop)."""

    engine: Engine
    flush_s: float
    pending: dict[str, V] = field(default_factory=dict)
    _scheduled: bool = False

    def _note(self, terminal_id: str, value: V) -> None:
        self.pending[terminal_id] = value
        if self._scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (a sync caller): write at once
            self.flush()
            return
        self._scheduled = True
        loop.call_later(self.flush_s, self._flush_soon, loop)

    def _flush_soon(self, loop: asyncio.AbstractEventLoop) -> None:
        self._scheduled = False
        if self.pending and not loop.is_closed():
            batch, self.pending = self.pending, {}
            loop.run_in_executor(None, self._write, batch)

    def flush(self) -> None:
        """Write everything noted so far (synchronously)."""
        batch, self.pending = self.pending, {}
        self._write(batch)

    def _write(self, batch: dict[str, V]) -> None:
        raise NotImplementedError


@dataclass
class TouchBatcher(_WriteBatcher[dt.datetime]):
    """``last_seen`` of the terminals seen lately, written together every few seconds."""

    flush_s: float = TOUCH_FLUSH_S

    def note(self, terminal_id: str) -> None:
        """On the loop thread: ``terminal_id`` was seen now."""
        self._note(terminal_id, utcnow())

    def _write(self, batch: dict[str, dt.datetime]) -> None:
        if not batch:
            return
        stmt = (
            update(terminals)
            .where(terminals.c.id == bindparam("tid"))
            .values(last_seen=bindparam("seen"))
        )
        try:
            with self.engine.begin() as conn:
                conn.execute(stmt, [{"tid": t, "seen": s} for t, s in sorted(batch.items())])
        except SQLAlchemyError:  # bookkeeping only: never fail anything for it
            log.warning("could not record last_seen of %d terminals", len(batch), exc_info=True)


HEARTBEAT_FLUSH_S = 1.0


@dataclass
class HeartbeatBatcher(_WriteBatcher[dict[str, Any]]):
    """Terminal heartbeats, latest only, written together at most every second.

    A heartbeat is bookkeeping for the technicians' board (cache state, outbox, disk, clock
    skew): 3,000 terminals beating every 30 s were 100 write transactions a second — on
    SQLite 100 fsyncs, each holding the write lock that sign-ins wait for. Now one
    ``executemany`` UPDATE per second carries the newest heartbeat of every terminal that
    beat meanwhile (an app version change is still written at once, by ``terminal_for``).
    """

    flush_s: float = HEARTBEAT_FLUSH_S

    def note(self, terminal_id: str, values: dict[str, Any]) -> None:
        """On the loop thread: ``terminal_id``'s newest heartbeat columns."""
        self._note(terminal_id, values)

    def _write(self, batch: dict[str, dict[str, Any]]) -> None:
        if not batch:
            return
        columns = sorted(next(iter(batch.values())))
        stmt = (
            update(terminals)
            .where(terminals.c.id == bindparam("tid"))
            .values({c: bindparam(f"v_{c}") for c in columns})
        )
        rows = [
            {"tid": tid, **{f"v_{c}": values[c] for c in columns}}
            for tid, values in sorted(batch.items())
        ]
        try:
            with self.engine.begin() as conn:
                conn.execute(stmt, rows)
        except SQLAlchemyError:  # bookkeeping only: never fail anything for it
            log.warning(
                "could not record the heartbeats of %d terminals", len(batch), exc_info=True
            )


class ServerCaches:
    """The caches of one server app (one engine)."""

    def __init__(self, engine: Engine) -> None:
        self.credentials = CredentialCache()
        self.touches = TouchBatcher(engine)
        self.heartbeats = HeartbeatBatcher(engine)
        self.writer = OpWriter(engine)
        """Group commit of pushes (server/push.py)."""
        self.flights: dict[tuple[str, int, int, int], asyncio.Future[Any]] = {}
        """Pull pages being read right now (single flight: one read per page)."""


_caches: weakref.WeakKeyDictionary[Engine, ServerCaches] = weakref.WeakKeyDictionary()


def caches_for(engine: Engine) -> ServerCaches:
    found = _caches.get(engine)
    if found is None:
        found = _caches[engine] = ServerCaches(engine)
    return found

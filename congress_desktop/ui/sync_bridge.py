"""Sync engine events as Qt signals (the engine itself never imports Qt).

The engine calls its listeners on the event-loop thread, which under qasync is the GUI thread;
emitting through Qt signals keeps it correct even if that ever changes (queued delivery).
A terminal without an engine (tests, a screen preview) simply never emits.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class EngineLike(Protocol):
    """What the screens use of ``congress_desktop.sync.engine.SyncEngine``."""

    @property
    def status(self) -> Any: ...

    def add_listener(self, callback: Any) -> None: ...

    def nudge(self) -> None: ...


class SyncBridge(QObject):
    status_changed = Signal(object)  # a SyncStatus
    tables_changed = Signal(frozenset)  # names of replicated tables a pull changed
    follow_received = Signal(str, int)  # document id, page (0-based): the presenter's page
    notice_received = Signal(str, str)  # notice id, title (its row arrives with a pull)

    def __init__(self, engine: EngineLike | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        if engine is not None:
            engine.add_listener(self._on_engine_event)

    def attach(self, engine: EngineLike) -> None:
        """Listen to ``engine`` from now on (the terminal starts it after the first paint)."""
        self.engine = engine
        engine.add_listener(self._on_engine_event)

    @property
    def status(self) -> Any | None:
        return self.engine.status if self.engine is not None else None

    def nudge(self) -> None:
        """Ask the engine to push/pull now (after a local action); no-op without an engine."""
        if self.engine is not None:
            self.engine.nudge()

    def _on_engine_event(self, event: Any) -> None:
        follow = getattr(event, "follow", None)
        if follow is not None:
            self.follow_received.emit(follow.document_id, follow.page)
        notice = getattr(event, "notice", None)
        if notice is not None:
            self.notice_received.emit(notice.id, notice.title)
        self.status_changed.emit(event.status)
        tables = frozenset(getattr(event, "changed_tables", frozenset()))
        if tables:
            log.debug("tables changed: %s", ", ".join(sorted(tables)))
            self.tables_changed.emit(tables)

"""A query that follows the server: refetched on nudges, at most one request in flight.

Bursts coalesce: while a fetch runs, further nudges only mark it stale; when it lands, one
more fetch starts after ``min_interval_ms``. So 3,000 sign-ins in 10 s cause a handful of
fetches a second, and the last one always happens after the last nudge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from congress_desktop.ui.ops import Ops


class LiveQuery(QObject):
    updated = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        ops: Ops,
        fetch: Callable[[], Any],
        *,
        min_interval_ms: int = 150,
        poll_ms: int = 5000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._fetch = fetch
        self._in_flight = False
        self._stale = False
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(min_interval_ms)
        self._later.timeout.connect(self._start)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.nudge)

    def start(self) -> None:
        self._poll.start()
        self.nudge()

    def stop(self) -> None:
        self._poll.stop()
        self._later.stop()

    def nudge(self) -> None:
        """Something changed: fetch now, or once more after the fetch in flight."""
        if self._in_flight or self._later.isActive():
            self._stale = True
            return
        self._start()

    def _start(self) -> None:
        self._in_flight = True
        self._stale = False
        self._ops.run(self._fetch, self._landed, on_error=self._errored, owner=self)

    def _landed(self, result: object) -> None:
        self._in_flight = False
        if self._stale:
            self._later.start()
        self.updated.emit(result)

    def _errored(self, error: Exception) -> None:
        self._in_flight = False
        if self._stale:  # a nudge came while the failed fetch ran: try again, not at the poll
            self._later.start()
        self.failed.emit(error)

"""The admin event stream as a Qt signal: a daemon thread reads ``GET /admin/events``.

Each event arrives on the GUI thread as ``received(type, data)``; a broken stream is retried
with a growing pause (the screens also poll slowly, so a lost stream only costs latency).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, Signal

from congress_desktop.console_client import AdminApiError, ConsoleClient

log = logging.getLogger(__name__)

RETRY_S = (0.5, 1.0, 2.0, 5.0)


class EventListener(QObject):
    received = Signal(str, object)  # event type, data (dict)
    connected_changed = Signal(bool)

    def __init__(self, client: ConsoleClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client = client
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="admin-events", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                for kind, data in self._client.events(self._stop.is_set):
                    if failures or kind == "changes":
                        failures = 0
                    self._emit(kind, data)
            except AdminApiError as exc:
                log.info("admin event stream: %s", exc)
            except Exception:
                log.exception("admin event stream failed")
            if self._stop.is_set():
                return
            self._safe_connected(False)
            time.sleep(RETRY_S[min(failures, len(RETRY_S) - 1)])
            failures += 1

    def _emit(self, kind: str, data: dict[str, Any]) -> None:
        try:
            self.received.emit(kind, data)
        except RuntimeError:  # the QObject is gone (window closed)
            self._stop.set()

    def _safe_connected(self, value: bool) -> None:
        try:
            self.connected_changed.emit(value)
        except RuntimeError:
            self._stop.set()

"""What the request handlers share: engine, paths, epoch, and the last-seen throttle."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import Engine

from congress_desktop.config import ServerPaths

TOUCH_INTERVAL_S = 30.0
"""``terminals.last_seen`` is written at most this often per terminal (a write per request
would serialize every pull behind the database write lock)."""


@dataclass
class ServerState:
    engine: Engine
    paths: ServerPaths
    epoch: str
    _touched: dict[str, tuple[float, str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def database(self) -> str:
        return "sqlite" if self.engine.dialect.name == "sqlite" else "postgresql"

    def needs_touch(self, terminal_id: str, app_version: str) -> bool:
        """True once per interval per terminal, or at once when its app version changes."""
        now = time.monotonic()
        with self._lock:
            last = self._touched.get(terminal_id)
            if last is not None and now - last[0] < TOUCH_INTERVAL_S and last[1] == app_version:
                return False
            self._touched[terminal_id] = (now, app_version)
            return True

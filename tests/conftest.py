"""Shared test setup. Qt runs offscreen; fixtures live in tests/fixtures/ modules."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

pytest_plugins: list[str] = [
    "fixtures.postgres",
    "fixtures.live_server",
    "fixtures.server_app",
    "fixtures.terminal",
    "fixtures.ui",
    "fixtures.fault_proxy",
]

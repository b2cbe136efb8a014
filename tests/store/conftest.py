"""A fresh TerminalStore on a real SQLite file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from congress_desktop.config import TerminalPaths
from congress_desktop.store import TerminalStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TerminalStore]:
    terminal_store = TerminalStore(TerminalPaths(tmp_path / "terminal"))
    try:
        yield terminal_store
    finally:
        terminal_store.close()

"""The terminal's start-up import budget: what the first screen does not need is imported
later (the sync engine after the first screen, the other screens on their first visit, the
reader with the first document). Checked in a fresh interpreter, as the terminal starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

DEFERRED = (
    "pymupdf",  # the reader (documents.py): with the first document opened
    "pydantic",  # the protocol's models: with the sync engine
    "httpx",
    "congress_desktop.protocol",
    "congress_desktop.sync",
    "congress_desktop.sync.engine",
    "congress_desktop.ui.terminal.viewer",
    "congress_desktop.ui.terminal.agenda",  # screens built on their first visit
    "congress_desktop.ui.terminal.documents",
    "congress_desktop.ui.terminal.motions",
    "congress_desktop.ui.terminal.notices",
    "congress_desktop.ui.terminal.suggestions",
    "reportlab",
)

PROBE = """
import json, sys
from pathlib import Path
import congress_desktop.cli, congress_desktop.ui.app
import congress_desktop.store, congress_desktop.ui.terminal.window
from PySide6.QtWidgets import QApplication
from congress_desktop.config import TerminalPaths
from congress_desktop.store import Identity, TerminalStore
from congress_desktop.ui.ops import Ops
from congress_desktop.ui.sync_bridge import SyncBridge
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.window import TerminalWindow

app = QApplication([])
store = TerminalStore(TerminalPaths(Path(sys.argv[1])))
identity = Identity("http://127.0.0.1:9", "t", "x", 1, "s1")
window = TerminalWindow(TerminalContext(store, identity, Ops(), SyncBridge(None)))
window.show()
app.processEvents()
print(json.dumps(sorted(sys.modules)))
"""


def loaded_modules(tmp_path: object) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_the_first_screen_imports_nothing_it_does_not_need(tmp_path: object) -> None:
    modules = loaded_modules(tmp_path)
    assert "congress_desktop.store" in modules and "PySide6.QtWidgets" in modules  # it ran
    assert sorted(m for m in DEFERRED if m in modules) == []


def test_the_deferred_parts_still_load_when_used() -> None:
    # the names in DEFERRED are real modules (a typo would make the budget test pass)
    import importlib.util

    missing = [m for m in DEFERRED if importlib.util.find_spec(m) is None]
    assert missing == []


def test_garbage_collection_resumes_after_the_start_with_the_start_frozen() -> None:
    import gc

    from congress_desktop.ui.app import resume_garbage_collection

    gc.disable()  # as run_terminal does while starting
    try:
        resume_garbage_collection()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # the start's objects: never scanned again
        frozen = gc.get_freeze_count()
        resume_garbage_collection()  # again (the start ended another way): no second freeze
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        gc.enable()

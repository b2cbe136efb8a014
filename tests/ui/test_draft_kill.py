"""End to end: the terminal process is killed (SIGKILL) while a delegate types a suggestion;
the restarted terminal shows the draft with everything typed up to the last second."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fixtures.ui import PIN, build_terminal

from .helpers import WAIT_MS

TYPIST = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from congress_desktop.config import TerminalPaths
from congress_desktop.store import TerminalStore, load_identity
from congress_desktop.ui.ops import Ops
from congress_desktop.ui.sync_bridge import SyncBridge
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.window import TerminalWindow

data = Path(sys.argv[1])
app = QApplication([])
ctx = TerminalContext(TerminalStore(TerminalPaths(data)), load_identity(data), Ops(), SyncBridge())
window = TerminalWindow(ctx)
window.show()
window.start()
phrases = ["关于加强", "社区养老", "服务设施", "建设的建议", "，请审议"]
typed = []

def step():
    if window.current_key() == "signin":
        for digit in sys.argv[2]:
            window.signin.pin_pad.press(digit)
        window.signin.sign_in_button.click()
        return
    if window.current_key() == "home":
        window.show_screen("suggestions")
        return
    if phrases:
        edit = window.suggestions.form.content_edit
        edit.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(phrases[0])
        QApplication.sendEvent(edit, event)
        typed.append(phrases.pop(0))
        if not phrases:
            print("TYPED", "".join(typed), flush=True)

timer = QTimer(interval=150)
timer.timeout.connect(step)
timer.start()
app.exec()
"""


@pytest.mark.e2e
def test_a_draft_survives_sigkill(tmp_path: Path, ui_app: Any) -> None:
    data = build_terminal(tmp_path / "terminal")
    data.store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_API="pyside6")
    process = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(data.data_dir), PIN],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.startswith("TYPED "), line
        typed = line.split(" ", 1)[1].strip()
        time.sleep(1.0)  # at most a second after the last key …
    finally:
        process.send_signal(signal.SIGKILL)  # … the power goes
        process.wait(timeout=WAIT_MS / 1000)
    assert process.returncode == -signal.SIGKILL

    from congress_desktop.config import TerminalPaths
    from congress_desktop.store import TerminalStore

    store = TerminalStore(TerminalPaths(data.data_dir))
    try:
        draft = store.load_draft(data.delegate_id)
    finally:
        store.close()
    assert draft is not None
    assert draft["content"] == typed

"""The README's first command, ``congress-desktop demo``, end to end (offscreen, with
``--screenshots`` so it walks every screen and exits): a demo server with a generated session,
a provisioned terminal at seat 1 that syncs, downloads every document and signs in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from congress_desktop.config import TerminalPaths
from congress_desktop.store import TerminalStore

pytestmark = pytest.mark.e2e


def test_the_demo_command_runs_a_server_and_a_working_terminal(tmp_path: Path) -> None:
    data, shots = tmp_path / "demo", tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "congress_desktop", "demo", "--data", str(data)]
    done = subprocess.run(
        [*command, "--screenshots", str(shots)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "demo PIN: 123456" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr

    pngs = sorted(shots.glob("*.png"))
    names = {p.stem.split("-", 1)[1] for p in pngs}
    assert {"signin", "home", "documents", "viewer", "my-suggestions", "home-en"} <= names
    for png in pngs:
        image = QImage(str(png))
        assert (image.width(), image.height()) == (1920, 1080), png.name

    terminal = data / "terminal-1"
    log = (terminal / "logs" / "terminal.log").read_text(encoding="utf-8")
    assert "uncaught error" not in log
    store = TerminalStore(TerminalPaths(terminal))
    try:
        documents = store.documents()
        assert documents and all(d.available for d in documents)  # every file downloaded
        delegate = store.seat_delegate(1)
        sitting = store.current_sitting()
        assert delegate is not None and sitting is not None
        signin = store.my_signin(delegate.id, sitting.id)
        assert signin is not None and signin.confirmed  # the demo sign-in reached the server
    finally:
        store.close()

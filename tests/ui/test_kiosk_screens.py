"""``kiosk_screens.py`` writes a 1920×1080 screenshot of every terminal screen (the keyboard
one under Xvfb only), each showing the terminal rather than an empty window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from .kiosk_screens import SHOTS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
def test_every_screen_is_captured(tmp_path: Path, ui_app: Any) -> None:
    env = dict(os.environ, QT_API="pyside6")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "tests"), env.get("PYTHONPATH", "")])
    script = [sys.executable, str(ROOT / "tests" / "ui" / "kiosk_screens.py"), str(tmp_path)]
    if shutil.which("xvfb-run") is not None:
        env["QT_QPA_PLATFORM"] = "xcb"
        command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", *script]
        expected = list(SHOTS)
    else:  # no X server: everything but the on-screen keyboard, offscreen
        env["QT_QPA_PLATFORM"] = "offscreen"
        env.pop("DISPLAY", None)
        command = script
        expected = [s for s in SHOTS if s != "keyboard-open"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    written = dict(line.split("\t") for line in done.stdout.splitlines() if "\t" in line)
    assert list(written) == expected
    for name, path in written.items():
        image = QImage(path)
        assert (image.width(), image.height()) == (1920, 1080), name
        colours = {image.pixel(x, y) for x in range(0, 1920, 13) for y in range(0, 1080, 11)}
        assert len(colours) > 3, f"{name} looks empty"

"""The whole terminal as a process: screenshot mode over a filled store; an unprovisioned one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fixtures.ui import PIN, build_terminal

REPO = Path(__file__).resolve().parents[2]

EXPECTED = [
    "01-signin", "02-signin-wrong-pin", "03-home", "04-agenda", "05-documents", "06-viewer",
    "07-viewer-zoomed", "08-motions", "09-motion-detail", "10-notices", "11-suggestion-form",
    "12-suggestion-submitted", "13-my-suggestions", "14-invitations", "15-home-en",
    "16-agenda-en",
]  # fmt: skip


def run_terminal_process(
    data_dir: Path, shots: Path, pin: str = PIN
) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; from pathlib import Path\n"
        "from congress_desktop.ui.app import run_terminal\n"
        f"sys.exit(run_terminal(Path({str(data_dir)!r}), screenshots_dir=Path({str(shots)!r}),"
        f" screenshot_pin={pin!r}))\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=240
    )


@pytest.mark.e2e
def test_screenshot_mode_walks_every_screen(tmp_path: Path, ui_app: Any) -> None:
    from PySide6.QtGui import QImage

    data = build_terminal(tmp_path / "terminal")
    data.store.close()
    shots = tmp_path / "shots"
    result = run_terminal_process(data.data_dir, shots)
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(p.stem for p in shots.glob("*.png")) == EXPECTED
    for png in shots.glob("*.png"):
        image = QImage(str(png))
        assert (image.width(), image.height()) == (1920, 1080), png.name
    assert "Traceback" not in result.stderr
    log = (data.data_dir / "logs" / "terminal.log").read_text(encoding="utf-8")
    assert "uncaught error" not in log


@pytest.mark.e2e
def test_an_unprovisioned_terminal_says_so_calmly(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = run_terminal_process(tmp_path / "empty", shots)
    assert result.returncode == 1
    assert [p.name for p in shots.glob("*.png")] == ["00-not-ready.png"]
    assert "Traceback" not in result.stderr

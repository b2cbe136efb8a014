"""Guard against the Qt binding's reference-count bugs (PySide6 6.12.0 aborted a busy app).

Run in a subprocess: when the bug is present the interpreter aborts, which must fail this
test, not kill the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Emitter(QObject):
    happened = Signal(int)

app = QApplication([])
label, emitter = QLabel(), Emitter()
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for i in range(20_000):
    label.setText("x")
    emitter.happened.emit(i)
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_void_calls_and_emits_keep_reference_counts() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, f"the Qt binding aborted the interpreter:\n{out.stderr[-2000:]}"
    none_drift, true_drift = (int(x) for x in out.stdout.split())
    assert abs(none_drift) < 100 and abs(true_drift) < 100, out.stdout

"""The core never imports Qt: model, protocol, store, sync, documents and server run headless."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "congress_desktop.model",
    "congress_desktop.protocol",
    "congress_desktop.store",
    "congress_desktop.documents",
    "congress_desktop.security",
    "congress_desktop.config",
    "congress_desktop.anchoring",
    "congress_desktop.versions",
]


def test_core_modules_do_not_import_qt() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'qasync'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt imported by the core: {out.stdout}"

"""The console catalogue: every string found in the sources is translated, the .qm is built,
and the console shows Chinese by default."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from congress_desktop.ui.common import i18n


def _sources(ts: Path) -> set[tuple[str, str]]:
    tree = ET.parse(ts)
    return {
        (context.findtext("name", ""), message.findtext("source", ""))
        for context in tree.iter("context")
        for message in context.iter("message")
    }


def test_no_unfinished_entries_and_the_qm_is_built() -> None:
    tree = ET.parse(i18n.ts_path())
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation") is not None
        and m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")  # type: ignore[union-attr]
    ]
    assert unfinished == []
    assert i18n.qm_path().stat().st_size > 1000
    assert i18n.qm_path().stat().st_mtime >= i18n.ts_path().stat().st_mtime - 1


def test_catalogue_covers_every_source_string(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(i18n.ts_path(), fresh)
    files = [str(p) for p in i18n.source_files()]
    command = [i18n.pyside_tool("lupdate"), "-no-obsolete", "-locations", "none"]
    subprocess.run([*command, *files, "-ts", str(fresh)], check=True, capture_output=True)
    assert _sources(fresh) == _sources(i18n.ts_path())
    assert 'type="unfinished"' not in fresh.read_text(encoding="utf-8")


def test_the_console_speaks_chinese(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    translator = i18n.install_language(QCoreApplication.instance(), "zh_CN")  # type: ignore[arg-type]
    assert translator is not None
    try:
        assert QCoreApplication.translate("AttendancePage", "Present (实到)") == "实到"
        assert QCoreApplication.translate("LoginDialog", "Log in") == "登录"
    finally:
        QCoreApplication.removeTranslator(translator)

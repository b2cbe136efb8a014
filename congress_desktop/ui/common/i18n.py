"""The console and hall display catalogue, separate from the terminal's.

Source strings are English (``self.tr()``); Chinese is the default. Files::

    assets/i18n/console_zh_CN.ts   the catalogue (edit with pyside6-linguist)
    assets/i18n/console_zh_CN.qm   compiled, loaded at run time (committed)

Regenerate after changing user-visible strings in ``ui/console``, ``ui/display`` or
``ui/common``::

    .venv/bin/python -m congress_desktop.ui.common.i18n update    # refresh the .ts
    # translate the new entries
    .venv/bin/python -m congress_desktop.ui.common.i18n release   # build the .qm

``tests/console/test_i18n.py`` fails while any entry is unfinished.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from congress_desktop.config import assets_dir
from congress_desktop.ui.i18n import pyside_tool

log = logging.getLogger(__name__)

CATALOGUE = "console"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")  # en is the source language: no catalogue


def ts_path(language: str = DEFAULT_LANGUAGE) -> Path:
    return assets_dir() / "i18n" / f"{CATALOGUE}_{language}.ts"


def qm_path(language: str = DEFAULT_LANGUAGE) -> Path:
    return assets_dir() / "i18n" / f"{CATALOGUE}_{language}.qm"


_switched: list[QTranslator] = []
"""The translator :func:`switch_language` installed (removed by the next switch)."""


def install_language(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install the console catalogue for ``language`` (None for English, the source)."""
    QLocale.setDefault(QLocale(language if language in LANGUAGES else "en"))
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(str(qm_path(language))):
        log.error("translation %s not found; showing English", qm_path(language))
        return None
    app.installTranslator(translator)
    return translator


def current_language() -> str:
    """``zh_CN`` or ``en``, as the installed catalogue answers."""
    chinese = QCoreApplication.translate("LoginDialog", "Log in") != "Log in"
    return "zh_CN" if chinese else "en"


def switch_language(app: QCoreApplication, language: str) -> str:
    """Show ``language`` from now on: the console's own translators are removed, the new one
    installed (widgets built afterwards speak it). Returns the language now shown."""
    for translator in _switched:
        app.removeTranslator(translator)
    _switched.clear()
    for translator in app.findChildren(QTranslator):  # the one make_app installed
        if Path(translator.filePath()).name.startswith(f"{CATALOGUE}_"):
            app.removeTranslator(translator)
    installed = install_language(app, language)
    if installed is not None:
        _switched.append(installed)
    return current_language()


def source_files() -> list[Path]:
    ui_dir = Path(__file__).resolve().parents[1]
    found: list[Path] = []
    for package in ("console", "display", "common"):
        found += sorted(p for p in (ui_dir / package).rglob("*.py") if "__pycache__" not in p.parts)
    return found


def update() -> None:
    files = [str(p) for p in source_files()]
    command = [pyside_tool("lupdate"), "-no-obsolete", "-locations", "none"]
    subprocess.run([*command, *files, "-ts", str(ts_path())], check=True)


def release() -> None:
    subprocess.run([pyside_tool("lrelease"), str(ts_path()), "-qm", str(qm_path())], check=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["update"]:
        update()
    elif args[:1] == ["release"]:
        release()
    else:
        sys.stderr.write("usage: python -m congress_desktop.ui.common.i18n update|release\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Translations: loading at run time, and regenerating the catalogue.

Source strings are English (``self.tr()`` in QObjects, ``QCoreApplication.translate()``
elsewhere); Chinese is the default language. Files::

    assets/i18n/congress_desktop_zh_CN.ts   the catalogue (XML, edit with pyside6-linguist)
    assets/i18n/congress_desktop_zh_CN.qm   compiled, loaded at run time (committed)
    assets/i18n/congress_desktop_en.ts/.qm  English plural forms only ("1 page", "2 pages")

Regenerate after changing user-visible strings::

    .venv/bin/python -m congress_desktop.ui.i18n update    # pyside6-lupdate: refresh the .ts
    # translate the new entries (pyside6-linguist assets/i18n/congress_desktop_zh_CN.ts)
    .venv/bin/python -m congress_desktop.ui.i18n release   # pyside6-lrelease: build the .qm

``tests/ui/test_i18n.py`` fails while any entry is unfinished or the .qm is stale.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator

from congress_desktop.config import assets_dir

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
"""``en`` is the source language: its catalogue holds only the plural forms (``%n``)."""

CATALOGUE = "congress_desktop"
SOURCE_DIRS = ("terminal", "widgets")
"""The terminal's catalogue covers ``ui/*.py`` and these packages; the console and hall
display (``ui/console``, ``ui/display``, ``ui/common``) keep their own catalogue."""


def i18n_dir() -> Path:
    return assets_dir() / "i18n"


def ts_path(language: str, catalogue: str = CATALOGUE) -> Path:
    return i18n_dir() / f"{catalogue}_{language}.ts"


def qm_path(language: str, catalogue: str = CATALOGUE) -> Path:
    return i18n_dir() / f"{catalogue}_{language}.qm"


class LanguageSwitcher:
    """Owns the installed translators (one per catalogue); switching posts LanguageChange to
    every widget."""

    def __init__(self, app: QCoreApplication, catalogues: tuple[str, ...] = (CATALOGUE,)) -> None:
        self._app = app
        self._catalogues = catalogues
        self._translators: list[QTranslator] = []
        self.language = "en"

    def set_language(self, language: str) -> bool:
        """Install ``language``; False (and English shown) if its catalogue is missing.

        Installing or removing a translator posts LanguageChange to every widget, which then
        retranslates itself.
        """
        if language not in LANGUAGES:
            log.warning("unknown language %r; using English", language)
            language = "en"
        for old in self._translators:
            self._app.removeTranslator(old)
        self._translators = []
        ok = True
        for catalogue in self._catalogues:
            translator = QTranslator(self._app)
            path = qm_path(language, catalogue)
            if translator.load(str(path)):
                self._app.installTranslator(translator)
                self._translators.append(translator)
            else:
                ok = False
                log.error("translation %s not found; showing the English source texts", path)
        self.language = language if ok or language == "en" else "en"
        QLocale.setDefault(QLocale(self.language))
        # deliver the posted LanguageChange now: the whole screen switches in one paint
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return ok

    def toggle(self) -> str:
        """zh_CN ⇄ en; returns the new language."""
        self.set_language("en" if self.language == DEFAULT_LANGUAGE else DEFAULT_LANGUAGE)
        return self.language


# --------------------------------------------------------------------------- regeneration


def pyside_tool(name: str) -> str:
    """``pyside6-<name>`` next to this Python, else on PATH."""
    local = Path(sys.executable).with_name(f"pyside6-{name}")
    if local.exists():
        return str(local)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found; install PySide6-Essentials")
    return found


def source_files() -> list[Path]:
    ui_dir = Path(__file__).resolve().parent
    files = list(ui_dir.glob("*.py"))
    for name in SOURCE_DIRS:
        files += (ui_dir / name).rglob("*.py")
    return sorted(p for p in files if "__pycache__" not in p.parts)


def update() -> None:
    """Refresh the .ts files from the sources; obsolete entries dropped, translations kept."""
    files = [str(p) for p in source_files()]
    for language in LANGUAGES:
        plural_only = ["-pluralonly"] if language == "en" else []
        command = [pyside_tool("lupdate"), "-no-obsolete", "-locations", "none", *plural_only]
        subprocess.run([*command, *files, "-ts", str(ts_path(language))], check=True)


def release() -> None:
    for language in LANGUAGES:
        command = [pyside_tool("lrelease"), str(ts_path(language)), "-qm", str(qm_path(language))]
        subprocess.run(command, check=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else ""
    if command == "update":
        update()
    elif command == "release":
        release()
    else:
        sys.stderr.write("usage: python -m congress_desktop.ui.i18n update|release\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

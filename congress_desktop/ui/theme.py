"""Look and type: the bundled CJK font and the stylesheet, applied once to the application.

The font comes from :func:`congress_desktop.fonts.cjk_font_bytes` (the same TrueType font the
generated PDFs embed), so no Chinese character ever turns into a box, even on a terminal with
no CJK font installed.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from congress_desktop.config import assets_dir

log = logging.getLogger(__name__)

BASE_PIXEL_SIZE = 22
LARGE_PIXEL_SIZE = 28
"""The large-type setting: every text grows by this ratio (the stylesheet's sizes too)."""
STYLESHEET = "terminal.qss"


def cached_cjk_font() -> Path | None:
    """The CJK font as a file in the user's cache, written on the first start.

    Getting the bytes from PyMuPDF means importing it (and reportlab, with
    ``congress_desktop.fonts``): ~0.2 s that the first screen does not need. The file is keyed
    by the PyMuPDF install it came from, found without importing it.
    """
    spec = importlib.util.find_spec("pymupdf")
    if spec is None or spec.origin is None:
        return None
    try:
        stamp = os.stat(spec.origin).st_mtime_ns
    except OSError:  # a frozen bundle: the module lives in the archive, not in a file
        stamp = os.stat(sys.executable).st_mtime_ns
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "congress-desktop" / f"cjk-font-{stamp}.ttf"
    try:
        if path.is_file():
            return path
        from congress_desktop.fonts import cjk_font_bytes

        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(cjk_font_bytes())
        tmp.replace(path)
        return path
    except OSError as exc:
        log.warning("CJK font cache not usable (%s): loading it from PyMuPDF", exc)
        return None


def load_cjk_font() -> str | None:
    """Register the bundled CJK font; returns its family name (None if Qt refused it)."""
    path = cached_cjk_font()
    font_id = QFontDatabase.addApplicationFont(str(path)) if path is not None else -1
    if font_id < 0:
        from congress_desktop.fonts import cjk_font_bytes

        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(cjk_font_bytes()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.error("the bundled CJK font could not be loaded; Chinese may show as boxes")
        return None
    return families[0]


_FONT_FAMILY: list[str | None] = []


def apply_theme(app: QApplication, *, large: bool = False) -> None:
    """Font and stylesheet; ``large`` scales every pixel size of both (large-type setting)."""
    if not _FONT_FAMILY:
        _FONT_FAMILY.append(load_cjk_font())
    family = _FONT_FAMILY[0]
    font = QFont(family) if family else QFont()
    size = LARGE_PIXEL_SIZE if large else BASE_PIXEL_SIZE
    font.setPixelSize(size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    path = assets_dir() / "styles" / STYLESHEET
    try:
        sheet = path.read_text(encoding="utf-8")
    except OSError as exc:
        log.error("stylesheet %s not loaded: %s", path, exc)
        return
    app.setStyleSheet(scale_stylesheet(sheet, size / BASE_PIXEL_SIZE) if large else sheet)


def is_large_type(widget: QWidget) -> bool:
    """Whether the large-type setting is on (the widget's inherited font is larger)."""
    size = widget.font().pixelSize()
    return size > BASE_PIXEL_SIZE


def scale_stylesheet(sheet: str, ratio: float) -> str:
    """Every ``font-size: Npx`` times ``ratio`` (the large-type setting)."""

    def grow(match: re.Match[str]) -> str:
        return f"font-size: {round(int(match.group(1)) * ratio)}px"

    return re.sub(r"font-size:\s*(\d+)px", grow, sheet)


def set_role(widget: QWidget, role: str, tone: str | None = None) -> None:
    """Tag a widget for the stylesheet (``role``/``tone`` properties) and re-polish it."""
    widget.setProperty("role", role)
    if tone is not None:
        widget.setProperty("tone", tone)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def set_tone(widget: QWidget, tone: str) -> None:
    if widget.property("tone") == tone:
        return
    widget.setProperty("tone", tone)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)

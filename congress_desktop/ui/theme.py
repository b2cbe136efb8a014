"""Look and type: the bundled CJK font and the stylesheet, applied once to the application.

The font comes from :func:`congress_desktop.fonts.cjk_font_bytes` (the same TrueType font the
generated PDFs embed), so no Chinese character ever turns into a box, even on a terminal with
no CJK font installed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from congress_desktop.config import assets_dir
from congress_desktop.fonts import cjk_font_bytes

log = logging.getLogger(__name__)

BASE_PIXEL_SIZE = 22
STYLESHEET = "terminal.qss"


def load_cjk_font() -> str | None:
    """Register the bundled CJK font; returns its family name (None if Qt refused it)."""
    font_id = QFontDatabase.addApplicationFontFromData(QByteArray(cjk_font_bytes()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.error("the bundled CJK font could not be loaded; Chinese may show as boxes")
        return None
    return families[0]


def apply_theme(app: QApplication) -> None:
    family = load_cjk_font()
    font = QFont(family) if family else QFont()
    font.setPixelSize(BASE_PIXEL_SIZE)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    path = assets_dir() / "styles" / STYLESHEET
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError as exc:
        log.error("stylesheet %s not loaded: %s", path, exc)


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

"""The embedded CJK font: PyMuPDF's Droid Sans Fallback, registered once with reportlab."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from congress_desktop import fonts


def test_font_bytes_are_a_cached_truetype_file() -> None:
    data = fonts.cjk_font_bytes()
    assert data[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, which reportlab can embed
    assert len(data) > 1_000_000
    assert fonts.cjk_font_bytes() is data


def test_register_reportlab_font_is_idempotent_and_covers_chinese() -> None:
    name = fonts.register_reportlab_font()
    assert name == fonts.CJK_FONT_NAME
    assert fonts.register_reportlab_font() == name
    assert pdfmetrics.getRegisteredFontNames().count(name) == 1
    font = pdfmetrics.getFont(name)
    # ideographs and full-width punctuation are one em wide, Latin is proportional
    assert font.stringWidth("人民代表大会", 10) == 60
    assert font.stringWidth("，。", 10) == 20
    assert 0 < font.stringWidth("i", 10) < font.stringWidth("W", 10) < 10
    cmap = font.face.charToGlyph
    assert all(ord(ch) in cmap for ch in "滨海市第十七届人民代表大会《》“”0123456789GDP")


def test_core_modules_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import congress_desktop.fonts, congress_desktop.pdfgen\n"
        "import congress_desktop.documents, congress_desktop.demo_content\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stderr

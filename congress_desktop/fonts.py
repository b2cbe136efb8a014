"""The one CJK font used everywhere: in generated PDFs (reportlab) and on screen (Qt).

It is PyMuPDF's built-in ``china-s`` font, Droid Sans Fallback (Apache-2.0): a TrueType font,
so reportlab can embed it (reportlab refuses OpenType/CFF fonts such as Noto Sans CJK), and it
ships inside the PyMuPDF wheel, so no system font package is needed on a terminal. It covers
ASCII, CJK punctuation and the GB 2312 / GBK ideographs.

No Qt here: the UI registers the same bytes itself with
``QFontDatabase.addApplicationFontFromData(QByteArray(cjk_font_bytes()))``.
"""

from __future__ import annotations

import functools
import io
import logging
import threading

import pymupdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

CJK_FONT_NAME = "DroidSansFallback"
"""The name the font is registered under in reportlab (and its family name for the UI)."""

_PYMUPDF_FONT = "china-s"
_register_lock = threading.Lock()


@functools.cache
def cjk_font_bytes() -> bytes:
    """The TrueType file of the CJK font (about 3.4 MB), read once per process."""
    data = pymupdf.Font(_PYMUPDF_FONT).buffer
    if not data.startswith(b"\x00\x01\x00\x00"):  # sfnt version 1.0 = TrueType outlines
        raise RuntimeError(f"PyMuPDF font {_PYMUPDF_FONT!r} is not a TrueType font")
    return bytes(data)


def register_reportlab_font() -> str:
    """Register the CJK font with reportlab (once per process) and return its font name.

    The font is embedded (subset) in every PDF that uses it.
    """
    with _register_lock:
        if CJK_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(CJK_FONT_NAME, io.BytesIO(cjk_font_bytes())))
            log.debug("registered reportlab font %s", CJK_FONT_NAME)
    return CJK_FONT_NAME

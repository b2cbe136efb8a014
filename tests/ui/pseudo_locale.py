"""A lengthening pseudo-locale: every translated string comes back accented, bracketed and
40 % longer, so a screen shows at once which texts would not fit a longer language and which
never went through ``tr()``.

``[Ŝîĝñ îñ ~~~]``: the brackets mark a translated string (an unbracketed English word on
screen was never translated), the accents make sure the font's Latin fallback is used and
the tildes add the 40 %. Placeholders (``{name}``, ``%n``) stay as they are, so formatting
still works.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QTranslator

OPEN, CLOSE, PAD = "[", "]", "~"
GROWTH = 0.4

_ACCENTED = str.maketrans(
    "abcdeghijklnorstuwyzABCDEGHIJKLNORSTUWYZ",
    "àƀçđéĝĥîĵķļñöŕšţûŵýžÀßÇĐÉĜĤÎĴĶĻÑÖŔŠŢÛŴÝŽ",
)
_PLACEHOLDER = re.compile(r"(\{[a-z_]+\}|%n|%\d|\n)")


def pseudo(text: str) -> str:
    """The pseudo-translation of one source string."""
    if not text.strip():
        return text
    parts = _PLACEHOLDER.split(text)
    body = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTED) for p in parts)
    plain = len(_PLACEHOLDER.sub("", text))
    pad = PAD * max(1, math.ceil(plain * GROWTH))
    return f"{OPEN}{body} {pad}{CLOSE}"


def looks_untranslated(text: str) -> bool:
    """Shown text with an English word outside any pseudo-translated part."""
    outside = re.sub(re.escape(OPEN) + r".*?" + re.escape(CLOSE), "", text, flags=re.S)
    return re.search(r"[A-Za-z]{3,}", outside) is not None


class PseudoTranslator(QTranslator):
    """Answers every ``tr()`` with :func:`pseudo` of its English source."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        self.seen.add(source_text)
        return pseudo(source_text)

    def isEmpty(self) -> bool:
        return False

"""A small writer of Chinese A4 documents (reports, resolutions, lists) with reportlab platypus.

Describe a document as data — :class:`DocumentSpec` with a list of blocks (:class:`Heading`,
:class:`Para`, :class:`NumberedList`, :class:`Table`, :class:`PageBreak`) — and call
:func:`render_pdf` (bytes) or :func:`write_pdf` (a file). Pages get a running header, a
"— 3 —" footer, PDF metadata (title, author, subject) and an outline built from the headings.
The CJK TrueType font from :mod:`congress_desktop.fonts` is embedded (subset).

Line breaking follows the Chinese rules (标点禁则) that reportlab's own ``wordWrap='CJK'``
ignores: closing punctuation (，。、；：？！）》」』”’ …) never starts a line, opening
punctuation (（《「『“‘ …) never ends one, a dash or ellipsis pair (——, ……) and a Latin word or
number (GDP, 3.5%) are never cut. Text is set by our own flowable, :class:`TextBlock`, on top of
:func:`break_lines`; lines of justified text are stretched with character spacing.

reportlab keeps process-wide state: builds are serialised by a lock, so calling
:func:`render_pdf` from several threads is safe (but not parallel).
"""

from __future__ import annotations

import functools
import io
import itertools
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Table as RLTable

from congress_desktop.fonts import register_reportlab_font

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- line breaking

NO_LINE_START = frozenset("，。、；：？！）》」』”’〉】〕〗］｝︶﹚…‥—～·％‰℃°′″,.;:?!)]}%")
"""Characters that must never begin a line (closing punctuation, 点号, units)."""

NO_LINE_END = frozenset("（《「『“‘〈【〔〖［｛([{￥$£€#＃")
"""Characters that must never end a line (opening punctuation, currency prefixes)."""

_PAIRED = frozenset("—…‥～")  # 破折号、省略号: the two halves stay together
_NUMBER_GLUE = frozenset(".,:/-_@%'")  # 3.5, 1,000, 10:30, 2025-01-08 stay together
_FUZZ = 1e-6

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Line:
    """One set line: ``text`` is ``source[start:end]`` without its trailing spaces."""

    text: str
    start: int
    end: int
    width: float
    last: bool  # last line of a paragraph or ended by "\n": never stretched


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "'")


def can_break(text: str, i: int) -> bool:
    """Whether a line may break between ``text[i-1]`` and ``text[i]``."""
    a, b = text[i - 1], text[i]
    if a == "\n" or b == "\n":
        return True
    if b.isspace():
        return False  # spaces stay with what precedes them (dropped at a line end)
    if a.isspace():
        return True
    if b in NO_LINE_START or a in NO_LINE_END:
        return False
    if a == b and a in _PAIRED:
        return False
    if _is_word_char(a) and _is_word_char(b):
        return False
    return not (a in _NUMBER_GLUE and _is_word_char(b) and i >= 2 and _is_word_char(text[i - 2]))


def _clusters(text: str, words_only: bool) -> list[tuple[int, int]]:
    """Split ``text`` into unbreakable pieces (start, end)."""
    if words_only:  # only after spaces: a list of names never splits a name
        breaks = (i for i in range(1, len(text)) if text[i - 1].isspace() and not text[i].isspace())
    else:
        breaks = (i for i in range(1, len(text)) if can_break(text, i))
    return list(itertools.pairwise([0, *breaks, len(text)]))


def break_lines(
    text: str,
    width: float,
    measure: Callable[[str], float],
    *,
    first_width: float | None = None,
    words_only: bool = False,
) -> list[Line]:
    """Break ``text`` greedily into lines of at most ``width`` (``first_width`` for line 1).

    ``measure`` gives the width of a string. A piece wider than a whole line (a long URL) is
    cut between characters as a last resort; "\\n" forces a break. ``words_only`` allows
    breaks only after spaces (lists of names).
    """
    lines: list[Line] = []
    avail = width if first_width is None else first_width
    start: int | None = None  # start of the current line
    used = 0.0

    def finish(end: int, *, last: bool) -> None:
        nonlocal start, used, avail
        if start is not None:
            body = text[start:end].rstrip()
            lines.append(Line(body, start, start + len(body), measure(body), last))
        start, used, avail = None, 0.0, width

    for s, e in _clusters(text, words_only):
        piece = text[s:e]
        if piece == "\n":
            if start is None:
                start = s
            finish(s, last=True)
            continue
        if start is None and piece.isspace():
            continue  # no spaces at the start of a line
        trimmed = measure(piece.rstrip())
        if start is not None and used + trimmed > avail + _FUZZ:
            finish(s, last=False)
        if start is None:
            start = s
        if trimmed > avail + _FUZZ:  # alone wider than a line: cut it by characters
            for k, ch in enumerate(piece):
                w = measure(ch)
                if used > 0 and used + w > avail + _FUZZ and not ch.isspace():
                    finish(s + k, last=False)
                    start = s + k
                used += w
            continue
        used += measure(piece)
    if start is not None:
        finish(len(text), last=True)
    return lines


# --------------------------------------------------------------------------- text flowable


@dataclass(frozen=True)
class TextStyle:
    """How a :class:`TextBlock` is set. Sizes in points."""

    size: float = 12.0
    leading: float = 21.0
    first_indent: float = 0.0
    left_indent: float = 0.0
    align: Align = "justify"
    bold: bool = False
    color: Any = colors.black
    space_before: float = 0.0
    space_after: float = 0.0
    keep_words: bool = False  # break lines only at spaces


@functools.cache
def _measurer(font_name: str, size: float) -> Callable[[str], float]:
    font = pdfmetrics.getFont(font_name)

    @functools.lru_cache(maxsize=8192)
    def char_width(ch: str) -> float:
        return float(font.stringWidth(ch, size))

    def measure(s: str) -> float:
        return sum(char_width(ch) for ch in s)

    return measure


_MAX_CHAR_SPACE = 0.3  # em: stretch a justified line no more than this per character


class TextBlock(Flowable):  # type: ignore[misc]
    """A paragraph of Chinese (or mixed) text set with :func:`break_lines`.

    ``label`` (e.g. "1.") hangs left of the first line in the ``label_width`` before the text
    (lists). ``outline_level`` makes the block an entry of the PDF outline (0 = top).
    """

    def __init__(
        self,
        text: str,
        style: TextStyle,
        *,
        font_name: str,
        label: str = "",
        label_width: float = 0.0,
        outline_level: int | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.font_name = font_name
        self.label = label
        self.label_width = label_width
        self.outline_level = outline_level
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self._lines: list[Line] = []
        self._wrapped_for: float | None = None

    # geometry ---------------------------------------------------------------

    @property
    def _left(self) -> float:
        return self.style.left_indent + self.label_width

    def lines_for(self, avail_width: float) -> list[Line]:
        if self._wrapped_for != avail_width:
            measure = _measurer(self.font_name, self.style.size)
            width = max(avail_width - self._left, self.style.size)
            first = max(width - self.style.first_indent, self.style.size)
            self._lines = break_lines(
                self.text, width, measure, first_width=first, words_only=self.style.keep_words
            )
            self._wrapped_for = avail_width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self.lines_for(availWidth)
        self.width = availWidth
        self.height = max(len(lines), 1) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines_for(availWidth)
        fit = int((availHeight + _FUZZ) // self.style.leading)
        fit = min(fit, len(lines) - 2)  # leave no widow line at the top of the next page
        if fit < 2 or self.outline_level is not None:  # and no orphan at the bottom
            return []
        head = TextBlock(
            self.text[: lines[fit - 1].end],
            replace(self.style, space_after=0.0),
            font_name=self.font_name,
            label=self.label,
            label_width=self.label_width,
        )
        tail = TextBlock(
            self.text[lines[fit].start :],
            replace(self.style, space_before=0.0, first_indent=0.0),
            font_name=self.font_name,
            label_width=self.label_width,
        )
        # the head is set with its original breaks, stretched as inner lines
        head._lines = [replace(ln, last=False) for ln in lines[:fit]]
        head._wrapped_for = availWidth
        return [head, tail]

    # drawing ----------------------------------------------------------------

    def draw(self) -> None:
        canv: Canvas = self.canv
        st = self.style
        avail = self.width - self._left
        ascent = st.size * 0.86
        top_gap = (st.leading - st.size) / 2
        canv.saveState()
        canv.setFillColor(st.color)
        if st.bold:  # the font has no bold face: fill and stroke the outlines
            canv.setStrokeColor(st.color)
            canv.setLineWidth(st.size * 0.035)
        if self.outline_level is not None:
            key = f"h{id(self)}"
            canv.bookmarkHorizontal(key, 0, self.height)
            canv.addOutlineEntry(self.text, key, level=self.outline_level, closed=False)
        tx = canv.beginText()
        tx.setFont(self.font_name, st.size)
        if st.bold:
            tx.setTextRenderMode(2)
        for n, line in enumerate(self._lines):
            y = self.height - n * st.leading - top_gap - ascent
            x = self._left + (st.first_indent if n == 0 else 0.0)
            room = avail - (st.first_indent if n == 0 else 0.0)
            char_space = 0.0
            if st.align == "center":
                x += (room - line.width) / 2
            elif st.align == "right":
                x += room - line.width
            elif st.align == "justify" and not line.last and len(line.text) > 1:
                char_space = (room - line.width) / (len(line.text) - 1)
                if char_space > _MAX_CHAR_SPACE * st.size or char_space < 0:
                    char_space = 0.0
            if n == 0 and self.label:
                tx.setTextOrigin(st.left_indent, y)
                tx.setCharSpace(0)
                tx.textOut(self.label)
            tx.setTextOrigin(x, y)
            tx.setCharSpace(char_space)
            tx.textOut(line.text)
        canv.drawText(tx)
        canv.restoreState()


# --------------------------------------------------------------------------- document model


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 = 一、…  2 = （一）…  3 = 1. …


@dataclass(frozen=True)
class Para:
    text: str
    indent: bool = True  # first-line indent of two characters
    align: Align = "justify"
    keep_words: bool = False  # break only at spaces, e.g. names separated by "　"


@dataclass(frozen=True)
class NumberedList:
    items: Sequence[str]
    style: Literal["arabic", "chinese", "circled"] = "arabic"  # 1.  /（一）/ ①
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float] | None = None  # relative column widths; equal if None
    aligns: Sequence[Align] | None = None  # per column; "left" if None
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Para | NumberedList | Table | PageBreak


@dataclass(frozen=True)
class DocumentSpec:
    """A whole document. ``subtitle`` and ``meta`` are centred lines under the title (e.g.
    "——2025年1月8日在……会议上" and "市长　林振华"); ``header`` is the running header (the
    title if empty), shown from page 2."""

    title: str
    blocks: Sequence[Block]
    subtitle: str = ""
    meta: str = ""
    header: str = ""
    author: str = ""
    subject: str = ""
    keywords: Sequence[str] = field(default_factory=tuple)


# --------------------------------------------------------------------------- page layout

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 2.6 * cm
MARGIN_TOP = 2.8 * cm
MARGIN_BOTTOM = 2.6 * cm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

BODY_SIZE = 12.0
BODY = TextStyle(size=BODY_SIZE, leading=21.0, first_indent=2 * BODY_SIZE, space_after=3)
TITLE = TextStyle(size=20, leading=30, align="center", bold=True, space_after=8)
SUBTITLE = TextStyle(size=13, leading=21, align="center", space_after=2)
META = TextStyle(size=13, leading=21, align="center", space_after=2)
HEADINGS = {
    1: TextStyle(size=14.5, leading=24, bold=True, align="left", space_before=12, space_after=4),
    2: TextStyle(
        size=12.5, leading=21, bold=True, align="left", first_indent=2 * BODY_SIZE,
        space_before=6, space_after=2,
    ),
    3: TextStyle(
        size=12, leading=21, bold=True, align="left", first_indent=2 * BODY_SIZE,
        space_before=3, space_after=1,
    ),
}  # fmt: skip
CAPTION = TextStyle(size=12, leading=20, bold=True, align="center", space_before=6, space_after=4)
CELL = TextStyle(size=10, leading=14, align="left")
HEADER_CELL = replace(CELL, bold=True, align="center")
CELL_PAD = 4.0

_CHINESE_NUMERALS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (1–99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE_NUMERALS[tens] + "十")
    return head + (_CHINESE_NUMERALS[ones] if ones else "")


def _list_label(style: str, n: int) -> str:
    if style == "chinese":
        return f"（{chinese_number(n)}）"
    if style == "circled" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return f"{n}."


class _DocTemplate(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, out: io.BytesIO, spec: DocumentSpec, font: str) -> None:
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=spec.title,
            author=spec.author,
            subject=spec.subject,
            keywords=list(spec.keywords),
            creator="congress-desktop",
            lang="zh-CN",
            initialFontName=font,
            invariant=1,  # same input, same bytes (no time stamps, fixed document id)
            pageCompression=1,
        )
        self._spec = spec
        self._font = font
        frame = Frame(
            MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
        )  # fmt: skip
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        page = canv.getPageNumber()
        canv.saveState()
        canv.setFont(self._font, 10.5)
        canv.setFillColor(colors.black)
        canv.drawCentredString(PAGE_WIDTH / 2, 1.5 * cm, f"— {page} —")
        if page > 1:
            header = self._spec.header or self._spec.title
            y = PAGE_HEIGHT - MARGIN_TOP + 0.9 * cm
            canv.setFont(self._font, 9)
            canv.setFillColor(colors.HexColor("#555555"))
            canv.drawCentredString(PAGE_WIDTH / 2, y, header)
            canv.setStrokeColor(colors.HexColor("#999999"))
            canv.setLineWidth(0.5)
            canv.line(MARGIN_LEFT, y - 5, PAGE_WIDTH - MARGIN_RIGHT, y - 5)
        canv.restoreState()


def _story(spec: DocumentSpec, font: str) -> list[Flowable]:
    def block(text: str, style: TextStyle, **kw: Any) -> TextBlock:
        return TextBlock(text, style, font_name=font, **kw)

    story: list[Flowable] = [block(spec.title, TITLE)]
    if spec.subtitle:
        story.append(block(spec.subtitle, SUBTITLE))
    if spec.meta:
        story.append(block(spec.meta, META))
    story.append(Spacer(1, 12))
    outline_level = -1
    for item in spec.blocks:
        if isinstance(item, Heading):
            level = min(max(item.level, 1), 3)
            style = HEADINGS[level]
            outline_level = min(level - 1, outline_level + 1)
            # a heading never ends a page: it needs room for itself and three lines of text
            story.append(CondPageBreak(style.space_before + 2 * style.leading + 3 * BODY.leading))
            story.append(block(item.text, style, outline_level=outline_level))
        elif isinstance(item, Para):
            style = replace(BODY, align=item.align, keep_words=item.keep_words)
            if not item.indent:
                style = replace(style, first_indent=0.0)
            story.append(block(item.text, style))
        elif isinstance(item, NumberedList):
            labels = [_list_label(item.style, item.start + k) for k in range(len(item.items))]
            measure = _measurer(font, BODY.size)
            label_width = max(measure(x) for x in labels) + BODY.size * 0.3 if labels else 0.0
            style = replace(BODY, first_indent=0.0, left_indent=2 * BODY_SIZE)
            for label, text in zip(labels, item.items, strict=True):
                story.append(block(text, style, label=label, label_width=label_width))
        elif isinstance(item, Table):
            story.extend(_table(item, font))
        elif isinstance(item, PageBreak):
            story.append(RLPageBreak())
    return story


def _table(table: Table, font: str) -> list[Flowable]:
    ncols = len(table.header)
    rel = list(table.widths) if table.widths else [1.0] * ncols
    total = sum(rel)
    widths = [FRAME_WIDTH * w / total for w in rel]
    aligns: list[Align] = list(table.aligns) if table.aligns else ["left"] * ncols

    def cell(text: str, style: TextStyle) -> TextBlock:
        return TextBlock(text, style, font_name=font)

    data: list[list[Flowable]] = [[cell(h, HEADER_CELL) for h in table.header]]
    styles = [replace(CELL, align=a) for a in aligns]
    for row in table.rows:
        data.append([cell(str(v), st) for v, st in zip(row, styles, strict=True)])
    rl_table = RLTable(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    rl_table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    out: list[Flowable] = []
    # a caption (or the header row) never ends a page: room for it and three rows
    out.append(CondPageBreak(CAPTION.space_before + 2 * CAPTION.leading + 4 * 2 * CELL.leading))
    if table.caption:
        out.append(TextBlock(table.caption, CAPTION, font_name=font))
    out.append(rl_table)
    out.append(Spacer(1, 8))
    return out


# --------------------------------------------------------------------------- entry points

_build_lock = threading.Lock()


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def render_pdf(spec: DocumentSpec) -> RenderedPdf:
    """Typeset ``spec`` into PDF bytes. Deterministic: the same spec gives the same bytes."""
    font = register_reportlab_font()
    with _build_lock:
        out = io.BytesIO()
        doc = _DocTemplate(out, spec, font)
        doc.build(_story(spec, font))
        pages = int(doc.page)
    log.debug("rendered %r: %d pages, %d bytes", spec.title, pages, out.tell())
    return RenderedPdf(out.getvalue(), pages)


def write_pdf(spec: DocumentSpec, path: Path) -> int:
    """Write ``spec`` to ``path`` (atomically: a temporary file then a rename); return pages."""
    result = render_pdf(spec)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(result.data)
    tmp.replace(path)
    return result.pages

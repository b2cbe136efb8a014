"""Where a note sits in a document's text, and where it goes in a new version of it.

A note remembers the page text under (or next to) it, ``anchor_text``, and where that text
was on the page (``geometry["anchor_rect"]``). When a document gets a new version, the
note moves to the page and place where its anchor text is found in the new version; a note
whose anchor text is gone is *unplaced* (kept, listed apart, never deleted).

Text is compared with all whitespace removed (line breaks move between versions, and Chinese
has no spaces), character by character, so Chinese and Latin text anchor alike.

Pure functions over PyMuPDF documents and pages: no I/O besides reading the given document,
no Qt, no database.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pymupdf

from congress_desktop.model import AnnotationKind

Rect = tuple[float, float, float, float]
Point = tuple[float, float]

CONTEXT_CHARS = 12
"""An ink or text note's anchor is at least this many characters of nearby text."""
ANCHOR_MAX_CHARS = 200
"""Longer anchors are cut (the stored text is bounded; a long anchor would rarely survive)."""
MIN_PART_CHARS = 6
"""When the whole anchor is gone, a part of it at least this long still places the note."""


@dataclass(frozen=True)
class PageText:
    """A page's characters without whitespace, each with its box (page coordinates)."""

    text: str
    boxes: tuple[Rect, ...]


@dataclass(frozen=True)
class Anchor:
    text: str
    rect: Rect


@dataclass(frozen=True)
class Match:
    page: int
    rects: tuple[Rect, ...]  # one per line of the matched text
    bbox: Rect


@dataclass(frozen=True)
class Placement:
    page: int
    geometry: dict[str, Any]


def normalize(text: str) -> str:
    return "".join(text.split())


TEXT_FLAGS = pymupdf.TEXT_MEDIABOX_CLIP
"""Extraction flags: no images or ligature bookkeeping (a third faster than the defaults)."""


def page_text(page: pymupdf.Page) -> PageText:
    chars: list[str] = []
    boxes: list[Rect] = []
    raw = page.get_text("rawdict", flags=TEXT_FLAGS)
    for block in raw.get("blocks", ()):
        if block.get("type", 0) != 0:
            continue
        for line in block.get("lines", ()):
            for span in line.get("spans", ()):
                for ch in span.get("chars", ()):
                    c = ch.get("c", "")
                    if not c or c.isspace():
                        continue
                    chars.append(c)
                    x0, y0, x1, y1 = ch["bbox"]
                    boxes.append((float(x0), float(y0), float(x1), float(y1)))
    return PageText("".join(chars), tuple(boxes))


def union(rects: Iterable[Rect]) -> Rect:
    rs = list(rects)
    if not rs:
        raise ValueError("union of no rectangles")
    return (
        min(r[0] for r in rs),
        min(r[1] for r in rs),
        max(r[2] for r in rs),
        max(r[3] for r in rs),
    )


def line_rects(boxes: Sequence[Rect]) -> tuple[Rect, ...]:
    """Character boxes in reading order merged into one rectangle per line."""
    lines: list[list[Rect]] = []
    for box in boxes:
        if lines:
            last = lines[-1][-1]
            mid = (box[1] + box[3]) / 2
            same_line = last[1] - 1 <= mid <= last[3] + 1 and box[0] >= last[0] - 1
            if same_line:
                lines[-1].append(box)
                continue
        lines.append([box])
    return tuple(union(line) for line in lines)


def _center(r: Rect) -> Point:
    return ((r[0] + r[2]) / 2, (r[1] + r[3]) / 2)


def _inside(point: Point, r: Rect, margin: float = 0.0) -> bool:
    return r[0] - margin <= point[0] <= r[2] + margin and r[1] - margin <= point[1] <= r[3] + margin


def _distance(point: Point, r: Rect) -> float:
    dx = max(r[0] - point[0], 0.0, point[0] - r[2])
    dy = max(r[1] - point[1], 0.0, point[1] - r[3])
    return math.hypot(dx, dy)


def anchor_in(text: PageText, rect: Rect, *, context: int = 0) -> Anchor | None:
    """The text under ``rect`` (chars whose centre is inside it), widened on both sides to at
    least ``context`` characters; the nearest text when nothing is under it. None: a page
    without text."""
    if not text.text:
        return None
    inside = [i for i, box in enumerate(text.boxes) if _inside(_center(box), rect, 1.0)]
    if inside:
        start, end = inside[0], inside[-1] + 1
    else:
        middle = _center(rect)
        nearest = min(range(len(text.boxes)), key=lambda i: _distance(middle, text.boxes[i]))
        start, end = nearest, nearest + 1
    while end - start < context and (start > 0 or end < len(text.text)):
        if start > 0:
            start -= 1
        if end - start < context and end < len(text.text):
            end += 1
    end = min(end, start + ANCHOR_MAX_CHARS)
    return Anchor(text.text[start:end], union(text.boxes[start:end]))


def select_between(text: PageText, a: Point, b: Point) -> tuple[str, tuple[Rect, ...]]:
    """The text a finger dragged over from ``a`` to ``b`` (reading order), one rect per line:
    what a highlighter marks. Empty when the page has no text near the drag."""
    if not text.text:
        return "", ()

    def nearest(p: Point) -> int:
        return min(range(len(text.boxes)), key=lambda i: _distance(p, text.boxes[i]))

    i, j = sorted((nearest(a), nearest(b)))
    if _distance(a, text.boxes[i]) > 40 and _distance(b, text.boxes[j]) > 40:
        return "", ()
    boxes = text.boxes[i : j + 1]
    return text.text[i : j + 1], line_rects(boxes)


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    start = haystack.find(needle)
    while start >= 0:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _page_order(count: int, hint: int) -> list[int]:
    hint = min(max(hint, 0), max(count - 1, 0))
    order = [hint]
    for d in range(1, count):
        for p in (hint - d, hint + d):
            if 0 <= p < count:
                order.append(p)
    return order


class DocumentText:
    """A document's text, read lazily and kept: per page the plain text without whitespace
    (cheap, to find which pages hold an anchor) and the characters with their boxes (read only
    for pages that do). One per document, shared by all the notes moved onto it."""

    def __init__(self, doc: pymupdf.Document) -> None:
        self.doc = doc
        self._plain: dict[int, str] = {}
        self._chars: dict[int, PageText] = {}

    @property
    def page_count(self) -> int:
        return int(self.doc.page_count)

    def plain(self, page: int) -> str:
        if page not in self._plain:
            self._plain[page] = normalize(self.doc[page].get_text("text", flags=TEXT_FLAGS))
        return self._plain[page]

    def chars(self, page: int) -> PageText:
        if page not in self._chars:
            self._chars[page] = page_text(self.doc[page])
        return self._chars[page]


def find_anchor(
    doc: pymupdf.Document,
    anchor_text: str,
    *,
    hint_page: int = 0,
    hint_rect: Rect | None = None,
    texts: DocumentText | None = None,
) -> Match | None:
    """Where ``anchor_text`` is in ``doc``: the page nearest ``hint_page`` that has it (the
    occurrence nearest ``hint_rect`` there); failing that, the longest leading or trailing
    part of it found (at least :data:`MIN_PART_CHARS`). None: the text is gone.

    ``texts`` keeps the document's text across calls (many notes, one document).
    """
    needle = normalize(anchor_text)[:ANCHOR_MAX_CHARS]
    if not needle:
        return None
    text = texts if texts is not None else DocumentText(doc)
    order = _page_order(doc.page_count, hint_page)
    for candidate in _parts(needle):
        for page in order:
            if candidate not in text.plain(page):
                continue
            pt = text.chars(page)
            hits = _occurrences(pt.text, candidate)
            if not hits:
                continue
            if hint_rect is not None and page == hint_page and len(hits) > 1:
                target = _center(hint_rect)
                hits.sort(key=lambda s: _distance(target, union(pt.boxes[s : s + len(candidate)])))
            start = hits[0]
            boxes = pt.boxes[start : start + len(candidate)]
            return Match(page, line_rects(boxes), union(boxes))
    return None


def _parts(needle: str) -> list[str]:
    """The whole anchor, then ever shorter leading and trailing parts of it."""
    parts = [needle]
    size = len(needle) * 2 // 3
    while size >= MIN_PART_CHARS:
        parts += [needle[:size], needle[-size:]]
        size = size * 2 // 3
    return parts


def _shift(geometry: dict[str, Any], dx: float, dy: float) -> dict[str, Any]:
    out = dict(geometry)
    if "strokes" in geometry:
        out["strokes"] = [[[x + dx, y + dy] for x, y in stroke] for stroke in geometry["strokes"]]
    if "point" in geometry:
        x, y = geometry["point"]
        out["point"] = [x + dx, y + dy]
    if "rects" in geometry:
        out["rects"] = [[r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy] for r in geometry["rects"]]
    return out


def geometry_bounds(geometry: dict[str, Any]) -> Rect | None:
    """The rectangle a note covers on its page (None: no shape)."""
    rects: list[Rect] = []
    for stroke in geometry.get("strokes", ()):
        if stroke:
            xs, ys = [p[0] for p in stroke], [p[1] for p in stroke]
            rects.append((min(xs), min(ys), max(xs), max(ys)))
    for r in geometry.get("rects", ()):
        rects.append((r[0], r[1], r[2], r[3]))
    if "point" in geometry:
        x, y = geometry["point"]
        rects.append((x, y, x, y))
    return union(rects) if rects else None


def relocate(
    doc: pymupdf.Document,
    *,
    kind: AnnotationKind | str,
    page: int,
    geometry: dict[str, Any],
    anchor_text: str,
    texts: DocumentText | None = None,
) -> Placement | None:
    """Where a note made on an older version goes in ``doc``; None: its anchor is gone.

    A highlight covers its anchor text again (the words, wherever they now wrap); an ink or
    text note keeps its offset from its anchor text.
    """
    old = geometry.get("anchor_rect")
    hint = (float(old[0]), float(old[1]), float(old[2]), float(old[3])) if old else None
    match = find_anchor(doc, anchor_text, hint_page=page, hint_rect=hint, texts=texts)
    if match is None:
        return None
    if AnnotationKind(kind) is AnnotationKind.HIGHLIGHT:
        moved = dict(geometry)
        moved["rects"] = [list(r) for r in match.rects]
    elif hint is not None:
        moved = _shift(geometry, match.bbox[0] - hint[0], match.bbox[1] - hint[1])
    else:
        moved = dict(geometry)
    moved["anchor_rect"] = list(match.bbox)
    return Placement(match.page, moved)


def anchor_for_note(
    page: pymupdf.Page, kind: AnnotationKind | str, geometry: dict[str, Any]
) -> Anchor | None:
    """The anchor of a new note on ``page``: the highlighted text itself for a highlight, the
    text under or next to it (with some context) for ink and text notes."""
    bounds = geometry_bounds(geometry)
    if bounds is None:
        return None
    context = 0 if AnnotationKind(kind) is AnnotationKind.HIGHLIGHT else CONTEXT_CHARS
    return anchor_in(page_text(page), bounds, context=context)

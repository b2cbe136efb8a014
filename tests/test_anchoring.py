"""Re-anchoring notes in a new document version (pure functions, real PDFs from pdfgen)."""

from __future__ import annotations

import pymupdf
import pytest
from fixtures.versioned_pdfs import KEPT, MOVED_TO_PAGE_2, REWRITTEN, budget_v1, budget_v2

from congress_desktop import anchoring
from congress_desktop.model import AnnotationKind


@pytest.fixture(scope="module")
def v1() -> pymupdf.Document:
    return pymupdf.open(stream=budget_v1(), filetype="pdf")


@pytest.fixture(scope="module")
def v2() -> pymupdf.Document:
    return pymupdf.open(stream=budget_v2(), filetype="pdf")


def rect_of(doc: pymupdf.Document, page: int, text: str) -> anchoring.Rect:
    r = doc[page].search_for(text)[0]
    return (r.x0, r.y0, r.x1, r.y1)


def test_page_text_has_one_box_per_character(v1: pymupdf.Document) -> None:
    text = anchoring.page_text(v1[0])
    assert KEPT in text.text and REWRITTEN in text.text
    assert len(text.text) == len(text.boxes)
    assert " " not in text.text


def test_a_highlight_follows_its_words_into_the_new_version(
    v1: pymupdf.Document, v2: pymupdf.Document
) -> None:
    old = rect_of(v1, 0, KEPT)
    selected, rects = anchoring.select_between(
        anchoring.page_text(v1[0]), (old[0] + 1, (old[1] + old[3]) / 2), (old[2] - 1, old[3] - 2)
    )
    assert selected == KEPT and len(rects) == 1
    place = anchoring.relocate(
        v2,
        kind=AnnotationKind.HIGHLIGHT,
        page=0,
        geometry={"rects": [list(rects[0])], "anchor_rect": list(old)},
        anchor_text=selected,
    )
    assert place is not None and place.page == 0
    [new] = place.geometry["rects"]
    assert new == pytest.approx(list(rect_of(v2, 0, KEPT)), abs=0.5)
    assert new[1] > old[1] + 20


def test_ink_keeps_its_offset_from_the_anchor_text(
    v1: pymupdf.Document, v2: pymupdf.Document
) -> None:
    old = rect_of(v1, 1, MOVED_TO_PAGE_2)
    ink = {"strokes": [[[old[0] - 10, old[3] + 3], [old[2] + 10, old[3] + 3]]], "width": 2.0}
    anchor = anchoring.anchor_for_note(v1[1], "ink", ink)
    assert anchor is not None and MOVED_TO_PAGE_2[:4] in anchor.text
    assert len(anchor.text) >= anchoring.CONTEXT_CHARS
    place = anchoring.relocate(
        v2, kind="ink", page=1, geometry={**ink, "anchor_rect": list(anchor.rect)},
        anchor_text=anchor.text,
    )  # fmt: skip
    assert place is not None and place.page == 1
    new = rect_of(v2, 1, MOVED_TO_PAGE_2)
    [[start, end]] = place.geometry["strokes"]
    assert start[1] == pytest.approx(new[3] + 3, abs=0.5)
    assert end[0] - start[0] == pytest.approx((old[2] + 10) - (old[0] - 10))


def test_a_note_whose_text_is_gone_is_unplaced(v1: pymupdf.Document, v2: pymupdf.Document) -> None:
    old = rect_of(v1, 0, REWRITTEN)
    anchor = anchoring.anchor_in(anchoring.page_text(v1[0]), old)
    assert anchor is not None and anchor.text == REWRITTEN
    assert anchoring.find_anchor(v2, anchor.text, hint_page=0) is None
    place = anchoring.relocate(
        v2, kind="text", page=0, geometry={"point": [old[0], old[1]]}, anchor_text=anchor.text
    )
    assert place is None
    assert anchoring.relocate(v2, kind="text", page=0, geometry={}, anchor_text="") is None


def test_the_nearest_page_and_occurrence_win() -> None:
    doc = pymupdf.open()
    for _ in range(3):
        page = doc.new_page()
        page.insert_text((72, 100), "repeat me")
        page.insert_text((72, 400), "repeat me")
    match = anchoring.find_anchor(doc, "repeat  me", hint_page=2, hint_rect=(72, 390, 150, 402))
    assert match is not None and match.page == 2 and match.bbox[1] > 380
    # a leading part still places a note whose tail was edited
    part = anchoring.find_anchor(doc, "repeat me, then words that were removed", hint_page=0)
    assert part is not None and part.page == 0


def test_line_rects_split_a_passage_per_line() -> None:
    boxes = [(0.0, 0.0, 10.0, 12.0), (10.0, 0.0, 20.0, 12.0), (0.0, 20.0, 10.0, 32.0)]
    assert anchoring.line_rects(boxes) == ((0.0, 0.0, 20.0, 12.0), (0.0, 20.0, 10.0, 32.0))

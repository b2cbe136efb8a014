"""A new document version: the server records what changed and carries every note over."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pymupdf
import pytest
from fixtures.versioned_pdfs import KEPT, MOVED_TO_PAGE_2, REWRITTEN, budget_v1, budget_v2
from server.conftest import enroll
from server.helpers import World, op
from sqlalchemy import Engine, select

from congress_desktop.anchoring import anchor_for_note, anchor_in, page_text
from congress_desktop.model import annotations_table, document_changes, utcnow

from .helpers import ok
from .test_documents import upload

pytestmark = pytest.mark.asyncio


def note(
    delegate_id: str, document_id: str, page: int, kind: str, geometry: dict[str, Any], anchor: str
) -> dict[str, Any]:
    return op(
        "annotation.upsert",
        {
            "annotation_id": str(uuid.uuid4()),
            "delegate_id": delegate_id,
            "document_id": document_id,
            "page": page,
            "kind": kind,
            "geometry": geometry,
            "anchor_text": anchor,
            "edited_at": utcnow().isoformat(),
        },
    )


def rows(engine: Engine) -> dict[str, dict[str, Any]]:
    with engine.connect() as conn:
        return {r["id"]: dict(r) for r in conn.execute(select(annotations_table)).mappings()}


async def test_new_version_moves_notes_and_says_what_changed(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    seat1 = await enroll(client, engine, 1)
    seat2 = await enroll(client, engine, 2)
    v1 = ok(await upload(client, secretariat, "预算报告.pdf", budget_v1()), 201)
    pdf = pymupdf.open(stream=budget_v1(), filetype="pdf")
    kept = tuple(pdf[0].search_for(KEPT)[0])
    highlight = {"rects": [list(kept)], "anchor_rect": list(kept)}
    under = anchor_in(page_text(pdf[0]), kept)
    assert under is not None and under.text == KEPT
    gone = tuple(pdf[0].search_for(REWRITTEN)[0])
    text_geometry = {"point": [gone[0], gone[3] + 5]}
    text_anchor = anchor_for_note(pdf[0], "text", text_geometry)
    assert text_anchor is not None
    text_geometry["anchor_rect"] = list(text_anchor.rect)
    debt = tuple(pdf[1].search_for(MOVED_TO_PAGE_2)[0])
    ink = {"strokes": [[[debt[0], debt[3] + 2], [debt[2], debt[3] + 2]]]}
    ink_anchor = anchor_for_note(pdf[1], "ink", ink)
    assert ink_anchor is not None
    ink["anchor_rect"] = list(ink_anchor.rect)
    ops = [
        note(world.delegates[0], v1["id"], 0, "highlight", highlight, under.text),
        note(world.delegates[0], v1["id"], 0, "text", text_geometry, text_anchor.text),
        note(world.delegates[0], v1["id"], 1, "ink", ink, ink_anchor.text),
    ]
    results = (await client.post("/api/v1/sync/push", json={"ops": ops}, headers=seat1)).json()[
        "results"
    ]
    assert [r["status"] for r in results] == ["applied"] * 3
    ids = [o["payload"]["annotation_id"] for o in ops]

    v2 = ok(await upload(client, secretariat, "v2.pdf", budget_v2(), supersedes_id=v1["id"]), 201)
    stored = rows(engine)
    assert {stored[i]["document_id"] for i in ids} == {v2["id"]}
    assert all(stored[i]["document_version"] == 2 for i in ids)
    new_pdf = pymupdf.open(stream=budget_v2(), filetype="pdf")
    moved = stored[ids[0]]
    assert moved["unplaced"] is False and moved["page"] == 0
    [rect] = moved["geometry"]["rects"]
    assert new_pdf[0].get_textbox(pymupdf.Rect(rect)).replace("\n", "") == KEPT
    assert rect[1] > kept[1] + 20  # the preface pushed it down
    assert stored[ids[1]]["unplaced"] is True  # its sentence was rewritten: kept, unplaced
    assert stored[ids[1]]["deleted"] is False
    inked = stored[ids[2]]
    assert inked["unplaced"] is False and inked["page"] == 1
    new_debt = new_pdf[1].search_for(MOVED_TO_PAGE_2)[0]
    [[start, _end]] = inked["geometry"]["strokes"]
    assert abs(start[1] - (new_debt.y1 + 2)) < 1.0

    with engine.connect() as conn:
        [change] = conn.execute(select(document_changes)).mappings().all()
    assert change["document_id"] == v2["id"] and change["from_document_id"] == v1["id"]
    assert (change["from_version"], change["to_version"]) == (1, 2)
    assert change["added_lines"] > 0 and change["removed_lines"] > 0
    assert any(REWRITTEN in h["old"] for h in change["hunks"])
    assert 1 in change["changed_pages"]

    # a note made offline on version 1, pushed after version 2 arrived, is carried over too
    late = note(world.delegates[0], v1["id"], 0, "highlight", highlight, under.text)
    [result] = (await client.post("/api/v1/sync/push", json={"ops": [late]}, headers=seat1)).json()[
        "results"
    ]
    assert result["status"] == "applied"
    carried = result["detail"]["annotation"]
    assert carried["document_id"] == v2["id"] and carried["unplaced"] is False
    assert carried["geometry"]["rects"] == moved["geometry"]["rects"]

    # what changed is public; the notes stay private
    for headers, expect_notes in ((seat1, 4), (seat2, 0)):
        body = (await client.get("/api/v1/sync/pull", params={"since": 0}, headers=headers)).json()
        tables = [c["table"] for c in body["changes"] if not c["deleted"]]
        assert tables.count("document_changes") == 1
        assert tables.count("annotations") == expect_notes

"""Annotations on the server: private to their delegate, last writer wins, tombstones."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from congress_desktop.model import annotations_table, documents, utcnow
from congress_desktop.server.changes import write_row

from .conftest import enroll
from .helpers import World, op
from .test_pull import pull_all
from .test_push import push

pytestmark = pytest.mark.asyncio


def add_document(engine: Engine, world: World, doc_id: str = "doc-1") -> str:
    with engine.begin() as conn:
        write_row(
            conn,
            documents,
            {
                "id": doc_id,
                "session_id": world.session_id,
                "title": "预算报告",
                "filename": "budget.pdf",
                "sha256": "a" * 64,
                "size": 1000,
                "pages": 3,
            },
        )
    return doc_id


def note_op(
    delegate_id: str,
    document_id: str,
    *,
    note_id: str | None = None,
    text: str = "要核实这个数字",
    edited_at: dt.datetime | None = None,
    **extra: Any,
) -> dict[str, Any]:
    payload = {
        "annotation_id": note_id or str(uuid.uuid4()),
        "delegate_id": delegate_id,
        "document_id": document_id,
        "page": 1,
        "kind": "text",
        "geometry": {"point": [100.0, 200.0]},
        "text": text,
        "anchor_text": "全年预算收入",
        "edited_at": (edited_at or utcnow()).isoformat(),
        **extra,
    }
    return op("annotation.upsert", payload)


def delete_op(delegate_id: str, note_id: str, edited_at: dt.datetime) -> dict[str, Any]:
    payload = {
        "annotation_id": note_id,
        "delegate_id": delegate_id,
        "edited_at": edited_at.isoformat(),
    }
    return op("annotation.delete", payload)


def notes_in(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in changes if c["table"] == "annotations"]


def stored(engine: Engine, note_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        row = (
            conn.execute(select(annotations_table).where(annotations_table.c.id == note_id))
            .mappings()
            .one()
        )
        return dict(row)


async def test_a_note_reaches_only_its_own_delegates_terminals(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    doc = add_document(engine, world)
    note = note_op(world.delegates[0], doc)
    [result] = await push(client, seat1, note)
    assert result["status"] == "applied", result
    assert result["detail"]["annotation"]["text"] == "要核实这个数字"

    spare_at_seat1 = await enroll(client, engine, 1)  # a replacement terminal, same delegate
    seat2 = await enroll(client, engine, 2)
    unseated = await enroll(client, engine, None)
    for headers in (seat1, spare_at_seat1):
        changes, _cursor, _pages = await pull_all(client, headers, limit=1000)
        [mine] = notes_in(changes)
        assert mine["row"]["text"] == "要核实这个数字"
        assert mine["row"]["delegate_id"] == world.delegates[0]
    for headers in (seat2, unseated):
        changes, _cursor, _pages = await pull_all(client, headers, limit=1000)
        assert notes_in(changes) == []
        assert any(c["table"] == "documents" for c in changes)  # public rows still come

    # another delegate can neither claim nor delete the note
    [claimed] = await push(
        client, seat2, note_op(world.delegates[1], doc, note_id=note["payload"]["annotation_id"])
    )
    assert claimed["status"] == "rejected" and "already in use" in claimed["reason"]
    [deleted] = await push(
        client, seat2, delete_op(world.delegates[1], note["payload"]["annotation_id"], utcnow())
    )
    assert deleted["status"] == "rejected"
    [impersonated] = await push(client, seat2, note_op(world.delegates[0], doc))
    assert impersonated["status"] == "rejected"
    assert stored(engine, note["payload"]["annotation_id"])["deleted"] is False


async def test_concurrent_edits_last_writer_wins(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    doc = add_document(engine, world)
    other = await enroll(client, engine, 1)  # the same delegate at a second terminal
    note_id = str(uuid.uuid4())
    t0 = utcnow()
    [first] = await push(client, seat1, note_op(world.delegates[0], doc, note_id=note_id, text="a"))
    assert first["status"] == "applied"
    _changes, cursor, _pages = await pull_all(client, other, limit=1000)

    later, earlier = t0 + dt.timedelta(seconds=20), t0 + dt.timedelta(seconds=10)
    newer = note_op(world.delegates[0], doc, note_id=note_id, text="newer", edited_at=later)
    older = note_op(world.delegates[0], doc, note_id=note_id, text="older", edited_at=earlier)
    [won] = await push(client, seat1, newer)
    [lost] = await push(client, other, older)  # arrives last, was made first
    assert won["status"] == "applied"
    assert lost["status"] == "duplicate" and "newer edit" in lost["reason"]
    row = stored(engine, note_id)
    assert row["text"] == "newer" and row["edited_at"] == later

    # the losing terminal pulls the winner again, even though it saw its seq before
    changes, _cursor, _pages = await pull_all(client, other, since=cursor, limit=1000)
    assert [c["row"]["text"] for c in notes_in(changes)] == ["newer"]


async def test_delete_is_a_tombstone_an_older_edit_cannot_revive(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    doc = add_document(engine, world)
    seat2 = await enroll(client, engine, 2)
    note_id = str(uuid.uuid4())
    t0 = utcnow()
    await push(client, seat1, note_op(world.delegates[0], doc, note_id=note_id, edited_at=t0))
    _changes, cursor, _pages = await pull_all(client, seat1, limit=1000)
    _changes, cursor2, _pages = await pull_all(client, seat2, limit=1000)

    gone = t0 + dt.timedelta(seconds=5)
    [result] = await push(client, seat1, delete_op(world.delegates[0], note_id, gone))
    assert result["status"] == "applied"
    assert stored(engine, note_id)["deleted"] is True
    changes, _c, _p = await pull_all(client, seat1, since=cursor, limit=1000)
    [tombstone] = notes_in(changes)
    assert tombstone["deleted"] is True and tombstone["id"] == note_id
    changes, _c, _p = await pull_all(client, seat2, since=cursor2, limit=1000)
    assert notes_in(changes) == []  # not even the tombstone goes to another delegate

    stale = note_op(
        world.delegates[0], doc, note_id=note_id, edited_at=t0 + dt.timedelta(seconds=2)
    )
    [ignored] = await push(client, seat1, stale)
    assert ignored["status"] == "duplicate"
    assert stored(engine, note_id)["deleted"] is True
    # deleting a note the server never saw is acknowledged, not an error
    [unknown] = await push(client, seat1, delete_op(world.delegates[0], str(uuid.uuid4()), gone))
    assert unknown["status"] == "duplicate"


async def test_invalid_notes_are_rejected_with_the_reason(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    doc = add_document(engine, world)
    [bad_kind] = await push(client, seat1, note_op(world.delegates[0], doc, kind="sticker"))
    assert bad_kind["status"] == "rejected" and "kind" in bad_kind["reason"]
    [no_doc] = await push(client, seat1, note_op(world.delegates[0], "no-such-document"))
    assert no_doc["status"] == "rejected" and "document" in no_doc["reason"]
    huge = {"strokes": [[[float(i), float(i)] for i in range(30_000)]]}
    [too_big] = await push(client, seat1, note_op(world.delegates[0], doc, geometry=huge))
    assert too_big["status"] == "rejected" and "too large" in too_big["reason"]


async def test_placements_prepared_outside_the_lock_are_used_only_for_unchanged_notes(
    engine: Engine, world: World, tmp_path: Path
) -> None:
    from fixtures.versioned_pdfs import KEPT, REWRITTEN, budget_v2

    from congress_desktop.anchoring import Placement
    from congress_desktop.server.annotations import carry_to_new_version, prepare_carry

    old = add_document(engine, world, "old-version")
    new_pdf = tmp_path / "v2.pdf"
    new_pdf.write_bytes(budget_v2())
    base = {
        "delegate_id": world.delegates[0],
        "document_id": old,
        "page": 0,
        "kind": "text",
        "geometry": {"point": [10.0, 10.0]},
        "edited_at": utcnow(),
    }
    with engine.begin() as conn:
        write_row(conn, annotations_table, {**base, "id": "same", "anchor_text": KEPT})
        write_row(conn, annotations_table, {**base, "id": "edited", "anchor_text": KEPT})
    prepared = prepare_carry(engine, old, new_pdf)
    assert set(prepared) == {"same", "edited"}
    assert all(placement is not None for _seq, placement in prepared.values())
    marker = Placement(page=7, geometry={"point": [1.0, 2.0]})
    prepared["same"] = (prepared["same"][0], marker)  # proves the prepared one is used
    with engine.begin() as conn:  # edited after the placements were computed
        write_row(conn, annotations_table, {"id": "edited", "anchor_text": REWRITTEN})
    target = {"id": "new-version", "version": 2, "sha256": "c" * 64}
    with engine.begin() as conn:
        assert carry_to_new_version(conn, old, target, new_pdf, prepared) == (1, 1)
    same, edited = stored(engine, "same"), stored(engine, "edited")
    assert same["page"] == 7 and same["geometry"] == {"point": [1.0, 2.0]}
    assert same["document_id"] == edited["document_id"] == "new-version"
    assert edited["unplaced"] is True  # placed afresh: its new anchor text is gone

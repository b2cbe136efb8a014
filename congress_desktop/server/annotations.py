"""Delegates' private notes: the ``annotation.upsert`` / ``annotation.delete`` op effects, and
carrying notes over to a new version of their document.

Privacy: an annotation belongs to the delegate at the pushing terminal's seat and is pulled
only by terminals whose seat delegate owns it (``row_audience`` in server/pull.py).

Last writer wins: every op carries the note's ``edited_at``; an op older than the stored
row changes nothing (the stored winner is re-stamped with a new seq so the losing terminal
pulls it again and converges). A delete is a tombstone with its own ``edited_at``.

New versions: when a document is superseded, each of its notes moves to the page and place
of its ``anchor_text`` in the new version (congress_desktop/anchoring.py); a note whose
anchor is gone is kept on the new version flagged ``unplaced``. A note pushed later for an
old version (made offline) is carried over the same way when it arrives.
"""

from __future__ import annotations

import datetime as dt
import logging
import weakref
from pathlib import Path
from typing import Any

import pymupdf
from sqlalchemy import Connection, Engine, select

from congress_desktop.anchoring import DocumentText, Placement, relocate
from congress_desktop.config import ServerPaths
from congress_desktop.model import annotations_table as notes_table
from congress_desktop.model import documents, row_to_wire
from congress_desktop.protocol import (
    AnnotationDeletePayload,
    AnnotationPayload,
    Op,
    OpStatus,
    RejectCode,
)
from congress_desktop.server.auth import Terminal
from congress_desktop.server.changes import next_seq, write_row
from congress_desktop.server.db import read_connection
from congress_desktop.server.ops import Outcome, Rejected, _own_delegate, _parse, _row

log = logging.getLogger(__name__)

GEOMETRY_POINTS_MAX = 20_000
"""Coordinates in one note (a long ink scribble is a few thousand)."""

_blob_roots: weakref.WeakKeyDictionary[Engine, ServerPaths] = weakref.WeakKeyDictionary()


def register_paths(engine: Engine, paths: ServerPaths) -> None:
    """Where the documents of ``engine``'s server are (to re-anchor notes pushed late)."""
    _blob_roots[engine] = paths


def _pdf_path(conn: Connection, sha256: str) -> Path | None:
    paths = _blob_roots.get(conn.engine)
    if paths is None:
        return None
    path = paths.blob_path(sha256)
    return path if path.exists() else None


def _count_points(value: Any) -> int:
    if isinstance(value, list | tuple):
        return sum(_count_points(v) for v in value) if value else 0
    if isinstance(value, dict):
        return sum(_count_points(v) for v in value.values())
    return 1


def _check_geometry(geometry: dict[str, Any]) -> None:
    if _count_points(geometry) > GEOMETRY_POINTS_MAX:
        raise Rejected("the note's drawing is too large", RejectCode.NOTE_TOO_LARGE)
    for key in ("strokes", "rects"):
        if key in geometry and not isinstance(geometry[key], list):
            raise Rejected(f"invalid payload: geometry.{key}: not a list", RejectCode.INVALID)


def _same(a: dt.datetime, b: dt.datetime) -> bool:
    return abs((a - b).total_seconds()) < 1e-6


def _latest_version(conn: Connection, document_id: str) -> dict[str, Any] | None:
    """The live document that ``document_id`` is, or was superseded by (following the chain)."""
    seen: set[str] = set()
    current = _row(conn, documents, document_id)
    while current is not None and current["deleted"] and current["id"] not in seen:
        seen.add(current["id"])
        successor = (
            conn.execute(
                select(documents)
                .where(documents.c.supersedes_id == current["id"])
                .order_by(documents.c.version.desc())
            )
            .mappings()
            .first()
        )
        current = dict(successor) if successor is not None else None
    return current if current is not None and not current["deleted"] else None


def placement_of(
    values: dict[str, Any], pdf: pymupdf.Document | None, text: DocumentText | None = None
) -> Placement | None:
    """Where the note ``values`` goes in ``pdf`` (None: unplaced, or no file to look in)."""
    if pdf is None or not values.get("anchor_text"):
        return None
    try:
        return relocate(
            pdf,
            kind=values["kind"],
            page=int(values["page"]),
            geometry=dict(values["geometry"] or {}),
            anchor_text=values["anchor_text"],
            texts=text,
        )
    except Exception:  # a damaged file or odd geometry: keep the note, unplaced
        log.warning("re-anchoring note %s failed", values.get("id"), exc_info=True)
        return None


def carried_over(
    values: dict[str, Any], target: dict[str, Any], placement: Placement | None
) -> dict[str, Any]:
    """``values`` (an annotation row) moved onto the document version ``target``."""
    moved = {
        **values,
        "document_id": target["id"],
        "document_version": target["version"],
        "document_sha256": target["sha256"],
    }
    if placement is None:
        moved["unplaced"] = True
    else:
        moved.update(page=placement.page, geometry=placement.geometry, unplaced=False)
    return moved


def apply_upsert(conn: Connection, terminal: Terminal, op: Op, received: dt.datetime) -> Outcome:
    payload = _parse(AnnotationPayload, op.payload)
    seq = next_seq(conn)
    owner = _own_delegate(conn, terminal, payload.delegate_id)
    _check_geometry(payload.geometry)
    stored = _row(conn, notes_table, payload.annotation_id)
    if stored is not None and stored["delegate_id"] != owner:
        raise Rejected("the annotation id is already in use", RejectCode.ID_IN_USE)
    if stored is not None and stored["edited_at"] > payload.edited_at:
        # an older edit: the stored one wins; re-send it to the loser with a new seq
        restamp = {"id": stored["id"], "deleted": stored["deleted"]}
        write_row(conn, notes_table, restamp, seq=seq, now=received)
        return OpStatus.DUPLICATE, {
            "reason": "a newer edit of this note is already stored",
            "annotation": row_to_wire(notes_table, stored),
        }
    document = _latest_version(conn, payload.document_id)
    if document is None:
        raise Rejected("the document does not exist", RejectCode.NOT_FOUND)
    values: dict[str, Any] = {
        "id": payload.annotation_id,
        "delegate_id": owner,
        "document_id": payload.document_id,
        "document_version": payload.document_version,
        "document_sha256": payload.document_sha256,
        "page": payload.page,
        "kind": payload.kind.value,
        "geometry": payload.geometry,
        "color": payload.color,
        "text": payload.text,
        "anchor_text": payload.anchor_text,
        "edited_at": payload.edited_at,
        "unplaced": payload.unplaced,
        "deleted": False,
    }
    if document["id"] != payload.document_id:  # made on a version superseded since
        path = _pdf_path(conn, document["sha256"])
        pdf = pymupdf.open(path) if path is not None else None
        try:
            values = carried_over(values, document, placement_of(values, pdf))
        finally:
            if pdf is not None:
                pdf.close()
    write_row(conn, notes_table, values, seq=seq, now=received)
    row = _row(conn, notes_table, payload.annotation_id)
    assert row is not None
    return OpStatus.APPLIED, {"annotation": row_to_wire(notes_table, row)}


def apply_delete(conn: Connection, terminal: Terminal, op: Op, received: dt.datetime) -> Outcome:
    payload = _parse(AnnotationDeletePayload, op.payload)
    seq = next_seq(conn)
    owner = _own_delegate(conn, terminal, payload.delegate_id)
    stored = _row(conn, notes_table, payload.annotation_id)
    if stored is None:
        return OpStatus.DUPLICATE, {"reason": "the note was never stored on the server"}
    if stored["delegate_id"] != owner:
        raise Rejected("the annotation belongs to another delegate", RejectCode.NOT_YOUR_NOTE)
    if stored["edited_at"] > payload.edited_at:
        restamp = {"id": stored["id"], "deleted": stored["deleted"]}
        write_row(conn, notes_table, restamp, seq=seq, now=received)
        return OpStatus.DUPLICATE, {
            "reason": "a newer edit of this note is already stored",
            "annotation": row_to_wire(notes_table, stored),
        }
    write_row(
        conn,
        notes_table,
        {"id": stored["id"], "deleted": True, "edited_at": payload.edited_at},
        seq=seq,
        now=received,
    )
    return OpStatus.APPLIED, {"annotation_id": stored["id"], "deleted": True}


Prepared = dict[str, tuple[int, Placement | None]]
"""Note id → (the seq its placement was computed for, where it goes; None: unplaced)."""


def _live_notes(conn: Connection, document_id: str) -> list[dict[str, Any]]:
    found = conn.execute(
        select(notes_table).where(
            notes_table.c.document_id == document_id, notes_table.c.deleted.is_(False)
        )
    ).mappings()
    return [dict(r) for r in found]


def prepare_carry(engine: Engine, old_document_id: str, new_pdf: Path) -> Prepared:
    """Where each note of ``old_document_id`` goes in ``new_pdf``, computed before the upload
    takes the write lock (reading a long document's text takes seconds; sign-ins must not
    wait for it)."""
    with read_connection(engine) as conn:
        notes = _live_notes(conn, old_document_id)
    if not notes:
        return {}
    with pymupdf.open(new_pdf) as pdf:
        text = DocumentText(pdf)
        return {n["id"]: (int(n["seq"]), placement_of(n, pdf, text)) for n in notes}


def carry_to_new_version(
    conn: Connection,
    old_document_id: str,
    new_document: dict[str, Any],
    new_pdf: Path,
    prepared: Prepared | None = None,
) -> tuple[int, int]:
    """Move every live note of ``old_document_id`` onto ``new_document`` (in the upload's
    transaction); (placed, unplaced). Placements in ``prepared`` are used for notes unchanged
    since (same seq); the others are placed now. ``edited_at`` is kept: the move is not an
    edit, so a delegate's later offline edit of the old version still wins (and is carried
    over too)."""
    notes = _live_notes(conn, old_document_id)
    if not notes:
        return 0, 0
    prepared = prepared or {}
    placed = unplaced = 0
    pdf: pymupdf.Document | None = None
    text: DocumentText | None = None
    try:
        for note in notes:
            ready = prepared.get(note["id"])
            if ready is not None and ready[0] == note["seq"]:
                placement = ready[1]
            else:  # new or edited since prepare_carry
                if pdf is None:
                    pdf = pymupdf.open(new_pdf)
                    text = DocumentText(pdf)
                placement = placement_of(note, pdf, text)
            values = {k: v for k, v in note.items() if k not in ("seq", "updated_at", "deleted")}
            moved = carried_over(values, new_document, placement)
            write_row(conn, notes_table, moved)
            if moved["unplaced"]:
                unplaced += 1
            else:
                placed += 1
    finally:
        if pdf is not None:
            pdf.close()
    log.info(
        "notes of document %s carried to %s: %d placed, %d unplaced",
        old_document_id,
        new_document["id"],
        placed,
        unplaced,
    )
    return placed, unplaced


def resend_notes(conn: Connection, delegate_id: str) -> int:
    """Give a delegate's live notes new seqs (nothing else changes), so that the terminal at
    the seat they were just given — which pulled past them while they belonged to someone
    else's audience — receives them. The number of notes."""
    ids = list(
        conn.execute(
            select(notes_table.c.id).where(
                notes_table.c.delegate_id == delegate_id, notes_table.c.deleted.is_(False)
            )
        ).scalars()
    )
    for note_id in ids:
        write_row(conn, notes_table, {"id": note_id})
    return len(ids)

"""A delegate's notes on documents, on the terminal: add, edit, delete, list.

Every change is written to the local ``annotations`` row and the outbox in ONE transaction
(crash-safe autosave: a note is never half saved, and never lost once the pen lifts). The op
carries the whole note and its ``edited_at``, so the server settles concurrent edits from
several terminals by last writer wins. A deleted note stays as a local tombstone
(``deleted``) until the server's tombstone replaces it.

Also: what a new document version changed (``document_changes``), and which versions the
delegate has already seen (so the reader shows "what changed" once).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select, update

from congress_desktop import model as m
from congress_desktop.errors import InvalidInputError
from congress_desktop.model import AnnotationKind, utcnow
from congress_desktop.op_kinds import ANNOTATION_TEXT_MAX, OpKind
from congress_desktop.store import outbox, replica

if TYPE_CHECKING:
    from congress_desktop.store.terminal_store import TerminalStore

TABLE = "annotations"
NOTES = m.annotations_table


@dataclass(frozen=True)
class Note:
    id: str
    delegate_id: str
    document_id: str
    document_version: int
    page: int
    kind: AnnotationKind
    geometry: dict[str, Any]
    color: str
    text: str
    anchor_text: str
    edited_at: dt.datetime
    unplaced: bool


@dataclass(frozen=True)
class DocumentChangeView:
    document_id: str
    from_version: int
    to_version: int
    pages_before: int
    pages_after: int
    added_lines: int
    removed_lines: int
    changed_pages: list[int]
    hunks: list[dict[str, Any]]
    summary: str


def _note(row: Any) -> Note:
    return Note(
        id=row["id"],
        delegate_id=row["delegate_id"],
        document_id=row["document_id"],
        document_version=int(row["document_version"] or 1),
        page=int(row["page"]),
        kind=AnnotationKind(row["kind"]),
        geometry=dict(row["geometry"] or {}),
        color=row["color"],
        text=row["text"] or "",
        anchor_text=row["anchor_text"] or "",
        edited_at=row["edited_at"],
        unplaced=bool(row["unplaced"]),
    )


def _edit_time(conn: Connection, previous: dt.datetime | None) -> dt.datetime:
    """Now on the server's clock as well as known offline; after any earlier edit of the note
    (a note's edits are ordered even when the wall clock jumps back)."""
    sample = outbox.now_sample()
    offset = replica.estimate_offset(conn, sample) or 0.0
    now = sample.wall + dt.timedelta(seconds=offset)
    if previous is not None and now <= previous:
        now = previous + dt.timedelta(milliseconds=1)
    return now


def _payload(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "annotation_id": row["id"],
        "delegate_id": row["delegate_id"],
        "document_id": row["document_id"],
        "document_version": row["document_version"],
        "document_sha256": row["document_sha256"],
        "page": row["page"],
        "kind": str(row["kind"]),
        "geometry": row["geometry"],
        "color": row["color"],
        "text": row["text"],
        "anchor_text": row["anchor_text"],
        "edited_at": row["edited_at"].isoformat(),
        "unplaced": row["unplaced"],
    }


def _check(kind: str, geometry: dict[str, Any], text: str) -> AnnotationKind:
    try:
        checked = AnnotationKind(kind)
    except ValueError:
        raise InvalidInputError(f"unknown kind of note: {kind}") from None
    if len(text) > ANNOTATION_TEXT_MAX:
        raise InvalidInputError(f"a note is at most {ANNOTATION_TEXT_MAX} characters")
    if not geometry:
        raise InvalidInputError("a note needs a place on the page")
    return checked


def add_note(
    conn: Connection,
    *,
    delegate_id: str,
    document_id: str,
    page: int,
    kind: str,
    geometry: dict[str, Any],
    color: str,
    text: str = "",
    anchor_text: str = "",
    note_id: str | None = None,
) -> Note:
    """A new note; ``note_id`` may be chosen by the caller (a UUID) to edit it right away."""
    checked = _check(kind, geometry, text)
    doc = conn.execute(
        select(m.documents.c.version, m.documents.c.sha256).where(m.documents.c.id == document_id)
    ).first()
    if doc is None:
        raise InvalidInputError("the document is not on this terminal")
    row: dict[str, Any] = {
        "id": note_id or str(uuid.uuid4()),
        "delegate_id": delegate_id,
        "document_id": document_id,
        "document_version": int(doc[0]),
        "document_sha256": str(doc[1]),
        "page": page,
        "kind": checked.value,
        "geometry": geometry,
        "color": color,
        "text": text,
        "anchor_text": anchor_text[:2000],
        "edited_at": _edit_time(conn, None),
        "unplaced": False,
    }
    conn.execute(insert(NOTES).values(**row, seq=0, deleted=False, updated_at=utcnow()))
    outbox.enqueue(conn, OpKind.ANNOTATION_UPSERT, _payload(row), row_table=TABLE, row_id=row["id"])
    return _note(row)


def _mine(conn: Connection, note_id: str, delegate_id: str) -> dict[str, Any]:
    found = conn.execute(select(NOTES).where(NOTES.c.id == note_id)).mappings().first()
    if found is None or found["deleted"] or found["delegate_id"] != delegate_id:
        raise InvalidInputError("the note does not exist")
    return dict(found)


def edit_note(
    conn: Connection,
    note_id: str,
    delegate_id: str,
    *,
    geometry: dict[str, Any] | None = None,
    text: str | None = None,
    color: str | None = None,
    page: int | None = None,
    unplaced: bool | None = None,
) -> Note:
    row = _mine(conn, note_id, delegate_id)
    changes: dict[str, Any] = {
        k: v
        for k, v in {
            "geometry": geometry,
            "text": text,
            "color": color,
            "page": page,
            "unplaced": unplaced,
        }.items()
        if v is not None
    }
    row.update(changes)
    _check(row["kind"], row["geometry"], row["text"])
    row["edited_at"] = _edit_time(conn, row["edited_at"])
    conn.execute(
        update(NOTES)
        .where(NOTES.c.id == note_id)
        .values(**changes, edited_at=row["edited_at"], seq=0, updated_at=utcnow())
    )
    outbox.enqueue(conn, OpKind.ANNOTATION_UPSERT, _payload(row), row_table=TABLE, row_id=note_id)
    return _note(row)


def append_stroke(
    conn: Connection, note_id: str, delegate_id: str, stroke: list[list[float]]
) -> Note:
    """One more pen stroke on an ink note (the strokes of a handwritten word or mark make one
    note): the stored strokes plus ``stroke``, in the same transaction."""
    row = _mine(conn, note_id, delegate_id)
    geometry = dict(row["geometry"])
    geometry["strokes"] = [*geometry.get("strokes", []), stroke]
    return edit_note(conn, note_id, delegate_id, geometry=geometry)


def delete_note(conn: Connection, note_id: str, delegate_id: str) -> None:
    row = _mine(conn, note_id, delegate_id)
    edited_at = _edit_time(conn, row["edited_at"])
    conn.execute(
        update(NOTES)
        .where(NOTES.c.id == note_id)
        .values(deleted=True, edited_at=edited_at, seq=0, updated_at=utcnow())
    )
    outbox.enqueue(
        conn,
        OpKind.ANNOTATION_DELETE,
        {"annotation_id": note_id, "delegate_id": delegate_id, "edited_at": edited_at.isoformat()},
        row_table=TABLE,
        row_id=note_id,
    )


def notes(conn: Connection, delegate_id: str, document_id: str | None = None) -> list[Note]:
    """The delegate's live notes (on one document), in page order."""
    query = select(NOTES).where(NOTES.c.delegate_id == delegate_id, NOTES.c.deleted.is_(False))
    if document_id is not None:
        query = query.where(NOTES.c.document_id == document_id)
    query = query.order_by(NOTES.c.page, NOTES.c.edited_at)
    return [_note(r) for r in conn.execute(query).mappings()]


def document_change(conn: Connection, document_id: str) -> DocumentChangeView | None:
    row = (
        conn.execute(
            select(m.document_changes).where(
                m.document_changes.c.document_id == document_id,
                m.document_changes.c.deleted.is_(False),
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    return DocumentChangeView(
        document_id=row["document_id"],
        from_version=int(row["from_version"]),
        to_version=int(row["to_version"]),
        pages_before=int(row["pages_before"]),
        pages_after=int(row["pages_after"]),
        added_lines=int(row["added_lines"]),
        removed_lines=int(row["removed_lines"]),
        changed_pages=list(row["changed_pages"] or []),
        hunks=list(row["hunks"] or []),
        summary=row["summary"] or "",
    )


def _seen_key(delegate_id: str, document_id: str) -> str:
    digest = hashlib.sha1(f"{delegate_id}/{document_id}".encode()).hexdigest()[:32]
    return f"seen:{digest}"  # sync_state keys are at most 40 characters


class AnnotationStore:
    """The notes of a :class:`TerminalStore`, for the reader (thread-safe like the store)."""

    def __init__(self, store: TerminalStore) -> None:
        self.store = store

    def add(self, delegate_id: str, document_id: str, page: int, kind: str, **kw: Any) -> Note:
        return self.store.write(
            lambda c: add_note(
                c, delegate_id=delegate_id, document_id=document_id, page=page, kind=kind, **kw
            )
        )

    def edit(self, note_id: str, delegate_id: str, **changes: Any) -> Note:
        return self.store.write(lambda c: edit_note(c, note_id, delegate_id, **changes))

    def append_stroke(self, note_id: str, delegate_id: str, stroke: list[list[float]]) -> Note:
        return self.store.write(lambda c: append_stroke(c, note_id, delegate_id, stroke))

    def delete(self, note_id: str, delegate_id: str) -> None:
        self.store.write(lambda c: delete_note(c, note_id, delegate_id))

    def notes(self, delegate_id: str, document_id: str | None = None) -> list[Note]:
        return self.store.read(lambda c: notes(c, delegate_id, document_id))

    def change(self, document_id: str) -> DocumentChangeView | None:
        return self.store.read(lambda c: document_change(c, document_id))

    def change_unseen(self, delegate_id: str, document_id: str) -> DocumentChangeView | None:
        """What the document's newest version changed, unless this delegate has opened this
        version on this terminal before."""
        change = self.change(document_id)
        if change is None:
            return None
        key = _seen_key(delegate_id, document_id)
        seen = self.store.read(lambda c: replica.get_state(c, key))
        return None if seen else change

    def mark_seen(self, delegate_id: str, document_id: str) -> None:
        key = _seen_key(delegate_id, document_id)
        self.store.write(lambda c: replica.set_state(c, key, True))

"""Notes on the terminal: each change commits with its outbox op; the pull replaces them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from congress_desktop import model
from congress_desktop.config import TerminalPaths
from congress_desktop.errors import InvalidInputError
from congress_desktop.protocol import OpKind, OpResult, OpStatus
from congress_desktop.store import TerminalStore
from congress_desktop.store.annotations import AnnotationStore
from congress_desktop.store.schema import LOCAL_SCHEMA_VERSION

from .replica_pages import DELEGATE_ID, SESSION_ID, basic_session, change, page, tombstone

DOC = "doc-1"


def with_document(store: TerminalStore) -> AnnotationStore:
    store.apply_pull(basic_session())
    store.apply_pull(
        page(
            [
                change(
                    "documents",
                    DOC,
                    7,
                    session_id=SESSION_ID,
                    title="预算报告",
                    filename="b.pdf",
                    sha256="b" * 64,
                    size=10,
                    pages=3,
                    version=2,
                )
            ]
        )
    )
    return AnnotationStore(store)


def test_add_edit_delete_each_commit_with_their_op(store: TerminalStore) -> None:
    notes = with_document(store)
    ink = {"strokes": [[[10.0, 10.0], [20.0, 30.0]]], "width": 2.0}
    note = notes.add(DELEGATE_ID, DOC, 1, "ink", geometry=ink, color="#d00000", anchor_text="预算")
    assert note.document_version == 2 and note.kind is model.AnnotationKind.INK
    [shown] = notes.notes(DELEGATE_ID, DOC)
    assert shown == note
    [op] = store.pending_ops()
    assert op.kind is OpKind.ANNOTATION_UPSERT
    assert op.payload["annotation_id"] == note.id and op.payload["geometry"] == ink
    assert op.payload["document_sha256"] == "b" * 64

    edited = notes.edit(note.id, DELEGATE_ID, color="#0000ff")
    assert edited.color == "#0000ff" and edited.edited_at > note.edited_at
    notes.delete(note.id, DELEGATE_ID)
    assert notes.notes(DELEGATE_ID, DOC) == []
    kinds = [o.kind for o in store.pending_ops()]
    assert kinds == [OpKind.ANNOTATION_UPSERT, OpKind.ANNOTATION_UPSERT, OpKind.ANNOTATION_DELETE]
    deleted_at = dt.datetime.fromisoformat(store.pending_ops()[2].payload["edited_at"])
    assert deleted_at > edited.edited_at
    with pytest.raises(InvalidInputError):
        notes.edit(note.id, DELEGATE_ID, text="gone already")


def test_notes_are_per_delegate_and_checked(store: TerminalStore) -> None:
    notes = with_document(store)
    notes.add(DELEGATE_ID, DOC, 0, "text", geometry={"point": [1.0, 2.0]}, color="#ffd400")
    assert notes.notes("delegate-2", DOC) == []
    note = notes.notes(DELEGATE_ID, DOC)[0]
    with pytest.raises(InvalidInputError):
        notes.edit(note.id, "delegate-2", text="not mine")
    with pytest.raises(InvalidInputError):
        notes.delete(note.id, "delegate-2")
    for kind, geometry, body in (
        ("sticker", {"point": [1, 1]}, ""),
        ("text", {}, ""),
        ("text", {"point": [1, 1]}, "长" * 5001),
    ):
        with pytest.raises(InvalidInputError):
            notes.add(DELEGATE_ID, DOC, 0, kind, geometry=geometry, color="#000", text=body)
    with pytest.raises(InvalidInputError):
        notes.add(DELEGATE_ID, "no-doc", 0, "text", geometry={"point": [1, 1]}, color="#000")
    assert len(store.pending_ops()) == 1  # refused input left nothing behind


def test_the_servers_version_replaces_the_local_one_after_the_ack(store: TerminalStore) -> None:
    notes = with_document(store)
    note = notes.add(DELEGATE_ID, DOC, 0, "text", geometry={"point": [1.0, 2.0]}, color="#ffd400")
    server_row = {
        "delegate_id": DELEGATE_ID,
        "document_id": DOC,
        "document_version": 2,
        "document_sha256": "b" * 64,
        "page": 2,  # the server moved it (a new version)
        "kind": "text",
        "geometry": {"point": [5.0, 6.0]},
        "color": "#ffd400",
        "text": "",
        "anchor_text": "",
        "edited_at": note.edited_at,
        "unplaced": False,
    }
    store.apply_pull(page([change("annotations", note.id, 8, **server_row)]))
    assert notes.notes(DELEGATE_ID, DOC)[0].page == 0  # held back while the op is pending
    [op] = store.pending_ops()
    store.record_results([OpResult(op_id=op.op_id, status=OpStatus.APPLIED, detail={})])
    [moved] = notes.notes(DELEGATE_ID, DOC)
    assert moved.page == 2 and moved.geometry == {"point": [5.0, 6.0]}
    store.apply_pull(page([tombstone("annotations", note.id, 9)]))
    assert notes.notes(DELEGATE_ID, DOC) == []


def test_what_changed_is_shown_once_per_version(store: TerminalStore) -> None:
    notes = with_document(store)
    assert notes.change_unseen(DELEGATE_ID, DOC) is None
    store.apply_pull(
        page(
            [
                change(
                    "document_changes",
                    DOC,
                    10,
                    document_id=DOC,
                    from_document_id="doc-0",
                    from_version=1,
                    to_version=2,
                    pages_before=2,
                    pages_after=3,
                    added_lines=4,
                    removed_lines=1,
                    changed_pages=[1, 3],
                    hunks=[{"op": "replace", "page": 1, "old": "旧", "new": "新"}],
                    summary="p.1: - 旧 + 新",
                )
            ]
        )
    )
    change_view = notes.change_unseen(DELEGATE_ID, DOC)
    assert change_view is not None and change_view.changed_pages == [1, 3]
    notes.mark_seen(DELEGATE_ID, DOC)
    assert notes.change_unseen(DELEGATE_ID, DOC) is None
    assert notes.change_unseen("delegate-2", DOC) is not None  # another delegate's view


def test_upgrade_from_schema_1_adds_the_tables_and_refetches(tmp_path: Path) -> None:
    paths = TerminalPaths(tmp_path / "t")
    store = TerminalStore(paths)
    store.apply_pull(basic_session())
    assert store.cursor()[1] == 6
    # what a terminal of the previous release has: no annotation tables, user_version 1xxx
    store.write(lambda c: c.execute(text("DROP TABLE annotations")))
    store.write(lambda c: c.execute(text("DROP TABLE document_changes")))
    store.write(lambda c: c.execute(text(f"PRAGMA user_version={1000 + LOCAL_SCHEMA_VERSION}")))
    store.close()
    upgraded = TerminalStore(paths)
    try:
        assert upgraded.cursor()[1] == 0  # the next pull fetches the new tables' rows
        assert upgraded.session() is not None  # nothing else was lost
        notes = with_document(upgraded)
        notes.add(DELEGATE_ID, DOC, 0, "text", geometry={"point": [1.0, 1.0]}, color="#000")
        assert len(notes.notes(DELEGATE_ID)) == 1
    finally:
        upgraded.close()

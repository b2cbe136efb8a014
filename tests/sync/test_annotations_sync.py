"""A delegate's notes follow them to another terminal, and to nobody else (live server)."""

from __future__ import annotations

from pathlib import Path

from fixtures.live_server import LiveServer
from fixtures.terminal import provision_terminal
from sqlalchemy import func, select

from congress_desktop import model
from congress_desktop.demo_content import DemoContent
from congress_desktop.model import SignInMethod
from congress_desktop.store.annotations import AnnotationStore
from congress_desktop.sync.once import run_sync_once


def test_a_note_made_on_one_terminal_appears_on_another_after_sign_in(
    tmp_path: Path, seeded_server: LiveServer, demo_content: DemoContent
) -> None:
    a = provision_terminal(seeded_server, demo_content, tmp_path / "a", seat=1)
    b = provision_terminal(seeded_server, demo_content, tmp_path / "b", seat=1)  # a spare
    other = provision_terminal(seeded_server, demo_content, tmp_path / "other", seat=2)
    try:
        run_sync_once(a.data_dir)
        a.store.engine.dispose()  # run_sync_once used its own store on the same file
        delegate = a.store.seat_delegate(1)
        assert delegate is not None
        doc = a.store.documents()[0]
        notes_a = AnnotationStore(a.store)
        ink = {"strokes": [[[100.0, 100.0], [180.0, 140.0]]], "width": 2.5}
        made = notes_a.add(delegate.id, doc.id, 0, "ink", geometry=ink, color="#d00000")
        text = notes_a.add(
            delegate.id, doc.id, 1, "text", geometry={"point": [90.0, 300.0]}, color="#ffd400"
        )
        notes_a.edit(text.id, delegate.id, text="第二页这里要提问")
        removed = notes_a.add(
            delegate.id, doc.id, 2, "text", geometry={"point": [1.0, 1.0]}, color="#000000"
        )
        notes_a.delete(removed.id, delegate.id)
        assert a.store.outbox_pending() == 5
        run_sync_once(a.data_dir)  # pushes the five ops, pulls the server's rows
        assert a.store.outbox_pending() == 0 and a.store.rejected_ops() == []

        # the same delegate signs in at terminal B: their notes are there
        run_sync_once(b.data_dir)
        sitting = b.store.current_sitting()
        assert sitting is not None
        b.store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
        on_b = {n.id: n for n in AnnotationStore(b.store).notes(delegate.id, doc.id)}
        assert set(on_b) == {made.id, text.id}
        assert on_b[made.id].geometry == ink and on_b[made.id].color == "#d00000"
        assert on_b[text.id].text == "第二页这里要提问" and on_b[text.id].page == 1

        # an edit on B comes back to A
        AnnotationStore(b.store).edit(made.id, delegate.id, color="#0000ff")
        run_sync_once(b.data_dir)
        run_sync_once(a.data_dir)
        assert {n.id: n.color for n in notes_a.notes(delegate.id)}[made.id] == "#0000ff"

        # the delegate at seat 2 never receives them, not even as rows in the local store
        run_sync_once(other.data_dir)
        count = other.store.read(
            lambda c: c.execute(select(func.count()).select_from(model.annotations_table)).scalar()
        )
        assert count == 0
        assert other.store.documents()  # while everything public arrived
    finally:
        for t in (a, b, other):
            t.store.close()

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


def test_notes_follow_their_text_into_a_new_version_end_to_end(
    tmp_path: Path, seeded_server: LiveServer, demo_content: DemoContent
) -> None:
    import httpx
    import pymupdf
    from fixtures.terminal import server_engine
    from fixtures.versioned_pdfs import KEPT, REWRITTEN, budget_v1, budget_v2

    from congress_desktop import security
    from congress_desktop.anchoring import anchor_in, page_text
    from congress_desktop.protocol import ConsoleRole
    from congress_desktop.server.users import create_user

    engine = server_engine(seeded_server)
    try:
        with engine.begin() as conn:
            create_user(
                conn, "mishu", security.hash_secret("pw for tests"), ConsoleRole.SECRETARIAT
            )
    finally:
        engine.dispose()
    admin = f"{seeded_server.url}/api/v1/admin"
    token = httpx.post(f"{admin}/login", json={"username": "mishu", "password": "pw for tests"})
    headers = {"Authorization": f"Bearer {token.json()['token']}"}

    def upload(data: bytes, **form: str) -> dict[str, object]:
        files = {"file": ("预算报告.pdf", data, "application/pdf")}
        answer = httpx.post(f"{admin}/documents", files=files, data=form, headers=headers)
        assert answer.status_code == 201, answer.text
        result: dict[str, object] = answer.json()
        return result

    v1 = upload(budget_v1())
    t = provision_terminal(seeded_server, demo_content, tmp_path / "t", seat=1)
    try:
        run_sync_once(t.data_dir)
        delegate = t.store.seat_delegate(1)
        assert delegate is not None
        notes = AnnotationStore(t.store)
        pdf = pymupdf.open(t.paths.blob_path(str(v1["sha256"])))
        kept = tuple(pdf[0].search_for(KEPT)[0])
        kept_anchor = anchor_in(page_text(pdf[0]), kept)
        gone = tuple(pdf[0].search_for(REWRITTEN)[0])
        gone_anchor = anchor_in(page_text(pdf[0]), gone)
        assert kept_anchor is not None and gone_anchor is not None
        highlight = notes.add(
            delegate.id, str(v1["id"]), 0, "highlight", color="#ffd400",
            geometry={"rects": [list(kept)], "anchor_rect": list(kept)},
            anchor_text=kept_anchor.text,
        )  # fmt: skip
        question = notes.add(
            delegate.id, str(v1["id"]), 0, "text", color="#d00000", text="收入为何调整？",
            geometry={"point": [gone[0], gone[3] + 4], "anchor_rect": list(gone)},
            anchor_text=gone_anchor.text,
        )  # fmt: skip
        run_sync_once(t.data_dir)  # the notes reach the server

        v2 = upload(budget_v2(), supersedes_id=str(v1["id"]))
        run_sync_once(t.data_dir)  # the new version, its notes and what changed arrive
        assert [d.id for d in t.store.documents() if d.title == "预算报告"] == [v2["id"]]
        moved = {n.id: n for n in notes.notes(delegate.id, str(v2["id"]))}
        assert set(moved) == {highlight.id, question.id}
        new_pdf = pymupdf.open(t.paths.blob_path(str(v2["sha256"])))
        [rect] = moved[highlight.id].geometry["rects"]
        assert new_pdf[0].get_textbox(pymupdf.Rect(rect)).replace("\n", "") == KEPT
        assert not moved[highlight.id].unplaced
        assert moved[question.id].unplaced and moved[question.id].text == "收入为何调整？"
        change = notes.change_unseen(delegate.id, str(v2["id"]))
        assert change is not None and change.from_version == 1 and change.to_version == 2
        assert change.removed_lines > 0
    finally:
        t.store.close()

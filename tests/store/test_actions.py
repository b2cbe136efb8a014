"""Delegate actions on the local store: each one commits with its outbox op, offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from congress_desktop import model, security
from congress_desktop.config import TerminalPaths
from congress_desktop.errors import ErrorKind, InvalidInputError
from congress_desktop.model import SignInMethod
from congress_desktop.protocol import OpKind
from congress_desktop.store import PinLockedError, TerminalStore
from congress_desktop.store.schema import LOCAL_SCHEMA_VERSION
from congress_desktop.store.views import Rejection

from .replica_pages import DELEGATE_ID, SITTING_ID, basic_session


def test_sign_in_is_idempotent_per_sitting(store: TerminalStore) -> None:
    store.apply_pull(basic_session())
    first = store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)
    again = store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)
    assert again.id == first.id
    assert not first.confirmed
    ops = store.pending_ops()
    assert [op.kind for op in ops] == [OpKind.SIGNIN]
    assert ops[0].payload["signin_id"] == first.id
    assert ops[0].elapsed_s is not None and ops[0].elapsed_s >= 0  # same boot
    other = store.sign_in(DELEGATE_ID, "sitting-2", SignInMethod.BADGE)
    assert other.id != first.id
    assert store.outbox_pending() == 2


def test_a_refused_sign_in_says_why_and_signing_in_again_is_a_new_attempt(
    store: TerminalStore,
) -> None:
    from congress_desktop.protocol import OpResult, OpStatus, RejectCode

    store.apply_pull(basic_session())
    first = store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)
    [op] = store.pending_ops()
    refused = OpResult(
        op_id=op.op_id, status=OpStatus.REJECTED, reason="moved", code=RejectCode.NOT_YOUR_SEAT
    )
    store.record_results([refused])
    shown = store.my_signin(DELEGATE_ID, SITTING_ID)
    assert shown is not None and not shown.confirmed
    assert shown.rejection == Rejection("not_your_seat", "moved")

    again = store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)  # after staff fixed it
    assert again.id != first.id and again.rejection is None
    [retry] = store.pending_ops()
    assert retry.payload["signin_id"] == again.id
    assert store.my_signin(DELEGATE_ID, SITTING_ID) == again
    assert [r["reason_code"] for r in store.rejected_ops()] == ["not_your_seat"]  # kept


@pytest.mark.parametrize(
    ("title", "content", "category", "problem"),
    [
        ("", "内容", "social", "title"),
        ("   ", "内容", "social", "title"),
        ("标题", "  ", "social", "content"),
        ("标" * 301, "内容", "social", "300"),
        ("标题", "内容", "no-such-category", "category"),
    ],
)
def test_submit_suggestion_validates(
    store: TerminalStore, title: str, content: str, category: str, problem: str
) -> None:
    with pytest.raises(InvalidInputError, match=problem) as info:
        store.submit_suggestion(DELEGATE_ID, title, content, category)
    assert info.value.kind is ErrorKind.INVALID_INPUT
    assert store.outbox_pending() == 0
    assert store.my_suggestions(DELEGATE_ID) == []


def test_submit_suggestion_commits_row_op_and_clears_draft(store: TerminalStore) -> None:
    store.apply_pull(basic_session())
    store.save_draft(DELEGATE_ID, "草稿", "草稿内容", "social")
    suggestion_id = store.submit_suggestion(DELEGATE_ID, " 标题 ", "内容", "education_health")
    [mine] = store.my_suggestions(DELEGATE_ID)
    assert (mine.id, mine.title, mine.number, mine.sent) == (suggestion_id, "标题", None, False)
    [op] = store.pending_ops()
    assert op.kind is OpKind.SUGGESTION_SUBMIT
    assert op.payload["suggestion_id"] == suggestion_id
    assert op.payload["category"] == "education_health"
    assert store.load_draft(DELEGATE_ID) is None


def test_pin_lockout_after_five_wrong_pins(store: TerminalStore) -> None:
    store.apply_pull(basic_session(pin_hash=security.hash_secret("123456")))
    delegate = store.seat_delegate(1)
    assert delegate is not None and delegate.pin_hash
    assert store.check_pin(delegate, "000000") is False
    assert store.check_pin(delegate, "123456") is True  # a right PIN resets the count
    assert store.pin_failures(delegate.id) == 0
    for _ in range(5):
        assert store.check_pin(delegate, "999999") is False
    assert store.pin_failures(delegate.id) == 5
    with pytest.raises(PinLockedError) as info:
        store.check_pin(delegate, "123456")  # even the right PIN, once locked
    assert info.value.kind is ErrorKind.LOCKED
    store.reset_pin_failures(delegate.id)
    assert store.check_pin(delegate, "123456") is True


def test_draft_save_and_load(store: TerminalStore) -> None:
    assert store.load_draft(DELEGATE_ID) is None
    store.save_draft(DELEGATE_ID, "标题", "第一稿", "social")
    store.save_draft(DELEGATE_ID, "标题", "第二稿", "other", ["d2", "d3"])
    assert store.load_draft(DELEGATE_ID) == {
        "title": "标题",
        "content": "第二稿",
        "category": "other",
        "cosigner_ids": ["d2", "d3"],
    }
    store.save_draft(DELEGATE_ID, "标题", "第三稿", "other")  # co-signers kept
    assert store.load_draft(DELEGATE_ID)["cosigner_ids"] == ["d2", "d3"]  # type: ignore[index]
    assert store.load_draft("someone-else") is None


def test_draft_survives_reopening(tmp_path: Path) -> None:
    paths = TerminalPaths(tmp_path / "t")
    first = TerminalStore(paths)
    first.save_draft(DELEGATE_ID, "标题", "内容", "")
    first.close()
    second = TerminalStore(paths)
    try:
        draft = second.load_draft(DELEGATE_ID)
        assert draft == {"title": "标题", "content": "内容", "category": "", "cosigner_ids": []}
    finally:
        second.close()


def test_schema_version_is_stored(tmp_path: Path) -> None:
    paths = TerminalPaths(tmp_path / "t")
    store = TerminalStore(paths)
    wanted = model.SCHEMA_VERSION * 1000 + LOCAL_SCHEMA_VERSION
    assert store.read(lambda c: c.execute(text("PRAGMA user_version")).scalar_one()) == wanted
    assert store.read(lambda c: c.execute(text("PRAGMA journal_mode")).scalar_one()) == "wal"
    store.write(lambda c: c.execute(text(f"PRAGMA user_version={wanted + 1}")))
    store.close()
    with pytest.raises(RuntimeError, match="newer than this program"):
        TerminalStore(paths)


def test_duplicate_answer_of_a_first_rejection_stays_a_rejection(store: TerminalStore) -> None:
    """The ack of a rejection was lost; the retry answers duplicate + the stored first result."""
    from congress_desktop.protocol import OpResult, OpStatus

    store.apply_pull(basic_session())
    store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)
    [op] = store.pending_ops()
    first = {"op_id": op.op_id, "status": "rejected", "reason": "not your seat", "detail": {}}
    store.record_results(
        [OpResult(op_id=op.op_id, status=OpStatus.DUPLICATE, reason="not your seat", detail=first)]
    )
    assert store.outbox_pending() == 0
    [rejected] = store.rejected_ops()
    assert rejected["op_id"] == op.op_id
    assert rejected["reason"] == "not your seat"


def test_an_older_store_gains_the_suggestion_flow_tables(tmp_path: Path) -> None:
    """A terminal of replicated schema 1 / local 3 upgrades in place; its draft survives and
    running the step twice is harmless."""
    import sqlite3

    paths = TerminalPaths(tmp_path / "t")
    store = TerminalStore(paths)
    store.save_draft(DELEGATE_ID, "旧草稿", "内容", "social")
    store.close()
    for _attempt in range(2):
        db = sqlite3.connect(paths.database)
        db.execute("DROP TABLE IF EXISTS suggestion_events")
        db.execute("DROP TABLE IF EXISTS suggestion_cosigners")
        if _attempt == 0:
            db.execute("ALTER TABLE drafts DROP COLUMN cosigner_ids")
        db.execute("PRAGMA user_version=1003")
        db.commit()
        db.close()
        store = TerminalStore(paths)
        try:
            draft = store.load_draft(DELEGATE_ID)
            assert draft is not None and draft["title"] == "旧草稿"
            assert draft["cosigner_ids"] == []
            tables = store.read(
                lambda c: set(
                    c.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars()
                )
            )
            assert {"suggestion_cosigners", "suggestion_events"} <= tables
            wanted = model.SCHEMA_VERSION * 1000 + LOCAL_SCHEMA_VERSION
            assert store.read(lambda c: c.execute(text("PRAGMA user_version")).scalar_one()) == (
                wanted
            )
        finally:
            store.close()


def test_answering_an_invitation_and_feedback_are_local_first(store: TerminalStore) -> None:
    """Both actions commit with their outbox op; bad input is refused with a clear message."""
    from congress_desktop.protocol import Change, PullResponse

    store.apply_pull(basic_session())
    sid = "s-1"
    row_id = model.cosigner_row_id(sid, DELEGATE_ID)
    now = model.utcnow()
    suggestion = {
        "id": sid,
        "session_id": "x",
        "number": 1,
        "title": "建议",
        "content": "内容",
        "category": "social",
        "period": "in_session",
        "lead_delegate_id": "author",
        "cosigner_ids": [DELEGATE_ID],
        "state": "cosigning",
        "submitted_at": now.isoformat(),
        "terminal_id": None,
    }
    invitation = {
        "id": row_id,
        "suggestion_id": sid,
        "delegate_id": DELEGATE_ID,
        "state": "invited",
        "invited_at": now.isoformat(),
        "answered_at": None,
        "audience": ["author", DELEGATE_ID],
    }
    _epoch, cursor = store.cursor()
    store.apply_pull(
        PullResponse(
            epoch=store.cursor()[0] or "e",
            changes=[
                Change(table="suggestions", id=sid, seq=cursor + 1, row=suggestion),
                Change(table="suggestion_cosigners", id=row_id, seq=cursor + 2, row=invitation),
            ],
            next=cursor + 2,
            has_more=False,
            server_time=now,
        )
    )
    assert store.open_invitations(DELEGATE_ID) == 1
    store.answer_invitation(DELEGATE_ID, sid, confirm=False)
    with pytest.raises(InvalidInputError, match="already been answered"):
        store.answer_invitation(DELEGATE_ID, sid, confirm=True)
    [op] = store.pending_ops()
    assert op.kind is OpKind.SUGGESTION_COSIGN and op.payload["confirm"] is False
    [shown] = store.invitations(DELEGATE_ID)
    assert shown.state == "declined" and not shown.sent
    assert store.open_invitations(DELEGATE_ID) == 0
    # a co-signer cannot give feedback, nor can anyone before a reply
    with pytest.raises(InvalidInputError, match="after a reply"):
        store.give_feedback(DELEGATE_ID, sid, "satisfied", "")
    with pytest.raises(InvalidInputError, match="how satisfied"):
        store.give_feedback(DELEGATE_ID, sid, "so-so", "")


def test_refused_feedback_leaves_the_form_open_with_the_reason(store: TerminalStore) -> None:
    from congress_desktop.protocol import Change, OpResult, OpStatus, PullResponse

    store.apply_pull(basic_session())
    sid, now = "mine", model.utcnow()
    epoch, cursor = store.cursor()
    rows = [
        (
            "suggestions",
            {
                "id": sid,
                "session_id": "x",
                "number": 2,
                "title": "建议",
                "content": "内容",
                "category": "social",
                "period": "in_session",
                "lead_delegate_id": DELEGATE_ID,
                "cosigner_ids": [],
                "state": "replied",
                "submitted_at": now.isoformat(),
                "terminal_id": None,
            },
        ),
        (
            "suggestion_events",
            {
                "id": "reply-1",
                "suggestion_id": sid,
                "kind": "replied",
                "actor": "市交通运输局",
                "text": "已办理。",
                "data": {},
                "at": now.isoformat(),
                "audience": [DELEGATE_ID],
            },
        ),
    ]
    store.apply_pull(
        PullResponse(
            epoch=epoch or "e",
            changes=[
                Change(table=t, id=r["id"], seq=cursor + n, row=r)
                for n, (t, r) in enumerate(rows, 1)
            ],
            next=cursor + len(rows),
            has_more=False,
            server_time=now,
        )
    )
    detail = store.suggestion_detail(sid)
    assert detail is not None and detail.can_give_feedback(DELEGATE_ID)
    store.give_feedback(DELEGATE_ID, sid, "unsatisfied", "太慢")
    detail = store.suggestion_detail(sid)
    assert detail is not None and detail.feedback is not None and not detail.feedback.sent
    assert not detail.can_give_feedback(DELEGATE_ID)
    with pytest.raises(InvalidInputError, match="once"):
        store.give_feedback(DELEGATE_ID, sid, "satisfied", "")
    [op] = store.pending_ops()
    store.record_results(
        [OpResult(op_id=op.op_id, status=OpStatus.REJECTED, reason="the suggestion is closed")]
    )
    detail = store.suggestion_detail(sid)
    assert detail is not None and detail.feedback is None
    assert detail.refused_feedback == Rejection(None, "the suggestion is closed")
    assert detail.can_give_feedback(DELEGATE_ID)

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
    store.save_draft(DELEGATE_ID, "标题", "第二稿", "other")
    assert store.load_draft(DELEGATE_ID) == {
        "title": "标题",
        "content": "第二稿",
        "category": "other",
    }
    assert store.load_draft("someone-else") is None


def test_draft_survives_reopening(tmp_path: Path) -> None:
    paths = TerminalPaths(tmp_path / "t")
    first = TerminalStore(paths)
    first.save_draft(DELEGATE_ID, "标题", "内容", "")
    first.close()
    second = TerminalStore(paths)
    try:
        draft = second.load_draft(DELEGATE_ID)
        assert draft == {"title": "标题", "content": "内容", "category": ""}
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

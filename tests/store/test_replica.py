"""Pull pages on the local replica: atomic with the cursor, never backwards, outbox first."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from congress_desktop import model
from congress_desktop.model import SignInMethod
from congress_desktop.protocol import OpResult, OpStatus
from congress_desktop.store import TerminalStore

from .replica_pages import (
    DELEGATE_ID,
    EPOCH,
    SESSION_ID,
    SITTING_ID,
    basic_session,
    change,
    notice,
    page,
    tombstone,
)


def titles(store: TerminalStore) -> list[str]:
    return sorted(n.title for n in store.notices())


def test_page_and_cursor_apply(store: TerminalStore) -> None:
    result = store.apply_pull(basic_session())
    assert result.applied == 6
    assert {"notices", "delegates", "seats"} <= result.tables
    assert store.cursor() == (EPOCH, 6)
    assert store.session() is not None
    assert titles(store) == ["通知一", "通知二"]
    assert store.seat_delegate(1) is not None


def test_failed_page_leaves_rows_and_cursor_unchanged(store: TerminalStore) -> None:
    store.apply_pull(basic_session())
    broken = page(
        [
            notice("notice-1", 7, "通知一（改）"),
            notice("notice-3", 8, "通知三"),
            # a row missing a NOT NULL column fails in the middle of the page
            change("notices", "notice-4", 9, session_id=SESSION_ID, title=None),
            notice("notice-5", 10, "通知五"),
        ]
    )
    with pytest.raises(IntegrityError):
        store.apply_pull(broken)
    assert store.cursor() == (EPOCH, 6)
    assert titles(store) == ["通知一", "通知二"]


def test_stale_page_is_ignored(store: TerminalStore) -> None:
    store.apply_pull(basic_session())
    older = page([notice("notice-1", 7, "旧标题"), notice("notice-3", 8, "通知三")], next=8)
    newer = page(
        [
            notice("notice-1", 9, "新标题"),
            notice("notice-3", 10, "通知三（改）"),
            tombstone("notices", "notice-2", 11),
        ],
        next=11,
    )
    store.apply_pull(newer)
    result = store.apply_pull(older)  # a late answer to an earlier request
    assert result.applied == 0 and result.skipped_stale == 2
    assert store.cursor() == (EPOCH, 11)
    assert titles(store) == ["新标题", "通知三（改）"]  # notice-2 stays deleted


def test_pull_never_overwrites_a_row_with_a_pending_op(store: TerminalStore) -> None:
    store.apply_pull(basic_session())
    suggestion_id = store.submit_suggestion(DELEGATE_ID, "我的标题", "内容", "social")
    server_version = change(
        "suggestions",
        suggestion_id,
        12,
        session_id=SESSION_ID,
        number=7,
        title="服务器标题",
        content="内容",
        category="social",
        lead_delegate_id=DELEGATE_ID,
        state="submitted",
    )
    result = store.apply_pull(page([server_version, notice("notice-3", 13, "通知三")]))
    assert result.skipped_pending == 1 and result.applied == 1
    assert store.cursor()[1] == 13  # the cursor moves on
    [mine] = store.my_suggestions(DELEGATE_ID)
    assert (mine.title, mine.number, mine.sent) == ("我的标题", None, False)

    # the ack arrives (e.g. a retried push answered "duplicate"): the held-back version lands
    [op] = store.pending_ops()
    changed = store.record_results([OpResult(op_id=op.op_id, status=OpStatus.DUPLICATE)])
    assert changed == {"suggestions"}
    [mine] = store.my_suggestions(DELEGATE_ID)
    assert (mine.title, mine.number, mine.sent) == ("服务器标题", 7, True)
    assert store.outbox_pending() == 0


def test_reset_keeps_the_outbox(store: TerminalStore) -> None:
    store.apply_pull(basic_session())
    signin = store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)
    result = store.apply_pull(page([], next=0, epoch="epoch-2", reset=True))
    assert result.reset
    assert store.cursor() == ("epoch-2", 0)
    assert store.notices() == [] and store.session() is None
    assert store.outbox_pending() == 1
    assert store.my_signin(DELEGATE_ID, SITTING_ID) == signin  # the pending row is kept
    # a full pull of the restored server fills the replica again
    store.apply_pull(page(basic_session().changes, epoch="epoch-2"))
    assert titles(store) == ["通知一", "通知二"]
    assert store.outbox_pending() == 1


def test_rows_from_a_newer_server_are_ignored(store: TerminalStore) -> None:
    unknown = change("notices", "n", 1, session_id=SESSION_ID, title="t")
    unknown = unknown.model_copy(update={"table": "future_table"})
    extra = notice("notice-9", 2, "通知九")
    extra.row = {**(extra.row or {}), "future_column": 1}
    store.apply_pull(page([unknown, extra]))
    assert titles(store) == ["通知九"]
    assert store.cursor()[1] == 2


def test_status_counts(store: TerminalStore) -> None:
    store.apply_pull(basic_session())
    doc = change(
        "documents",
        "doc-1",
        20,
        session_id=SESSION_ID,
        title="报告",
        filename="a.pdf",
        sha256="a" * 64,
        size=10,
        pages=1,
    )
    same_file = change(
        "documents",
        "doc-2",
        21,
        session_id=SESSION_ID,
        title="报告（副本）",
        filename="a.pdf",
        sha256="a" * 64,
        size=10,
        pages=1,
    )
    store.apply_pull(page([doc, same_file]))
    store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)
    counts = store.status_counts()
    assert (counts.outbox_pending, counts.documents_total, counts.documents_cached) == (1, 1, 0)
    assert [d.sha256 for d in store.documents_to_fetch()] == ["a" * 64]
    store.mark_blob("a" * 64, 10, "available")
    assert store.status_counts().documents_cached == 1
    assert store.documents_to_fetch() == []
    assert store.read(lambda c: c.execute(select(model.documents.c.id)).scalars().all())

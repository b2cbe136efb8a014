"""The persisted download queue, superseded blobs, clock offsets, and the local schema upgrade."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import text

from congress_desktop import clock, model
from congress_desktop.config import TerminalPaths
from congress_desktop.model import SignInMethod
from congress_desktop.protocol import Change
from congress_desktop.store import TerminalStore
from congress_desktop.store.replica import ClockSample
from congress_desktop.store.schema import LOCAL_SCHEMA_VERSION

from .replica_pages import (
    DELEGATE_ID,
    NOW,
    SESSION_ID,
    SITTING_ID,
    basic_session,
    change,
    page,
    tombstone,
)


def sha(n: int) -> str:
    return f"{n:064x}"


def agenda_with_documents(current: str | None, seq: int = 10) -> list[Change]:
    """Two agenda items with two documents each, a fifth document on no item; one shared file."""
    return [
        change(
            "agendas", "agenda-1", seq, session_id=SESSION_ID, version=1, current_item_id=current
        ),
        change("agenda_items", "item-1", seq + 1, session_id=SESSION_ID, position=1, title="一"),
        change("agenda_items", "item-2", seq + 2, session_id=SESSION_ID, position=2, title="二"),
        *(
            change(
                "documents",
                f"doc-{i}",
                seq + 3 + i,
                session_id=SESSION_ID,
                title=f"文件{i}",
                filename=f"{i}.pdf",
                sha256=sha(min(i, 4)),  # doc-4 and doc-5 share one file
                size=1000 * min(i, 4),
                pages=1,
                agenda_item_id=item,
                position=i,
            )
            for i, item in [(1, "item-1"), (2, "item-1"), (3, "item-2"), (4, "item-2"), (5, None)]
        ),
    ]


def test_queue_puts_the_current_item_first_and_survives_a_restart(tmp_path: Path) -> None:
    paths = TerminalPaths(tmp_path / "t")
    store = TerminalStore(paths)
    store.apply_pull(basic_session())
    store.apply_pull(page(agenda_with_documents(current="item-2")))
    assert store.refresh_downloads() == 4  # five documents, four files
    assert [q.sha256 for q in store.download_queue()] == [sha(3), sha(4), sha(1), sha(2)]
    assert [q.priority for q in store.download_queue()] == [0, 0, 1, 1]
    store.download_failed(sha(3), "server error 503", NOW + dt.timedelta(days=1))
    store.close()

    store = TerminalStore(paths)  # a restart: same order, the failure remembered
    try:
        queue = store.download_queue()
        assert [q.sha256 for q in queue] == [sha(3), sha(4), sha(1), sha(2)]
        assert queue[0].attempts == 1 and queue[0].last_error == "server error 503"
        assert store.next_download(set(), NOW).sha256 == sha(4)  # sha(3) waits for its retry
        assert store.next_download({sha(4)}, NOW).sha256 == sha(1)  # sha(4) is downloading
        assert store.next_download(set(), NOW, ignore_retry_at=True).sha256 == sha(3)

        # the secretariat moves to item 1: its files go to the front
        store.apply_pull(
            page(
                [
                    change(
                        "agendas",
                        "agenda-1",
                        30,
                        session_id=SESSION_ID,
                        version=1,
                        current_item_id="item-1",
                    )
                ]
            )
        )
        store.refresh_downloads()
        assert [q.sha256 for q in store.download_queue()] == [sha(1), sha(2), sha(3), sha(4)]

        store.mark_blob(sha(1), 1000, "available")  # verified: leaves the queue
        assert [q.sha256 for q in store.download_queue()] == [sha(2), sha(3), sha(4)]
        assert store.refresh_downloads() == 3
        counts = store.status_counts()
        assert counts.documents_total == 4 and counts.documents_cached == 1
        assert counts.bytes_total == 1000 + 2000 + 3000 + 4000
        assert counts.bytes_cached == 1000
    finally:
        store.close()


def test_superseded_files_become_unreferenced(store: TerminalStore) -> None:
    store.apply_pull(basic_session())
    store.apply_pull(page(agenda_with_documents(current=None)))
    for n in (1, 2):
        store.mark_blob(sha(n), 1000 * n, "available")
    assert store.unreferenced_blobs() == set()
    # doc-1 gets a new version (another file); doc-2 is withdrawn
    store.apply_pull(
        page(
            [
                change(
                    "documents",
                    "doc-1",
                    40,
                    session_id=SESSION_ID,
                    title="文件1（修订）",
                    filename="1.pdf",
                    sha256=sha(9),
                    size=900,
                    pages=1,
                    version=2,
                ),
                tombstone("documents", "doc-2", 41),
            ]
        )
    )
    assert store.unreferenced_blobs() == {sha(1), sha(2)}
    store.forget_blobs({sha(1), sha(2)})
    assert store.unreferenced_blobs() == set()
    store.refresh_downloads()
    assert sha(9) in {q.sha256 for q in store.download_queue()}


def test_clock_offset_is_measured_at_pulls_and_carried_by_ops_after_a_reboot(
    store: TerminalStore,
) -> None:
    store.apply_pull(basic_session())
    assert store.clock_offset() is None
    # the terminal's wall clock is a day ahead when it pulls
    ahead = clock.SkewedClock(wall_offset=dt.timedelta(days=1))
    with clock.use(ahead):
        sample = ClockSample(clock.wall(), clock.monotonic(), clock.boot_id())
        server_now = sample.wall - dt.timedelta(days=1)
        store.apply_pull(page([], next=6).model_copy(update={"server_time": server_now}), sample)
        assert abs(store.clock_offset() + 86400) < 1

        # the wall clock then jumps back two hours before the tap: in the same boot the
        # offset follows the monotonic clock, so the server time estimate stays right
        ahead.wall_offset -= dt.timedelta(hours=2)
        store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)
        [op] = store.pending_ops()
        assert op.elapsed_s is not None and op.clock_offset_s is None  # same boot
        mine = store.my_signin(DELEGATE_ID, SITTING_ID)
        assert mine is not None
        assert abs((mine.signed_at - model.utcnow()).total_seconds()) < 5  # shown right

    # after a reboot: no elapsed time; the offset known at the tap travels with the op
    with clock.use(clock.SkewedClock(boot_id="another-boot")):
        [op] = store.pending_ops()
        assert op.elapsed_s is None
        assert op.clock_offset_s is not None
        assert abs(op.clock_offset_s - (-86400 + 7200)) < 5
        estimated = op.wall_time + dt.timedelta(seconds=op.clock_offset_s)
        assert abs((estimated - model.utcnow()).total_seconds()) < 5


def test_an_op_made_before_any_pull_takes_the_last_known_offset(store: TerminalStore) -> None:
    store.apply_pull(basic_session())
    store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)  # no offset known yet
    sample = ClockSample(model.utcnow(), clock.monotonic(), "boot-a")
    store.apply_pull(
        page([], next=6).model_copy(update={"server_time": sample.wall + dt.timedelta(hours=3)}),
        sample,
    )
    with clock.use(clock.SkewedClock(boot_id="boot-b")):
        [op] = store.pending_ops()
    assert op.elapsed_s is None and op.clock_offset_s is not None
    assert abs(op.clock_offset_s - 3 * 3600) < 1


def test_a_version_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    paths = TerminalPaths(tmp_path / "t")
    store = TerminalStore(paths)
    store.apply_pull(basic_session())
    store.sign_in(DELEGATE_ID, SITTING_ID, SignInMethod.PIN)
    store.close()
    # make it look like a store written by the walking skeleton (local schema 1)
    db = sqlite3.connect(paths.database)
    db.execute("DROP TABLE download_queue")
    db.execute("ALTER TABLE outbox DROP COLUMN clock_offset_s")
    db.execute(f"PRAGMA user_version={model.SCHEMA_VERSION * 1000 + 1}")
    db.commit()
    db.close()

    store = TerminalStore(paths)
    try:
        wanted = model.SCHEMA_VERSION * 1000 + LOCAL_SCHEMA_VERSION
        assert store.read(lambda c: c.execute(text("PRAGMA user_version")).scalar_one()) == wanted
        [op] = store.pending_ops()  # the old op is still there, without an offset
        assert op.clock_offset_s is None
        assert store.download_queue() == []
        assert store.refresh_downloads() == 0
    finally:
        store.close()

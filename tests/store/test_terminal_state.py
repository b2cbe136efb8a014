"""Terminal-only state: the UI state for crash restore, notices read, the delegate list, the
technician PIN, and the upgrade of a local schema 2 store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from congress_desktop import model
from congress_desktop.config import TerminalPaths
from congress_desktop.store import TerminalStore
from congress_desktop.store.schema import LOCAL_SCHEMA_VERSION
from congress_desktop.store.technician import (
    check_technician_pin,
    has_technician_pin,
    set_technician_pin,
)

from .replica_pages import DELEGATE_ID, basic_session


def open_store(tmp_path: Path) -> TerminalStore:
    store = TerminalStore(TerminalPaths(tmp_path / "t"))
    store.apply_pull(basic_session())
    return store


def test_ui_state_round_trip(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.load_ui_state() == {}
    store.save_ui_state({"screen": "viewer", "document_id": "doc1", "page": 7})
    store.save_ui_state({"screen": "viewer", "document_id": "doc1", "page": 8})
    assert store.load_ui_state() == {"screen": "viewer", "document_id": "doc1", "page": 8}
    store.close()


def test_notices_are_unread_until_opened(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    unread = store.unread_notices(DELEGATE_ID)
    assert len(unread) == 2
    first = sorted(unread)[0]
    store.mark_notice_read(DELEGATE_ID, first)
    store.mark_notice_read(DELEGATE_ID, first)  # twice is harmless
    assert store.unread_notices(DELEGATE_ID) == unread - {first}
    assert len(store.unread_notices("someone-else")) == 2
    store.close()


def test_delegates_and_locked_delegates(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    [delegate] = store.delegates()
    assert delegate.id == DELEGATE_ID
    assert store.locked_delegates() == []
    for _ in range(5):
        store.check_pin(delegate, "000000")
    assert [d.id for d in store.locked_delegates()] == [DELEGATE_ID]
    store.reset_pin_failures(DELEGATE_ID)
    assert store.locked_delegates() == []
    store.close()


def test_technician_pin_is_stored_hashed(tmp_path: Path) -> None:
    assert not has_technician_pin(tmp_path)
    assert not check_technician_pin(tmp_path, "1234")  # none set: nobody gets in
    set_technician_pin(tmp_path, "1234")
    assert "1234" not in (tmp_path / "technician.json").read_text()
    assert check_technician_pin(tmp_path, "1234")
    assert not check_technician_pin(tmp_path, "4321")


def test_a_version_2_store_is_upgraded(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    path = store.paths.database
    store.close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE ui_state")
    db.execute("DROP TABLE notice_reads")
    db.execute(f"PRAGMA user_version={model.SCHEMA_VERSION * 1000 + 2}")
    db.commit()
    db.close()
    store = TerminalStore(TerminalPaths(tmp_path / "t"))
    wanted = model.SCHEMA_VERSION * 1000 + LOCAL_SCHEMA_VERSION
    assert store.read(lambda c: c.execute(text("PRAGMA user_version")).scalar_one()) == wanted
    store.save_ui_state({"screen": "home"})
    assert len(store.unread_notices(DELEGATE_ID)) == 2
    store.close()


def test_a_version_4_store_gets_the_rejection_code_column_and_keeps_its_outbox(
    tmp_path: Path,
) -> None:
    from congress_desktop.protocol import OpResult, OpStatus

    store = open_store(tmp_path)
    store.submit_suggestion(DELEGATE_ID, "建议", "内容", "other")
    path = store.paths.database
    store.close()
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE outbox DROP COLUMN reason_code")  # what a session-3 terminal has
    db.execute(f"PRAGMA user_version={model.SCHEMA_VERSION * 1000 + 4}")
    db.commit()
    db.close()
    store = TerminalStore(TerminalPaths(tmp_path / "t"))
    [op] = store.pending_ops()  # the unsent suggestion survived the upgrade
    result = OpResult(op_id=op.op_id, status=OpStatus.REJECTED, reason="x", code="title_empty")
    store.record_results([result])
    [mine] = store.my_suggestions(DELEGATE_ID)
    assert mine.rejection is not None and mine.rejection.code == "title_empty"
    store.close()

"""server_seq: one counter, advanced inside the writing transaction, strictly increasing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from congress_desktop.model import congress_sessions, notices
from congress_desktop.server.changes import NotInTransactionError, delete_row, next_seq, write_row
from congress_desktop.server.db import current_seq, migrate, open_engine, read_connection


@pytest.fixture
def db(db_url: str) -> Iterator[Engine]:
    engine = open_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


def _notice(n: int) -> dict[str, object]:
    return {"id": f"n{n}", "session_id": "s", "title": f"通知{n}"}


def test_every_write_takes_a_higher_seq_across_tables(db: Engine) -> None:
    with db.begin() as conn:
        seqs = [write_row(conn, congress_sessions, {"id": "s", "title": "会议"})]
        seqs += [write_row(conn, notices, _notice(n)) for n in range(3)]
        seqs.append(write_row(conn, notices, {"id": "n0", "title": "更正"}))  # an update
        seqs.append(delete_row(conn, notices, "n1"))  # type: ignore[arg-type]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    with db.connect() as conn:
        assert current_seq(conn) == seqs[-1]
        rows = {r.id: r for r in conn.execute(select(notices))}
    assert rows["n0"].title == "更正" and rows["n0"].session_id == "s"  # others kept
    assert rows["n0"].seq == seqs[4]
    assert rows["n1"].deleted and rows["n1"].title == "通知1"  # tombstone keeps its payload
    assert rows["n1"].seq == seqs[5]


def test_write_revives_a_tombstone_and_delete_of_nothing_is_none(db: Engine) -> None:
    with db.begin() as conn:
        write_row(conn, notices, _notice(1))
        delete_row(conn, notices, "n1")
        write_row(conn, notices, _notice(1))
        assert delete_row(conn, notices, "missing") is None
        row = conn.execute(select(notices).where(notices.c.id == "n1")).one()
    assert row.deleted is False


def test_seq_is_taken_inside_the_transaction(db: Engine) -> None:
    with db.connect() as conn, pytest.raises(NotInTransactionError):
        next_seq(conn)
    with db.begin() as conn:
        write_row(conn, notices, _notice(1))
    with pytest.raises(RuntimeError, match="boom"), db.begin() as conn:
        write_row(conn, notices, _notice(2))
        raise RuntimeError("boom")
    with db.begin() as conn:
        assert current_seq(conn) == 1  # the rolled back write gave its seq back
        assert write_row(conn, notices, _notice(3)) == 2


def test_concurrent_writers_serialize_with_unique_seqs(db: Engine) -> None:
    threads, per_thread = 4, 15
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def writer(t: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                with db.begin() as conn:
                    write_row(conn, notices, _notice(t * 100 + i))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    workers = [threading.Thread(target=writer, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    with db.connect() as conn:
        seqs = sorted(r.seq for r in conn.execute(select(notices.c.seq)))
        assert seqs == list(range(1, threads * per_thread + 1))
        assert current_seq(conn) == threads * per_thread


def test_sqlite_reads_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    migrate(engine)
    try:
        with engine.begin() as writer:
            write_row(writer, notices, _notice(1))  # holds the write lock (BEGIN IMMEDIATE)
            started = time.monotonic()
            with read_connection(engine) as reader:
                assert current_seq(reader) == 0  # the committed snapshot, at once
            assert time.monotonic() - started < 1.0
    finally:
        engine.dispose()

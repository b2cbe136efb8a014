"""Server-side faults with real processes: concurrent duplicates, out-of-order commits,
kill -9, restore from an older backup, database outages, and a long drain through the
fault proxy."""

from __future__ import annotations

import random
import shutil
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from events.helpers import API, enroll, world_server
from fixtures.fault_proxy import FaultProxy, Rule
from fixtures.live_server import LiveServer
from fixtures.terminal import server_engine
from server.helpers import World, make_world, signin_op, suggestion_op
from sqlalchemy import Engine, func, select, text

from congress_desktop.config import ServerPaths
from congress_desktop.model import notices, signins, suggestions
from congress_desktop.server.changes import write_row
from congress_desktop.server.db import applied_ops, migrate, open_engine, read_connection
from congress_desktop.server.pull import Viewer, pull


def count(engine: Engine, table: Any, *where: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def post_push(url: str, headers: dict[str, str], ops: list[dict[str, Any]]) -> httpx.Response:
    return httpx.post(f"{url}{API}/sync/push", json={"ops": ops}, headers=headers, timeout=30)


def get_pull(url: str, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = httpx.get(f"{url}{API}/sync/pull", params=params, headers=headers, timeout=30)
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def test_the_same_push_on_many_connections_at_once_applies_once(
    live_world: tuple[LiveServer, World], fault_proxy: type[FaultProxy]
) -> None:
    server, world = live_world
    headers = enroll(server, 1)
    ops = [signin_op(world.delegates[0], world.sittings[0]), suggestion_op(world.delegates[0])]
    barrier = threading.Barrier(8)

    def send(_: int) -> list[str]:
        barrier.wait()
        return [r["status"] for r in post_push(server.url, headers, ops).json()["results"]]

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(send, range(8)))
    for position in range(2):
        statuses = sorted(a[position] for a in answers)
        assert statuses.count("applied") == 1 and statuses.count("duplicate") == 7
    # and through the proxy: the request duplicated onto a second server connection
    proxy = fault_proxy(server.port).start()
    proxy.add_rule(Rule("up", "duplicate", path="/sync/push"))
    again = suggestion_op(world.delegates[0])
    assert post_push(proxy.url, headers, [again]).json()["results"][0]["status"] in (
        "applied",
        "duplicate",
    )
    time.sleep(0.5)  # let the copy finish
    engine = server_engine(server)
    try:
        assert count(engine, signins) == 1
        assert count(engine, suggestions) == 2
        assert count(engine, applied_ops) == 3
    finally:
        engine.dispose()


@pytest.mark.parametrize("db", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_concurrent_writers_never_make_a_reader_skip_a_row(
    db: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Real concurrent transactions: the writer that took the lower seq is made to commit
    last (it sleeps inside its transaction); readers pulling all along never skip a row."""
    url = (
        f"sqlite:///{tmp_path / 'db.sqlite3'}"
        if db == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    engine = open_engine(url)
    migrate(engine)
    world = make_world(engine)
    stop = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        rng = random.Random(k)
        try:
            for i in range(25):
                with engine.begin() as conn:
                    write_row(
                        conn,
                        notices,
                        {"id": f"n-{k}-{i}", "session_id": world.session_id, "title": f"{k}/{i}"},
                    )
                    time.sleep(rng.uniform(0, 0.01))  # commit late, holding the lower seq
        except BaseException as exc:
            errors.append(exc)

    def reader() -> None:
        cursor = 0
        try:
            while True:
                finished = stop.is_set()
                with read_connection(engine) as conn:
                    page = pull(conn, viewer=Viewer(None), epoch=None, since=cursor, limit=7)
                seen.extend(c.seq for c in page.changes)
                cursor = page.next
                if finished and not page.has_more:
                    return
        except BaseException as exc:
            errors.append(exc)

    try:
        with engine.connect() as conn:  # the world's own rows first
            start = int(conn.execute(text("SELECT value FROM counter")).scalar_one())
        readers = [threading.Thread(target=reader) for _ in range(2)]
        writers = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
        for t in readers + writers:
            t.start()
        for t in writers:
            t.join()
        stop.set()
        for t in readers:
            t.join()
        assert not errors, errors
        expected = set(range(1, start + 6 * 25 + 1))
        # each reader saw every row exactly once, in order (two readers → each seq twice)
        assert sorted(seen) == sorted(list(expected) * 2)
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_held_counter_lock_blocks_the_next_writer_until_commit(pg_url: str) -> None:
    """The ordering argument itself, on PostgreSQL: T1 takes seq N+1 and does not commit;
    T2 cannot take a seq (it waits on the counter row); a reader meanwhile sees counter N."""
    engine = open_engine(pg_url)
    try:
        migrate(engine)
        world = make_world(engine)
        t1 = engine.connect()
        tx1 = t1.begin()
        seq1 = write_row(t1, notices, {"id": "a", "session_id": world.session_id, "title": "a"})
        got: list[int] = []

        def t2() -> None:
            with engine.begin() as conn:
                got.append(
                    write_row(
                        conn, notices, {"id": "b", "session_id": world.session_id, "title": "b"}
                    )
                )

        thread = threading.Thread(target=t2)
        thread.start()
        time.sleep(0.3)
        assert thread.is_alive() and not got  # T2 waits for T1's counter lock
        with read_connection(engine) as conn:
            page = pull(conn, viewer=Viewer(None), epoch=None, since=seq1 - 1)
        assert page.next == seq1 - 1 and page.changes == []  # nothing half-visible
        tx1.commit()
        t1.close()
        thread.join(5)
        assert got == [seq1 + 1]
        with read_connection(engine) as conn:
            page = pull(conn, viewer=Viewer(None), epoch=None, since=seq1 - 1)
        assert [c.seq for c in page.changes] == [seq1, seq1 + 1]
    finally:
        engine.dispose()


def test_kill_9_during_pushes_loses_no_acknowledged_op_and_doubles_none(
    live_world: tuple[LiveServer, World],
) -> None:
    server, world = live_world
    headers = enroll(server, 1)
    ops = [suggestion_op(world.delegates[0]) for _ in range(60)]
    acked: set[str] = set()
    stop = threading.Event()

    def pusher() -> None:
        for i in range(0, len(ops), 3):
            if stop.is_set():
                return
            try:
                response = post_push(server.url, headers, ops[i : i + 3])
            except httpx.TransportError:
                return
            if response.status_code == 200:
                acked.update(r["op_id"] for r in response.json()["results"])

    thread = threading.Thread(target=pusher)
    thread.start()
    time.sleep(0.4)
    server.kill()  # power cut in the middle of the pushes
    stop.set()
    thread.join(30)
    server.start()
    engine = server_engine(server)
    try:
        ids = {o["op_id"] for o in ops}
        with engine.connect() as conn:
            stored = set(conn.execute(select(applied_ops.c.op_id)).scalars())
        assert acked <= stored  # everything acknowledged survived
        # the terminal retries everything: each op ends up applied exactly once
        results = post_push(server.url, headers, ops).json()["results"]
        assert all(r["status"] in ("applied", "duplicate") for r in results)
        assert {o["op_id"] for o in ops} == ids
        assert count(engine, suggestions) == 60
        numbers = sorted(engine.connect().execute(select(suggestions.c.number)).scalars())
        assert numbers == list(range(1, 61))
        # the change log is consistent: a pull from zero returns every row once
        body = get_pull(server.url, headers, since=0, limit=5000)
        seqs = [c["seq"] for c in body["changes"]]
        assert seqs == sorted(set(seqs)) and not body["has_more"]
        assert sum(1 for c in body["changes"] if c["table"] == "suggestions") == 60
    finally:
        engine.dispose()


def test_restore_from_an_older_backup_answers_reset(tmp_path: Path) -> None:
    server, world = world_server(tmp_path / "server")
    headers = enroll(server, 1)
    db_file = ServerPaths(server.data_dir).root / "server.sqlite3"
    if not db_file.exists():
        db_file = next(server.data_dir.rglob("*.sqlite3"))
    server.stop()
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(db_file, backup)
    server.start()
    try:
        results = post_push(server.url, headers, [suggestion_op(world.delegates[0])]).json()
        assert results["results"][0]["status"] == "applied"
        body = get_pull(server.url, headers, since=0)
        epoch, cursor = body["epoch"], body["next"]
        server.stop()
        for suffix in ("-wal", "-shm"):
            Path(str(db_file) + suffix).unlink(missing_ok=True)
        shutil.copy(backup, db_file)  # the technician restores last night's backup
        server.start()
        reset = get_pull(server.url, headers, epoch=epoch, since=cursor)
        assert reset["reset"] is True and reset["next"] == 0
        fresh = get_pull(server.url, headers, epoch=epoch, since=0)
        assert fresh["reset"] is False
        assert not any(c["table"] == "suggestions" for c in fresh["changes"])
        # a changed epoch (another database) also answers reset
        assert get_pull(server.url, headers, epoch=str(uuid.uuid4()), since=0)["reset"] is True
    finally:
        server.stop()


@pytest.mark.postgres
def test_a_database_outage_answers_5xx_and_recovers_exactly_once(
    tmp_path: Path, pg_url: str, pg_cluster: Any
) -> None:
    server, world = world_server(tmp_path / "server", pg_url)
    try:
        headers = enroll(server, 1)
        database = pg_url.rsplit("/", 1)[1]
        pg_cluster.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        pg_cluster.admin(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'"
        )
        op = suggestion_op(world.delegates[0])
        during = post_push(server.url, headers, [op])
        assert during.status_code >= 500  # transient for the client: it retries
        assert during.json()["error"]["code"] == "internal"
        assert httpx.get(f"{server.url}{API}/health", timeout=10).status_code >= 500
        pg_cluster.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        after = post_push(server.url, headers, [op])
        assert after.status_code == 200
        assert after.json()["results"][0]["status"] in ("applied", "duplicate")
        engine = server_engine(server)
        try:
            assert count(engine, suggestions) == 1
        finally:
            engine.dispose()
    finally:
        server.stop()


def _write_notices(engine: Engine, session_id: str, total: int, batch: int) -> None:
    for start in range(0, total, batch):
        with engine.begin() as conn:
            for i in range(start, min(total, start + batch)):
                write_row(
                    conn,
                    notices,
                    {"id": f"bulk-{i}", "session_id": session_id, "title": f"通知 {i}"},
                )


def test_500_queued_ops_and_10000_server_changes_drain_in_order_through_faults(
    tmp_path: Path, fault_proxy: type[FaultProxy]
) -> None:
    server, world = world_server(tmp_path / "server")
    try:
        headers = enroll(server, 1)
        proxy = fault_proxy(server.port).start()
        proxy.add_rule(Rule("down", "cut", path="/sync/push", times=3))  # lost acks
        proxy.add_rule(Rule("up", "respond", path="/sync/pull", status=503, times=3))
        proxy.add_rule(Rule("down", "truncate", path="/sync/pull", nbytes=5000, times=2))
        proxy.add_rule(Rule("down", "delay", path="/sync/", seconds=0.05, times=None))
        engine = server_engine(server)
        writer = threading.Thread(
            target=_write_notices, args=(engine, world.session_id, 10_000, 500)
        )
        writer.start()
        outbox = [suggestion_op(world.delegates[0], title=f"建议 {i:03d}") for i in range(500)]
        cursor, received, epoch = 0, [], None
        with httpx.Client(base_url=proxy.url + API, headers=headers, timeout=30) as client:
            deadline = time.monotonic() + 60
            while outbox or writer.is_alive() or cursor < _counter(engine):
                assert time.monotonic() < deadline, "did not drain"
                try:
                    if outbox:  # push the head of the queue, in order
                        batch = outbox[:100]
                        response = client.post("/sync/push", json={"ops": batch})
                        if response.status_code == 200:
                            acked = {r["op_id"] for r in response.json()["results"]}
                            assert acked == {o["op_id"] for o in batch}
                            outbox = outbox[100:]
                    response = client.get(
                        "/sync/pull", params={"since": cursor, "limit": 1000, "epoch": epoch}
                    )
                    if response.status_code != 200:
                        continue
                    page = response.json()
                    assert not page["reset"]
                    epoch = page["epoch"]
                    received.extend(page["changes"])
                    assert page["next"] >= cursor
                    cursor = page["next"]
                except httpx.TransportError:
                    continue
        writer.join()
        seqs = [c["seq"] for c in received]
        assert seqs == sorted(set(seqs))  # in order, never twice
        titles = [c["row"]["title"] for c in received if c["table"] == "suggestions"]
        assert titles == [f"建议 {i:03d}" for i in range(500)]  # applied in queue order
        numbers = [c["row"]["number"] for c in received if c["table"] == "suggestions"]
        assert numbers == list(range(1, 501))
        assert sum(1 for c in received if c["table"] == "notices") == 10_000
        assert count(engine, suggestions) == 500
        engine.dispose()
    finally:
        server.stop()


def _counter(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT value FROM counter")).scalar_one())

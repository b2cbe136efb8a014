"""A randomized run of every fault at once; afterwards every terminal equals the server.

Four terminals (real :class:`SyncEngine`\\ s on real terminal stores, each behind its own
loopback :class:`FaultProxy`) sign in, write drafts and submit suggestions while the
secretariat moves the current item, republishes the agenda and publishes notices, bulk
changes land on the server, and the run injects, in a seeded random order: dropped, delayed,
duplicated, truncated and cut traffic, injected 503s, cut event streams, a terminal killed
(SIGKILL, a real ``sync --once`` process) in the middle of a pull, server restarts (graceful
and SIGKILL), terminal clock jumps (a day either way, backwards by hours) and writes made
while a sync is in flight.

At the end, with the faults lifted, every terminal drains and catches up; then:

- every terminal's replicated tables equal the server's rows that terminal may see;
- every op was applied exactly once: each terminal's outbox equals the server's record of
  that terminal's ops, no suggestion or sign-in is missing or doubled, the one op the server
  must refuse is rejected and the ops after it went through;
- no terminal's cursor (nor its agenda version) ever went backwards (sampled all along);
- sign-ins are dated by the server's clock, whatever the terminal's wall clock said;
- the last unsent draft of each delegate is still there.

``CONGRESS_FAULT_SEED`` picks the seed (default: random, printed on failure) and
``CONGRESS_FAULT_ROUNDS`` the number of fault rounds (default 12, each fault kind at least
once), e.g.
``CONGRESS_FAULT_SEED=7 CONGRESS_FAULT_ROUNDS=200 pytest tests/faults/test_randomized.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from admin.helpers import ADMIN, PASSWORD
from events.helpers import health_seq
from fixtures.fault_proxy import FaultProxy, Rule
from fixtures.live_server import REPO_ROOT, LiveServer
from fixtures.terminal import enrollment_token, server_engine
from server.helpers import PIN, make_world
from sqlalchemy import select

from congress_desktop import clock, model, security
from congress_desktop.config import ServerPaths, TerminalPaths
from congress_desktop.model import SignInMethod
from congress_desktop.protocol import ConsoleRole
from congress_desktop.server.changes import write_row
from congress_desktop.server.db import applied_ops, migrate, open_engine
from congress_desktop.server.pull import row_audience
from congress_desktop.server.users import create_user
from congress_desktop.store import TerminalStore
from congress_desktop.store.identity import Identity, save_identity
from congress_desktop.store.schema import outbox
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.engine import SyncEngine
from congress_desktop.sync.provision import provision

pytestmark = pytest.mark.asyncio

TERMINALS = 4
SITTINGS = 6
AGENDA_ITEMS = 4
DEFAULT_ROUNDS = 12
PATHS = ("/sync/pull", "/sync/push", "/heartbeat", "/events")
FAULTS = (
    "drop",
    "delay",
    "duplicate",
    "truncate",
    "cut",
    "503",
    "cut_streams",
    "kill_terminal_mid_pull",
    "restart_server",
    "clock_jump",
    "write_during_sync",
)
ACTIONS = ("signin", "signin", "suggestion", "suggestion", "draft", "notice", "current", "bulk")
CONVERGE_S = 90.0


# --------------------------------------------------------------------------- the world


def build_world(data_dir: Path, db_url: str | None) -> None:
    """make_world's session, a fourth delegate at seat 4, SITTINGS sittings, a secretary."""
    paths = ServerPaths(data_dir).create()
    engine = open_engine(db_url or paths.default_db_url)
    try:
        migrate(engine)
        world = make_world(engine)
        with engine.begin() as conn:
            write_row(
                conn,
                model.delegates,
                {
                    "id": "delegate-4",
                    "session_id": world.session_id,
                    "number": "004",
                    "name": "代表4",
                    "pin_hash": security.hash_secret(PIN),
                },
            )
            write_row(
                conn,
                model.seats,
                {
                    "id": "seat-4",
                    "session_id": world.session_id,
                    "number": 4,
                    "delegate_id": "delegate-4",
                },
            )
            for n in range(3, SITTINGS + 1):
                write_row(
                    conn,
                    model.sittings,
                    {
                        "id": f"sitting-{n}",
                        "session_id": world.session_id,
                        "number": n,
                        "title": f"第{n}次全体会议",
                        "starts_at": model.utcnow(),
                    },
                )
            create_user(conn, "mishu", security.hash_secret(PASSWORD), ConsoleRole.SECRETARIAT, "")
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- terminals


@dataclass
class Terminal:
    seat: int
    data_dir: Path
    identity: Identity
    proxy: FaultProxy
    store: TerminalStore | None = None
    engine: SyncEngine | None = None
    client: SyncClient | None = None
    task: asyncio.Task[None] | None = None
    signins: dict[str, tuple[str, dt.datetime]] = field(default_factory=dict)  # sitting →
    suggestions: list[str] = field(default_factory=list)
    refused: str | None = None  # the suggestion the server must reject
    draft: dict[str, str] | None = None

    @property
    def delegate_id(self) -> str:
        return f"delegate-{self.seat}"

    @property
    def database(self) -> Path:
        return TerminalPaths(self.data_dir).database

    def live_store(self) -> TerminalStore:
        assert self.store is not None
        return self.store


async def start_engine(t: Terminal) -> None:
    t.store = await asyncio.to_thread(TerminalStore, TerminalPaths(t.data_dir))
    t.client = SyncClient(t.identity, timeout=httpx.Timeout(4.0, connect=2.0))
    t.engine = SyncEngine(
        t.store,
        t.identity,
        client=t.client,
        poll_interval=2.0,
        stream_poll_interval=4.0,
        backoff_initial=0.1,
        backoff_max=1.0,
        stream_backoff_max=1.0,
        heartbeat_interval=3.0,
        heartbeat_min_gap=1.0,
        pull_limit=300,
        pull_jitter=0.1,
    )
    t.task = asyncio.create_task(t.engine.run())


def await_chain(task: asyncio.Task[Any]) -> str:
    """Where a task waits: file:line of each coroutine in its await chain."""
    chain = []
    coro: Any = task.get_coro()
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "ag_frame", None)
        if frame is not None:
            chain.append(f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}")
        coro = getattr(coro, "cr_await", None) or getattr(coro, "ag_await", None)
    return " > ".join(chain)


async def stop_engine(t: Terminal, log: list[str], *, crash: bool = False) -> None:
    """Stop a terminal's engine (``crash``: cancel it at once, as a power cut would) and
    close its store. A graceful stop that hangs is logged with where each task waits."""
    if t.engine is not None and t.task is not None:
        if crash:
            t.task.cancel()
        else:
            t.engine.stop()
            done, _ = await asyncio.wait([t.task], timeout=10)
            if not done:
                log.append(f"seat {t.seat}: stop() did not end the engine within 10 s:")
                log.extend(
                    f"  {task.get_name()}: {await_chain(task)}" for task in asyncio.all_tasks()
                )
                t.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(t.task, 20)
    if t.client is not None:
        await t.client.aclose()
    if t.store is not None:
        await asyncio.to_thread(t.store.close)
    t.engine = t.task = t.client = t.store = None


def read_marks(database: Path) -> tuple[int, tuple[int, int]] | None:
    """(cursor, (agenda version, agendas row seq)) straight from a terminal's SQLite."""
    try:
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        row = db.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone()
        agenda = db.execute("SELECT version, seq FROM agendas LIMIT 1").fetchone()
        cursor = int(row[0]) if row else 0
        return cursor, (int(agenda[0] or 0), int(agenda[1] or 0)) if agenda else (-1, -1)
    except sqlite3.Error:
        return None
    finally:
        db.close()


class Watcher:
    """Samples every terminal's cursor and agenda mark in a thread; records any step back."""

    def __init__(self, terminals: list[Terminal]) -> None:
        self.terminals = terminals
        self.backwards: list[str] = []
        self.samples = 0
        self._seen: dict[int, tuple[int, tuple[int, int]]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cursor-watcher", daemon=True)

    def __enter__(self) -> Watcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            for t in self.terminals:
                marks = read_marks(t.database)
                if marks is None:
                    continue
                self.samples += 1
                before = self._seen.get(t.seat)
                if before is not None and (marks[0] < before[0] or marks[1] < before[1]):
                    self.backwards.append(f"seat {t.seat}: {before} -> {marks}")
                self._seen[t.seat] = marks if before is None else max(before, marks)


# --------------------------------------------------------------------------- the run


class Run:
    def __init__(
        self, rng: random.Random, server: LiveServer, terminals: list[Terminal], log: list[str]
    ) -> None:
        self.rng = rng
        self.server = server
        self.terminals = terminals
        self.log = log
        self.clock = clock.SkewedClock()
        self.admin = httpx.Client(base_url=server.url + ADMIN, timeout=30)
        self.admin_headers: dict[str, str] = {}
        self.agenda_ids: list[str] = []
        self.bulk = 0
        self.notices = 0

    def note(self, text: str) -> None:
        self.log.append(f"{time.monotonic():.2f} {text}")

    # ---------------------------------------------------------------- secretariat

    def login(self) -> None:
        answer = self.admin.post("/login", json={"username": "mishu", "password": PASSWORD})
        answer.raise_for_status()
        self.admin_headers = {"Authorization": f"Bearer {answer.json()['token']}"}

    def admin_call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        answer = self.admin.request(method, path, headers=self.admin_headers, **kwargs)
        if answer.status_code == 401:  # a restart may forget console sessions
            self.login()
            answer = self.admin.request(method, path, headers=self.admin_headers, **kwargs)
        return answer

    def publish_agenda(self) -> None:
        for n in range(AGENDA_ITEMS):
            self.admin_call("POST", "/agenda/draft/items", json={"title": f"议程{n + 1}"})
        answer = self.admin_call("POST", "/agenda/publish", json={})
        answer.raise_for_status()
        self.agenda_ids = [i["id"] for i in answer.json()["items"]]

    async def secretariat(self, action: str) -> None:
        if action == "notice":
            self.notices += 1
            answer = await asyncio.to_thread(
                self.admin_call, "POST", "/notices", json={"title": f"通知{self.notices}"}
            )
            assert answer.status_code == 201, answer.text
        elif action == "current":
            if self.rng.random() < 0.2:  # a new agenda version: retitle an item, publish
                item = self.rng.choice(self.agenda_ids)
                await asyncio.to_thread(
                    self.admin_call,
                    "PATCH",
                    f"/agenda/draft/items/{item}",
                    json={"title": f"议程（修订{self.rng.randrange(1000)}）"},
                )
                answer = await asyncio.to_thread(
                    self.admin_call, "POST", "/agenda/publish", json={}
                )
                assert answer.status_code == 200, answer.text
                self.agenda_ids = [i["id"] for i in answer.json()["items"]]
            else:
                body = {"move": "item", "item_id": self.rng.choice(self.agenda_ids)}
                answer = await asyncio.to_thread(
                    self.admin_call, "POST", "/agenda/current", json=body
                )
                assert answer.status_code in (200, 409), answer.text
        elif action == "bulk":  # many changes at once: pulls take several pages
            self.bulk += 1
            count = self.rng.randrange(100, 600)
            await asyncio.to_thread(write_bulk_notices, self.server, count, f"bulk{self.bulk}")
        self.note(f"secretariat {action}")

    # ---------------------------------------------------------------- delegates

    async def delegate(self, t: Terminal, action: str) -> None:
        store = t.store
        if store is None:  # the terminal is down (being killed); the delegate waits
            return
        if action == "signin":
            sittings = [f"sitting-{n}" for n in range(1, SITTINGS + 1)]
            sitting = self.rng.choice(sittings)
            tapped = dt.datetime.now(dt.UTC)
            view = await asyncio.to_thread(store.sign_in, t.delegate_id, sitting, SignInMethod.PIN)
            if sitting in t.signins:
                assert view.id == t.signins[sitting][0]  # a second tap is the first sign-in
            else:
                t.signins[sitting] = (view.id, tapped)
        elif action == "draft":
            t.draft = {
                "title": f"草稿{self.rng.randrange(10**6)}",
                "content": "正在写",
                "category": "other",
            }
            await asyncio.to_thread(store.save_draft, t.delegate_id, **t.draft)
        elif action == "suggestion":
            for n in range(self.rng.randrange(1, 3)):  # autosaves as the delegate types
                await asyncio.to_thread(
                    store.save_draft, t.delegate_id, f"建议{n}", "内容", "social"
                )
            cosigners: list[str] = []
            if t.refused is None and self.rng.random() < 0.3:
                cosigners = ["nobody"]  # the server must refuse this one; later ones pass
            suggestion_id = await asyncio.to_thread(
                store.submit_suggestion,
                t.delegate_id,
                f"关于第{len(t.suggestions) + 1}件事的建议",
                "建议内容。",
                "social",
                cosigner_ids=cosigners,
            )
            t.draft = None  # submitting clears the draft
            if cosigners:
                t.refused = suggestion_id
            else:
                t.suggestions.append(suggestion_id)
        if t.engine is not None:
            t.engine.nudge()  # as the screens do after an action
        self.note(f"seat {t.seat} {action}")

    async def some_actions(self) -> None:
        for _ in range(self.rng.randrange(1, 4)):
            action = self.rng.choice(ACTIONS)
            if action in ("notice", "current", "bulk"):
                await self.secretariat(action)
            else:
                await self.delegate(self.rng.choice(self.terminals), action)

    # ---------------------------------------------------------------- faults

    def rule(self, t: Terminal, rule: Rule) -> None:
        t.proxy.add_rule(rule)
        self.note(f"seat {t.seat} rule {rule.direction} {rule.action} {rule.path} x{rule.times}")

    async def fault(self, kind: str) -> None:
        rng = self.rng
        t = rng.choice(self.terminals)
        path = rng.choice(PATHS)
        times = rng.randrange(1, 4)
        if kind == "drop":
            self.rule(t, Rule(rng.choice(("up", "down")), "drop", path=path, times=1))
            await asyncio.sleep(rng.uniform(0.1, 0.6))
            if rng.random() < 0.5:  # else the client's timeout ends the wait
                t.proxy.cut_all()
        elif kind == "delay":
            seconds = rng.uniform(0.05, 1.5)
            self.rule(
                t,
                Rule(rng.choice(("up", "down")), "delay", path=path, seconds=seconds, times=times),
            )
        elif kind == "duplicate":
            self.rule(t, Rule("up", "duplicate", path="/sync/push", times=times))
            if rng.random() < 0.5:
                self.rule(t, Rule("down", "duplicate", path=path, times=1))
        elif kind == "truncate":
            nbytes = rng.randrange(0, 600)
            self.rule(t, Rule(rng.choice(("up", "down")), "truncate", path=path, nbytes=nbytes))
        elif kind == "cut":
            self.rule(t, Rule(rng.choice(("up", "down")), "cut", path=path, times=times))
        elif kind == "503":
            self.rule(t, Rule("up", "respond", path=path, status=503, times=times))
        elif kind == "cut_streams":
            for each in self.terminals:
                each.proxy.cut_all()
            self.note("cut every connection")
        elif kind == "kill_terminal_mid_pull":
            await self.kill_terminal_mid_pull(t)
        elif kind == "restart_server":
            crash = rng.random() < 0.5
            self.note(f"server {'kill -9' if crash else 'stop'}")
            await asyncio.to_thread(self.server.kill if crash else self.server.stop)
            await self.delegate(rng.choice(self.terminals), rng.choice(("signin", "suggestion")))
            await asyncio.sleep(rng.uniform(0.0, 1.0))
            await asyncio.to_thread(self.server.start)
            self.note("server up again")
        elif kind == "clock_jump":
            jump = rng.choice(
                (
                    dt.timedelta(days=1),
                    dt.timedelta(days=-1),
                    dt.timedelta(hours=-rng.randrange(1, 6)),
                )
            )
            self.clock.wall_offset = (
                jump if abs(jump) >= dt.timedelta(days=1) else self.clock.wall_offset + jump
            )
            self.note(f"terminal clocks now off by {self.clock.wall_offset}")
        elif kind == "write_during_sync":
            await self.write_during_sync(t)

    async def kill_terminal_mid_pull(self, t: Terminal) -> None:
        """Stop the in-process engine, give the server something to send, start the terminal
        as a real ``sync --once`` process with slow pull answers and SIGKILL it mid-pull."""
        await stop_engine(t, self.log, crash=True)
        await asyncio.to_thread(write_bulk_notices, self.server, 400, f"kill{self.bulk}")
        self.bulk += 1
        slow = Rule("down", "delay", path="/sync/pull", seconds=0.15, times=None)
        t.proxy.add_rule(slow)
        key = "GET /api/v1/sync/pull"
        pulls = t.proxy.requests[key]
        process = sync_once_process(t.data_dir)
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and process.poll() is None:
                if t.proxy.requests[key] > pulls:  # a pull is on its way: kill somewhere in it
                    await asyncio.sleep(self.rng.uniform(0.0, 0.4))
                    break
                await asyncio.sleep(0.01)
        finally:
            killed = process.poll() is None
            process.kill()
            process.wait()
            slow.times = 0
        self.note(f"seat {t.seat} sync --once {'killed mid-pull' if killed else 'finished first'}")
        await start_engine(t)

    async def write_during_sync(self, t: Terminal) -> None:
        """Hold a pull in flight, and write while it is."""
        if t.engine is None:
            return
        key = "GET /api/v1/sync/pull"
        pulls = t.proxy.requests[key]
        self.rule(t, Rule("down", "delay", path="/sync/pull", seconds=0.8, times=1))
        t.engine.nudge()
        await asyncio.to_thread(write_bulk_notices, self.server, 50, f"during{self.bulk}")
        self.bulk += 1
        deadline = time.monotonic() + 5
        while t.proxy.requests[key] == pulls and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        await self.delegate(t, self.rng.choice(("signin", "suggestion")))
        self.note(f"seat {t.seat} wrote during an in-flight pull")

    def schedule(self, rounds: int) -> list[str]:
        kinds = list(FAULTS)  # each at least once
        kinds += [self.rng.choice(FAULTS) for _ in range(max(0, rounds - len(kinds)))]
        self.rng.shuffle(kinds)
        return kinds

    async def play(self, rounds: int) -> None:
        with clock.use(self.clock):
            for kind in self.schedule(rounds):
                await self.fault(kind)
                await self.some_actions()
                await asyncio.sleep(self.rng.uniform(0.0, 0.4))
            # the faults are lifted; every terminal must drain and catch up on its own
            for t in self.terminals:
                t.proxy.clear_rules()
            if not self.server.running:
                await asyncio.to_thread(self.server.start)
            self.note("faults lifted")
            await self.converge()

    async def converge(self) -> None:
        deadline = time.monotonic() + CONVERGE_S
        while True:
            target = await asyncio.to_thread(health_seq, self.server.url)
            pending = [
                await asyncio.to_thread(t.live_store().outbox_pending) for t in self.terminals
            ]
            cursors = [t.live_store().cursor()[1] for t in self.terminals]
            # (the server's own count may have moved meanwhile, a last push: ask once more)
            if (
                not any(pending)
                and all(c >= target for c in cursors)
                and await asyncio.to_thread(health_seq, self.server.url) == target
            ):
                return
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"not converged after {CONVERGE_S} s: server seq {target}, "
                    f"cursors {cursors}, pending ops {pending}"
                )
            for t in self.terminals:
                assert t.engine is not None
                t.engine.nudge()
            await asyncio.sleep(0.3)


def write_bulk_notices(server: LiveServer, count: int, prefix: str) -> None:
    engine = server_engine(server)
    try:
        with engine.begin() as conn:
            session_id = conn.execute(select(model.congress_sessions.c.id)).scalar_one()
            for i in range(count):
                write_row(
                    conn,
                    model.notices,
                    {"id": f"{prefix}-{i:04d}", "session_id": session_id, "title": f"批量{i}"},
                )
    finally:
        engine.dispose()


def sync_once_process(data_dir: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "congress_desktop", "sync", "--once", "--data", str(data_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=REPO_ROOT,
    )


# --------------------------------------------------------------------------- the checks


def comparable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC)
    return value


SKIPPED_COLUMNS = {"pin_hash"}  # only the seat's own delegate gets it


def table_rows(conn: Any, table: Any, where: Any = None) -> dict[str, dict[str, Any]]:
    query = select(table)
    if where is not None:
        query = query.where(where)
    return {
        row["id"]: {k: comparable(v) for k, v in row.items() if k not in SKIPPED_COLUMNS}
        for row in conn.execute(query).mappings()
    }


def server_state(
    server: LiveServer,
) -> tuple[dict[str, dict[str, dict[str, Any]]], list[dict[str, Any]]]:
    engine = server_engine(server)
    try:
        with engine.connect() as conn:
            tables = {
                name: table_rows(conn, table, table.c.deleted.is_(False))
                for name, table in model.REPLICATED_TABLES.items()
            }
            ops = [dict(r) for r in conn.execute(select(applied_ops)).mappings()]
        return tables, ops
    finally:
        engine.dispose()


def check_terminal(
    t: Terminal,
    server_tables: dict[str, dict[str, dict[str, Any]]],
    server_ops: list[dict[str, Any]],
) -> None:
    store = t.live_store()
    local = store.read(
        lambda c: {name: table_rows(c, table) for name, table in model.REPLICATED_TABLES.items()}
    )
    ops = store.read(lambda c: [dict(r) for r in c.execute(select(outbox)).mappings()])
    rejected = {op["row_id"] for op in ops if op["state"] == "rejected"}
    for name, rows in server_tables.items():
        visible = {
            row_id: row
            for row_id, row in rows.items()
            if (audience := row_audience(name, row)) is None or t.delegate_id in audience
        }
        mine = {row_id: row for row_id, row in local[name].items() if row_id not in rejected}
        assert mine.keys() == visible.keys(), f"seat {t.seat}: {name} ids differ"
        for row_id, row in visible.items():
            assert mine[row_id] == row, f"seat {t.seat}: {name} {row_id} differs"

    # exactly once: the outbox and the server's record of this terminal's ops are the same
    states = {op["op_id"]: op["state"] for op in ops}
    assert "pending" not in states.values()
    on_server = {op["op_id"]: op["status"] for op in server_ops if op["op_id"] in states}
    assert on_server.keys() == states.keys(), f"seat {t.seat}: ops lost on the way"
    for op_id, state in states.items():
        assert (state == "rejected") == (on_server[op_id] == "rejected"), (op_id, state)
    assert t.refused is None or rejected == {t.refused}, f"seat {t.seat}: {rejected}"
    assert t.refused is not None or not rejected

    suggestions = server_tables["suggestions"]
    mine_on_server = sorted(
        s for s, row in suggestions.items() if row["lead_delegate_id"] == t.delegate_id
    )
    assert mine_on_server == sorted(t.suggestions), f"seat {t.seat}: suggestions lost or doubled"
    signins = [
        row for row in server_tables["signins"].values() if row["delegate_id"] == t.delegate_id
    ]
    assert sorted((r["sitting_id"], r["id"]) for r in signins) == sorted(
        (sitting, signin_id) for sitting, (signin_id, _tapped) in t.signins.items()
    ), f"seat {t.seat}: sign-ins lost or doubled"
    for row in signins:  # dated by the server, whatever the terminal's wall clock said
        tapped = t.signins[row["sitting_id"]][1]
        assert abs((row["signed_at"] - tapped).total_seconds()) < 30, row
        assert row["time_estimated"] is False

    expected_draft = None if t.draft is None else {**t.draft, "cosigner_ids": []}
    assert store.load_draft(t.delegate_id) == expected_draft


# --------------------------------------------------------------------------- the test


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str | None:
    return None if request.param == "sqlite" else str(request.getfixturevalue("pg_url"))


@contextlib.contextmanager
def seed_reported(seed: int, rounds: int, log: list[str]) -> Iterator[None]:
    try:
        yield
    except BaseException as exc:
        replay = f"CONGRESS_FAULT_SEED={seed} CONGRESS_FAULT_ROUNDS={rounds}"
        sys.stderr.write("\n".join(log[-80:]) + f"\nrandomized fault run failed: {replay}\n")
        exc.add_note(f"randomized fault run failed; replay with {replay}")
        raise


async def test_randomized_faults_leave_every_terminal_equal_to_the_server(
    tmp_path: Path, db_url: str | None, fault_proxy: type[FaultProxy]
) -> None:
    seed = int(os.environ.get("CONGRESS_FAULT_SEED") or random.randrange(1 << 31))
    rounds = int(os.environ.get("CONGRESS_FAULT_ROUNDS") or DEFAULT_ROUNDS)
    log: list[str] = [f"seed {seed}, rounds {rounds}, db {'postgresql' if db_url else 'sqlite'}"]
    rng = random.Random(seed)
    with seed_reported(seed, rounds, log):
        await asyncio.to_thread(build_world, tmp_path / "server", db_url)
        server = await asyncio.to_thread(LiveServer(tmp_path / "server", db_url=db_url).start)
        terminals: list[Terminal] = []
        try:
            for seat in range(1, TERMINALS + 1):
                proxy = fault_proxy(server.port).start()
                token = await asyncio.to_thread(enrollment_token, server, seat)
                data_dir = tmp_path / f"terminal-{seat}"
                identity = await asyncio.to_thread(
                    provision, server.url, token, data_dir, f"random-{seat}"
                )
                identity = dataclasses.replace(identity, server_url=proxy.url)
                save_identity(data_dir, identity)
                terminals.append(Terminal(seat, data_dir, identity, proxy))
            run = Run(rng, server, terminals, log)
            await asyncio.to_thread(run.login)
            await asyncio.to_thread(run.publish_agenda)
            for t in terminals:
                await start_engine(t)
            with Watcher(terminals) as watcher:
                await run.play(rounds)
            for t in terminals:
                assert t.engine is not None and t.engine.status.rejected == (t.refused is not None)
            server_tables, server_ops = await asyncio.to_thread(server_state, server)
            for t in terminals:
                await asyncio.to_thread(check_terminal, t, server_tables, server_ops)
            assert watcher.samples > 0
            assert watcher.backwards == [], watcher.backwards
            assert sum(len(t.suggestions) for t in terminals) > 0
            assert sum(len(t.signins) for t in terminals) > 0
        finally:
            for t in terminals:
                with contextlib.suppress(Exception):
                    await stop_engine(t, log)
            run_admin = locals().get("run")
            if isinstance(run_admin, Run):
                run_admin.admin.close()
            await asyncio.to_thread(server.stop)

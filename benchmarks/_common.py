"""Shared pieces of the load benchmarks (push_latency, signin_storm, blob_throughput).

- a throwaway PostgreSQL 15 cluster (``--db pg``) like ``tests/fixtures/postgres.py``;
- bulk setup of a hall: one open session and sitting, N delegates at seats 1..N, N enrolled
  terminals with known credentials (inserted directly: enrolling 3,000 terminals over HTTP
  is not what is measured);
- server processes on loopback, always stopped (SIGTERM, then SIGKILL) by their PID;
- a small HTTP/1.1 keep-alive client and an SSE reader on raw asyncio streams (httpx costs
  ~10x more CPU per request; with thousands of simulated terminals on the same two cores
  as the server, the load generator must stay cheap).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text, update

from congress_desktop import security
from congress_desktop.model import (
    SessionState,
    agenda_items,
    agendas,
    congress_sessions,
    delegates,
    seats,
    sittings,
    utcnow,
)
from congress_desktop.server.db import SERVER_SEQ, counter, migrate, open_engine, terminals

REPO = Path(__file__).resolve().parents[1]
PG_BIN = Path(os.environ.get("CONGRESS_PG_BIN", "/usr/lib/postgresql/15/bin"))


def raise_nofile() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        soft = hard
    return soft


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def stats(samples: list[float]) -> dict[str, float]:
    return {
        "p50_s": round(percentile(samples, 0.50), 4),
        "p99_s": round(percentile(samples, 0.99), 4),
        "max_s": round(max(samples), 4) if samples else float("nan"),
    }


# --------------------------------------------------------------------------- PostgreSQL


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextlib.contextmanager
def database(db: str | None, root: Path) -> Iterator[str]:
    """The database URL: SQLite in ``root`` (None), a throwaway cluster ("pg"), or ``db``."""
    if db is None or db == "sqlite":
        yield f"sqlite:///{root / 'server' / 'server.sqlite3'}"
        return
    if db not in ("pg", "postgresql"):
        yield db
        return
    base = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    port = free_port()
    data = base / "data"
    run = lambda cmd: subprocess.run(_as_postgres(cmd), check=True, capture_output=True)  # noqa: E731
    try:
        run([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-N"])
        # PostgreSQL's durable defaults (fsync, synchronous_commit): an acknowledged op must
        # survive a power cut, so that is what the numbers measure; BENCH_PG_FAST=1 turns
        # durability off to compare
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections=300"
        if os.environ.get("BENCH_PG_FAST"):
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        pg_ctl = str(PG_BIN / "pg_ctl")
        run([pg_ctl, "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "start"])
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(base, ignore_errors=True)


# --------------------------------------------------------------------------- the hall


@dataclass
class Hall:
    session_id: str
    sitting_id: str
    agenda_id: str
    items: list[str]
    terminals: list[tuple[str, str, str]]  # (terminal id, bearer, delegate id)


def _take_seqs(conn: Any, n: int) -> int:
    """Reserve ``n`` seqs in this transaction; the first of them."""
    start = conn.execute(
        update(counter)
        .where(counter.c.name == SERVER_SEQ)
        .values(value=counter.c.value + n)
        .returning(counter.c.value)
    ).scalar_one()
    return int(start) - n + 1


def prepare_hall(db_url: str, n: int, items: int = 5) -> Hall:
    engine = open_engine(db_url)
    try:
        migrate(engine)
        return _insert_hall(engine, n, items)
    finally:
        engine.dispose()


def _insert_hall(engine: Engine, n: int, n_items: int) -> Hall:
    now = utcnow()
    session_id, sitting_id, agenda_id = "bench-session", "bench-sitting", "bench-agenda"
    item_ids = [f"bench-item-{i}" for i in range(n_items)]
    common = {"deleted": False, "updated_at": now}
    hall_terminals = []
    with engine.begin() as conn:
        seq = _take_seqs(conn, 3 + n_items + 2 * n)
        conn.execute(
            insert(congress_sessions),
            [
                {
                    "id": session_id,
                    "title": "基准会议",
                    "short_title": "",
                    "venue": "",
                    "state": SessionState.OPEN,
                    "seq": seq,
                    **common,
                }
            ],
        )
        conn.execute(
            insert(sittings),
            [
                {
                    "id": sitting_id,
                    "session_id": session_id,
                    "number": 1,
                    "title": "第一次全体会议",
                    "starts_at": now,
                    "seq": seq + 1,
                    **common,
                }
            ],
        )
        conn.execute(
            insert(agendas),
            [
                {
                    "id": agenda_id,
                    "session_id": session_id,
                    "version": 1,
                    "current_item_id": item_ids[0],
                    "published_at": now,
                    "seq": seq + 2,
                    **common,
                }
            ],
        )
        conn.execute(
            insert(agenda_items),
            [
                {
                    "id": item,
                    "session_id": session_id,
                    "agenda_version": 1,
                    "position": i,
                    "title": f"议程 {i + 1}",
                    "description": "",
                    "presenter": "",
                    "state": "pending",
                    "seq": seq + 3 + i,
                    **common,
                }
                for i, item in enumerate(item_ids)
            ],
        )
        base = seq + 3 + n_items
        delegate_rows, seat_rows, terminal_rows = [], [], []
        for i in range(n):
            delegate_id, terminal_id, secret = f"d{i:05d}", str(uuid.uuid4()), uuid.uuid4().hex
            delegate_rows.append(
                {
                    "id": delegate_id,
                    "session_id": session_id,
                    "number": f"{i:05d}",
                    "name": f"代表{i}",
                    "unit": "",
                    "seq": base + i,
                    **common,
                }
            )
            seat_rows.append(
                {
                    "id": f"seat-{i + 1}",
                    "session_id": session_id,
                    "number": i + 1,
                    "delegate_id": delegate_id,
                    "seq": base + n + i,
                    **common,
                }
            )
            terminal_rows.append(
                {
                    "id": terminal_id,
                    "name": f"bench-{i}",
                    "seat_number": i + 1,
                    "credential_digest": security.token_digest(secret),
                    "app_version": "bench",
                    "created_at": now,
                }
            )
            hall_terminals.append((terminal_id, f"{terminal_id}.{secret}", delegate_id))
        conn.execute(insert(delegates), delegate_rows)
        conn.execute(insert(seats), seat_rows)
        conn.execute(insert(terminals), terminal_rows)
    return Hall(session_id, sitting_id, agenda_id, item_ids, hall_terminals)


def count_rows(db_url: str, sql: str) -> int:
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- servers


class Servers:
    """K server processes on one database; ``argv`` runs one (``{port}`` is filled in)."""

    def __init__(self, root: Path, db_url: str, k: int, argv: list[str] | None = None) -> None:
        self.root = root
        self.db_url = db_url
        self.ports = [free_port() for _ in range(k)]
        self.argv = argv or [sys.executable, "-m", "congress_desktop.server.run"]
        self.procs: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> Servers:
        for i, port in enumerate(self.ports):
            data = self.root / ("server" if i == 0 else f"server-{i}")
            cmd = [*self.argv, "--data", str(data), "--db", self.db_url, "--port", str(port)]
            log = open(self.root / f"server-{i}.console.log", "ab")
            self.procs.append(subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=REPO))
        try:
            for port, proc in zip(self.ports, self.procs, strict=True):
                _wait_healthy(port, proc)
        except BaseException:
            self.__exit__()  # __exit__ is not called when __enter__ raises: stop what started
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_healthy(port: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as s:
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            if s.recv(64).startswith(b"HTTP/1.1 200"):
                return
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} not healthy within {timeout} s")


# --------------------------------------------------------------------------- raw HTTP


class HttpError(Exception):
    pass


class RawConnection:
    """One keep-alive HTTP/1.1 connection (Content-Length or chunked answers)."""

    def __init__(self, port: int, bearer: str | None = None) -> None:
        self.port = port
        self.auth = f"Authorization: Bearer {bearer}\r\n".encode() if bearer else b""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.transport.abort()
            self.writer = None

    async def request(
        self, method: str, path: str, body: bytes = b"", extra: bytes = b""
    ) -> tuple[int, bytes]:
        reused = self.writer is not None
        try:
            return await self._exchange(method, path, body, extra)
        except (asyncio.IncompleteReadError, ConnectionError):
            if not reused:
                raise
            self.close()  # the server closed the idle keep-alive connection: reconnect once
            return await self._exchange(method, path, body, extra)

    async def _exchange(
        self, method: str, path: str, body: bytes, extra: bytes
    ) -> tuple[int, bytes]:
        if self.writer is None:
            await self.connect()
        assert self.reader is not None and self.writer is not None
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Length: {len(body)}\r\n"
        ).encode()
        ctype = b"Content-Type: application/json\r\n" if body else b""
        self.writer.write(head + self.auth + ctype + extra + b"\r\n" + body)
        status, headers = await read_head(self.reader)
        return status, await read_body(self.reader, headers)

    async def json(self, method: str, path: str, payload: Any = None) -> Any:
        body = json.dumps(payload).encode() if payload is not None else b""
        status, data = await self.request(method, path, body)
        if status != 200:
            raise HttpError(f"{method} {path}: {status} {data[:200]!r}")
        return json.loads(data)


async def read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    raw = await reader.readuntil(b"\r\n\r\n")
    lines = raw.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    return status, headers


async def read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        parts: list[bytes] = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            data = await reader.readexactly(size + 2)
            if size == 0:
                return b"".join(parts)
            parts.append(data[:-2])
    return await reader.read()


class SseStream:
    """``GET /api/v1/events`` on its own connection; ``events()`` yields (type, data)."""

    def __init__(self, port: int, bearer: str) -> None:
        self.conn = RawConnection(port, bearer)
        self._buffer = b""

    async def open(self, last_event_id: int | None = None) -> None:
        await self.conn.connect()
        assert self.conn.writer is not None and self.conn.reader is not None
        extra = f"Last-Event-ID: {last_event_id}\r\n".encode() if last_event_id is not None else b""
        self.conn.writer.write(
            b"GET /api/v1/events HTTP/1.1\r\nHost: bench\r\n" + self.conn.auth + extra + b"\r\n"
        )
        status, _headers = await read_head(self.conn.reader)
        if status != 200:
            raise HttpError(f"events: {status}")

    async def next_event(self) -> tuple[str, dict[str, Any]]:
        reader = self.conn.reader
        assert reader is not None
        while True:
            cut = self._buffer.find(b"\n\n")
            if cut >= 0:
                block, self._buffer = self._buffer[:cut], self._buffer[cut + 2 :]
                kind, data = "", b""
                for line in block.split(b"\n"):
                    if line.startswith(b"event: "):
                        kind = line[7:].decode()
                    elif line.startswith(b"data: "):
                        data = line[6:]
                if kind:
                    return kind, json.loads(data)
                continue
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                raise EOFError("the event stream ended")
            self._buffer += chunk[:-2]

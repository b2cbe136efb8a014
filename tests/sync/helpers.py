"""Small helpers shared by the sync tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
from fixtures.live_server import LiveServer
from fixtures.terminal import server_engine
from sqlalchemy import Table, func, select


async def eventually(
    condition: Callable[[], bool], timeout: float = 20.0, what: str = "condition"
) -> None:
    """Wait (without blocking the loop) until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.05)


def server_count(server: LiveServer, table: Table, **where: Any) -> int:
    """Rows of ``table`` in the server's database matching ``column=value`` filters."""
    engine = server_engine(server)
    try:
        query = select(func.count()).select_from(table)
        for column, value in where.items():
            query = query.where(table.c[column] == value)
        with engine.connect() as conn:
            return int(conn.execute(query).scalar_one())
    finally:
        engine.dispose()


Rule = Callable[[httpx.Request], "httpx.Response | None"]


class FaultTransport(httpx.AsyncBaseTransport):
    """The client's real transport, with ``rule(request)`` in front: a response it returns is
    answered instead of the server's (a canned 503, a blocked path); None lets it through.
    Every request is recorded."""

    def __init__(self, rule: Rule | None = None) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.rule = rule
        self.requests: list[httpx.Request] = []
        self.faked: list[httpx.Request] = []

    def paths(self, suffix: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path.endswith(suffix)]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.rule(request) if self.rule is not None else None
        if answer is not None:
            self.faked.append(request)
            return answer
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def unavailable() -> httpx.Response:
    return httpx.Response(
        503, json={"error": {"code": "internal", "message": "service unavailable"}}
    )


def write_notices(server: LiveServer, count: int, prefix: str = "bulk") -> int:
    """``count`` notices written straight into the server's database (one transaction,
    through the change log); returns the last seq."""
    from congress_desktop import model
    from congress_desktop.server.changes import write_row

    engine = server_engine(server)
    try:
        with engine.begin() as conn:
            session_id = conn.execute(select(model.congress_sessions.c.id)).scalar_one()
            seq = 0
            for i in range(count):
                seq = write_row(
                    conn,
                    model.notices,
                    {"id": f"{prefix}-{i:05d}", "session_id": session_id, "title": f"通知{i}"},
                )
            return seq
    finally:
        engine.dispose()


def server_rows(server: LiveServer, table: Table) -> dict[str, int]:
    """id → seq of the live (not deleted) rows of ``table`` on the server."""
    engine = server_engine(server)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(table.c.id, table.c.seq).where(table.c.deleted.is_(False)))
            return {row_id: int(seq) for row_id, seq in rows}
    finally:
        engine.dispose()

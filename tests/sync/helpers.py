"""Small helpers shared by the sync tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

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

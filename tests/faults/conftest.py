"""Fault-test fixtures: a small world on a live server (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from events.helpers import world_server
from fixtures.live_server import LiveServer
from server.helpers import World


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def live_world(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[LiveServer, World]]:
    db_url = None if request.param == "sqlite" else request.getfixturevalue("pg_url")
    server, world = world_server(tmp_path / "server", db_url)
    try:
        yield server, world
    finally:
        server.stop()

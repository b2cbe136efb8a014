"""Server test fixtures: a database URL on SQLite or PostgreSQL, the app in process."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy import Engine

from congress_desktop.config import ServerPaths
from congress_desktop.server.app import create_app

from .helpers import World, auth_headers, make_world, new_token


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def paths(tmp_path: Path) -> ServerPaths:
    return ServerPaths(tmp_path / "server").create()


@pytest.fixture
def app(paths: ServerPaths, db_url: str) -> Iterator[FastAPI]:
    application = create_app(paths, db_url)
    yield application
    application.state.server.engine.dispose()


@pytest.fixture
def engine(app: FastAPI) -> Engine:
    result: Engine = app.state.server.engine
    return result


@pytest_asyncio.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://server") as c:
        yield c


@pytest.fixture
def world(engine: Engine) -> World:
    return make_world(engine)


async def enroll(client: httpx.AsyncClient, engine: Engine, seat: int | None) -> dict[str, str]:
    """Enroll a terminal at ``seat`` through the API; its Authorization headers."""
    response = await client.post(
        "/api/v1/enroll", json={"token": new_token(engine, seat), "name": f"seat-{seat}"}
    )
    assert response.status_code == 200, response.text
    return auth_headers(response.json())


@pytest_asyncio.fixture
async def seat1(client: httpx.AsyncClient, engine: Engine, world: World) -> dict[str, str]:
    return await enroll(client, engine, 1)

"""Admin API fixtures: the app in process on SQLite or PostgreSQL, a small session, and
logged-in secretariat / handling-unit / technician clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from server.helpers import World, make_world
from sqlalchemy import Engine

from congress_desktop.config import ServerPaths
from congress_desktop.protocol import ConsoleRole
from congress_desktop.server.app import create_app

from .helpers import add_user, login


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


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
    """One open session, sittings 1-2, delegates 1-3 at seats 1-3 (see server.helpers)."""
    return make_world(engine)


@pytest.fixture
def accounts(engine: Engine) -> None:
    add_user(engine, "mishu", ConsoleRole.SECRETARIAT)
    add_user(engine, "chengban", ConsoleRole.HANDLING_UNIT, unit="市住房和城乡建设局")
    add_user(engine, "jishu", ConsoleRole.TECHNICIAN)


@pytest_asyncio.fixture
async def secretariat(client: httpx.AsyncClient, accounts: None) -> dict[str, str]:
    return await login(client, "mishu")


@pytest_asyncio.fixture
async def handling_unit(client: httpx.AsyncClient, accounts: None) -> dict[str, str]:
    return await login(client, "chengban")


@pytest_asyncio.fixture
async def technician(client: httpx.AsyncClient, accounts: None) -> dict[str, str]:
    return await login(client, "jishu")

"""Admin API fixtures: the app in process on SQLite or PostgreSQL, a small session, and
logged-in secretariat / handling-unit / technician clients."""

from __future__ import annotations

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import Engine

from congress_desktop.protocol import ConsoleRole

from .helpers import add_user, login


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

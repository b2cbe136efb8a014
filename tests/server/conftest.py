"""Server test fixtures: a database URL on SQLite or PostgreSQL, the app in process."""

from __future__ import annotations

import httpx
import pytest_asyncio
from sqlalchemy import Engine

from .helpers import World, auth_headers, new_token


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

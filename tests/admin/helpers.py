"""Building blocks for admin API tests: console accounts and logged-in headers."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import Engine, select

from congress_desktop import security
from congress_desktop.protocol import ConsoleRole
from congress_desktop.server.admin.tables import audit_log
from congress_desktop.server.users import create_user

PASSWORD = "correct horse battery"
ADMIN = "/api/v1/admin"


def add_user(engine: Engine, username: str, role: ConsoleRole, unit: str = "") -> None:
    with engine.begin() as conn:
        create_user(conn, username, security.hash_secret(PASSWORD), role, unit)


async def login(client: httpx.AsyncClient, username: str) -> dict[str, str]:
    response = await client.post(
        f"{ADMIN}/login", json={"username": username, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def audit_rows(engine: Engine, action: str | None = None) -> list[dict[str, Any]]:
    query = select(audit_log).order_by(audit_log.c.id)
    if action is not None:
        query = query.where(audit_log.c.action == action)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None

"""Login, tokens, roles: 401 for a bad login, 403 for a forbidden action, /me lists actions."""

from __future__ import annotations

import httpx
import pytest
from server.helpers import World

from congress_desktop.protocol import AdminAction

from .helpers import ADMIN, PASSWORD, ok

pytestmark = pytest.mark.asyncio


async def test_login_good_and_bad(client: httpx.AsyncClient, accounts: None) -> None:
    good = ok(await client.post(f"{ADMIN}/login", json={"username": "mishu", "password": PASSWORD}))
    assert good["role"] == "secretariat" and good["username"] == "mishu" and good["token"]
    me = ok(await client.get(f"{ADMIN}/me", headers={"Authorization": f"Bearer {good['token']}"}))
    assert me["role"] == "secretariat" and AdminAction.AGENDA_PUBLISH in me["actions"]

    for username, password in (("mishu", "wrong password"), ("nobody", PASSWORD)):
        bad = await client.post(f"{ADMIN}/login", json={"username": username, "password": password})
        assert bad.status_code == 401
        assert bad.json() == {
            "error": {"code": "unauthorized", "message": "wrong username or password"}
        }


async def test_requests_without_a_valid_token_are_refused(
    client: httpx.AsyncClient, secretariat: dict[str, str]
) -> None:
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic x"}):
        refused = await client.get(f"{ADMIN}/me", headers=headers)
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "unauthorized"
    ok(await client.post(f"{ADMIN}/logout", headers=secretariat), 204)
    assert (await client.get(f"{ADMIN}/me", headers=secretariat)).status_code == 401


async def test_handling_unit_cannot_publish_or_move_the_current_item(
    client: httpx.AsyncClient, world: World, handling_unit: dict[str, str]
) -> None:
    me = ok(await client.get(f"{ADMIN}/me", headers=handling_unit))
    assert me["role"] == "handling_unit"
    assert me["actions"] == [AdminAction.SUGGESTIONS_VIEW_ASSIGNED, AdminAction.SUGGESTIONS_REPLY]
    assert AdminAction.AGENDA_PUBLISH not in me["actions"]
    assert AdminAction.AGENDA_SET_CURRENT not in me["actions"]

    publish = await client.post(f"{ADMIN}/agenda/publish", json={}, headers=handling_unit)
    assert publish.status_code == 403
    assert publish.json()["error"] == {
        "code": "forbidden",
        "message": "the handling_unit role may not publish the agenda (agenda.publish)",
    }
    current = await client.post(
        f"{ADMIN}/agenda/current", json={"move": "next"}, headers=handling_unit
    )
    assert current.status_code == 403
    assert "set the current agenda item" in current.json()["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/roster"),
        ("post", "/documents"),
        ("post", "/attendance/staff-signin"),
        ("get", "/reports/attendance"),
    ],
)
async def test_technician_is_refused_secretariat_actions(
    client: httpx.AsyncClient, technician: dict[str, str], method: str, path: str
) -> None:
    response = await client.request(method.upper(), ADMIN + path, headers=technician)
    assert response.status_code == 403, response.text


async def test_technician_sees_the_terminals_board(
    client: httpx.AsyncClient, world: World, technician: dict[str, str]
) -> None:
    me = ok(await client.get(f"{ADMIN}/me", headers=technician))
    assert set(me["actions"]) >= {"terminals.view", "terminals.enroll"}
    token = ok(
        await client.post(
            f"{ADMIN}/terminals/enroll-token", json={"seat_number": 2}, headers=technician
        ),
        201,
    )
    enrolled = ok(await client.post("/api/v1/enroll", json={"token": token["token"], "name": "B"}))
    board = ok(await client.get(f"{ADMIN}/terminals", headers=technician))
    row = next(t for t in board if t["id"] == enrolled["terminal_id"])
    assert row["seat_number"] == 2 and row["delegate_name"] == "代表2" and row["online"] is True
    assert "credential_digest" not in row["extra"]

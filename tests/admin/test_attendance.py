"""Attendance: 应到/实到/请假/缺席, the quorum flag at ⌈2/3⌉, 补签 and 请假 with reasons."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from server.helpers import World, auth_headers, new_token, signin_op
from sqlalchemy import Engine

from .helpers import ADMIN, audit_rows, ok

pytestmark = pytest.mark.asyncio

ROSTER = (
    "代表证号,姓名,代表团,座位号\n"
    "004,赵四,北湖代表团,4\n005,钱五,北湖代表团,5\n006,孙六,南山代表团,6\n007,李七,南山代表团,7\n"
)


async def seven_delegates(client: httpx.AsyncClient, headers: dict[str, str]) -> list[str]:
    """World's 3 delegates + 4 from a roster: 应到 7, quorum ⌈14/3⌉ = 5."""
    ok(
        await client.post(
            f"{ADMIN}/roster", files={"file": ("r.csv", ROSTER.encode())}, headers=headers
        )
    )
    listed = ok(await client.get(f"{ADMIN}/delegates", headers=headers))
    return [d["id"] for d in sorted(listed, key=lambda d: d["number"])]


async def late_signin(
    client: httpx.AsyncClient, headers: dict[str, str], sitting: str, delegate: str
) -> httpx.Response:
    body = {"sitting_id": sitting, "delegate_id": delegate, "reason": "终端故障，人工核验"}
    return await client.post(f"{ADMIN}/attendance/staff-signin", json=body, headers=headers)


async def attendance(
    client: httpx.AsyncClient, headers: dict[str, str], sitting: str
) -> dict[str, Any]:
    result: dict[str, Any] = ok(
        await client.get(f"{ADMIN}/attendance", params={"sitting_id": sitting}, headers=headers)
    )
    return result


async def test_counts_and_the_quorum_flag(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    ids = await seven_delegates(client, secretariat)
    sitting = world.sittings[0]
    start = await attendance(client, secretariat, sitting)
    assert start["totals"] == {"expected": 7, "present": 0, "on_leave": 0, "absent": 7}
    assert start["quorum"] == 5 and start["quorum_met"] is False
    assert len(start["not_signed_in"]) == 7

    # a real terminal sign-in at seat 1 counts too
    enrolled = ok(await client.post("/api/v1/enroll", json={"token": new_token(engine, 1)}))
    push = {"ops": [signin_op(world.delegates[0], sitting)]}
    result = ok(await client.post("/api/v1/sync/push", json=push, headers=auth_headers(enrolled)))
    assert result["results"][0]["status"] == "applied"
    for delegate in ids[1:4]:
        ok(await late_signin(client, secretariat, sitting, delegate), 201)
    four = await attendance(client, secretariat, sitting)
    assert four["totals"]["present"] == 4 and four["quorum_met"] is False

    leave = {"sitting_id": sitting, "delegate_id": ids[6], "reason": "因病请假"}
    ok(await client.post(f"{ADMIN}/attendance/leaves", json=leave, headers=secretariat), 201)
    ok(await late_signin(client, secretariat, sitting, ids[4]), 201)
    five = await attendance(client, secretariat, sitting)
    assert five["totals"] == {"expected": 7, "present": 5, "on_leave": 1, "absent": 1}
    assert five["quorum_met"] is True
    assert [p["name"] for p in five["not_signed_in"]] == ["孙六", "李七"]
    by_group = {g["delegation"]: g for g in five["by_delegation"]}
    assert by_group["南山代表团"]["on_leave"] == 1 and by_group["南山代表团"]["absent"] == 1
    me = next(p for p in five["delegates"] if p["delegate_id"] == ids[1])
    assert me["method"] == "staff" and me["state"] == "present"
    # the other sitting is untouched
    other = await attendance(client, secretariat, world.sittings[1])
    assert other["totals"]["present"] == 0

    entries = audit_rows(engine, "attendance.staff_signin")
    assert len(entries) == 4 and all(e["reason"] == "终端故障，人工核验" for e in entries)
    assert entries[0]["before"] is None and entries[0]["after"]["method"] == "staff"
    assert audit_rows(engine, "attendance.leave")[0]["reason"] == "因病请假"


async def test_staff_entries_need_a_reason_and_refuse_duplicates(
    client: httpx.AsyncClient, world: World, secretariat: dict[str, str]
) -> None:
    sitting, delegate = world.sittings[0], world.delegates[0]
    body = {"sitting_id": sitting, "delegate_id": delegate, "reason": ""}
    for path in ("staff-signin", "leaves"):
        response = await client.post(f"{ADMIN}/attendance/{path}", json=body, headers=secretariat)
        assert response.status_code == 422
    ok(await late_signin(client, secretariat, sitting, delegate), 201)
    again = await late_signin(client, secretariat, sitting, delegate)
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    unknown = await late_signin(client, secretariat, sitting, "nobody")
    assert unknown.status_code == 404


async def test_revoking_leave(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    sitting = world.sittings[0]
    body = {"sitting_id": sitting, "delegate_id": world.delegates[2], "reason": "公务"}
    leave = ok(await client.post(f"{ADMIN}/attendance/leaves", json=body, headers=secretariat), 201)
    assert (await attendance(client, secretariat, sitting))["totals"]["on_leave"] == 1
    ok(
        await client.post(
            f"{ADMIN}/attendance/leaves/{leave['id']}/revoke",
            json={"reason": "已到会"},
            headers=secretariat,
        ),
        204,
    )
    assert (await attendance(client, secretariat, sitting))["totals"]["on_leave"] == 0
    revoked = audit_rows(engine, "attendance.leave_revoke")[0]
    assert revoked["before"]["revoked_at"] is None and revoked["after"]["revoked_at"]


async def test_hall_display(
    client: httpx.AsyncClient, world: World, secretariat: dict[str, str]
) -> None:
    ok(
        await client.post(
            f"{ADMIN}/agenda/draft/items", json={"title": "开幕"}, headers=secretariat
        ),
        201,
    )
    ok(await client.post(f"{ADMIN}/agenda/publish", json={}, headers=secretariat))
    ok(await client.post(f"{ADMIN}/agenda/current", json={"move": "next"}, headers=secretariat))
    shown = ok(await client.get(f"{ADMIN}/display", headers=secretariat))
    assert shown["session_title"] == "市十七届人大二次会议"
    assert shown["current_item"]["title"] == "开幕"
    assert shown["totals"]["expected"] == 3 and shown["quorum"] == 2

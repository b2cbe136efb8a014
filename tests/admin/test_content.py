"""Sessions, sittings, motions, notices and suggestions; each write leaves an audit entry."""

from __future__ import annotations

import httpx
import pytest
from server.helpers import World, auth_headers, new_token, suggestion_op
from sqlalchemy import Engine

from .helpers import ADMIN, audit_rows, ok

pytestmark = pytest.mark.asyncio


async def test_every_edit_is_audited_with_before_and_after(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    h = secretariat
    sessions = ok(await client.get(f"{ADMIN}/sessions", headers=h))
    assert [s["active"] for s in sessions] == [True]
    ok(
        await client.patch(
            f"{ADMIN}/sessions/{world.session_id}", json={"venue": "市人民会堂"}, headers=h
        )
    )
    sitting = ok(
        await client.post(
            f"{ADMIN}/sittings",
            json={
                "number": 3,
                "title": "第三次全体会议",
                "starts_at": "2026-01-10T01:00:00Z",
                "signin_opens": "2026-01-10T00:00:00Z",
                "signin_closes": "2026-01-10T03:00:00Z",
            },
            headers=h,
        ),
        201,
    )
    assert sitting["session_id"] == world.session_id
    ok(
        await client.patch(
            f"{ADMIN}/sittings/{sitting['id']}", json={"title": "第三次全体会议（闭幕）"}, headers=h
        )
    )
    motion = ok(
        await client.post(
            f"{ADMIN}/motions",
            json={
                "title": "关于制定养老服务条例的议案",
                "lead_delegate_id": world.delegates[0],
                "cosigner_ids": world.delegates[1:],
            },
            headers=h,
        ),
        201,
    )
    assert motion["number"] == 1
    ok(
        await client.patch(
            f"{ADMIN}/motions/{motion['id']}", json={"state": "on_agenda"}, headers=h
        )
    )
    notice = ok(
        await client.post(
            f"{ADMIN}/notices", json={"title": "用餐通知", "body": "12:00"}, headers=h
        ),
        201,
    )
    ok(await client.patch(f"{ADMIN}/notices/{notice['id']}", json={"body": "12:30"}, headers=h))
    ok(await client.delete(f"{ADMIN}/notices/{notice['id']}", headers=h), 204)
    assert ok(await client.get(f"{ADMIN}/notices", headers=h)) == []

    entries = {e["action"]: e for e in audit_rows(engine)}
    assert set(entries) >= {
        "session.update",
        "sitting.create",
        "sitting.update",
        "motion.create",
        "motion.update",
        "notice.publish",
        "notice.update",
        "notice.withdraw",
    }
    venue = entries["session.update"]
    assert venue["before"]["venue"] == "" and venue["after"]["venue"] == "市人民会堂"
    assert entries["motion.update"]["before"]["state"] == "submitted"
    assert entries["motion.update"]["after"]["state"] == "on_agenda"
    assert entries["notice.withdraw"]["after"] is None
    assert all(e["username"] == "mishu" and e["role"] == "secretariat" for e in entries.values())
    listed = ok(await client.get(f"{ADMIN}/audit", headers=h))
    assert [e["action"] for e in listed] == [e["action"] for e in audit_rows(engine)]
    assert listed[0]["after"]["venue"] == "市人民会堂"


async def test_naive_times_and_unknown_rows_are_clean_errors(
    client: httpx.AsyncClient, world: World, secretariat: dict[str, str]
) -> None:
    naive = await client.post(
        f"{ADMIN}/sittings",
        json={"number": 4, "title": "x", "starts_at": "2026-01-10T09:00:00"},
        headers=secretariat,
    )
    assert naive.status_code == 422
    missing = await client.patch(f"{ADMIN}/motions/nope", json={"title": "x"}, headers=secretariat)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


async def test_handling_units_see_only_their_suggestions(
    client: httpx.AsyncClient,
    engine: Engine,
    world: World,
    secretariat: dict[str, str],
    handling_unit: dict[str, str],
    technician: dict[str, str],
) -> None:
    enrolled = ok(await client.post("/api/v1/enroll", json={"token": new_token(engine, 1)}))
    ops = [suggestion_op(world.delegates[0], title=t) for t in ("修缮老旧小区", "增加公交线路")]
    ok(await client.post("/api/v1/sync/push", json={"ops": ops}, headers=auth_headers(enrolled)))
    everything = ok(await client.get(f"{ADMIN}/suggestions", headers=secretariat))
    assert [s["number"] for s in everything] == [1, 2]
    assert everything[0]["lead_delegate_name"] == "代表1"
    assert ok(await client.get(f"{ADMIN}/suggestions", headers=handling_unit)) == []

    assign = {"unit": "市住房和城乡建设局", "kind": "lead", "reason": "职能对口"}
    target = everything[0]["id"]
    review = {"decision": "accept"}
    ok(await client.post(f"{ADMIN}/suggestions/{target}/review", json=review, headers=secretariat))
    done = ok(
        await client.post(f"{ADMIN}/suggestions/{target}/assign", json=assign, headers=secretariat),
        201,
    )
    assert done["due_on"]
    mine = ok(await client.get(f"{ADMIN}/suggestions", headers=handling_unit))
    assert [s["title"] for s in mine] == ["修缮老旧小区"] and mine[0]["state"] == "assigned"
    refused = await client.post(
        f"{ADMIN}/suggestions/{target}/assign", json=assign, headers=handling_unit
    )
    assert refused.status_code == 403
    assert (await client.get(f"{ADMIN}/suggestions", headers=technician)).status_code == 403
    entry = audit_rows(engine, "suggestion.assign")[0]
    assert entry["before"] == {"state": "accepted"} and entry["after"]["state"] == "assigned"

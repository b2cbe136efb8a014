"""GET /admin/attendance/live: the compact board agrees with GET /admin/attendance and sends
the roster only when the caller's roster key is stale."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from server.helpers import World

from .helpers import ADMIN, ok
from .test_attendance import attendance, late_signin, seven_delegates

pytestmark = pytest.mark.asyncio


async def live(
    client: httpx.AsyncClient, headers: dict[str, str], sitting: str, key: str | None = None
) -> dict[str, Any]:
    params = {"sitting_id": sitting, **({"roster_key": key} if key else {})}
    result: dict[str, Any] = ok(
        await client.get(f"{ADMIN}/attendance/live", params=params, headers=headers)
    )
    return result


async def test_live_board_matches_the_full_attendance(
    client: httpx.AsyncClient, world: World, secretariat: dict[str, str]
) -> None:
    ids = await seven_delegates(client, secretariat)
    sitting = world.sittings[0]
    first = await live(client, secretariat, sitting)
    assert first["states"] == "AAAAAAA" and first["leave_reasons"] == {}
    assert first["totals"] == {"expected": 7, "present": 0, "on_leave": 0, "absent": 7}
    assert first["quorum"] == 5 and first["quorum_met"] is False
    roster = first["roster"]
    full = await attendance(client, secretariat, sitting)
    assert roster["delegate_ids"] == [d["delegate_id"] for d in full["delegates"]]
    assert roster["names"] == [d["name"] for d in full["delegates"]]
    assert roster["delegations"] == [d["delegation"] for d in full["delegates"]]
    assert roster["seat_numbers"] == [d["seat_number"] for d in full["delegates"]]

    for delegate in ids[1:6]:
        ok(await late_signin(client, secretariat, sitting, delegate), 201)
    leave = {"sitting_id": sitting, "delegate_id": ids[6], "reason": "因病请假"}
    ok(await client.post(f"{ADMIN}/attendance/leaves", json=leave, headers=secretariat), 201)
    # a leave for someone who then signs in: the sign-in wins
    leave = {"sitting_id": sitting, "delegate_id": ids[0], "reason": "公务"}
    ok(await client.post(f"{ADMIN}/attendance/leaves", json=leave, headers=secretariat), 201)

    later = await live(client, secretariat, sitting, first["roster_key"])
    assert later["roster"] is None and later["roster_key"] == first["roster_key"]
    full = await attendance(client, secretariat, sitting)
    assert later["totals"] == full["totals"]
    assert later["quorum_met"] is full["quorum_met"] is True
    code = {"present": "P", "leave": "L", "absent": "A"}
    assert later["states"] == "".join(code[d["state"]] for d in full["delegates"])
    position = {d: i for i, d in enumerate(roster["delegate_ids"])}
    assert later["leave_reasons"] == {
        str(position[ids[6]]): "因病请假",
        str(position[ids[0]]): "公务",
    }
    # the other sitting is untouched
    other = await live(client, secretariat, world.sittings[1], first["roster_key"])
    assert set(other["states"]) == {"A"} and other["totals"]["present"] == 0


async def test_a_seat_change_sends_the_roster_again(
    client: httpx.AsyncClient, world: World, secretariat: dict[str, str]
) -> None:
    sitting = world.sittings[0]
    first = await live(client, secretariat, sitting)
    assert len(first["states"]) == 3
    ok(await client.put(f"{ADMIN}/seats/1", json={"delegate_id": None}, headers=secretariat))
    changed = await live(client, secretariat, sitting, first["roster_key"])
    assert changed["roster_key"] != first["roster_key"]
    assert changed["roster"] is not None and len(changed["roster"]["delegate_ids"]) == 2
    assert changed["totals"]["expected"] == 2


async def test_live_board_needs_attendance_view(
    client: httpx.AsyncClient, world: World, handling_unit: dict[str, str]
) -> None:
    response = await client.get(
        f"{ADMIN}/attendance/live", params={"sitting_id": world.sittings[0]}
    )
    assert response.status_code == 401
    refused = await client.get(
        f"{ADMIN}/attendance/live", params={"sitting_id": world.sittings[0]}, headers=handling_unit
    )
    assert refused.status_code == 403

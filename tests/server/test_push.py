"""Push: every op applied exactly once; duplicates answer with the first result."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from congress_desktop.model import signins, suggestions, utcnow
from congress_desktop.protocol import Op, OpStatus
from congress_desktop.server.auth import Terminal
from congress_desktop.server.db import applied_ops, terminals
from congress_desktop.server.push import apply_op

from .conftest import enroll
from .helpers import World, count, op, parse_time, signin_op, suggestion_op

pytestmark = pytest.mark.asyncio

PUSH = "/api/v1/sync/push"


async def push(
    client: httpx.AsyncClient, headers: dict[str, str], *ops: dict[str, Any]
) -> list[dict[str, Any]]:
    response = await client.post(PUSH, json={"ops": list(ops)}, headers=headers)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


async def test_signin_is_applied_once_and_dated_by_elapsed_time(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    tap = signin_op(world.delegates[0], world.sittings[0], elapsed_s=90.0)
    before = utcnow()
    first, again = await push(client, seat1, tap, tap)
    assert first["status"] == "applied"
    row = first["detail"]["signin"]
    received = parse_time(row["received_at"])
    assert before <= received <= utcnow()
    assert received - parse_time(row["signed_at"]) == dt.timedelta(seconds=90)
    assert row["time_estimated"] is False and row["session_id"] == world.session_id
    assert again["status"] == "duplicate" and again["detail"] == first
    [retry] = await push(client, seat1, tap)
    assert retry == again
    assert count(engine, signins) == 1 and count(engine, applied_ops) == 1


async def test_signin_after_a_reboot_uses_the_wall_time_flagged(
    client: httpx.AsyncClient, world: World, seat1: dict[str, str]
) -> None:
    wall = utcnow() - dt.timedelta(minutes=5)
    [result] = await push(
        client, seat1, signin_op(world.delegates[0], world.sittings[0], wall_time=wall)
    )
    row = result["detail"]["signin"]
    assert parse_time(row["signed_at"]) == wall and row["time_estimated"] is True


async def test_signin_after_a_reboot_corrects_the_wall_time_by_the_known_offset(
    client: httpx.AsyncClient, world: World, seat1: dict[str, str]
) -> None:
    tapped = utcnow() - dt.timedelta(minutes=5)
    day = dt.timedelta(days=1)  # the terminal's clock runs a day behind the server's
    op = signin_op(world.delegates[0], world.sittings[0], wall_time=tapped - day)
    op["clock_offset_s"] = day.total_seconds()
    [result] = await push(client, seat1, op)
    row = result["detail"]["signin"]
    assert parse_time(row["signed_at"]) == tapped and row["time_estimated"] is True


async def test_second_signin_for_the_sitting_is_a_duplicate_of_the_first(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    [first] = await push(client, seat1, signin_op(world.delegates[0], world.sittings[0]))
    [second] = await push(client, seat1, signin_op(world.delegates[0], world.sittings[0]))
    assert second["status"] == "duplicate"
    assert second["detail"]["signin"]["id"] == first["detail"]["signin"]["id"]
    [other_sitting] = await push(client, seat1, signin_op(world.delegates[0], world.sittings[1]))
    assert other_sitting["status"] == "applied"
    assert count(engine, signins) == 2


async def test_rejections_are_recorded_and_acknowledged(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    not_mine = signin_op(world.delegates[1], world.sittings[0])
    unknown_sitting = signin_op(world.delegates[0], "no-such-sitting")
    staff = signin_op(world.delegates[0], world.sittings[0])
    staff["payload"]["method"] = "staff"
    garbage = op("signin", {"signin_id": "x"})
    results = await push(client, seat1, not_mine, unknown_sitting, staff, garbage)
    assert [r["status"] for r in results] == ["rejected"] * 4
    assert "not assigned to this terminal's seat" in results[0]["reason"]
    assert "sitting does not exist" in results[1]["reason"]
    assert "console" in results[2]["reason"]
    assert results[3]["reason"].startswith("invalid payload")
    # the code the terminal words in the delegate's language
    codes = [r["code"] for r in results]
    assert codes == ["not_your_seat", "no_sitting", "staff_only", "invalid"]
    [retry] = await push(client, seat1, not_mine)
    assert retry["status"] == "duplicate" and retry["detail"]["status"] == "rejected"
    assert retry["reason"] == results[0]["reason"] and retry["code"] == "not_your_seat"
    assert count(engine, signins) == 0 and count(engine, applied_ops) == 4


async def test_a_terminal_without_a_seat_delegate_cannot_sign_in(
    client: httpx.AsyncClient, engine: Engine, world: World
) -> None:
    no_seat = await enroll(client, engine, None)
    [result] = await push(client, no_seat, signin_op(world.delegates[0], world.sittings[0]))
    assert result["status"] == "rejected"
    assert "no delegate" in result["reason"] and result["code"] == "no_delegate_at_seat"


async def test_suggestions_get_consecutive_numbers(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    seat2 = await enroll(client, engine, 2)
    lead1, lead2 = world.delegates[0], world.delegates[1]
    first = suggestion_op(lead1, cosigner_ids=[lead2])
    [a] = await push(client, seat1, first)
    [b] = await push(client, seat2, suggestion_op(lead2))
    [dup] = await push(client, seat1, first)
    assert (a["status"], b["status"], dup["status"]) == ("applied", "applied", "duplicate")
    assert (a["detail"]["number"], b["detail"]["number"]) == (1, 2)
    row = a["detail"]["suggestion"]
    # with a co-signer it waits for their answer before review
    assert row["state"] == "cosigning" and row["cosigner_ids"] == [lead2]
    assert b["detail"]["suggestion"]["state"] == "submitted"
    # same suggestion id in a new op (outbox rebuilt): still one suggestion
    [again] = await push(client, seat1, {**first, "op_id": "another-op"})
    assert again["status"] == "duplicate" and again["detail"]["suggestion"]["number"] == 1
    with engine.connect() as conn:
        numbers = sorted(conn.execute(select(suggestions.c.number)).scalars())
    assert numbers == [1, 2]


async def test_invalid_suggestions_are_rejected_never_a_500(
    client: httpx.AsyncClient, world: World, seat1: dict[str, str]
) -> None:
    lead = world.delegates[0]
    cases = [
        suggestion_op(lead, title=""),
        suggestion_op(lead, category="not-a-category"),
        suggestion_op(lead, content="x" * 20001),
        suggestion_op(lead, cosigner_ids=["nobody"]),
        suggestion_op(lead, cosigner_ids=[lead]),
        suggestion_op(world.delegates[2]),  # not this seat's delegate
        op("suggestion.submit", {"suggestion_id": "s", "cosigner_ids": "nope"}),
    ]
    results = await push(client, seat1, *cases)
    assert [r["status"] for r in results] == ["rejected"] * len(cases)
    assert all(r["reason"] for r in results)


async def test_a_malformed_body_is_a_422_in_the_error_shape(
    client: httpx.AsyncClient, seat1: dict[str, str]
) -> None:
    for body in ({"ops": [{"op_id": "x"}]}, {"nope": 1}, {"ops": [op("no.such.kind", {})]}):
        response = await client.post(PUSH, json=body, headers=seat1)
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "bad_request" and error["message"].startswith("invalid request")
    response = await client.post(PUSH, content=b"{not json", headers=seat1)
    assert response.status_code == 422 and response.json()["error"]["code"] == "bad_request"


async def test_the_same_op_racing_on_two_connections_applies_once(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    terminal_id = seat1["Authorization"].split()[1].split(".")[0]
    with engine.connect() as conn:
        row = conn.execute(select(terminals).where(terminals.c.id == terminal_id)).one()
    terminal = Terminal(row.id, row.name, row.seat_number, row.app_version, row.last_seen)
    races = [signin_op(world.delegates[0], sitting, elapsed_s=1.0) for sitting in world.sittings]
    races += [suggestion_op(world.delegates[0]) for _ in range(3)]
    for raw in races:
        statuses = _race(engine, terminal, Op.model_validate(raw))
        assert sorted(statuses) == [OpStatus.APPLIED, OpStatus.DUPLICATE]
    assert count(engine, applied_ops) == 5
    assert count(engine, signins) == 2 and count(engine, suggestions) == 3


def _race(engine: Engine, terminal: Terminal, the_op: Op) -> list[OpStatus]:
    """Apply ``the_op`` from two threads at once, each on its own connection."""
    barrier = threading.Barrier(2)
    statuses: list[OpStatus] = []

    def send() -> None:
        barrier.wait()
        statuses.append(apply_op(engine, terminal, the_op).status)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


async def test_an_op_id_of_another_terminal_is_not_answered_with_its_result(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    seat2 = await enroll(client, engine, 2)
    tap = signin_op(world.delegates[0], world.sittings[0])
    [mine] = await push(client, seat1, tap)
    [theirs] = await push(client, seat2, tap)
    assert mine["status"] == "applied"
    assert theirs["status"] == "rejected" and theirs["detail"] == {}

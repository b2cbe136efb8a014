"""Pull: paging by seq, cursor, per-terminal filtering, reset."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from congress_desktop.model import notices, signins
from congress_desktop.protocol import PULL_LIMIT_MAX
from congress_desktop.server.changes import delete_row, write_row
from congress_desktop.server.db import current_seq

from .conftest import enroll
from .helpers import World, signin_op

pytestmark = pytest.mark.asyncio

PULL = "/api/v1/sync/pull"


async def pull_all(
    client: httpx.AsyncClient, headers: dict[str, str], since: int = 0, limit: int = 3
) -> tuple[list[dict[str, Any]], int, int]:
    """Every change from ``since`` in pages of ``limit``: (changes, final cursor, pages)."""
    changes: list[dict[str, Any]] = []
    pages = 0
    while True:
        page = await client.get(PULL, params={"since": since, "limit": limit}, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        pages += 1
        assert len(body["changes"]) <= limit
        changes += body["changes"]
        assert body["next"] >= since
        since = body["next"]
        if not body["has_more"]:
            return changes, since, pages


async def test_pages_cover_every_change_once_in_seq_order(
    client: httpx.AsyncClient, engine: Engine, seat1: dict[str, str]
) -> None:
    changes, cursor, pages = await pull_all(client, seat1, limit=3)
    seqs = [c["seq"] for c in changes]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    with engine.connect() as conn:
        assert cursor == current_seq(conn)
    assert {c["table"] for c in changes} >= {"congress_sessions", "sittings", "delegates", "seats"}
    assert pages == -(-len(changes) // 3)  # ceil: the last full page knows it is the last
    # nothing new: an empty page at the same cursor
    again = (await client.get(PULL, params={"since": cursor}, headers=seat1)).json()
    assert again["changes"] == [] and again["next"] == cursor and not again["has_more"]


async def test_updates_and_tombstones_arrive_at_their_new_seq(
    client: httpx.AsyncClient, engine: Engine, seat1: dict[str, str]
) -> None:
    _, cursor, _ = await pull_all(client, seat1)
    with engine.begin() as conn:
        write_row(conn, notices, {"id": "n1", "session_id": "session-1", "title": "通知"})
        write_row(conn, notices, {"id": "n1", "title": "通知（更正）"})
        delete_row(conn, notices, "seat-3")  # no such notice: nothing
        delete_row(conn, notices, "n1")
    changes, _, _ = await pull_all(client, seat1, since=cursor)
    assert [(c["table"], c["id"], c["deleted"], c["row"]) for c in changes] == [
        ("notices", "n1", True, None)
    ]


async def test_pin_hash_and_private_rows_only_for_the_seat_delegate(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    seat2 = await enroll(client, engine, 2)
    for headers, delegate in ((seat1, world.delegates[0]), (seat2, world.delegates[1])):
        result = await client.post(
            "/api/v1/sync/push",
            json={"ops": [signin_op(delegate, world.sittings[0], elapsed_s=0.5)]},
            headers=headers,
        )
        assert result.json()["results"][0]["status"] == "applied"
    changes, cursor, _ = await pull_all(client, seat1, limit=2)
    pins = {c["id"]: c["row"]["pin_hash"] for c in changes if c["table"] == "delegates"}
    assert pins[world.delegates[0]] is not None
    assert pins[world.delegates[1]] is None and pins[world.delegates[2]] is None
    mine = [c["row"]["delegate_id"] for c in changes if c["table"] == "signins"]
    assert mine == [world.delegates[0]]
    with engine.connect() as conn:
        assert cursor == current_seq(conn)  # the skipped sign-in did not hold the cursor back
    # a terminal with no delegate at its seat sees no pin hash and no private rows
    empty_seat = await enroll(client, engine, 4)
    changes, _, _ = await pull_all(client, empty_seat, limit=100)
    assert all(c["row"]["pin_hash"] is None for c in changes if c["table"] == "delegates")
    assert not [c for c in changes if c["table"] in ("signins", "suggestions")]


async def test_a_skipped_tombstone_still_advances_the_cursor(
    client: httpx.AsyncClient, engine: Engine, world: World, seat1: dict[str, str]
) -> None:
    seat2 = await enroll(client, engine, 2)
    await client.post(
        "/api/v1/sync/push",
        json={"ops": [signin_op(world.delegates[1], world.sittings[0], elapsed_s=0)]},
        headers=seat2,
    )
    _, cursor, _ = await pull_all(client, seat1)
    with engine.begin() as conn:
        signin_id = conn.execute(signins.select()).first().id  # type: ignore[union-attr]
        delete_row(conn, signins, signin_id)
    body = (await client.get(PULL, params={"since": cursor}, headers=seat1)).json()
    assert body["changes"] == [] and body["next"] == cursor + 1


async def test_reset_on_another_epoch_or_a_cursor_from_the_future(
    client: httpx.AsyncClient, seat1: dict[str, str]
) -> None:
    first = (await client.get(PULL, headers=seat1)).json()
    epoch = first["epoch"]
    assert first["reset"] is False
    same = (await client.get(PULL, params={"epoch": epoch, "since": 0}, headers=seat1)).json()
    assert same["reset"] is False and same["changes"]
    other_epoch: dict[str, str | int] = {"epoch": "another-database", "since": 0}
    future: dict[str, str | int] = {"since": first["next"] + 10}
    for params in (other_epoch, future):
        body = (await client.get(PULL, params=params, headers=seat1)).json()
        assert body["reset"] is True
        assert body["changes"] == [] and body["next"] == 0 and body["epoch"] == epoch


async def test_limit_is_capped_and_validated(
    client: httpx.AsyncClient, seat1: dict[str, str]
) -> None:
    big = await client.get(PULL, params={"limit": PULL_LIMIT_MAX * 10}, headers=seat1)
    assert big.status_code == 200 and not big.json()["has_more"]
    for params in ({"limit": 0}, {"since": -1}, {"since": "x"}):
        bad = await client.get(PULL, params=params, headers=seat1)
        assert bad.status_code == 422
        assert bad.json()["error"]["code"] == "bad_request"


async def test_pull_needs_a_credential(client: httpx.AsyncClient, world: World) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Bearer a.b"}):
        response = await client.get(PULL, headers=headers)
        assert response.status_code == 401
        assert response.json() == {
            "error": {
                "code": "unauthorized",
                "message": "terminal is not enrolled or its credential is invalid",
            }
        }

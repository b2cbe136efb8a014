"""The hot-path machinery: credential cache, lean pull/push handlers, group commit, the
shared page cache answering many terminals — none of it may change an answer."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from congress_desktop.model import agendas, signins
from congress_desktop.server.changes import write_row
from congress_desktop.server.db import applied_ops, current_seq

from .conftest import enroll
from .helpers import World, count, signin_op

pytestmark = pytest.mark.asyncio

PULL = "/api/v1/sync/pull"
PUSH = "/api/v1/sync/push"


async def test_a_cached_credential_never_admits_a_wrong_secret(
    client: httpx.AsyncClient, seat1: dict[str, str]
) -> None:
    assert (await client.get(PULL, headers=seat1)).status_code == 200  # now cached
    bad = {"Authorization": seat1["Authorization"] + "x"}
    response = await client.get(PULL, headers=bad)
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    assert (await client.get(PULL, headers=seat1)).status_code == 200


async def test_lean_pull_validates_like_the_documented_route(
    client: httpx.AsyncClient, seat1: dict[str, str]
) -> None:
    for query in ("since=-1", "since=abc", "limit=0", "epoch=" + "e" * 65):
        response = await client.get(f"{PULL}?{query}", headers=seat1)
        assert response.status_code == 422, query
        error = response.json()["error"]
        assert error["code"] == "bad_request" and error["message"].startswith("invalid request")
    # the credential is checked first
    assert (await client.get(f"{PULL}?since=-1")).status_code == 401


async def _pull_all(client: httpx.AsyncClient, headers: dict[str, str], since: int) -> Any:
    response = await client.get(f"{PULL}?since={since}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_concurrent_signins_are_each_applied_once_with_their_own_seq(
    client: httpx.AsyncClient, engine: Engine, world: World
) -> None:
    seats = [await enroll(client, engine, n) for n in (1, 2, 3)]
    taps = [signin_op(world.delegates[i], world.sittings[0]) for i in range(3)]
    retry = dict(taps[0])  # the same op again, racing in the same batch
    not_mine = signin_op(world.delegates[0], world.sittings[1])
    sends = [
        client.post(PUSH, json={"ops": [tap]}, headers=h)
        for tap, h in zip(taps, seats, strict=True)
    ]
    sends += [
        client.post(PUSH, json={"ops": [retry]}, headers=seats[0]),
        client.post(PUSH, json={"ops": [not_mine]}, headers=seats[1]),
    ]
    answers = [r.json()["results"][0] for r in await asyncio.gather(*sends)]
    statuses = [a["status"] for a in answers]
    assert statuses[:3].count("applied") + statuses[3:4].count("applied") == 3
    assert sorted(statuses[0:1] + statuses[3:4]) == ["applied", "duplicate"]
    assert statuses[4] == "rejected"
    assert count(engine, signins) == 3 and count(engine, applied_ops) == 4  # 4 op ids
    with engine.connect() as conn:
        seqs = sorted(conn.execute(select(signins.c.seq)).scalars())
        assert len(set(seqs)) == 3 and seqs[-1] <= current_seq(conn)
    # each terminal's pull brings its own delegate's sign-in only
    for i, headers in enumerate(seats):
        page = await _pull_all(client, headers, 0)
        mine = [c["row"]["delegate_id"] for c in page["changes"] if c["table"] == "signins"]
        assert mine == [world.delegates[i]]


async def test_a_shared_page_still_filters_private_rows_per_terminal(
    client: httpx.AsyncClient, engine: Engine, world: World
) -> None:
    seat1, seat2 = await enroll(client, engine, 1), await enroll(client, engine, 2)
    start = (await _pull_all(client, seat1, 0))["next"]
    await _pull_all(client, seat2, 0)
    response = await client.post(
        PUSH, json={"ops": [signin_op(world.delegates[0], world.sittings[0])]}, headers=seat1
    )
    assert response.json()["results"][0]["status"] == "applied"
    with engine.begin() as conn:
        write_row(conn, agendas, {"id": "a1", "session_id": world.session_id, "version": 1})
    first = await _pull_all(client, seat1, start)  # builds and caches the page
    second = await _pull_all(client, seat2, start)  # the same page from the cache
    assert first["next"] == second["next"]
    tables1 = sorted(c["table"] for c in first["changes"])
    tables2 = sorted(c["table"] for c in second["changes"])
    assert tables1 == ["agendas", "signins"] and tables2 == ["agendas"]
    again = await _pull_all(client, seat1, start)
    assert sorted(c["table"] for c in again["changes"]) == tables1

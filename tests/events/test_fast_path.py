"""The ASGI fast path for ``GET /sync/pull`` answers exactly as the routed endpoint does.

Every request is sent twice: through the app as served (the fast path first) and straight to
the app's routed middleware stack (FastAPI's own handling). Status, content type and body
(``server_time`` aside, which is the time of each answer) must be the same, for good pulls
(public and private pages, up to date, reset) and for every refusal (401, 422, and 401
before 422). The fast path's own counters prove which requests it answered itself.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import MutableMapping
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from server.helpers import World, auth_headers, new_token, signin_op, suggestion_op
from sqlalchemy import Engine

from congress_desktop.server.routes.fast import PullFastPath

pytestmark = pytest.mark.asyncio

PULL = "/api/v1/sync/pull"


def routed(app: FastAPI, fast: PullFastPath) -> Any:
    """The app without the fast path: its middleware stack, as Starlette would call it."""

    async def asgi(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        scope["app"] = app
        await fast.app(scope, receive, send)

    return asgi


def comparable(response: httpx.Response) -> tuple[int, str, Any]:
    body = response.json()
    if isinstance(body, dict):
        body.pop("server_time", None)
    return response.status_code, response.headers["content-type"], body


async def enrolled(client: httpx.AsyncClient, engine: Engine, seat: int) -> dict[str, str]:
    answer = await client.post("/api/v1/enroll", json={"token": new_token(engine, seat)})
    assert answer.status_code == 200, answer.text
    return auth_headers(answer.json())


async def test_fast_and_routed_pulls_answer_the_same(
    app: FastAPI, client: httpx.AsyncClient, engine: Engine, world: World
) -> None:
    seat1 = await enrolled(client, engine, 1)
    seat2 = await enrolled(client, engine, 2)
    pushed = await client.post(
        "/api/v1/sync/push",
        json={
            "ops": [
                signin_op(world.delegates[0], world.sittings[0]),
                suggestion_op(world.delegates[0]),
            ]
        },
        headers=seat1,
    )
    assert pushed.status_code == 200
    assert {r["status"] for r in pushed.json()["results"]} == {"applied"}
    epoch = (await client.get("/api/v1/health")).json()["epoch"]
    fast = app.state.pull_fast_path
    assert isinstance(fast, PullFastPath)
    transport = httpx.ASGITransport(app=routed(app, fast))
    async with httpx.AsyncClient(transport=transport, base_url="http://server") as plain:
        good: list[tuple[dict[str, str], dict[str, Any] | str]] = [
            (seat1, {}),  # everything, private rows included
            (seat2, {}),  # the same page without seat 1's sign-in and suggestion
            (seat1, {"since": 0, "limit": 2}),
            (seat1, {"since": 3, "limit": 1}),
            (seat2, {"since": 5}),
            (seat1, {"since": 10_000}),  # ahead of the server: reset
            (seat1, {"epoch": "another-epoch", "since": 4}),  # restored backup: reset
            (seat1, {"epoch": epoch, "since": 2, "limit": 100_000}),  # clamped
            (seat1, {"epoch": "", "since": 1}),
            (seat1, "since=1&since=3"),  # the last one wins
            ({**seat1, "X-App-Version": "9.9.9"}, {"since": 2}),  # an upgrade is recorded
        ]
        refused: list[tuple[dict[str, str], dict[str, Any] | str, int]] = [
            ({}, {}, 401),
            ({"Authorization": "Bearer nope"}, {}, 401),
            ({"Authorization": seat1["Authorization"][:-2] + "xx"}, {}, 401),
            ({"Authorization": "Basic abc"}, {"since": 1}, 401),
            ({"Authorization": "Bearer nope"}, {"since": -1}, 401),  # 401 before 422
            (seat1, {"since": -1}, 422),
            (seat1, {"since": "abc"}, 422),
            (seat1, {"limit": 0}, 422),
            (seat1, {"epoch": "e" * 65}, 422),
        ]
        answered = fast.answered
        for headers, params in good:
            a = await client.get(PULL, params=params, headers=headers)
            b = await plain.get(PULL, params=params, headers=headers)
            assert a.status_code == 200, a.text
            assert comparable(a) == comparable(b), params
            assert a.headers["content-length"] == str(len(a.content))
        assert fast.answered == answered + len(good)  # all of them answered by the fast path
        declined = fast.declined
        for headers, params, status in refused:
            a = await client.get(PULL, params=params, headers=headers)
            b = await plain.get(PULL, params=params, headers=headers)
            assert a.status_code == status, (params, a.text)
            assert comparable(a) == comparable(b), params
            assert "error" in a.json()
        assert fast.declined == declined + len(refused)
        assert fast.answered == answered + len(good)

    private = json.loads((await client.get(PULL, headers=seat1)).content)
    others = json.loads((await client.get(PULL, headers=seat2)).content)
    tables = {c["table"] for c in private["changes"]}
    assert {"signins", "suggestions"} <= tables
    assert not {"signins", "suggestions"} & {c["table"] for c in others["changes"]}


async def test_other_requests_pass_through(
    app: FastAPI, client: httpx.AsyncClient, engine: Engine, world: World
) -> None:
    seat1 = await enrolled(client, engine, 1)
    fast = app.state.pull_fast_path
    before = (fast.answered, fast.declined)
    assert (await client.get("/api/v1/health")).status_code == 200
    assert (await client.post(PULL, headers=seat1)).status_code == 405  # only GET is fast
    assert (await client.get(PULL + "/", headers=seat1)).status_code in (200, 307, 404)
    assert (fast.answered, fast.declined) == before


@pytest.mark.parametrize(
    "query",
    [
        b"",
        b"since=1&limit=2",
        b"since=1&since=3",
        b"since=1&&limit=2",
        b"epoch=&since=1",
        b"a=b=c",
        b"since=1&limit",
        b"x=a%20b&since=%31",
        b"x=a+b",
        b"since=1;limit=2",
    ],
)
async def test_the_query_is_read_as_starlette_reads_it(query: bytes) -> None:
    from starlette.datastructures import QueryParams

    from congress_desktop.server.routes.fast import _params

    starlette = QueryParams(query)
    assert _params(query) == {key: starlette[key] for key in starlette}


async def test_one_write_per_loop_turn_in_order_and_flushed_on_close() -> None:
    from congress_desktop.server.http_protocol import CoalescingTransport

    loop = asyncio.get_running_loop()
    sent: list[bytes] = []

    class Answer(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            assert isinstance(transport, asyncio.Transport)
            real_write = transport.write

            def counted(data: Any) -> None:
                sent.append(bytes(data))
                real_write(data)

            transport.write = counted  # type: ignore[method-assign]
            out = CoalescingTransport(transport, loop)
            out.write(b"HTTP/1.1 200 OK\r\n\r\n")  # the head
            out.write(b"body-1")  # and the body, in the same turn
            loop.call_soon(lambda: (out.write(b"|later"), out.close()))  # next turn + close

    server = await loop.create_server(Answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    received = await reader.read()  # until the server closes
    writer.close()
    server.close()
    await server.wait_closed()
    assert received == b"HTTP/1.1 200 OK\r\n\r\nbody-1|later"
    assert sent == [b"HTTP/1.1 200 OK\r\n\r\nbody-1", b"|later"]

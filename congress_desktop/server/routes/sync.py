"""``GET /api/v1/sync/pull`` and ``POST /api/v1/sync/push``.

Pull is ``async`` and answers pre-serialized JSON bytes. When thousands of terminals pull on
the same nudge, their cursors sit just below the hub's latest seq (a value only ever
published *after* its commit, so every row at or below it is committed): the page of
(cursor, latest] is read from the database once — concurrent pulls of the same page wait
for that one read (single flight) — and a page of rows every terminal sees alike is
serialized once. Only a miss, a page with private rows (the terminal's delegate is looked
up) or a cursor at/after the latest seq (reset or up-to-date: the counter is read in a
snapshot as before) goes to the threadpool and the database.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from congress_desktop.model import utcnow
from congress_desktop.protocol import PullResponse, PushRequest, PushResponse
from congress_desktop.server.auth import Terminal
from congress_desktop.server.caches import caches_for
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import (
    APP_VERSION_HEADER,
    StateDep,
    TerminalDep,
    get_state,
    terminal_for,
)
from congress_desktop.server.events import hub_for
from congress_desktop.server.pull import (
    PULL_LIMIT_DEFAULT,
    Snapshot,
    Viewer,
    cached_page,
    clamp_limit,
    read_snapshot,
    snapshot_body,
)
from congress_desktop.server.queries import seat_delegate_id
from congress_desktop.server.state import ServerState

router = APIRouter(prefix="/sync")

JSON = "application/json"


def _read(
    state: ServerState, terminal: Terminal, epoch: str | None, since: int, limit: int
) -> tuple[Snapshot, Viewer | None]:
    """One read transaction: the snapshot, and the viewer if its page needs one."""
    with read_connection(state.engine) as conn:
        snap = read_snapshot(conn, epoch=epoch, since=since, limit=limit)
        viewer = None
        if snap.page is not None and not snap.page.public:
            viewer = Viewer(delegate_id=seat_delegate_id(conn, terminal.seat_number))
        return snap, viewer


def _viewer(state: ServerState, terminal: Terminal) -> Viewer:
    with read_connection(state.engine) as conn:
        return Viewer(delegate_id=seat_delegate_id(conn, terminal.seat_number))


async def _pull(
    state: ServerState, terminal: Terminal, epoch: str | None, since: int, limit: int
) -> Response:
    body = await pull_body(state, terminal, epoch, since, limit)
    return Response(body, media_type=JSON)


async def pull_body(
    state: ServerState, terminal: Terminal, epoch: str | None, since: int, limit: int
) -> bytes:
    """The JSON answer to a pull (also served by the ASGI fast path, routes/fast.py)."""
    epoch = epoch or None
    limit = clamp_limit(limit)
    hub = hub_for(state.engine)
    latest = hub.latest_seq if hub is not None else 0
    if since < latest and epoch in (None, state.epoch):
        key = (state.epoch, since, latest, limit + 1)
        page = cached_page(*key)
        if page is None:
            flights = caches_for(state.engine).flights
            flight = flights.get(key)
            if flight is None or flight.get_loop() is not asyncio.get_running_loop():
                # lead: read it (and the counter) in the threadpool
                flight = flights[key] = asyncio.ensure_future(
                    run_in_threadpool(_read, state, terminal, epoch, since, limit)
                )
                flight.add_done_callback(lambda _f: flights.pop(key, None))
                snap, viewer = await asyncio.shield(flight)
                return snapshot_body(snap, limit=limit, viewer=viewer)
            snap, _leader_viewer = await asyncio.shield(flight)
        else:
            snap = Snapshot(state.epoch, latest, False, page)
        viewer = None
        if snap.page is not None and not snap.page.public:
            viewer = await run_in_threadpool(_viewer, state, terminal)
        return snapshot_body(snap, limit=limit, viewer=viewer)
    snap, viewer = await run_in_threadpool(_read, state, terminal, epoch, since, limit)
    return snapshot_body(snap, limit=limit, viewer=viewer)


# --------------------------------------------------------------------------- lean routes
#
# Pull and push are what thousands of terminals call at once. Their routes are documented
# (OpenAPI) by the endpoint functions below, but served by lean handlers that read the
# query, body and headers themselves: no per-request dependency solving, the same answers
# (401 before 422, the same validation error shape through the app's error handlers).


class LeanRoute(APIRoute):
    """An APIRoute whose requests are handled by ``endpoint.lean`` (a ``Request`` handler)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler: Callable[[Request], Coroutine[Any, Any, Response]]
        handler = self.endpoint.lean  # type: ignore[attr-defined]
        return handler


def _invalid(loc: tuple[str, ...], msg: str, kind: str) -> RequestValidationError:
    return RequestValidationError([{"type": kind, "loc": loc, "msg": msg, "input": None}])


def _int_query(request: Request, name: str, default: int, minimum: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _invalid(("query", name), "Input should be a valid integer", "int_parsing") from None
    if value < minimum:
        raise _invalid(
            ("query", name),
            f"Input should be greater than or equal to {minimum}",
            "greater_than_equal",
        )
    return value


async def _terminal(request: Request) -> tuple[ServerState, Terminal]:
    state = get_state(request)
    headers = request.headers
    terminal = await terminal_for(
        state, headers.get("authorization"), headers.get(APP_VERSION_HEADER)
    )
    return state, terminal


async def _pull_lean(request: Request) -> Response:
    state, terminal = await _terminal(request)
    since = _int_query(request, "since", 0, 0)
    limit = _int_query(request, "limit", PULL_LIMIT_DEFAULT, 1)
    epoch = request.query_params.get("epoch")
    if epoch is not None and len(epoch) > 64:
        raise _invalid(
            ("query", "epoch"), "String should have at most 64 characters", "string_too_long"
        )
    return await _pull(state, terminal, epoch, since, limit)


async def _push_lean(request: Request) -> Response:
    state, terminal = await _terminal(request)
    body = await request.body()
    try:
        push = PushRequest.model_validate_json(body)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e.get("loc", ()))} for e in exc.errors()]
        ) from None
    results = await caches_for(state.engine).writer.submit(terminal, push.ops)
    answer = PushResponse(results=results, server_time=utcnow())
    return Response(answer.model_dump_json().encode(), media_type=JSON)


async def pull_changes(
    state: StateDep,
    terminal: TerminalDep,
    epoch: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1)] = PULL_LIMIT_DEFAULT,
) -> Response:
    """The changes after ``since`` this terminal may see (served by :func:`_pull_lean`)."""
    return await _pull(state, terminal, epoch, since, limit)


pull_changes.lean = _pull_lean  # type: ignore[attr-defined]
router.add_api_route(
    "/pull",
    pull_changes,
    methods=["GET"],
    response_model=PullResponse,
    route_class_override=LeanRoute,
)


async def push_ops(request: PushRequest, state: StateDep, terminal: TerminalDep) -> PushResponse:
    """Ops go to the process's writer (group commit: server/push.py); served by
    :func:`_push_lean`."""
    results = await caches_for(state.engine).writer.submit(terminal, request.ops)
    return PushResponse(results=results, server_time=utcnow())


push_ops.lean = _push_lean  # type: ignore[attr-defined]
router.add_api_route("/push", push_ops, methods=["POST"], route_class_override=LeanRoute)

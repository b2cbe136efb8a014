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
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from congress_desktop.model import utcnow
from congress_desktop.protocol import PullResponse, PushRequest, PushResponse
from congress_desktop.server.auth import Terminal
from congress_desktop.server.caches import caches_for
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep, TerminalDep, get_state
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
from congress_desktop.server.push import apply_ops
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


@router.get("/pull", response_model=PullResponse)
async def pull_changes(
    request: Request,
    terminal: TerminalDep,
    epoch: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1)] = PULL_LIMIT_DEFAULT,
) -> Response:
    state = get_state(request)
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
            if flight is None:  # lead: read it (and the counter) in the threadpool
                flight = flights[key] = asyncio.ensure_future(
                    run_in_threadpool(_read, state, terminal, epoch, since, limit)
                )
                flight.add_done_callback(lambda _f: flights.pop(key, None))
                snap, viewer = await asyncio.shield(flight)
                return Response(snapshot_body(snap, limit=limit, viewer=viewer), media_type=JSON)
            snap, _leader_viewer = await asyncio.shield(flight)
        else:
            snap = Snapshot(state.epoch, latest, False, page)
        viewer = None
        if snap.page is not None and not snap.page.public:
            viewer = await run_in_threadpool(_viewer, state, terminal)
        return Response(snapshot_body(snap, limit=limit, viewer=viewer), media_type=JSON)
    snap, viewer = await run_in_threadpool(_read, state, terminal, epoch, since, limit)
    return Response(snapshot_body(snap, limit=limit, viewer=viewer), media_type=JSON)


@router.post("/push")
def push_ops(request: PushRequest, state: StateDep, terminal: TerminalDep) -> PushResponse:
    results = apply_ops(state.engine, terminal, request.ops)
    return PushResponse(results=results, server_time=utcnow())

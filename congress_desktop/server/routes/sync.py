"""``GET /api/v1/sync/pull`` and ``POST /api/v1/sync/push``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from congress_desktop.model import utcnow
from congress_desktop.protocol import PullResponse, PushRequest, PushResponse
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep, TerminalDep
from congress_desktop.server.pull import PULL_LIMIT_DEFAULT, Viewer, pull
from congress_desktop.server.push import apply_ops
from congress_desktop.server.queries import seat_delegate_id

router = APIRouter(prefix="/sync")


@router.get("/pull")
def pull_changes(
    state: StateDep,
    terminal: TerminalDep,
    epoch: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1)] = PULL_LIMIT_DEFAULT,
) -> PullResponse:
    with read_connection(state.engine) as conn:
        viewer = Viewer(delegate_id=seat_delegate_id(conn, terminal.seat_number))
        return pull(conn, viewer=viewer, epoch=epoch or None, since=since, limit=limit)


@router.post("/push")
def push_ops(request: PushRequest, state: StateDep, terminal: TerminalDep) -> PushResponse:
    results = apply_ops(state.engine, terminal, request.ops)
    return PushResponse(results=results, server_time=utcnow())

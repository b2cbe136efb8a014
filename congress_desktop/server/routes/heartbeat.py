"""``POST /api/v1/heartbeat``: the terminal's health, outside the outbox (latest only).

The server stores the newest heartbeat on the terminal's row and computes the clock skew as
``terminal_time - receive time`` (positive: the terminal's clock is ahead). Skew is shown to
technicians; it is never a reason to refuse anything. The rows are written in batches, about
once a second (:class:`congress_desktop.server.caches.HeartbeatBatcher`); the answer's
``seq`` is the latest seq this process has announced (a terminal behind it pulls).
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from congress_desktop.model import utcnow
from congress_desktop.protocol import HeartbeatRequest, HeartbeatResponse
from congress_desktop.server.caches import caches_for
from congress_desktop.server.db import current_seq, read_connection
from congress_desktop.server.deps import StateDep, TerminalDep
from congress_desktop.server.events import hub_for
from congress_desktop.server.state import ServerState

router = APIRouter()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _read_seq(state: ServerState) -> int:
    with read_connection(state.engine) as conn:
        return current_seq(conn)


@router.post("/heartbeat")
async def heartbeat(
    body: HeartbeatRequest, state: StateDep, terminal: TerminalDep
) -> HeartbeatResponse:
    received = utcnow()
    terminal_time = _aware(body.terminal_time)
    skew = (terminal_time - received).total_seconds()
    values: dict[str, object] = {
        "heartbeat_at": received,
        "last_seen": received,
        "terminal_time": terminal_time,
        "clock_skew_s": skew,
        "documents_total": body.documents_total,
        "documents_cached": body.documents_cached,
        "outbox_pending": body.outbox_pending,
        "disk_free_bytes": body.disk_free_bytes,
        "app_version": (body.app_version or terminal.app_version)[:40],
    }
    caches_for(state.engine).heartbeats.note(terminal.id, values)
    hub = hub_for(state.engine)
    seq = hub.latest_seq if hub is not None else await run_in_threadpool(_read_seq, state)
    return HeartbeatResponse(server_time=received, clock_skew_s=skew, seq=seq, epoch=state.epoch)

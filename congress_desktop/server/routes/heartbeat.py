"""``POST /api/v1/heartbeat``: the terminal's health, outside the outbox (latest only).

The server stores the newest heartbeat on the terminal's row and computes the clock skew as
``terminal_time - receive time`` (positive: the terminal's clock is ahead). Skew is shown to
technicians; it is never a reason to refuse anything.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from sqlalchemy import update

from congress_desktop.model import utcnow
from congress_desktop.protocol import HeartbeatRequest, HeartbeatResponse
from congress_desktop.server.db import current_seq, terminals
from congress_desktop.server.deps import StateDep, TerminalDep

router = APIRouter()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


@router.post("/heartbeat")
def heartbeat(body: HeartbeatRequest, state: StateDep, terminal: TerminalDep) -> HeartbeatResponse:
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
    }
    if body.app_version:
        values["app_version"] = body.app_version
    with state.engine.begin() as conn:
        conn.execute(update(terminals).where(terminals.c.id == terminal.id).values(values))
        seq = current_seq(conn)
    return HeartbeatResponse(server_time=received, clock_skew_s=skew, seq=seq, epoch=state.epoch)

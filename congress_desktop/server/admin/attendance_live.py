"""``GET /admin/attendance/live``: the attendance board's cheap, compact read.

The full ``GET /admin/attendance`` answer of a 3,000-delegate sitting is about a megabyte of
JSON (every delegate twice, with names and delegations); parsing it for every sign-in nudge
stalls the console. This answer carries what changes while a hall signs in:

- ``states``: one character per expected delegate, in seat order (``P`` present, ``L`` on
  leave, ``A`` absent), about 3 KB for 3,000 seats;
- ``leave_reasons``: seat-order index → reason, for those on leave;
- the totals, the quorum and its flag.

The roster itself (who sits where: ids, numbers, names, delegations, seat numbers) is sent
only when the caller's ``roster_key`` differs from the current one (first load, a seat
reassigned, a name corrected), so a nudge costs a few kilobytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy import Connection, select

from congress_desktop.model import delegates, delegations, quorum, seats, signins, utcnow
from congress_desktop.protocol import AdminAction, Totals
from congress_desktop.server import attendance
from congress_desktop.server.admin.deps import require, session_or_active
from congress_desktop.server.admin.tables import leaves
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.users import ConsoleUser

router = APIRouter()

Viewer = Annotated[ConsoleUser, Depends(require(AdminAction.ATTENDANCE_VIEW))]
Id = Annotated[str | None, Query(max_length=36)]

PRESENT, LEAVE, ABSENT = "P", "L", "A"


class LiveRoster(BaseModel):
    """The expected delegates in seat order, as parallel columns."""

    delegate_ids: list[str]
    numbers: list[str]
    names: list[str]
    delegations: list[str]
    seat_numbers: list[int | None]


class AttendanceLiveOut(BaseModel):
    session_id: str
    sitting_id: str
    sitting_title: str
    roster_key: str
    roster: LiveRoster | None  # only when the caller's roster_key is not the current one
    states: str  # one of P/L/A per expected delegate, in seat order
    leave_reasons: dict[int, str]  # seat-order index → reason (those on leave)
    totals: Totals
    quorum: int
    quorum_met: bool
    as_of: dt.datetime


def roster(conn: Connection, session_id: str) -> LiveRoster:
    """Seated delegates in seat order (a delegate on two seats counts once)."""
    query = (
        select(
            delegates.c.id,
            delegates.c.number,
            delegates.c.name,
            delegations.c.name,
            seats.c.number,
        )
        .join(seats, seats.c.delegate_id == delegates.c.id)
        .outerjoin(
            delegations,
            (delegations.c.id == delegates.c.delegation_id) & delegations.c.deleted.is_(False),
        )
        .where(
            seats.c.session_id == session_id,
            seats.c.deleted.is_(False),
            delegates.c.deleted.is_(False),
        )
        .order_by(seats.c.number)
    )
    out = LiveRoster(delegate_ids=[], numbers=[], names=[], delegations=[], seat_numbers=[])
    seen: set[str] = set()
    for delegate_id, number, name, delegation, seat in conn.execute(query):
        if delegate_id in seen:
            continue
        seen.add(delegate_id)
        out.delegate_ids.append(delegate_id)
        out.numbers.append(number)
        out.names.append(name)
        out.delegations.append(delegation or "")
        out.seat_numbers.append(seat)
    return out


def roster_key(people: LiveRoster) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for row in zip(
        people.delegate_ids,
        people.numbers,
        people.names,
        people.delegations,
        people.seat_numbers,
        strict=True,
    ):
        digest.update("\x1f".join(map(str, row)).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


def live_attendance(
    conn: Connection, session_id: str, sitting_id: str | None, known_roster: str | None = None
) -> AttendanceLiveOut:
    """The board of ``sitting_id`` (default: the current sitting), as in
    :func:`congress_desktop.server.attendance.attendance` (a sign-in wins over a leave)."""
    sitting_id = sitting_id or attendance.current_sitting_id(conn, session_id)
    sitting = attendance.sitting_row(conn, sitting_id)
    people = roster(conn, session_id)
    signed = set(
        conn.execute(
            select(signins.c.delegate_id).where(
                signins.c.sitting_id == sitting_id, signins.c.deleted.is_(False)
            )
        ).scalars()
    )
    reasons: dict[str, str] = dict(
        conn.execute(  # type: ignore[arg-type]
            select(leaves.c.delegate_id, leaves.c.reason).where(
                leaves.c.sitting_id == sitting_id, leaves.c.revoked_at.is_(None)
            )
        ).all()
    )
    states: list[str] = []
    leave_reasons: dict[int, str] = {}
    for index, delegate_id in enumerate(people.delegate_ids):
        if delegate_id in signed:
            states.append(PRESENT)
        elif delegate_id in reasons:
            states.append(LEAVE)
            leave_reasons[index] = reasons[delegate_id]
        else:
            states.append(ABSENT)
    expected = len(states)
    present = sum(1 for s in states if s == PRESENT)
    on_leave = len(leave_reasons)
    needed = quorum(expected)
    key = roster_key(people)
    return AttendanceLiveOut(
        session_id=session_id,
        sitting_id=sitting_id,
        sitting_title=sitting["title"],
        roster_key=key,
        roster=None if known_roster == key else people,
        states="".join(states),
        leave_reasons=leave_reasons,
        totals=Totals(
            expected=expected,
            present=present,
            on_leave=on_leave,
            absent=expected - present - on_leave,
        ),
        quorum=needed,
        quorum_met=expected > 0 and present >= needed,
        as_of=utcnow(),
    )


@router.get("/attendance/live")
def get_live_attendance(
    state: StateDep,
    _user: Viewer,
    sitting_id: Id = None,
    session_id: Id = None,
    roster_key: Annotated[str | None, Query(max_length=64)] = None,
) -> AttendanceLiveOut:
    with read_connection(state.engine) as conn:
        sid = session_or_active(conn, session_id)
        return live_attendance(conn, sid, sitting_id, roster_key)

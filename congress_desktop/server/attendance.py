"""Attendance of a sitting (出席情况), derived from seats, sign-ins and leave entries.

- 应到 (expected): the session's delegates who have a seat.
- 实到 (present): those of them with a sign-in for the sitting (any method, 补签 included).
- 请假 (on leave): those with a live leave entry and no sign-in (a sign-in wins).
- 缺席 (absent): the rest.
- quorum: ``model.quorum(expected)`` = ⌈2/3 × 应到⌉; met when 实到 ≥ quorum.

Staff late sign-in (补签, method ``staff``) writes a replicated ``signins`` row; leave (请假)
is a server-only ``leaves`` row. Both need a reason and are audited.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from sqlalchemy import Connection, select, update

from congress_desktop.model import (
    SignInMethod,
    delegates,
    delegations,
    quorum,
    seats,
    signins,
    sittings,
    utcnow,
)
from congress_desktop.model import current_sitting as model_current_sitting
from congress_desktop.protocol import (
    AttendanceOut,
    AttendanceState,
    DelegateAttendance,
    DelegationAttendance,
    LeaveOut,
    SignInOut,
    Totals,
)
from congress_desktop.server import audit
from congress_desktop.server.admin.deps import conflict, not_found
from congress_desktop.server.admin.tables import leaves
from congress_desktop.server.changes import next_seq, write_row
from congress_desktop.server.users import ConsoleUser

log = logging.getLogger(__name__)


def current_sitting_id(conn: Connection, session_id: str, now: dt.datetime | None = None) -> str:
    """The sitting delegates sign in to now: the same rule as the terminals'
    (:func:`congress_desktop.model.current_sitting`)."""
    rows = conn.execute(
        select(
            sittings.c.id, sittings.c.starts_at, sittings.c.signin_opens, sittings.c.signin_closes
        )
        .where(sittings.c.session_id == session_id, sittings.c.deleted.is_(False))
        .order_by(sittings.c.number)
    ).all()
    chosen = model_current_sitting(rows, now or utcnow())
    if chosen is None:
        raise not_found("sitting in session", session_id)
    return str(chosen.id)


def sitting_row(conn: Connection, sitting_id: str) -> dict[str, Any]:
    row = conn.execute(select(sittings).where(sittings.c.id == sitting_id)).mappings().first()
    if row is None or row["deleted"]:
        raise not_found("sitting", sitting_id)
    return dict(row)


def _expected(conn: Connection, session_id: str) -> list[dict[str, Any]]:
    """Seated delegates in seat order, with their delegation."""
    query = (
        select(
            delegates.c.id,
            delegates.c.number,
            delegates.c.name,
            delegates.c.delegation_id,
            seats.c.number.label("seat_number"),
        )
        .join(seats, seats.c.delegate_id == delegates.c.id)
        .where(
            seats.c.session_id == session_id,
            seats.c.deleted.is_(False),
            delegates.c.deleted.is_(False),
        )
        .order_by(seats.c.number)
    )
    seen: set[str] = set()
    out = []
    for r in conn.execute(query).mappings():
        if r["id"] not in seen:  # a delegate on two seats counts once
            seen.add(r["id"])
            out.append(dict(r))
    return out


def _live_leaves(conn: Connection, sitting_id: str) -> dict[str, dict[str, Any]]:
    query = select(leaves).where(leaves.c.sitting_id == sitting_id, leaves.c.revoked_at.is_(None))
    return {r["delegate_id"]: dict(r) for r in conn.execute(query).mappings()}


def _signins(conn: Connection, sitting_id: str) -> dict[str, dict[str, Any]]:
    query = (
        select(signins)
        .where(signins.c.sitting_id == sitting_id, signins.c.deleted.is_(False))
        .order_by(signins.c.signed_at)
    )
    out: dict[str, dict[str, Any]] = {}
    for r in conn.execute(query).mappings():
        out.setdefault(r["delegate_id"], dict(r))
    return out


def _totals(people: list[DelegateAttendance]) -> dict[str, int]:
    present = sum(p.state is AttendanceState.PRESENT for p in people)
    on_leave = sum(p.state is AttendanceState.LEAVE for p in people)
    return {
        "expected": len(people),
        "present": present,
        "on_leave": on_leave,
        "absent": len(people) - present - on_leave,
    }


def attendance(conn: Connection, session_id: str, sitting_id: str | None = None) -> AttendanceOut:
    """The attendance of ``sitting_id`` (default: the current sitting)."""
    sitting_id = sitting_id or current_sitting_id(conn, session_id)
    sitting = sitting_row(conn, sitting_id)
    groups = {
        r["id"]: (r["position"], r["name"])
        for r in conn.execute(
            select(delegations).where(
                delegations.c.session_id == session_id, delegations.c.deleted.is_(False)
            )
        ).mappings()
    }
    signed = _signins(conn, sitting_id)
    on_leave = _live_leaves(conn, sitting_id)
    expected = _expected(conn, session_id)
    people: list[DelegateAttendance] = []
    for d in expected:
        s, lv = signed.get(d["id"]), on_leave.get(d["id"])
        state = (
            AttendanceState.PRESENT
            if s
            else AttendanceState.LEAVE
            if lv
            else AttendanceState.ABSENT
        )
        people.append(
            DelegateAttendance(
                delegate_id=d["id"],
                number=d["number"],
                name=d["name"],
                delegation=groups.get(d["delegation_id"] or "", (0, ""))[1],
                seat_number=d["seat_number"],
                state=state,
                signed_at=s["signed_at"] if s else None,
                method=SignInMethod(s["method"]) if s else None,
                leave_reason=lv["reason"] if lv and not s else None,
            )
        )
    totals = Totals(**_totals(people))
    by_group: dict[str | None, list[DelegateAttendance]] = {}
    group_of = {d["id"]: d["delegation_id"] for d in expected}
    for p in people:
        by_group.setdefault(group_of.get(p.delegate_id), []).append(p)
    order = sorted(by_group, key=lambda g: (groups.get(g or "", (1 << 30, ""))[0], g or ""))
    needed = quorum(totals.expected)
    return AttendanceOut(
        session_id=session_id,
        sitting_id=sitting_id,
        sitting_title=sitting["title"],
        totals=totals,
        quorum=needed,
        quorum_met=totals.expected > 0 and totals.present >= needed,
        by_delegation=[
            DelegationAttendance(
                delegation_id=g, delegation=groups.get(g or "", (0, ""))[1], **_totals(by_group[g])
            )
            for g in order
        ],
        delegates=people,
        not_signed_in=[p for p in people if p.state is not AttendanceState.PRESENT],
        as_of=utcnow(),
    )


# --------------------------------------------------------------------------- staff entries


def _check_expected(conn: Connection, session_id: str, delegate_id: str) -> dict[str, Any]:
    found = next((d for d in _expected(conn, session_id) if d["id"] == delegate_id), None)
    if found is None:
        exists = conn.execute(select(delegates.c.id).where(delegates.c.id == delegate_id)).first()
        if exists is None:
            raise not_found("delegate", delegate_id)
        raise conflict("the delegate has no seat, so is not expected at the sitting")
    return found


def staff_signin(
    conn: Connection, user: ConsoleUser, sitting_id: str, delegate_id: str, reason: str
) -> SignInOut:
    """补签: sign a delegate in from the console (method ``staff``); audited."""
    seq = next_seq(conn)  # hold the write lock: no terminal sign-in slips in between
    sitting = sitting_row(conn, sitting_id)
    _check_expected(conn, sitting["session_id"], delegate_id)
    if delegate_id in _signins(conn, sitting_id):
        raise conflict("the delegate has already signed in for this sitting")
    now = utcnow()
    values = {
        "id": str(uuid.uuid4()),
        "session_id": sitting["session_id"],
        "sitting_id": sitting_id,
        "delegate_id": delegate_id,
        "terminal_id": None,
        "method": SignInMethod.STAFF.value,
        "terminal_wall": None,
        "signed_at": now,
        "received_at": now,
        "time_estimated": False,
    }
    write_row(conn, signins, values, seq=seq, now=now)
    audit.record(
        conn, user, "attendance.staff_signin", "signins", values["id"], after=values, reason=reason
    )
    log.info("staff sign-in of %s for %s by %s", delegate_id, sitting_id, user.username)
    return SignInOut.model_validate(values)


def record_leave(
    conn: Connection, user: ConsoleUser, sitting_id: str, delegate_id: str, reason: str
) -> LeaveOut:
    """请假: mark a delegate on leave for a sitting; audited."""
    next_seq(conn)
    sitting = sitting_row(conn, sitting_id)
    _check_expected(conn, sitting["session_id"], delegate_id)
    if delegate_id in _live_leaves(conn, sitting_id):
        raise conflict("the delegate is already on leave for this sitting")
    if delegate_id in _signins(conn, sitting_id):
        raise conflict("the delegate has already signed in for this sitting")
    values = {
        "id": str(uuid.uuid4()),
        "session_id": sitting["session_id"],
        "sitting_id": sitting_id,
        "delegate_id": delegate_id,
        "reason": reason,
        "created_by": user.username,
        "created_at": utcnow(),
    }
    conn.execute(leaves.insert().values(values))
    audit.record(
        conn, user, "attendance.leave", "leaves", values["id"], after=values, reason=reason
    )
    return LeaveOut.model_validate(values)


def revoke_leave(conn: Connection, user: ConsoleUser, leave_id: str, reason: str) -> None:
    row = conn.execute(select(leaves).where(leaves.c.id == leave_id)).mappings().first()
    if row is None or row["revoked_at"] is not None:
        raise not_found("leave entry", leave_id)
    now = utcnow()
    conn.execute(update(leaves).where(leaves.c.id == leave_id).values(revoked_at=now))
    audit.record(
        conn,
        user,
        "attendance.leave_revoke",
        "leaves",
        leave_id,
        before=dict(row),
        after={**row, "revoked_at": now},
        reason=reason,
    )


def list_leaves(conn: Connection, sitting_id: str) -> list[LeaveOut]:
    return [LeaveOut.model_validate(r) for r in _live_leaves(conn, sitting_id).values()]

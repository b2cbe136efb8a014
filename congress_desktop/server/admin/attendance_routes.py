"""Attendance, staff late sign-in (补签), leave (请假) and the hall display."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy import select

from congress_desktop.model import congress_sessions, utcnow
from congress_desktop.protocol import (
    AdminAction,
    AttendanceOut,
    DisplayOut,
    LeaveOut,
    LeaveRequest,
    ReasonIn,
    SignInOut,
    SittingOut,
    StaffSignInRequest,
)
from congress_desktop.server import agenda, attendance
from congress_desktop.server.admin.deps import bad_request, require, session_or_active, writing
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.errors import ApiError
from congress_desktop.server.queries import active_session_id
from congress_desktop.server.users import ConsoleUser

router = APIRouter()

A = AdminAction
Viewer = Annotated[ConsoleUser, Depends(require(A.ATTENDANCE_VIEW))]
Editor = Annotated[ConsoleUser, Depends(require(A.ATTENDANCE_EDIT))]
Id = Annotated[str | None, Query(max_length=36)]


@router.get("/attendance")
def get_attendance(
    state: StateDep, _user: Viewer, sitting_id: Id = None, session_id: Id = None
) -> AttendanceOut:
    with read_connection(state.engine) as conn:
        sid = session_or_active(conn, session_id)
        return attendance.attendance(conn, sid, sitting_id)


@router.post("/attendance/staff-signin", status_code=201)
def staff_signin(body: StaffSignInRequest, state: StateDep, user: Editor) -> SignInOut:
    if not body.reason.strip():
        raise bad_request("a late sign-in (补签) needs a reason")
    with writing(state) as conn:
        return attendance.staff_signin(conn, user, body.sitting_id, body.delegate_id, body.reason)


@router.get("/attendance/leaves")
def list_leaves(state: StateDep, _user: Viewer, sitting_id: Id = None) -> list[LeaveOut]:
    with read_connection(state.engine) as conn:
        sitting = sitting_id or attendance.current_sitting_id(conn, session_or_active(conn, None))
        return attendance.list_leaves(conn, sitting)


@router.post("/attendance/leaves", status_code=201)
def record_leave(body: LeaveRequest, state: StateDep, user: Editor) -> LeaveOut:
    if not body.reason.strip():
        raise bad_request("leave (请假) needs a reason")
    with writing(state) as conn:
        return attendance.record_leave(conn, user, body.sitting_id, body.delegate_id, body.reason)


@router.post("/attendance/leaves/{leave_id}/revoke", status_code=204)
def revoke_leave(leave_id: str, body: ReasonIn, state: StateDep, user: Editor) -> Response:
    with writing(state) as conn:
        attendance.revoke_leave(conn, user, leave_id, body.reason)
    return Response(status_code=204)


@router.get("/display")
def display(state: StateDep, _user: Viewer) -> DisplayOut:
    """What the hall display shows: title, current item, totals and the quorum light."""
    with read_connection(state.engine) as conn:
        now = utcnow()
        sid = active_session_id(conn)
        if sid is None:
            return DisplayOut(
                session_title="",
                sitting=None,
                current_item=None,
                totals=None,
                quorum=None,
                quorum_met=None,
                server_time=now,
            )
        title = conn.execute(
            select(congress_sessions.c.title).where(congress_sessions.c.id == sid)
        ).scalar_one()
        state_now = agenda.agenda_state(conn, sid)
        current = next((i for i in state_now.items if i.id == state_now.current_item_id), None)
        try:
            counts = attendance.attendance(conn, sid)
        except ApiError:  # no sitting yet
            counts = None
        sitting = None
        if counts is not None:
            row = attendance.sitting_row(conn, counts.sitting_id)
            sitting = SittingOut.model_validate(row)
        return DisplayOut(
            session_title=title,
            sitting=sitting,
            current_item=current,
            totals=counts.totals if counts else None,
            quorum=counts.quorum if counts else None,
            quorum_met=counts.quorum_met if counts else None,
            server_time=now,
        )

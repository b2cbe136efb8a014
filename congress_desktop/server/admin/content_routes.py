"""Session, sittings, roster, delegates, seats, motions and notices."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy import func, select

from congress_desktop.model import congress_sessions, motions, notices, sittings, utcnow
from congress_desktop.protocol import (
    AdminAction,
    DelegateOut,
    DelegationOut,
    ErrorBody,
    ErrorCode,
    MotionIn,
    MotionOut,
    MotionPatch,
    NoticeIn,
    NoticeOut,
    NoticePatch,
    RosterErrors,
    SeatAssign,
    SeatOut,
    SessionIn,
    SessionOut,
    SessionPatch,
    SittingIn,
    SittingOut,
    SittingPatch,
)
from congress_desktop.server import events
from congress_desktop.server.admin import people, rows
from congress_desktop.server.admin.deps import require, session_or_active, writing
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.queries import active_session_id
from congress_desktop.server.roster import RosterRejected, hash_pins, parse_roster
from congress_desktop.server.users import ConsoleUser

router = APIRouter()

A = AdminAction
Viewer = Annotated[ConsoleUser, Depends(require(A.CONTENT_VIEW))]
SessionEditor = Annotated[ConsoleUser, Depends(require(A.SESSION_EDIT))]
SessionQuery = Annotated[str | None, Query(max_length=36)]
MAX_ROSTER_BYTES = 20 * 1024 * 1024


def _session_out(row: dict[str, Any], active: str | None) -> SessionOut:
    return SessionOut.model_validate({**row, "active": row["id"] == active})


# --------------------------------------------------------------------------- sessions


@router.get("/sessions")
def list_sessions(state: StateDep, _user: Viewer) -> list[SessionOut]:
    with read_connection(state.engine) as conn:
        active = active_session_id(conn)
        query = select(congress_sessions).where(congress_sessions.c.deleted.is_(False))
        found = conn.execute(query.order_by(congress_sessions.c.starts_on)).mappings()
        return [_session_out(dict(r), active) for r in found]


@router.post("/sessions", status_code=201)
def create_session(body: SessionIn, state: StateDep, user: SessionEditor) -> SessionOut:
    with writing(state) as conn:
        row = rows.create(conn, user, congress_sessions, body.model_dump(), "session.create")
        return _session_out(row, active_session_id(conn))


@router.patch("/sessions/{session_id}")
def update_session(
    session_id: str, body: SessionPatch, state: StateDep, user: SessionEditor
) -> SessionOut:
    with writing(state) as conn:
        changes = body.model_dump(exclude_unset=True)
        row = rows.patch(
            conn, user, congress_sessions, session_id, changes, "session.update", "session"
        )
        return _session_out(row, active_session_id(conn))


# --------------------------------------------------------------------------- sittings


@router.get("/sittings")
def list_sittings(
    state: StateDep, _user: Viewer, session_id: SessionQuery = None
) -> list[SittingOut]:
    with read_connection(state.engine) as conn:
        sid = session_or_active(conn, session_id)
        query = select(sittings).where(sittings.c.session_id == sid, sittings.c.deleted.is_(False))
        found = conn.execute(query.order_by(sittings.c.number)).mappings()
        return [SittingOut.model_validate(dict(r)) for r in found]


@router.post("/sittings", status_code=201)
def create_sitting(body: SittingIn, state: StateDep, user: SessionEditor) -> SittingOut:
    with writing(state) as conn:
        values = body.model_dump()
        values["session_id"] = session_or_active(conn, body.session_id)
        rows.get_row(conn, congress_sessions, values["session_id"], "session")
        row = rows.create(conn, user, sittings, values, "sitting.create")
        return SittingOut.model_validate(row)


@router.patch("/sittings/{sitting_id}")
def update_sitting(
    sitting_id: str, body: SittingPatch, state: StateDep, user: SessionEditor
) -> SittingOut:
    with writing(state) as conn:
        changes = body.model_dump(exclude_unset=True)
        row = rows.patch(conn, user, sittings, sitting_id, changes, "sitting.update", "sitting")
        return SittingOut.model_validate(row)


# --------------------------------------------------------------------------- roster, seats


@router.post(
    "/roster",
    responses={422: {"model": RosterErrors, "description": "bad rows; nothing imported"}},
)
def import_roster(
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require(A.ROSTER_IMPORT))],
    file: Annotated[UploadFile, File(description="CSV or XLSX roster")],
    session_id: Annotated[str | None, Form()] = None,
) -> Any:
    data = file.file.read(MAX_ROSTER_BYTES + 1)
    filename = file.filename or "roster"
    try:
        if len(data) > MAX_ROSTER_BYTES:
            raise RosterRejected([])
        parsed = parse_roster(data, filename)
        with read_connection(state.engine) as conn:
            sid = session_or_active(conn, session_id)
            hash_pins(parsed, people.pin_hashes(conn, sid))
        with writing(state) as conn:
            return people.apply_roster(conn, user, sid, parsed, filename)
    except RosterRejected as exc:
        message = f"the roster was not imported: {len(exc.errors)} problem(s)"
        if not exc.errors:
            message = f"the roster file is larger than {MAX_ROSTER_BYTES} bytes"
        body = RosterErrors(
            error=ErrorBody(code=ErrorCode.BAD_REQUEST, message=message), errors=exc.errors
        )
        return JSONResponse(body.model_dump(mode="json"), status_code=422)


@router.get("/delegations")
def list_delegations(
    state: StateDep, _user: Viewer, session_id: SessionQuery = None
) -> list[DelegationOut]:
    with read_connection(state.engine) as conn:
        return people.list_delegations(conn, session_or_active(conn, session_id))


@router.get("/delegates")
def list_delegates(
    state: StateDep, _user: Viewer, session_id: SessionQuery = None
) -> list[DelegateOut]:
    with read_connection(state.engine) as conn:
        return people.list_delegates(conn, session_or_active(conn, session_id))


@router.get("/seats")
def list_seats(state: StateDep, _user: Viewer, session_id: SessionQuery = None) -> list[SeatOut]:
    with read_connection(state.engine) as conn:
        return people.list_seats(conn, session_or_active(conn, session_id))


@router.put("/seats/{number}")
def assign_seat(
    number: int,
    body: SeatAssign,
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require(A.SEATS_EDIT))],
    session_id: SessionQuery = None,
) -> SeatOut:
    with writing(state) as conn:
        sid = session_or_active(conn, session_id)
        return people.assign_seat(conn, user, sid, number, body.delegate_id)


# --------------------------------------------------------------------------- motions, notices

MotionEditor = Annotated[ConsoleUser, Depends(require(A.MOTIONS_EDIT))]
NoticeEditor = Annotated[ConsoleUser, Depends(require(A.NOTICES_EDIT))]


@router.get("/motions")
def list_motions(
    state: StateDep, _user: Viewer, session_id: SessionQuery = None
) -> list[MotionOut]:
    with read_connection(state.engine) as conn:
        sid = session_or_active(conn, session_id)
        query = select(motions).where(motions.c.session_id == sid, motions.c.deleted.is_(False))
        found = conn.execute(query.order_by(motions.c.number)).mappings()
        return [MotionOut.model_validate(dict(r)) for r in found]


@router.post("/motions", status_code=201)
def create_motion(body: MotionIn, state: StateDep, user: MotionEditor) -> MotionOut:
    with writing(state) as conn:
        sid = session_or_active(conn, None)
        values = body.model_dump(mode="json")
        if values["number"] is None:
            highest = conn.execute(
                select(func.max(motions.c.number)).where(motions.c.session_id == sid)
            ).scalar()
            values["number"] = (highest or 0) + 1
        row = rows.create(conn, user, motions, {**values, "session_id": sid}, "motion.create")
        return MotionOut.model_validate(row)


@router.patch("/motions/{motion_id}")
def update_motion(
    motion_id: str, body: MotionPatch, state: StateDep, user: MotionEditor
) -> MotionOut:
    with writing(state) as conn:
        changes = body.model_dump(mode="json", exclude_unset=True)
        row = rows.patch(conn, user, motions, motion_id, changes, "motion.update", "motion")
        return MotionOut.model_validate(row)


@router.get("/notices")
def list_notices(
    state: StateDep, _user: Viewer, session_id: SessionQuery = None
) -> list[NoticeOut]:
    with read_connection(state.engine) as conn:
        sid = session_or_active(conn, session_id)
        query = select(notices).where(notices.c.session_id == sid, notices.c.deleted.is_(False))
        found = conn.execute(query.order_by(notices.c.published_at.desc())).mappings()
        return [NoticeOut.model_validate(dict(r)) for r in found]


@router.post("/notices", status_code=201)
def publish_notice(body: NoticeIn, state: StateDep, user: NoticeEditor) -> NoticeOut:
    with writing(state) as conn:
        values = {
            **body.model_dump(),
            "session_id": session_or_active(conn, None),
            "published_at": utcnow(),
        }
        notice = NoticeOut.model_validate(
            rows.create(conn, user, notices, values, "notice.publish")
        )
    events.publish_notice(state.engine, notice_id=notice.id, title=notice.title)
    return notice


@router.patch("/notices/{notice_id}")
def update_notice(
    notice_id: str, body: NoticePatch, state: StateDep, user: NoticeEditor
) -> NoticeOut:
    with writing(state) as conn:
        changes = body.model_dump(exclude_unset=True)
        row = rows.patch(conn, user, notices, notice_id, changes, "notice.update", "notice")
        return NoticeOut.model_validate(row)


@router.delete("/notices/{notice_id}", status_code=204)
def withdraw_notice(notice_id: str, state: StateDep, user: NoticeEditor) -> None:
    with writing(state) as conn:
        rows.remove(conn, user, notices, notice_id, "notice.withdraw", "notice")

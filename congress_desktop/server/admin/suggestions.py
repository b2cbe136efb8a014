"""Suggestions (代表建议) for the secretariat and the handling units (承办单位).

The secretariat sees every suggestion, reviews it (审核: accept, or return with a reason) and
assigns (交办) accepted ones to units; a handling-unit account sees only the suggestions
assigned to its own unit and answers them (答复). Assignments are server-only rows; every
state change writes the replicated suggestion, a timeline entry the delegates concerned
receive, and an audit entry in one transaction (see :mod:`server.suggestion_flow`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Connection, select

from congress_desktop.model import (
    SuggestionEventKind,
    SuggestionState,
    delegates,
    suggestions,
    utcnow,
)
from congress_desktop.protocol import (
    AdminAction,
    AssignmentKind,
    AssignmentOut,
    AssignRequest,
    ConsoleRole,
    ErrorCode,
    ReplyRequest,
    ReviewDecision,
    ReviewRequest,
    SuggestionDetailOut,
    SuggestionOut,
)
from congress_desktop.server import audit, suggestion_flow
from congress_desktop.server.admin import rows
from congress_desktop.server.admin.deps import (
    UserDep,
    bad_request,
    conflict,
    require,
    session_or_active,
    writing,
)
from congress_desktop.server.admin.tables import suggestion_assignments
from congress_desktop.server.changes import next_seq, write_row
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.errors import ApiError
from congress_desktop.server.users import ConsoleUser, forbidden

router = APIRouter()

DUE_AFTER = dt.timedelta(days=91)  # three months
ASSIGNABLE = {
    SuggestionState.ACCEPTED,
    SuggestionState.ASSIGNED,
    SuggestionState.REHANDLING,
}


def list_suggestions(
    conn: Connection, session_id: str, unit: str | None = None
) -> list[SuggestionOut]:
    """All suggestions of a session, or (``unit``) only those assigned to that unit."""
    assignments: dict[str, list[AssignmentOut]] = {}
    for r in conn.execute(select(suggestion_assignments).order_by("assigned_at")).mappings():
        assignments.setdefault(r["suggestion_id"], []).append(AssignmentOut.model_validate(r))
    names = dict(conn.execute(select(delegates.c.id, delegates.c.name)).all())
    query = (
        select(suggestions)
        .where(
            suggestions.c.session_id == session_id,
            suggestions.c.deleted.is_(False),
            suggestions.c.number.is_not(None),
        )
        .order_by(suggestions.c.number)
    )
    out = []
    for r in conn.execute(query).mappings():
        mine = assignments.get(r["id"], [])
        if unit is not None and not any(a.unit == unit for a in mine):
            continue
        out.append(
            SuggestionOut.model_validate(
                {
                    **r,
                    "lead_delegate_name": names.get(r["lead_delegate_id"], ""),
                    "assignments": mine,
                }
            )
        )
    return out


@router.get("/suggestions")
def get_suggestions(
    state: StateDep,
    user: UserDep,
    session_id: Annotated[str | None, Query(max_length=36)] = None,
) -> list[SuggestionOut]:
    if user.may(AdminAction.SUGGESTIONS_VIEW_ALL):
        unit = None
    elif user.may(AdminAction.SUGGESTIONS_VIEW_ASSIGNED) and user.role is ConsoleRole.HANDLING_UNIT:
        unit = user.unit
    else:
        raise forbidden(user, AdminAction.SUGGESTIONS_VIEW_ALL)
    with read_connection(state.engine) as conn:
        return list_suggestions(conn, session_or_active(conn, session_id), unit)


@router.post("/suggestions/{suggestion_id}/assign", status_code=201)
def assign(
    suggestion_id: str,
    body: AssignRequest,
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require(AdminAction.SUGGESTIONS_ASSIGN))],
) -> AssignmentOut:
    with writing(state) as conn:
        seq = next_seq(conn)
        before = rows.get_row(conn, suggestions, suggestion_id, "suggestion")
        if SuggestionState(before["state"]) not in ASSIGNABLE:
            raise conflict(
                "only an accepted suggestion (or one being handled) can be assigned; this one "
                f"is {suggestion_flow.describe(before['state'])}"
            )
        now = utcnow()
        values: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "suggestion_id": suggestion_id,
            "unit": body.unit.strip(),
            "kind": body.kind.value,
            "due_on": body.due_on or (now + DUE_AFTER).date(),
            "assigned_by": user.username,
            "assigned_at": now,
        }
        conn.execute(suggestion_assignments.insert().values(values))
        if before["state"] != SuggestionState.ASSIGNED:
            write_row(
                conn,
                suggestions,
                {"id": suggestion_id, "state": SuggestionState.ASSIGNED.value},
                seq=seq,
            )
        after = rows.get_row(conn, suggestions, suggestion_id, "suggestion")
        suggestion_flow.add_event(
            conn,
            after,
            SuggestionEventKind.ASSIGNED,
            _actor(user),
            now=now,
            text=body.reason,
            data={
                "unit": values["unit"],
                "kind": values["kind"],
                "due_on": values["due_on"].isoformat(),
                "role": user.role.value,
            },
        )
        audit.record(
            conn,
            user,
            "suggestion.assign",
            "suggestions",
            suggestion_id,
            before={"state": before["state"]},
            after={"state": after["state"], "assignment": values},
            reason=body.reason,
        )
        return AssignmentOut.model_validate(values)


def _actor(user: ConsoleUser) -> str:
    """How a console user appears on a delegate's timeline: the unit, or the secretariat."""
    return user.unit or user.username


def _may_see(conn: Connection, user: ConsoleUser, suggestion_id: str) -> bool:
    if user.may(AdminAction.SUGGESTIONS_VIEW_ALL):
        return True
    if user.role is not ConsoleRole.HANDLING_UNIT or not user.may(
        AdminAction.SUGGESTIONS_VIEW_ASSIGNED
    ):
        return False
    return any(a.unit == user.unit for a in suggestion_flow.assignments_of(conn, suggestion_id))


@router.get("/suggestions/{suggestion_id}")
def get_suggestion(suggestion_id: str, state: StateDep, user: UserDep) -> SuggestionDetailOut:
    """One suggestion with its co-signers, assignments and history timeline."""
    with read_connection(state.engine) as conn:
        row = rows.get_row(conn, suggestions, suggestion_id, "suggestion")
        if not _may_see(conn, user, suggestion_id):
            if user.role is ConsoleRole.HANDLING_UNIT:
                raise ApiError(
                    403, ErrorCode.FORBIDDEN, "this suggestion is not assigned to your unit"
                )
            raise forbidden(user, AdminAction.SUGGESTIONS_VIEW_ALL)
        return suggestion_flow.detail(conn, row)


@router.post("/suggestions/{suggestion_id}/review")
def review(
    suggestion_id: str,
    body: ReviewRequest,
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require(AdminAction.SUGGESTIONS_REVIEW))],
) -> SuggestionDetailOut:
    """审核: accept a submitted suggestion (立案) or return it to the delegate with a reason."""
    reason = body.reason.strip()
    if body.decision is ReviewDecision.RETURN and not reason:
        raise bad_request("returning a suggestion needs a reason the delegate can read")
    with writing(state) as conn:
        next_seq(conn)  # the write lock before reading the state we change
        before = rows.get_row(conn, suggestions, suggestion_id, "suggestion")
        if before["state"] != SuggestionState.SUBMITTED.value:
            raise conflict(
                "only a submitted suggestion can be reviewed; this one is "
                f"{suggestion_flow.describe(before['state'])}"
            )
        now = utcnow()
        accept = body.decision is ReviewDecision.ACCEPT
        target = SuggestionState.ACCEPTED if accept else SuggestionState.REJECTED
        after = suggestion_flow.set_state(conn, before, target, now)
        suggestion_flow.add_event(
            conn,
            after,
            SuggestionEventKind.ACCEPTED if accept else SuggestionEventKind.RETURNED,
            _actor(user),
            now=now,
            text=reason,
            data={"role": user.role.value},
        )
        audit.record(
            conn,
            user,
            f"suggestion.review.{body.decision.value}",
            "suggestions",
            suggestion_id,
            before={"state": before["state"]},
            after={"state": target.value},
            reason=reason,
        )
        return suggestion_flow.detail(conn, after)


@router.post("/suggestions/{suggestion_id}/close-cosigning")
def close_cosigning(
    suggestion_id: str,
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require(AdminAction.SUGGESTIONS_REVIEW))],
) -> SuggestionDetailOut:
    """截止附议: stop waiting for co-signers who have not answered; their invitations expire
    and the suggestion goes to review with those who confirmed."""
    with writing(state) as conn:
        next_seq(conn)
        before = rows.get_row(conn, suggestions, suggestion_id, "suggestion")
        if before["state"] != SuggestionState.COSIGNING.value:
            raise conflict(
                "co-signing can be closed only while the suggestion waits for its co-signers; "
                f"this one is {suggestion_flow.describe(before['state'])}"
            )
        now = utcnow()
        after, expired = suggestion_flow.close_cosigning(conn, before, _actor(user), now)
        audit.record(
            conn,
            user,
            "suggestion.close_cosigning",
            "suggestions",
            suggestion_id,
            before={"state": before["state"]},
            after={"state": after["state"], "expired": expired},
        )
        return suggestion_flow.detail(conn, after)


REPLIABLE = {SuggestionState.ASSIGNED, SuggestionState.REHANDLING}


@router.post("/suggestions/{suggestion_id}/reply")
def reply(
    suggestion_id: str,
    body: ReplyRequest,
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require(AdminAction.SUGGESTIONS_REPLY))],
) -> SuggestionDetailOut:
    """答复 by the handling unit the suggestion is assigned to; the delegate then gives
    feedback on their terminal."""
    text = body.text.strip()
    if not text:
        raise bad_request("the reply is empty")
    with writing(state) as conn:
        next_seq(conn)
        before = rows.get_row(conn, suggestions, suggestion_id, "suggestion")
        mine = [
            a for a in suggestion_flow.assignments_of(conn, suggestion_id) if a.unit == user.unit
        ]
        if not mine:
            raise ApiError(403, ErrorCode.FORBIDDEN, "this suggestion is not assigned to your unit")
        if not any(a.kind is AssignmentKind.LEAD for a in mine):
            raise ApiError(
                403,
                ErrorCode.FORBIDDEN,
                "only the lead unit (主办单位) answers the delegate; an assisting unit "
                "(协办单位) gives its opinion to the lead unit",
            )
        if SuggestionState(before["state"]) not in REPLIABLE:
            raise conflict(
                "only an assigned suggestion (or one being handled again) can be answered; "
                f"this one is {suggestion_flow.describe(before['state'])}"
            )
        now = utcnow()
        after = suggestion_flow.set_state(conn, before, SuggestionState.REPLIED, now)
        suggestion_flow.add_event(
            conn,
            after,
            SuggestionEventKind.REPLIED,
            _actor(user),
            now=now,
            text=text,
            data={"unit": user.unit, "role": user.role.value},
        )
        audit.record(
            conn,
            user,
            "suggestion.reply",
            "suggestions",
            suggestion_id,
            before={"state": before["state"]},
            after={"state": SuggestionState.REPLIED.value, "reply": text},
        )
        return suggestion_flow.detail(conn, after)

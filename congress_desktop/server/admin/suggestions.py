"""Suggestions (代表建议) for the secretariat and the handling units (承办单位).

The secretariat sees every suggestion and assigns (交办) them to units; a handling-unit
account sees only the suggestions assigned to its own unit. Assignments are server-only
rows; assigning moves the replicated suggestion to ``assigned`` so the delegate sees it.
Replies, feedback and the rest of the workflow are not built yet.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Connection, select

from congress_desktop.model import SuggestionState, delegates, suggestions, utcnow
from congress_desktop.protocol import (
    AdminAction,
    AssignmentOut,
    AssignRequest,
    ConsoleRole,
    SuggestionOut,
)
from congress_desktop.server import audit
from congress_desktop.server.admin import rows
from congress_desktop.server.admin.deps import (
    UserDep,
    conflict,
    require,
    session_or_active,
    writing,
)
from congress_desktop.server.admin.tables import suggestion_assignments
from congress_desktop.server.changes import next_seq, write_row
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.users import ConsoleUser, forbidden

router = APIRouter()

DUE_AFTER = dt.timedelta(days=91)  # three months
ASSIGNABLE = {
    SuggestionState.SUBMITTED,
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
            raise conflict(f"a suggestion in state {before['state']} cannot be assigned")
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

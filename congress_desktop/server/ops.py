"""The effects of terminal ops (sign-in, suggestion submission, co-signing, feedback) on
replicated rows.

Each effect first takes the next ``server_seq``: that holds the counter row lock, so the
checks below see every write committed before this one and no other writer runs until
commit (on SQLite, ``BEGIN IMMEDIATE`` already serializes writers).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, func, select

from congress_desktop.model import (
    SignInMethod,
    delegates,
    row_to_wire,
    signins,
    sittings,
    suggestions,
)
from congress_desktop.protocol import (
    CosignPayload,
    FeedbackPayload,
    Op,
    OpStatus,
    RejectCode,
    SignInPayload,
    SuggestionPayload,
)
from congress_desktop.server import suggestion_flow
from congress_desktop.server.auth import Terminal
from congress_desktop.server.changes import next_seq, write_row
from congress_desktop.server.queries import active_session_id, seat_delegate_id

Outcome = tuple[OpStatus, dict[str, Any]]
M = TypeVar("M", bound=BaseModel)


class Rejected(Exception):
    """The op cannot be applied: ``code`` says why (the terminal words it for the delegate),
    ``reason`` in the server's words (logs, and terminals that do not know the code)."""

    def __init__(self, reason: str, code: RejectCode) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def _parse(model: type[M], payload: dict[str, Any]) -> M:
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "payload"
        raise Rejected(
            f"invalid payload: {where}: {first.get('msg', 'invalid')}", RejectCode.INVALID
        ) from None


def _own_delegate(conn: Connection, terminal: Terminal, delegate_id: str) -> str:
    mine = seat_delegate_id(conn, terminal.seat_number)
    if mine is None:
        raise Rejected(
            "no delegate is assigned to this terminal's seat", RejectCode.NO_DELEGATE_AT_SEAT
        )
    if delegate_id != mine:
        raise Rejected(
            "the delegate is not assigned to this terminal's seat", RejectCode.NOT_YOUR_SEAT
        )
    return mine


def _row(conn: Connection, table: Any, row_id: str) -> dict[str, Any] | None:
    found = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return None if found is None else dict(found)


# --------------------------------------------------------------------------- sign-in


def signed_at(op: Op, received: dt.datetime) -> tuple[dt.datetime, bool]:
    """(time of the tap, estimated?).

    Same boot: receive time minus the monotonic seconds since the tap (exact). After a reboot:
    the terminal's wall time corrected by its last known offset to this server's clock
    (``clock_offset_s``), or the bare wall time when it never measured one — estimated, and
    never later than the receipt. Skew is never a reason to refuse.
    """
    if op.elapsed_s is not None and op.elapsed_s >= 0:
        return received - dt.timedelta(seconds=op.elapsed_s), False
    wall = op.wall_time if op.wall_time.tzinfo else op.wall_time.replace(tzinfo=dt.UTC)
    if op.clock_offset_s is not None:
        wall += dt.timedelta(seconds=op.clock_offset_s)
    return min(wall, received), True


def apply_signin(conn: Connection, terminal: Terminal, op: Op, received: dt.datetime) -> Outcome:
    payload = _parse(SignInPayload, op.payload)
    seq = next_seq(conn)
    delegate_id = _own_delegate(conn, terminal, payload.delegate_id)
    if payload.method is SignInMethod.STAFF:
        raise Rejected(
            "a staff sign-in (补签) can only be made at the secretariat console",
            RejectCode.STAFF_ONLY,
        )
    sitting = _row(conn, sittings, payload.sitting_id)
    if sitting is None or sitting["deleted"]:
        raise Rejected("the sitting does not exist", RejectCode.NO_SITTING)
    existing = (
        conn.execute(
            select(signins).where(
                signins.c.delegate_id == delegate_id,
                signins.c.sitting_id == payload.sitting_id,
                signins.c.deleted.is_(False),
            )
        )
        .mappings()
        .first()
    )
    if existing is not None:
        return OpStatus.DUPLICATE, {
            "reason": "the delegate has already signed in for this sitting",
            "signin": row_to_wire(signins, dict(existing)),
        }
    if _row(conn, signins, payload.signin_id) is not None:
        raise Rejected("the sign-in id is already in use", RejectCode.ID_IN_USE)
    when, estimated = signed_at(op, received)
    values = {
        "id": payload.signin_id,
        "session_id": sitting["session_id"],
        "sitting_id": payload.sitting_id,
        "delegate_id": delegate_id,
        "terminal_id": terminal.id,
        "method": payload.method.value,
        "terminal_wall": op.wall_time if op.wall_time.tzinfo else None,
        "signed_at": when,
        "received_at": received,
        "time_estimated": estimated,
    }
    write_row(conn, signins, values, seq=seq, now=received)
    stored = _row(conn, signins, payload.signin_id)
    assert stored is not None
    return OpStatus.APPLIED, {"signin": row_to_wire(signins, stored)}


# --------------------------------------------------------------------------- suggestion


def _check_cosigners(conn: Connection, session_id: str, lead: str, cosigners: list[str]) -> None:
    if len(set(cosigners)) != len(cosigners):
        raise Rejected("a co-signer is listed twice", RejectCode.COSIGNER_TWICE)
    if lead in cosigners:
        raise Rejected("the lead delegate cannot also be a co-signer", RejectCode.LEAD_AS_COSIGNER)
    if not cosigners:
        return
    known = set(
        conn.execute(
            select(delegates.c.id).where(
                delegates.c.id.in_(cosigners),
                delegates.c.session_id == session_id,
                delegates.c.deleted.is_(False),
            )
        ).scalars()
    )
    if missing := [c for c in cosigners if c not in known]:
        raise Rejected(f"unknown co-signer(s): {', '.join(missing)}", RejectCode.UNKNOWN_COSIGNER)


def apply_suggestion(
    conn: Connection, terminal: Terminal, op: Op, received: dt.datetime
) -> Outcome:
    payload = _parse(SuggestionPayload, op.payload)
    seq = next_seq(conn)
    lead = _own_delegate(conn, terminal, payload.lead_delegate_id)
    session_id = active_session_id(conn)
    if session_id is None:
        raise Rejected("there is no congress session to submit to", RejectCode.NO_SESSION)
    existing = _row(conn, suggestions, payload.suggestion_id)
    if existing is not None:
        if existing["lead_delegate_id"] != lead:
            raise Rejected("the suggestion id is already in use", RejectCode.ID_IN_USE)
        return OpStatus.DUPLICATE, {
            "reason": "the suggestion has already been submitted",
            "suggestion": row_to_wire(suggestions, existing),
        }
    _check_cosigners(conn, session_id, lead, payload.cosigner_ids)
    highest = conn.execute(
        select(func.max(suggestions.c.number)).where(suggestions.c.session_id == session_id)
    ).scalar()
    values = {
        "id": payload.suggestion_id,
        "session_id": session_id,
        "number": (highest or 0) + 1,
        "title": payload.title.strip(),
        "content": payload.content,
        "category": payload.category.value,
        "period": payload.period.value,
        "lead_delegate_id": lead,
        "cosigner_ids": payload.cosigner_ids,
        "state": suggestion_flow.initial_state(payload.cosigner_ids).value,
        "submitted_at": received,
        "terminal_id": terminal.id,
    }
    if not values["title"]:
        raise Rejected("the title is empty", RejectCode.TITLE_EMPTY)
    write_row(conn, suggestions, values, seq=seq, now=received)
    stored = _row(conn, suggestions, payload.suggestion_id)
    assert stored is not None
    suggestion_flow.after_submit(conn, stored, received)
    return OpStatus.APPLIED, {
        "suggestion": row_to_wire(suggestions, stored),
        "number": values["number"],
    }


# --------------------------------------------------------------------------- co-signing, feedback


def apply_cosign(conn: Connection, terminal: Terminal, op: Op, received: dt.datetime) -> Outcome:
    """An invited co-signer confirms (确认附议) or declines on their own terminal."""
    payload = _parse(CosignPayload, op.payload)
    next_seq(conn)  # the write lock before the checks
    me = _own_delegate(conn, terminal, payload.delegate_id)
    try:
        applied, invitation = suggestion_flow.cosign(
            conn, payload.suggestion_id, me, payload.confirm, received
        )
    except suggestion_flow.FlowRejected as rejection:
        raise Rejected(rejection.reason, rejection.code) from None
    if not applied:
        return OpStatus.DUPLICATE, {
            "reason": "the invitation has already been answered so",
            "cosigner": invitation,
        }
    return OpStatus.APPLIED, {"cosigner": invitation}


def apply_feedback(conn: Connection, terminal: Terminal, op: Op, received: dt.datetime) -> Outcome:
    """The author rates the reply (满意/基本满意/不满意) with an optional comment."""
    payload = _parse(FeedbackPayload, op.payload)
    next_seq(conn)
    me = _own_delegate(conn, terminal, payload.delegate_id)
    try:
        applied, event = suggestion_flow.feedback(
            conn,
            payload.suggestion_id,
            me,
            payload.event_id,
            payload.rating,
            payload.comment,
            received,
        )
    except suggestion_flow.FlowRejected as rejection:
        raise Rejected(rejection.reason, rejection.code) from None
    if not applied:
        return OpStatus.DUPLICATE, {"reason": "the feedback has already been given", "event": event}
    return OpStatus.APPLIED, {"event": event}

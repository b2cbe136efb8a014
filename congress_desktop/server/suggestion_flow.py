"""The suggestion workflow (代表建议): co-signing, review, 交办, 答复, 反馈.

States::

    submitted ──(co-signers invited)──► cosigning ──(all answered)──► submitted
                                        cosigning ──(secretariat closes it: 截止附议)──► submitted
                                                    (unanswered invitations → expired)
    submitted ──review accept──► accepted ──assign──► assigned ──reply──► replied
              └─review return──► rejected (退回, with the reason)
    replied ──feedback 满意/基本满意──► closed
            └─feedback 不满意──► rehandling ──(assign again / reply again)──► …

Every state change writes the suggestion row, appends a ``suggestion_events`` row (the
timeline the delegates see) and an audit entry, all in the caller's transaction. Invitations
and timeline entries are replicated only to the delegates concerned (``audience``: the author
and the co-signers). Terminal ops raise :class:`~congress_desktop.server.ops.Rejected`; admin
actions raise ``ApiError`` (4xx) with a clear message.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from congress_desktop.model import (
    CosignState,
    FeedbackRating,
    SuggestionEventKind,
    SuggestionState,
    cosigner_row_id,
    delegates,
    row_to_wire,
    suggestion_cosigners,
    suggestion_events,
    suggestions,
)
from congress_desktop.protocol import (
    AssignmentOut,
    CosignerOut,
    RejectCode,
    SuggestionDetailOut,
    SuggestionEventOut,
)
from congress_desktop.server import audit
from congress_desktop.server.admin.tables import suggestion_assignments
from congress_desktop.server.changes import write_row

DELEGATE_ROLE = "delegate"

STATE_TEXT: dict[SuggestionState, str] = {
    SuggestionState.COSIGNING: "waiting for its co-signers to answer",
    SuggestionState.SUBMITTED: "submitted and waiting for review",
    SuggestionState.ACCEPTED: "accepted and waiting to be assigned",
    SuggestionState.REJECTED: "returned to the delegate",
    SuggestionState.ASSIGNED: "assigned to a handling unit",
    SuggestionState.REPLIED: "answered and waiting for the delegate's feedback",
    SuggestionState.CLOSED: "closed",
    SuggestionState.REHANDLING: "being handled again after an unsatisfied feedback",
}


def describe(state: str) -> str:
    try:
        return STATE_TEXT.get(SuggestionState(state), state)
    except ValueError:
        return state


def audience(suggestion: Mapping[str, Any]) -> list[str]:
    """The delegates concerned by a suggestion: its author and every invited co-signer."""
    return [suggestion["lead_delegate_id"], *(suggestion["cosigner_ids"] or [])]


def delegate_name(conn: Connection, delegate_id: str) -> str:
    name = conn.execute(select(delegates.c.name).where(delegates.c.id == delegate_id)).scalar()
    return str(name) if name else delegate_id


def get(conn: Connection, suggestion_id: str) -> dict[str, Any] | None:
    row = (
        conn.execute(select(suggestions).where(suggestions.c.id == suggestion_id))
        .mappings()
        .first()
    )
    return None if row is None or row["deleted"] else dict(row)


def add_event(
    conn: Connection,
    suggestion: Mapping[str, Any],
    kind: SuggestionEventKind,
    actor: str,
    *,
    now: dt.datetime,
    text: str = "",
    data: dict[str, Any] | None = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    """Append one timeline entry (its own seq), visible to the delegates concerned."""
    values: dict[str, Any] = {
        "id": event_id or str(uuid.uuid4()),
        "suggestion_id": suggestion["id"],
        "kind": kind.value,
        "actor": actor,
        "text": text,
        "data": data or {},
        "at": now,
        "audience": audience(suggestion),
    }
    write_row(conn, suggestion_events, values, now=now)
    return values


def set_state(
    conn: Connection, suggestion: Mapping[str, Any], state: SuggestionState, now: dt.datetime
) -> dict[str, Any]:
    write_row(conn, suggestions, {"id": suggestion["id"], "state": state.value}, now=now)
    return {**suggestion, "state": state.value}


def record_delegate(
    conn: Connection,
    delegate_id: str,
    action: str,
    suggestion_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    reason: str = "",
) -> None:
    """An audit entry for a delegate's own action (made on their terminal)."""
    audit.record_actor(
        conn,
        delegate_id,
        DELEGATE_ROLE,
        action,
        "suggestions",
        suggestion_id,
        before=before,
        after=after,
        reason=reason,
    )


# --------------------------------------------------------------------------- terminal side


def after_submit(conn: Connection, suggestion: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """A new suggestion (written in state :func:`initial_state`): invite its co-signers,
    note it on the timeline and in the audit log; the suggestion after."""
    if suggestion["cosigner_ids"]:
        for delegate_id in suggestion["cosigner_ids"]:
            write_row(
                conn,
                suggestion_cosigners,
                {
                    "id": cosigner_row_id(suggestion["id"], delegate_id),
                    "suggestion_id": suggestion["id"],
                    "delegate_id": delegate_id,
                    "state": CosignState.INVITED.value,
                    "invited_at": now,
                    "answered_at": None,
                    "audience": audience(suggestion),
                },
                now=now,
            )
    lead = suggestion["lead_delegate_id"]
    add_event(
        conn,
        suggestion,
        SuggestionEventKind.SUBMITTED,
        delegate_name(conn, lead),
        now=now,
        data={"cosigners": len(suggestion["cosigner_ids"] or [])},
    )
    record_delegate(
        conn,
        lead,
        "suggestion.submit",
        suggestion["id"],
        None,
        {k: suggestion[k] for k in ("number", "title", "state", "cosigner_ids")},
    )
    return suggestion


def initial_state(cosigner_ids: list[str]) -> SuggestionState:
    """With co-signers a suggestion waits for their answers before it goes to review."""
    return SuggestionState.COSIGNING if cosigner_ids else SuggestionState.SUBMITTED


class FlowRejected(Exception):
    """A terminal op that cannot be applied (``ops`` turns it into a rejection)."""

    def __init__(self, reason: str, code: RejectCode) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def cosign(
    conn: Connection, suggestion_id: str, delegate_id: str, confirm: bool, now: dt.datetime
) -> tuple[bool, dict[str, Any]]:
    """An invited delegate's answer. (applied?, the invitation row as wire); a repeated
    identical answer is not applied again."""
    suggestion = get(conn, suggestion_id)
    if suggestion is None:
        raise FlowRejected("the suggestion does not exist", RejectCode.NOT_FOUND)
    row_id = cosigner_row_id(suggestion_id, delegate_id)
    invitation = (
        conn.execute(select(suggestion_cosigners).where(suggestion_cosigners.c.id == row_id))
        .mappings()
        .first()
    )
    if invitation is None or invitation["deleted"]:
        raise FlowRejected("you are not invited to co-sign this suggestion", RejectCode.NOT_INVITED)
    wanted = CosignState.CONFIRMED if confirm else CosignState.DECLINED
    if invitation["state"] == wanted.value:
        return False, row_to_wire(suggestion_cosigners, dict(invitation))
    if invitation["state"] == CosignState.EXPIRED.value:
        raise FlowRejected(
            "co-signing was closed before this invitation was answered",
            RejectCode.COSIGNING_CLOSED,
        )
    if invitation["state"] != CosignState.INVITED.value:
        raise FlowRejected(
            f"you have already {invitation['state']} this invitation", RejectCode.ALREADY_ANSWERED
        )
    if suggestion["state"] != SuggestionState.COSIGNING.value:
        raise FlowRejected(
            f"the suggestion is no longer open for co-signing ({describe(suggestion['state'])})",
            RejectCode.COSIGNING_CLOSED,
        )
    write_row(
        conn,
        suggestion_cosigners,
        {"id": row_id, "state": wanted.value, "answered_at": now},
        now=now,
    )
    kind = SuggestionEventKind.COSIGN_CONFIRMED if confirm else SuggestionEventKind.COSIGN_DECLINED
    add_event(conn, suggestion, kind, delegate_name(conn, delegate_id), now=now)
    record_delegate(
        conn,
        delegate_id,
        f"suggestion.cosign.{wanted.value}",
        suggestion_id,
        {"cosigner": delegate_id, "state": invitation["state"]},
        {"cosigner": delegate_id, "state": wanted.value},
    )
    waiting = conn.execute(
        select(suggestion_cosigners.c.id).where(
            suggestion_cosigners.c.suggestion_id == suggestion_id,
            suggestion_cosigners.c.state == CosignState.INVITED.value,
            suggestion_cosigners.c.deleted.is_(False),
        )
    ).first()
    if waiting is None:
        set_state(conn, suggestion, SuggestionState.SUBMITTED, now)
        add_event(conn, suggestion, SuggestionEventKind.COSIGNING_DONE, "", now=now)
        record_delegate(
            conn,
            delegate_id,
            "suggestion.cosigning_done",
            suggestion_id,
            {"state": SuggestionState.COSIGNING.value},
            {"state": SuggestionState.SUBMITTED.value},
        )
    stored = (
        conn.execute(select(suggestion_cosigners).where(suggestion_cosigners.c.id == row_id))
        .mappings()
        .one()
    )
    return True, row_to_wire(suggestion_cosigners, dict(stored))


def close_cosigning(
    conn: Connection, suggestion: dict[str, Any], actor: str, now: dt.datetime
) -> tuple[dict[str, Any], list[str]]:
    """截止附议: stop waiting for the co-signers who have not answered (an absent delegate
    would otherwise hold the suggestion back for ever); their invitations expire and the
    suggestion goes to review with those who confirmed. (the suggestion after, the delegate
    ids whose invitation expired). The caller checks the state and writes the audit entry."""
    waiting = (
        conn.execute(
            select(suggestion_cosigners.c.id, suggestion_cosigners.c.delegate_id).where(
                suggestion_cosigners.c.suggestion_id == suggestion["id"],
                suggestion_cosigners.c.state == CosignState.INVITED.value,
                suggestion_cosigners.c.deleted.is_(False),
            )
        )
        .mappings()
        .all()
    )
    for invitation in waiting:
        write_row(
            conn,
            suggestion_cosigners,
            {"id": invitation["id"], "state": CosignState.EXPIRED.value, "answered_at": now},
            now=now,
        )
    expired = [str(i["delegate_id"]) for i in waiting]
    after = set_state(conn, suggestion, SuggestionState.SUBMITTED, now)
    names = "、".join(delegate_name(conn, d) for d in expired)
    add_event(
        conn,
        after,
        SuggestionEventKind.COSIGNING_CLOSED,
        actor,
        now=now,
        text=names,
        data={"expired": expired},
    )
    return after, expired


FEEDBACK_NEXT: dict[FeedbackRating, SuggestionState] = {
    FeedbackRating.SATISFIED: SuggestionState.CLOSED,
    FeedbackRating.BASICALLY_SATISFIED: SuggestionState.CLOSED,
    FeedbackRating.UNSATISFIED: SuggestionState.REHANDLING,
}


def feedback(
    conn: Connection,
    suggestion_id: str,
    delegate_id: str,
    event_id: str,
    rating: FeedbackRating,
    comment: str,
    now: dt.datetime,
) -> tuple[bool, dict[str, Any]]:
    """The author's rating of the reply. (applied?, the feedback event as wire)."""
    suggestion = get(conn, suggestion_id)
    if suggestion is None:
        raise FlowRejected("the suggestion does not exist", RejectCode.NOT_FOUND)
    if suggestion["lead_delegate_id"] != delegate_id:
        raise FlowRejected(
            "only the suggestion's author can give feedback on the reply", RejectCode.NOT_AUTHOR
        )
    existing = (
        conn.execute(select(suggestion_events).where(suggestion_events.c.id == event_id))
        .mappings()
        .first()
    )
    if existing is not None:
        if existing["suggestion_id"] != suggestion_id:
            raise FlowRejected("the feedback id is already in use", RejectCode.ID_IN_USE)
        return False, row_to_wire(suggestion_events, dict(existing))
    if suggestion["state"] != SuggestionState.REPLIED.value:
        state = describe(suggestion["state"])
        raise FlowRejected(
            f"feedback can be given only after a reply; the suggestion is {state}",
            RejectCode.NOT_REPLIED,
        )
    event = add_event(
        conn,
        suggestion,
        SuggestionEventKind.FEEDBACK,
        delegate_name(conn, delegate_id),
        now=now,
        text=comment.strip(),
        data={"rating": rating.value},
        event_id=event_id,
    )
    after = FEEDBACK_NEXT[rating]
    set_state(conn, suggestion, after, now)
    record_delegate(
        conn,
        delegate_id,
        "suggestion.feedback",
        suggestion_id,
        {"state": suggestion["state"]},
        {"state": after.value, "rating": rating.value},
        reason=comment.strip(),
    )
    return True, row_to_wire(suggestion_events, event)


# --------------------------------------------------------------------------- reading


def assignments_of(conn: Connection, suggestion_id: str) -> list[AssignmentOut]:
    query = (
        select(suggestion_assignments)
        .where(suggestion_assignments.c.suggestion_id == suggestion_id)
        .order_by(suggestion_assignments.c.assigned_at)
    )
    return [AssignmentOut.model_validate(dict(r)) for r in conn.execute(query).mappings()]


def detail(conn: Connection, suggestion: Mapping[str, Any]) -> SuggestionDetailOut:
    """A suggestion with its assignments, co-signers and timeline (oldest first)."""
    names = dict(conn.execute(select(delegates.c.id, delegates.c.name)).all())
    cosigners = [
        CosignerOut(
            delegate_id=r["delegate_id"],
            delegate_name=names.get(r["delegate_id"], r["delegate_id"]),
            state=CosignState(r["state"]),
            invited_at=r["invited_at"],
            answered_at=r["answered_at"],
        )
        for r in conn.execute(
            select(suggestion_cosigners).where(
                suggestion_cosigners.c.suggestion_id == suggestion["id"],
                suggestion_cosigners.c.deleted.is_(False),
            )
        ).mappings()
    ]
    order = {d: i for i, d in enumerate(suggestion["cosigner_ids"] or [])}
    cosigners.sort(key=lambda c: order.get(c.delegate_id, len(order)))
    timeline = [
        SuggestionEventOut.model_validate(dict(r))
        for r in conn.execute(
            select(suggestion_events)
            .where(
                suggestion_events.c.suggestion_id == suggestion["id"],
                suggestion_events.c.deleted.is_(False),
            )
            .order_by(suggestion_events.c.at, suggestion_events.c.seq)
        ).mappings()
    ]
    return SuggestionDetailOut.model_validate(
        {
            **suggestion,
            "lead_delegate_name": names.get(suggestion["lead_delegate_id"], ""),
            "assignments": assignments_of(conn, suggestion["id"]),
            "cosigners": cosigners,
            "timeline": timeline,
        }
    )

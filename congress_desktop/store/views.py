"""Read models for the screens: plain frozen dataclasses built from the local replica."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from congress_desktop import model as m
from congress_desktop.store.schema import blobs, outbox


@dataclass(frozen=True)
class SessionView:
    id: str
    title: str
    short_title: str
    venue: str
    starts_on: dt.date | None
    ends_on: dt.date | None


@dataclass(frozen=True)
class SittingView:
    id: str
    number: int
    title: str
    starts_at: dt.datetime | None
    signin_opens: dt.datetime | None = None
    signin_closes: dt.datetime | None = None


@dataclass(frozen=True)
class DelegateView:
    id: str
    number: str
    name: str
    delegation: str
    unit: str
    badge_id: str | None
    pin_hash: str | None


@dataclass(frozen=True)
class AgendaItemView:
    id: str
    position: int
    title: str
    description: str
    presenter: str
    state: str
    is_current: bool


@dataclass(frozen=True)
class DocumentView:
    id: str
    title: str
    filename: str
    sha256: str
    size: int
    pages: int
    classification: str
    agenda_item_id: str | None
    available: bool


@dataclass(frozen=True)
class MotionView:
    id: str
    number: int
    title: str
    lead_name: str
    cosigner_names: list[str]
    cause: str
    grounds: str
    proposal: str
    state: str
    document_id: str | None = None  # the motion's text as a document, if attached


@dataclass(frozen=True)
class NoticeView:
    id: str
    title: str
    body: str
    published_at: dt.datetime | None


@dataclass(frozen=True)
class Rejection:
    """Why the server rejected one of this terminal's ops: ``code`` (a
    :class:`~congress_desktop.op_kinds.RejectCode` value; None from an older server), which
    the screens word in the delegate's language, and ``reason``, the server's own (English)
    words, shown only for a code the terminal does not know."""

    code: str | None
    reason: str


@dataclass(frozen=True)
class SuggestionView:
    id: str
    number: int | None
    title: str
    content: str
    category: str
    state: str
    submitted_at: dt.datetime | None
    sent: bool  # the server has acknowledged it
    rejection: Rejection | None


@dataclass(frozen=True)
class SignInView:
    id: str
    sitting_id: str
    signed_at: dt.datetime
    confirmed: bool  # the server has it (pulled back), not only the local outbox
    rejection: Rejection | None = None  # the server refused it: the delegate is not signed in


def session(conn: Connection) -> SessionView | None:
    row = conn.execute(select(m.congress_sessions).limit(1)).mappings().first()
    if row is None:
        return None
    return SessionView(
        row["id"], row["title"], row["short_title"], row["venue"], row["starts_on"], row["ends_on"]
    )


def sittings(conn: Connection) -> list[SittingView]:
    rows = conn.execute(select(m.sittings).order_by(m.sittings.c.number)).mappings()
    return [
        SittingView(
            r["id"], r["number"], r["title"], r["starts_at"], r["signin_opens"], r["signin_closes"]
        )
        for r in rows
    ]


def current_sitting(
    conn: Connection, now: dt.datetime | None = None, tz: dt.tzinfo | None = None
) -> SittingView | None:
    """The sitting a delegate signs in to now (see :func:`model.current_sitting`)."""
    return m.current_sitting(sittings(conn), now or m.utcnow(), tz)


def _delegate(row: Any, delegation_names: dict[str, str]) -> DelegateView:
    return DelegateView(
        row["id"],
        row["number"],
        row["name"],
        delegation_names.get(row["delegation_id"] or "", ""),
        row["unit"],
        row["badge_id"],
        row["pin_hash"],
    )


def _delegation_names(conn: Connection) -> dict[str, str]:
    return {i: n for i, n in conn.execute(select(m.delegations.c.id, m.delegations.c.name))}


def seat_delegate(conn: Connection, seat_number: int | None) -> DelegateView | None:
    if seat_number is None:
        return None
    query = (
        select(m.delegates)
        .join(m.seats, m.seats.c.delegate_id == m.delegates.c.id)
        .where(m.seats.c.number == seat_number)
    )
    row = conn.execute(query).mappings().first()
    return _delegate(row, _delegation_names(conn)) if row else None


def delegates(conn: Connection) -> list[DelegateView]:
    """Every delegate of the session, by delegation then number (co-signer picking)."""
    names = _delegation_names(conn)
    rows = conn.execute(select(m.delegates).order_by(m.delegates.c.number)).mappings()
    found = [_delegate(r, names) for r in rows]
    return sorted(found, key=lambda d: (d.delegation, d.number))


def delegate_by_badge(conn: Connection, badge_id: str) -> DelegateView | None:
    row = conn.execute(select(m.delegates).where(m.delegates.c.badge_id == badge_id)).mappings()
    first = row.first()
    return _delegate(first, _delegation_names(conn)) if first else None


def delegate_names(conn: Connection) -> dict[str, str]:
    return {i: n for i, n in conn.execute(select(m.delegates.c.id, m.delegates.c.name))}


def agenda(conn: Connection) -> list[AgendaItemView]:
    current = conn.execute(select(m.agendas.c.current_item_id).limit(1)).scalar()
    rows = conn.execute(select(m.agenda_items).order_by(m.agenda_items.c.position)).mappings()
    return [
        AgendaItemView(
            r["id"],
            r["position"],
            r["title"],
            r["description"],
            r["presenter"],
            r["state"],
            r["id"] == current,
        )
        for r in rows
    ]


def agenda_version(conn: Connection) -> int:
    return conn.execute(select(m.agendas.c.version).limit(1)).scalar() or 0


def documents(conn: Connection, agenda_item_id: str | None = None) -> list[DocumentView]:
    available = set(
        conn.execute(select(blobs.c.sha256).where(blobs.c.state == "available")).scalars()
    )
    query = select(m.documents).order_by(m.documents.c.position, m.documents.c.title)
    if agenda_item_id is not None:
        query = query.where(m.documents.c.agenda_item_id == agenda_item_id)
    return [
        DocumentView(
            r["id"],
            r["title"],
            r["filename"],
            r["sha256"],
            r["size"],
            r["pages"],
            r["classification"],
            r["agenda_item_id"],
            r["sha256"] in available,
        )
        for r in conn.execute(query).mappings()
    ]


def motions(conn: Connection) -> list[MotionView]:
    names = delegate_names(conn)
    rows = conn.execute(select(m.motions).order_by(m.motions.c.number)).mappings()
    return [
        MotionView(
            r["id"],
            r["number"],
            r["title"],
            names.get(r["lead_delegate_id"] or "", ""),
            [names.get(i, i) for i in r["cosigner_ids"] or []],
            r["cause"],
            r["grounds"],
            r["proposal"],
            r["state"],
            r["document_id"],
        )
        for r in rows
    ]


def notices(conn: Connection) -> list[NoticeView]:
    newest_first = (m.notices.c.published_at.desc(), m.notices.c.seq.desc())
    rows = conn.execute(select(m.notices).order_by(*newest_first)).mappings()
    return [NoticeView(r["id"], r["title"], r["body"], r["published_at"]) for r in rows]


OpStates = dict[str, tuple[str, "Rejection | None"]]
"""Local row id → (state of the op that wrote it, why the server rejected it)."""


def _op_states(conn: Connection, table: str, row_id: str | None = None) -> OpStates:
    query = select(outbox.c.row_id, outbox.c.state, outbox.c.reason, outbox.c.reason_code).where(
        outbox.c.row_table == table
    )
    if row_id is not None:
        query = query.where(outbox.c.row_id == row_id)
    rows = conn.execute(query)
    return {
        row_id: (state, Rejection(code, reason or "") if state == "rejected" else None)
        for row_id, state, reason, code in rows
    }


def my_suggestions(conn: Connection, delegate_id: str) -> list[SuggestionView]:
    ops = _op_states(conn, "suggestions")
    rows = conn.execute(
        select(m.suggestions)
        .where(m.suggestions.c.lead_delegate_id == delegate_id)
        .order_by(m.suggestions.c.submitted_at.desc())
    ).mappings()
    return [_suggestion_view(r, ops) for r in rows]


def my_signin(conn: Connection, delegate_id: str, sitting_id: str) -> SignInView | None:
    row = (
        conn.execute(
            select(m.signins)
            .where(m.signins.c.delegate_id == delegate_id, m.signins.c.sitting_id == sitting_id)
            .order_by(m.signins.c.seq.desc())  # the server's (confirmed) row over a local one
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    confirmed = row["seq"] > 0
    op = None if confirmed else _op_states(conn, "signins", row["id"]).get(row["id"])
    rejection = op[1] if op is not None else None
    return SignInView(row["id"], row["sitting_id"], row["signed_at"], confirmed, rejection)


# --------------------------------------------------------------------------- suggestion flow


@dataclass(frozen=True)
class CosignerView:
    delegate_id: str
    name: str
    state: str  # model.CosignState
    answered_at: dt.datetime | None
    sent: bool  # False while the delegate's own answer waits in the outbox


@dataclass(frozen=True)
class TimelineEntryView:
    id: str
    kind: str  # model.SuggestionEventKind
    actor: str
    text: str
    data: dict[str, Any]
    at: dt.datetime
    sent: bool  # False for a local entry (the delegate's feedback) not yet acknowledged


@dataclass(frozen=True)
class SuggestionDetailView:
    suggestion: SuggestionView
    lead_delegate_id: str
    lead_name: str
    cosigners: list[CosignerView]
    timeline: list[TimelineEntryView]
    refused_feedback: Rejection | None = None  # why the server refused the last feedback sent

    @property
    def replies(self) -> list[TimelineEntryView]:
        return [e for e in self.timeline if e.kind == m.SuggestionEventKind.REPLIED]

    @property
    def feedback(self) -> TimelineEntryView | None:
        """The feedback on the latest reply, if given."""
        last_reply = max((e.at for e in self.replies), default=None)
        given = [
            e
            for e in self.timeline
            if e.kind == m.SuggestionEventKind.FEEDBACK
            and (last_reply is None or e.at >= last_reply)
        ]
        return given[-1] if given else None

    def can_give_feedback(self, delegate_id: str) -> bool:
        return (
            delegate_id == self.lead_delegate_id
            and self.suggestion.state == m.SuggestionState.REPLIED
            and self.feedback is None
        )


@dataclass(frozen=True)
class InvitationView:
    """A co-signer invitation addressed to this terminal's delegate."""

    suggestion_id: str
    number: int | None
    title: str
    content: str
    category: str
    lead_name: str
    state: str  # the invitation's: invited | confirmed | declined
    suggestion_state: str
    sent: bool
    rejection: Rejection | None = None  # the server refused the answer (shown with it)


def _suggestion_view(r: Any, ops: OpStates) -> SuggestionView:
    state, rejection = ops.get(r["id"], ("applied", None))
    return SuggestionView(
        r["id"],
        r["number"],
        r["title"],
        r["content"],
        r["category"],
        "rejected" if state == "rejected" else r["state"],
        r["submitted_at"],
        state != "pending",
        rejection,
    )


def _rejection(ops: OpStates, row_id: str) -> Rejection | None:
    return ops.get(row_id, ("applied", None))[1]


def suggestion_detail(conn: Connection, suggestion_id: str) -> SuggestionDetailView | None:
    row = (
        conn.execute(select(m.suggestions).where(m.suggestions.c.id == suggestion_id))
        .mappings()
        .first()
    )
    if row is None:
        return None
    names = delegate_names(conn)
    cosign_ops = _op_states(conn, "suggestion_cosigners")
    stored = {
        r["delegate_id"]: r
        for r in conn.execute(
            select(m.suggestion_cosigners).where(
                m.suggestion_cosigners.c.suggestion_id == suggestion_id
            )
        ).mappings()
    }
    cosigners = []
    for delegate_id in row["cosigner_ids"] or []:
        found = stored.get(delegate_id)
        cosigners.append(
            CosignerView(
                delegate_id,
                names.get(delegate_id, delegate_id),
                found["state"] if found else m.CosignState.INVITED.value,
                found["answered_at"] if found else None,
                not found or cosign_ops.get(found["id"], ("applied", None))[0] != "pending",
            )
        )
    event_ops = _op_states(conn, "suggestion_events")
    local_events = conn.execute(
        select(m.suggestion_events.c.id)
        .where(
            m.suggestion_events.c.suggestion_id == suggestion_id,
            m.suggestion_events.c.seq == 0,
        )
        .order_by(m.suggestion_events.c.at)
    ).scalars()
    refusals = [r for r in (_rejection(event_ops, i) for i in local_events) if r]
    timeline = [
        TimelineEntryView(
            r["id"],
            r["kind"],
            r["actor"],
            r["text"],
            dict(r["data"] or {}),
            r["at"],
            event_ops.get(r["id"], ("applied", None))[0] != "pending",
        )
        for r in conn.execute(
            select(m.suggestion_events)
            .where(m.suggestion_events.c.suggestion_id == suggestion_id)
            .order_by(m.suggestion_events.c.at, m.suggestion_events.c.seq)
        ).mappings()
        if not (r["seq"] == 0 and _rejection(event_ops, r["id"]))  # refused: not history
    ]
    return SuggestionDetailView(
        _suggestion_view(row, _op_states(conn, "suggestions")),
        row["lead_delegate_id"],
        names.get(row["lead_delegate_id"], ""),
        cosigners,
        timeline,
        refusals[-1] if refusals else None,
    )


def invitations(conn: Connection, delegate_id: str) -> list[InvitationView]:
    """The co-signer invitations of ``delegate_id``, unanswered first, newest first."""
    names = delegate_names(conn)
    ops = _op_states(conn, "suggestion_cosigners")
    rows = conn.execute(
        select(
            m.suggestion_cosigners.c.id.label("invitation_id"),
            m.suggestion_cosigners.c.state.label("invitation_state"),
            m.suggestion_cosigners.c.invited_at,
            m.suggestions,
        )
        .join(m.suggestions, m.suggestions.c.id == m.suggestion_cosigners.c.suggestion_id)
        .where(m.suggestion_cosigners.c.delegate_id == delegate_id)
        .order_by(m.suggestion_cosigners.c.invited_at.desc())
    ).mappings()
    found = [
        InvitationView(
            r["id"],
            r["number"],
            r["title"],
            r["content"],
            r["category"],
            names.get(r["lead_delegate_id"], ""),
            r["invitation_state"],
            r["state"],
            ops.get(r["invitation_id"], ("applied", None))[0] != "pending",
            _rejection(ops, r["invitation_id"]),
        )
        for r in rows
    ]
    return sorted(found, key=lambda i: i.state != m.CosignState.INVITED.value)


def open_invitations(conn: Connection, delegate_id: str) -> int:
    """Invitations still waiting for this delegate's answer (the nav rail badge)."""
    return sum(
        1
        for i in invitations(conn, delegate_id)
        if i.state == m.CosignState.INVITED.value
        and i.suggestion_state == m.SuggestionState.COSIGNING.value
    )

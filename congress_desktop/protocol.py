"""Wire messages between terminal and server (pydantic), imported by both sides.

See docs/architecture.md for the protocol. Nothing here does I/O or imports Qt.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, Field

from congress_desktop.model import (
    AnnotationKind,
    Classification,
    CosignState,
    FeedbackRating,
    ItemState,
    MotionState,
    SignInMethod,
    SuggestionCategory,
    SuggestionEventKind,
    SuggestionPeriod,
    SuggestionState,
)

# the op kinds and outcomes and the note limits live in a module without pydantic (the
# terminal's store uses them before anything else of the protocol is needed): re-exported
from congress_desktop.op_kinds import (
    ANNOTATION_GEOMETRY_POINTS_MAX as ANNOTATION_GEOMETRY_POINTS_MAX,
)
from congress_desktop.op_kinds import ANNOTATION_TEXT_MAX as ANNOTATION_TEXT_MAX
from congress_desktop.op_kinds import OpKind as OpKind
from congress_desktop.op_kinds import OpStatus as OpStatus
from congress_desktop.op_kinds import RejectCode as RejectCode

API = "/api/v1"
PULL_LIMIT_MAX = 5000
PUSH_BATCH_MAX = 500


# --------------------------------------------------------------------------- errors


class ErrorCode(StrEnum):
    UNAUTHORIZED = "unauthorized"  # no or bad terminal credential
    TOKEN_INVALID = "token_invalid"  # unknown, expired or already used enrollment token
    BAD_REQUEST = "bad_request"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"  # a console user whose role may not do this (403)
    CONFLICT = "conflict"  # the request contradicts the stored state (409)
    INTERNAL = "internal"  # an unexpected server failure (500): transient for the client


class ErrorBody(BaseModel):
    """Body of every 4xx/5xx answer: ``{"error": {"code": ..., "message": ...}}``."""

    code: ErrorCode
    message: str


# --------------------------------------------------------------------------- health / enroll


class HealthResponse(BaseModel):
    status: str = "ok"
    version: str
    epoch: str
    seq: int
    server_time: dt.datetime
    database: str  # "sqlite" | "postgresql"


class EnrollRequest(BaseModel):
    token: str = Field(min_length=8, max_length=200)
    name: str = Field(default="", max_length=100)
    app_version: str = Field(default="", max_length=40)


class EnrollResponse(BaseModel):
    terminal_id: str
    credential: str  # shown once; the server keeps only its hash
    seat_number: int | None
    session_id: str | None
    epoch: str


# --------------------------------------------------------------------------- pull


class Change(BaseModel):
    """One replicated row at one ``seq``; ``row`` is None for a tombstone."""

    table: str
    id: str
    seq: int
    deleted: bool = False
    row: dict[str, Any] | None = None


class PullResponse(BaseModel):
    epoch: str
    changes: list[Change]
    next: int  # the cursor to send as ``since`` next time
    has_more: bool
    server_time: dt.datetime
    reset: bool = False  # epoch changed or cursor too old: reload downstream data, keep outbox


# --------------------------------------------------------------------------- push


class SignInPayload(BaseModel):
    signin_id: str = Field(min_length=1, max_length=36)
    delegate_id: str
    sitting_id: str
    method: SignInMethod = SignInMethod.PIN


class SuggestionPayload(BaseModel):
    suggestion_id: str = Field(min_length=1, max_length=36)
    title: str = Field(min_length=1, max_length=300)
    content: str = Field(min_length=1, max_length=20000)
    category: SuggestionCategory
    period: SuggestionPeriod = SuggestionPeriod.IN_SESSION
    lead_delegate_id: str
    cosigner_ids: list[str] = Field(default_factory=list)


class CosignPayload(BaseModel):
    suggestion_id: str = Field(min_length=1, max_length=36)
    delegate_id: str  # the invited delegate, at this terminal's seat
    confirm: bool  # True: 确认附议; False: 谢绝


class FeedbackPayload(BaseModel):
    suggestion_id: str = Field(min_length=1, max_length=36)
    event_id: str = Field(min_length=1, max_length=36)  # made by the terminal
    delegate_id: str  # the author
    rating: FeedbackRating
    comment: str = Field(default="", max_length=2000)


class AnnotationPayload(BaseModel):
    """A note as the terminal last saw it (its whole state: an edit replaces the row)."""

    annotation_id: str = Field(min_length=1, max_length=36)
    delegate_id: str = Field(min_length=1, max_length=36)
    document_id: str = Field(min_length=1, max_length=36)
    document_version: int = Field(default=1, ge=1)
    document_sha256: str = Field(default="", max_length=64)
    page: int = Field(ge=0, le=100_000)
    kind: AnnotationKind
    geometry: dict[str, Any]
    color: str = Field(default="#ffd400", max_length=20)
    text: str = Field(default="", max_length=ANNOTATION_TEXT_MAX)
    anchor_text: str = Field(default="", max_length=2000)
    edited_at: AwareDatetime  # last writer wins
    unplaced: bool = False


class AnnotationDeletePayload(BaseModel):
    annotation_id: str = Field(min_length=1, max_length=36)
    delegate_id: str = Field(min_length=1, max_length=36)
    edited_at: AwareDatetime


class Op(BaseModel):
    """One user action, committed to the terminal's outbox before any network call."""

    op_id: str = Field(min_length=1, max_length=36)  # UUID made by the terminal
    kind: OpKind
    payload: dict[str, Any]
    wall_time: dt.datetime  # terminal wall clock at the action
    mono_time: float  # terminal monotonic clock at the action
    boot_id: str
    # monotonic seconds between the action and this send, when sent in the same boot;
    # the server dates the action as receive time minus this
    elapsed_s: float | None = None
    # when elapsed_s is None (the terminal rebooted since the action): the last offset the
    # terminal measured, server time minus terminal wall time, in seconds; the server dates the
    # action as ``wall_time + clock_offset_s`` (flagged as estimated). None: never measured
    clock_offset_s: float | None = None


class PushRequest(BaseModel):
    ops: list[Op] = Field(max_length=PUSH_BATCH_MAX)


class OpResult(BaseModel):
    op_id: str
    status: OpStatus
    reason: str | None = None  # the server's words (English), for logs
    # why, as a ``RejectCode`` value the terminal words in the delegate's language; a plain
    # string so a terminal older than the server still reads a code it does not know
    code: str | None = None
    detail: dict[str, Any] = Field(default_factory=dict)


class PushResponse(BaseModel):
    results: list[OpResult]
    server_time: dt.datetime


# --------------------------------------------------------------------------- events and heartbeat
# Real-time nudges (``GET /api/v1/events``, Server-Sent Events) and the terminal heartbeat
# (``POST /api/v1/heartbeat``). An event is a nudge, never state: the terminal reacts at once
# (current item, follow page) but what it stores comes from the pull that follows.

EVENTS_HEARTBEAT_S = 15.0
"""A comment line (``: ping``) is sent this often on an idle stream, so proxies keep it."""


class EventType(StrEnum):
    CHANGES = "changes"  # rows above ``seq`` are waiting: pull
    CURRENT_ITEM = "current_item"  # the secretariat moved the agenda to another item
    FOLLOW = "follow"  # follow the presenter (同步翻页): show this document page
    NOTICE = "notice"  # a notice was published (the row itself comes with the pull)


class ChangesEvent(BaseModel):
    """``event: changes``, ``id: seq``: the server's change log has reached ``seq``."""

    seq: int


class CurrentItemEvent(BaseModel):
    """``event: current_item``, ``id: seq``: the agenda row written at ``seq`` now points at
    ``current_item_id`` (None: no item is current) in agenda ``agenda_version``."""

    seq: int
    agenda_version: int
    current_item_id: str | None


class FollowEvent(BaseModel):
    """``event: follow`` (no id: not a stored change): the presenter shows this page."""

    document_id: str
    page: int = Field(ge=0)
    presenter: str = ""


class NoticeEvent(BaseModel):
    """``event: notice`` (no id): notice ``id`` was published."""

    id: str
    title: str


class HeartbeatRequest(BaseModel):
    """Terminal health, sent outside the outbox (latest only, never queued)."""

    app_version: str = Field(default="", max_length=40)
    documents_total: int = Field(default=0, ge=0)
    documents_cached: int = Field(default=0, ge=0)
    outbox_pending: int = Field(default=0, ge=0)
    disk_free_bytes: int | None = Field(default=None, ge=0)
    terminal_time: dt.datetime  # the terminal's wall clock when it sent this


class HeartbeatResponse(BaseModel):
    server_time: dt.datetime
    clock_skew_s: float  # terminal_time minus the server's receive time (positive: ahead)
    seq: int  # the server's change log position (a terminal behind it should pull)
    epoch: str


# =========================================================================== admin API
# Secretariat console, hall display and technicians: everything under ``{API}/admin``.
# A console user sends ``Authorization: Bearer <token>`` (from ``POST /admin/login``).
# ``GET /admin/me`` lists the actions the user's role allows: hide the rest. A forbidden
# action answers 403 ``forbidden``; a rejected roster answers 422 with ``RosterErrors``.

ADMIN = f"{API}/admin"


class ConsoleRole(StrEnum):
    SECRETARIAT = "secretariat"  # 大会秘书处
    HANDLING_UNIT = "handling_unit"  # 承办单位: only suggestions assigned to its unit
    TECHNICIAN = "technician"  # terminals, enrollment, health


class AdminAction(StrEnum):
    """What a console user may do; ``MeResponse.actions`` lists those of the user's role."""

    CONTENT_VIEW = "content.view"  # sessions, sittings, delegates, seats, documents, agenda
    SESSION_EDIT = "session.edit"
    ROSTER_IMPORT = "roster.import"
    SEATS_EDIT = "seats.edit"
    DOCUMENTS_EDIT = "documents.edit"
    MOTIONS_EDIT = "motions.edit"
    NOTICES_EDIT = "notices.edit"
    AGENDA_EDIT = "agenda.edit"
    AGENDA_PUBLISH = "agenda.publish"
    AGENDA_SET_CURRENT = "agenda.set_current"
    PRESENTER_SET = "presenter.set"
    ATTENDANCE_VIEW = "attendance.view"
    ATTENDANCE_EDIT = "attendance.edit"  # staff late sign-in (补签) and leave (请假)
    TERMINALS_VIEW = "terminals.view"
    TERMINALS_ENROLL = "terminals.enroll"
    SUGGESTIONS_VIEW_ALL = "suggestions.view_all"
    SUGGESTIONS_VIEW_ASSIGNED = "suggestions.view_assigned"
    SUGGESTIONS_ASSIGN = "suggestions.assign"
    SUGGESTIONS_REVIEW = "suggestions.review"  # 审核: accept or return
    SUGGESTIONS_REPLY = "suggestions.reply"  # 答复: handling units, their own assignments
    REPORTS_PRINT = "reports.print"
    AUDIT_VIEW = "audit.view"
    USERS_MANAGE = "users.manage"


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class LoginResponse(BaseModel):
    token: str  # opaque bearer token; the server keeps only its digest
    role: ConsoleRole
    username: str
    unit: str = ""
    expires_at: dt.datetime


class MeResponse(BaseModel):
    username: str
    role: ConsoleRole
    unit: str = ""
    actions: list[AdminAction]
    expires_at: dt.datetime


class UserCreate(BaseModel):
    username: str = Field(min_length=1, max_length=64, pattern=r"^[^\s]+$")
    password: str = Field(min_length=8, max_length=200)
    role: ConsoleRole
    unit: str = Field(default="", max_length=200)


class UserOut(BaseModel):
    id: str
    username: str
    role: ConsoleRole
    unit: str
    created_at: dt.datetime
    disabled: bool


# --------------------------------------------------------------------------- session


class SessionIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    short_title: str = Field(default="", max_length=100)
    venue: str = Field(default="", max_length=200)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    state: str = Field(default="preparing", pattern="^(preparing|open|closed)$")


class SessionPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    short_title: str | None = Field(default=None, max_length=100)
    venue: str | None = Field(default=None, max_length=200)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    state: str | None = Field(default=None, pattern="^(preparing|open|closed)$")


class SessionOut(BaseModel):
    id: str
    title: str
    short_title: str
    venue: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    state: str
    active: bool  # the session terminals and the admin API work on by default


class SittingIn(BaseModel):
    session_id: str | None = None  # default: the active session
    number: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=200)
    starts_at: AwareDatetime | None = None
    signin_opens: AwareDatetime | None = None
    signin_closes: AwareDatetime | None = None


class SittingPatch(BaseModel):
    number: int | None = Field(default=None, ge=1)
    title: str | None = Field(default=None, min_length=1, max_length=200)
    starts_at: AwareDatetime | None = None
    signin_opens: AwareDatetime | None = None
    signin_closes: AwareDatetime | None = None


class SittingOut(BaseModel):
    id: str
    session_id: str
    number: int
    title: str
    starts_at: dt.datetime | None
    signin_opens: dt.datetime | None
    signin_closes: dt.datetime | None


# --------------------------------------------------------------------------- roster, seats


class RosterRowError(BaseModel):
    row: int  # spreadsheet row number: the header is row 1
    column: str | None = None
    message: str  # English, e.g. "row 5: name is missing"
    message_zh: str  # e.g. "第 5 行：缺少姓名"


class RosterErrors(BaseModel):
    """Body of a rejected roster (422): the common ``error`` plus every bad row."""

    error: ErrorBody
    errors: list[RosterRowError]


class RosterImportResult(BaseModel):
    session_id: str
    rows: int
    delegations_created: int
    delegates_created: int
    delegates_updated: int
    seats_assigned: int


class DelegateOut(BaseModel):
    id: str
    number: str
    name: str
    delegation_id: str | None
    delegation: str
    unit: str
    seat_number: int | None
    badge_id: str | None
    has_pin: bool


class DelegationOut(BaseModel):
    id: str
    name: str
    position: int


class SeatAssign(BaseModel):
    delegate_id: str | None  # None empties the seat


class SeatOut(BaseModel):
    id: str
    number: int
    delegate_id: str | None
    delegate_name: str | None


# --------------------------------------------------------------------------- documents etc.


class DocumentPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    classification: Classification | None = None
    agenda_item_id: str | None = None
    position: int | None = None


class DocumentOut(BaseModel):
    id: str
    title: str
    filename: str
    sha256: str
    size: int
    pages: int
    classification: Classification
    agenda_item_id: str | None
    version: int
    supersedes_id: str | None
    position: int


class MotionIn(BaseModel):
    number: int | None = Field(default=None, ge=1)  # default: the next free number
    title: str = Field(min_length=1, max_length=300)
    lead_delegate_id: str | None = None
    cosigner_ids: list[str] = Field(default_factory=list)
    cause: str = ""
    grounds: str = ""
    proposal: str = ""
    state: MotionState = MotionState.SUBMITTED
    document_id: str | None = None


class MotionPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    lead_delegate_id: str | None = None
    cosigner_ids: list[str] | None = None
    cause: str | None = None
    grounds: str | None = None
    proposal: str | None = None
    state: MotionState | None = None
    document_id: str | None = None


class MotionOut(BaseModel):
    id: str
    number: int
    title: str
    lead_delegate_id: str | None
    cosigner_ids: list[str]
    cause: str
    grounds: str
    proposal: str
    state: MotionState
    document_id: str | None


class NoticeIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    body: str = ""


class NoticePatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    body: str | None = None


class NoticeOut(BaseModel):
    id: str
    title: str
    body: str
    published_at: dt.datetime | None


class ReasonIn(BaseModel):
    reason: str = Field(default="", max_length=1000)


# --------------------------------------------------------------------------- agenda


class DraftItemIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    description: str = ""
    presenter: str = Field(default="", max_length=100)
    starts_at: AwareDatetime | None = None
    document_ids: list[str] = Field(default_factory=list)
    position: int | None = None  # 0-based place to insert at; default: the end


class DraftItemPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = None
    presenter: str | None = Field(default=None, max_length=100)
    starts_at: AwareDatetime | None = None
    document_ids: list[str] | None = None


class DraftItemOut(BaseModel):
    id: str  # kept by the published item: documents stay attached across versions
    position: int
    title: str
    description: str
    presenter: str
    starts_at: dt.datetime | None
    document_ids: list[str]


class DraftOrder(BaseModel):
    item_ids: list[str]  # every draft item, in the new order


class AgendaItemOut(BaseModel):
    id: str
    position: int
    title: str
    description: str
    presenter: str
    starts_at: dt.datetime | None
    state: ItemState
    document_ids: list[str]


class AgendaOut(BaseModel):
    """The published agenda (what terminals have) and the secretariat's draft."""

    session_id: str
    version: int  # 0 before the first publication
    published_at: dt.datetime | None
    current_item_id: str | None
    items: list[AgendaItemOut]
    draft: list[DraftItemOut]
    draft_changed: bool  # the draft differs from the published agenda


class PublishRequest(BaseModel):
    reason: str = Field(default="", max_length=1000)


class CurrentMove(StrEnum):
    NEXT = "next"
    PREVIOUS = "previous"
    ITEM = "item"


class SetCurrentRequest(BaseModel):
    move: CurrentMove
    item_id: str | None = None  # with ``move = item``


class PresenterIn(BaseModel):
    document_id: str
    page: int = Field(ge=0)  # 0-based


class PresenterPage(BaseModel):
    """同步翻页: the page terminals in follow mode show. Server-side record (not replicated):
    the events engineer broadcasts it; ``version`` grows with every change."""

    session_id: str
    document_id: str
    page: int
    version: int
    set_by: str
    set_at: dt.datetime


# --------------------------------------------------------------------------- attendance


class AttendanceState(StrEnum):
    PRESENT = "present"  # 实到
    LEAVE = "leave"  # 请假
    ABSENT = "absent"  # 缺席


class Totals(BaseModel):
    expected: int  # 应到: delegates with a seat
    present: int  # 实到
    on_leave: int  # 请假 (and not signed in)
    absent: int  # 缺席


class DelegationAttendance(Totals):
    delegation_id: str | None
    delegation: str


class DelegateAttendance(BaseModel):
    delegate_id: str
    number: str
    name: str
    delegation: str
    seat_number: int | None
    state: AttendanceState
    signed_at: dt.datetime | None = None
    method: SignInMethod | None = None
    leave_reason: str | None = None


class AttendanceOut(BaseModel):
    session_id: str
    sitting_id: str
    sitting_title: str
    totals: Totals
    quorum: int  # ⌈2/3 × 应到⌉
    quorum_met: bool
    by_delegation: list[DelegationAttendance]
    delegates: list[DelegateAttendance]  # everyone expected, in seat order (the seat map)
    not_signed_in: list[DelegateAttendance]
    as_of: dt.datetime


class StaffSignInRequest(BaseModel):
    sitting_id: str
    delegate_id: str
    reason: str = Field(min_length=1, max_length=1000)


class LeaveRequest(BaseModel):
    sitting_id: str
    delegate_id: str
    reason: str = Field(min_length=1, max_length=1000)


class LeaveOut(BaseModel):
    id: str
    sitting_id: str
    delegate_id: str
    reason: str
    created_by: str
    created_at: dt.datetime


class SignInOut(BaseModel):
    id: str
    sitting_id: str
    delegate_id: str
    method: SignInMethod
    signed_at: dt.datetime


class DisplayOut(BaseModel):
    """Everything the hall display shows."""

    session_title: str
    sitting: SittingOut | None
    current_item: AgendaItemOut | None
    totals: Totals | None
    quorum: int | None
    quorum_met: bool | None
    server_time: dt.datetime


# --------------------------------------------------------------------------- terminals


class TerminalOut(BaseModel):
    id: str
    name: str
    seat_number: int | None
    delegate_name: str | None
    app_version: str
    last_seen: dt.datetime | None
    online: bool  # seen within ``ONLINE_WINDOW_S``
    # heartbeat fields: None until the terminals send them
    documents_cached: int | None = None
    outbox: int | None = None
    disk_free: int | None = None
    clock_skew_s: float | None = None
    extra: dict[str, Any] = Field(default_factory=dict)  # other heartbeat columns, as stored


class EnrollTokenRequest(BaseModel):
    seat_number: int | None = Field(default=None, ge=1)
    ttl_hours: float = Field(default=24.0, gt=0, le=24 * 30)


class EnrollTokenOut(BaseModel):
    token: str  # shown once
    seat_number: int | None
    expires_at: dt.datetime


# --------------------------------------------------------------------------- suggestions


class AssignmentKind(StrEnum):
    LEAD = "lead"  # 主办
    ASSIST = "assist"  # 协办


class AssignRequest(BaseModel):
    unit: str = Field(min_length=1, max_length=200)
    kind: AssignmentKind = AssignmentKind.LEAD
    due_on: dt.date | None = None  # default: three months from today
    reason: str = Field(default="", max_length=1000)


class AssignmentOut(BaseModel):
    id: str
    unit: str
    kind: AssignmentKind
    due_on: dt.date | None
    assigned_by: str
    assigned_at: dt.datetime


class SuggestionOut(BaseModel):
    id: str
    number: int | None
    title: str
    content: str
    category: SuggestionCategory
    period: SuggestionPeriod
    lead_delegate_id: str
    lead_delegate_name: str
    cosigner_ids: list[str]
    state: SuggestionState
    submitted_at: dt.datetime | None
    assignments: list[AssignmentOut]


class ReviewDecision(StrEnum):
    ACCEPT = "accept"  # 立案
    RETURN = "return"  # 退回 (a reason is required)


class ReviewRequest(BaseModel):
    decision: ReviewDecision
    reason: str = Field(default="", max_length=2000)


class ReplyRequest(BaseModel):
    text: str = Field(min_length=1, max_length=20000)


class CosignerOut(BaseModel):
    delegate_id: str
    delegate_name: str
    state: CosignState
    invited_at: dt.datetime | None
    answered_at: dt.datetime | None


class SuggestionEventOut(BaseModel):
    id: str
    kind: SuggestionEventKind
    actor: str
    text: str
    data: dict[str, Any]
    at: dt.datetime


class SuggestionDetailOut(SuggestionOut):
    cosigners: list[CosignerOut]
    timeline: list[SuggestionEventOut]


# --------------------------------------------------------------------------- audit


class AuditEntryOut(BaseModel):
    id: int
    at: dt.datetime
    username: str
    role: str
    action: str
    target_table: str
    target_id: str | None
    before: Any
    after: Any
    reason: str

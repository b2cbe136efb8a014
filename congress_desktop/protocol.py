"""Wire messages between terminal and server (pydantic), imported by both sides.

See docs/architecture.md for the protocol. Nothing here does I/O or imports Qt.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from congress_desktop.model import SignInMethod, SuggestionCategory, SuggestionPeriod

API = "/api/v1"
PULL_LIMIT_MAX = 5000
PUSH_BATCH_MAX = 500


# --------------------------------------------------------------------------- errors


class ErrorCode(StrEnum):
    UNAUTHORIZED = "unauthorized"  # no or bad terminal credential
    TOKEN_INVALID = "token_invalid"  # unknown, expired or already used enrollment token
    BAD_REQUEST = "bad_request"
    NOT_FOUND = "not_found"
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


class OpKind(StrEnum):
    SIGNIN = "signin"
    SUGGESTION_SUBMIT = "suggestion.submit"


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


class OpStatus(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"  # seen before: ``detail`` is the stored first result
    REJECTED = "rejected"  # an acknowledgement too: never retried


class OpResult(BaseModel):
    op_id: str
    status: OpStatus
    reason: str | None = None
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

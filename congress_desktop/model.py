"""The replicated data model, written once and used by the server and the terminal.

Every table in :data:`metadata` is *replicated*: the server is its authority, every write to
a row (tombstones included) stamps it with the next value of the global ``server_seq``, and
terminals pull rows whose ``seq`` is above their cursor. The same ``Table`` objects create the
server's tables (through Alembic migrations) and the terminal's local copies (``store.py``).

Nothing here does I/O or imports Qt.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

SCHEMA_VERSION = 3
"""Version of the replicated schema; bumped with every change to a table below.

2: ``annotations`` (a delegate's private notes) and ``document_changes`` (what a new
document version changed).
3: ``suggestion_cosigners`` and ``suggestion_events`` (the suggestion workflow).
"""

# --------------------------------------------------------------------------- enums


class SessionState(StrEnum):
    PREPARING = "preparing"
    OPEN = "open"
    CLOSED = "closed"


class ItemState(StrEnum):
    PENDING = "pending"
    CURRENT = "current"
    DONE = "done"


class Classification(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"


class SignInMethod(StrEnum):
    PIN = "pin"
    BADGE = "badge"
    STAFF = "staff"  # 补签


class SuggestionCategory(StrEnum):
    FINANCE_ECONOMY = "finance_economy"  # 财政经济
    AGRICULTURE = "agriculture"  # 农业农村
    URBAN_ENVIRONMENT = "urban_environment"  # 城建环资
    EDUCATION_HEALTH = "education_health"  # 教科文卫
    INTERIOR_JUSTICE = "interior_justice"  # 内务司法
    SOCIAL = "social"  # 社会建设
    OTHER = "other"  # 其他


CATEGORY_LABELS_ZH: dict[SuggestionCategory, str] = {
    SuggestionCategory.FINANCE_ECONOMY: "财政经济",
    SuggestionCategory.AGRICULTURE: "农业农村",
    SuggestionCategory.URBAN_ENVIRONMENT: "城建环资",
    SuggestionCategory.EDUCATION_HEALTH: "教科文卫",
    SuggestionCategory.INTERIOR_JUSTICE: "内务司法",
    SuggestionCategory.SOCIAL: "社会建设",
    SuggestionCategory.OTHER: "其他",
}


class SuggestionPeriod(StrEnum):
    IN_SESSION = "in_session"  # 会议期间
    RECESS = "recess"  # 闭会期间


class SuggestionState(StrEnum):
    DRAFT = "draft"
    COSIGNING = "cosigning"
    SUBMITTED = "submitted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    ASSIGNED = "assigned"
    REPLIED = "replied"
    AWAITING_FEEDBACK = "awaiting_feedback"
    CLOSED = "closed"
    REHANDLING = "rehandling"
    TRACKING = "tracking"


class CosignState(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    EXPIRED = "expired"  # not answered when the secretariat closed co-signing (截止附议)


class SuggestionEventKind(StrEnum):
    """One entry of a suggestion's history timeline (``suggestion_events.kind``)."""

    SUBMITTED = "submitted"  # 提交
    COSIGN_CONFIRMED = "cosign_confirmed"  # 附议确认
    COSIGN_DECLINED = "cosign_declined"  # 附议谢绝
    COSIGNING_DONE = "cosigning_done"  # every co-signer answered: goes to review
    COSIGNING_CLOSED = "cosigning_closed"  # 截止附议: the secretariat stopped waiting
    ACCEPTED = "accepted"  # 审核通过 (立案)
    RETURNED = "returned"  # 退回 (with the reason)
    ASSIGNED = "assigned"  # 交办 to a unit
    REPLIED = "replied"  # 答复 by the handling unit
    FEEDBACK = "feedback"  # 反馈 by the lead delegate


class FeedbackRating(StrEnum):
    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    UNSATISFIED = "unsatisfied"  # 不满意


class AnnotationKind(StrEnum):
    INK = "ink"
    HIGHLIGHT = "highlight"
    TEXT = "text"


class MotionState(StrEnum):
    SUBMITTED = "submitted"
    ON_AGENDA = "on_agenda"
    CONVERTED = "converted"  # converted to a suggestion


# --------------------------------------------------------------------------- types


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC time is required")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --------------------------------------------------------------------------- tables

metadata = MetaData()

ID = 36  # UUID text (terminal-generated ids) or short readable server ids


def _replicated(name: str, *columns: Column[Any]) -> Table:
    """A replicated table: an ``id`` primary key, the payload columns, and sync bookkeeping."""
    return Table(
        name,
        metadata,
        Column("id", String(ID), primary_key=True),
        *columns,
        Column("seq", BigInteger, nullable=False, default=0, index=True),
        Column("deleted", Boolean, nullable=False, default=False),
        Column("updated_at", UTCDateTime, nullable=True),
    )


congress_sessions = _replicated(
    "congress_sessions",
    Column("title", String(200), nullable=False),
    Column("short_title", String(100), nullable=False, default=""),
    Column("venue", String(200), nullable=False, default=""),
    Column("starts_on", Date, nullable=True),
    Column("ends_on", Date, nullable=True),
    Column("state", String(20), nullable=False, default=SessionState.PREPARING),
)

sittings = _replicated(
    "sittings",
    Column("session_id", String(ID), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("title", String(200), nullable=False),
    Column("starts_at", UTCDateTime, nullable=True),
    Column("signin_opens", UTCDateTime, nullable=True),
    Column("signin_closes", UTCDateTime, nullable=True),
)

delegations = _replicated(
    "delegations",
    Column("session_id", String(ID), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("position", Integer, nullable=False, default=0),
)

delegates = _replicated(
    "delegates",
    Column("session_id", String(ID), nullable=False, index=True),
    Column("number", String(20), nullable=False),  # 代表证号
    Column("name", String(50), nullable=False),
    Column("delegation_id", String(ID), nullable=True),
    Column("unit", String(200), nullable=False, default=""),
    Column("badge_id", String(64), nullable=True),
    # argon2id hash; sent only to the terminal at this delegate's seat (verified offline there)
    Column("pin_hash", String(200), nullable=True),
)

seats = _replicated(
    "seats",
    Column("session_id", String(ID), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("delegate_id", String(ID), nullable=True),
)

agendas = _replicated(
    "agendas",
    # one row per session; a push is a new version and terminals never go back
    Column("session_id", String(ID), nullable=False, index=True),
    Column("version", Integer, nullable=False, default=1),
    Column("current_item_id", String(ID), nullable=True),
    Column("published_at", UTCDateTime, nullable=True),
)

agenda_items = _replicated(
    "agenda_items",
    Column("session_id", String(ID), nullable=False, index=True),
    Column("agenda_version", Integer, nullable=False, default=1),
    Column("position", Integer, nullable=False),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("presenter", String(100), nullable=False, default=""),
    Column("starts_at", UTCDateTime, nullable=True),
    Column("state", String(20), nullable=False, default=ItemState.PENDING),
)

documents = _replicated(
    "documents",
    Column("session_id", String(ID), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("filename", String(300), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("pages", Integer, nullable=False),
    Column("classification", String(20), nullable=False, default=Classification.PUBLIC),
    Column("agenda_item_id", String(ID), nullable=True),
    Column("version", Integer, nullable=False, default=1),
    Column("supersedes_id", String(ID), nullable=True),
    Column("position", Integer, nullable=False, default=0),
)

motions = _replicated(
    "motions",
    Column("session_id", String(ID), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("title", String(300), nullable=False),
    Column("lead_delegate_id", String(ID), nullable=True),
    Column("cosigner_ids", JSON, nullable=False, default=list),
    Column("cause", Text, nullable=False, default=""),  # 案由
    Column("grounds", Text, nullable=False, default=""),  # 案据
    Column("proposal", Text, nullable=False, default=""),  # 方案
    Column("state", String(20), nullable=False, default=MotionState.SUBMITTED),
    Column("document_id", String(ID), nullable=True),
)

notices = _replicated(
    "notices",
    Column("session_id", String(ID), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("body", Text, nullable=False, default=""),
    Column("published_at", UTCDateTime, nullable=True),
)

signins = _replicated(
    "signins",
    # id is generated by the terminal at the tap: a retried op can never sign in twice
    Column("session_id", String(ID), nullable=False, index=True),
    Column("sitting_id", String(ID), nullable=False, index=True),
    Column("delegate_id", String(ID), nullable=False, index=True),
    Column("terminal_id", String(ID), nullable=True),
    Column("method", String(20), nullable=False),
    Column("terminal_wall", UTCDateTime, nullable=True),
    Column("signed_at", UTCDateTime, nullable=False),  # server receive time minus elapsed
    Column("received_at", UTCDateTime, nullable=False),
    Column("time_estimated", Boolean, nullable=False, default=False),
)

suggestions = _replicated(
    "suggestions",
    # id is generated by the terminal; ``number`` (第0001号) is assigned by the server
    Column("session_id", String(ID), nullable=False, index=True),
    Column("number", Integer, nullable=True),
    Column("title", String(300), nullable=False),
    Column("content", Text, nullable=False),
    Column("category", String(40), nullable=False),
    Column("period", String(20), nullable=False, default=SuggestionPeriod.IN_SESSION),
    Column("lead_delegate_id", String(ID), nullable=False, index=True),
    Column("cosigner_ids", JSON, nullable=False, default=list),
    Column("state", String(30), nullable=False, default=SuggestionState.SUBMITTED),
    Column("submitted_at", UTCDateTime, nullable=True),
    Column("terminal_id", String(ID), nullable=True),
)

suggestion_cosigners = _replicated(
    "suggestion_cosigners",
    # 附议: one row per invited delegate; id = cosigner_row_id(suggestion, delegate)
    Column("suggestion_id", String(ID), nullable=False, index=True),
    Column("delegate_id", String(ID), nullable=False, index=True),
    Column("state", String(20), nullable=False, default=CosignState.INVITED),
    Column("invited_at", UTCDateTime, nullable=True),
    Column("answered_at", UTCDateTime, nullable=True),
    # the delegates whose terminals receive the row: the author and every co-signer
    Column("audience", JSON, nullable=False, default=list),
)

suggestion_events = _replicated(
    "suggestion_events",
    # the history timeline; append-only (submitted, co-signing, review, 交办, 答复, 反馈)
    Column("suggestion_id", String(ID), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("actor", String(200), nullable=False, default=""),  # a delegate, user or unit
    Column("text", Text, nullable=False, default=""),  # reason, reply, feedback comment
    Column("data", JSON, nullable=False, default=dict),  # e.g. {"rating": …}, {"unit": …}
    Column("at", UTCDateTime, nullable=False),
    Column("audience", JSON, nullable=False, default=list),  # delegates who may see it
)

annotations_table = _replicated(
    "annotations",
    # a delegate's private note on a document page; id made by the terminal. Only the
    # terminal at the owner's seat pulls it (server/pull.py); concurrent edits from several
    # terminals resolve by ``edited_at`` (last writer wins); ``deleted`` is the tombstone.
    Column("delegate_id", String(ID), nullable=False, index=True),
    Column("document_id", String(ID), nullable=False, index=True),
    Column("document_version", Integer, nullable=False, default=1),
    Column("document_sha256", String(64), nullable=False, default=""),
    Column("page", Integer, nullable=False),  # 0-based
    Column("kind", String(20), nullable=False),  # AnnotationKind
    # page coordinates (PDF points, origin top left): ink {"strokes": [[[x, y], …]], "width"},
    # highlight {"rects": [[x0, y0, x1, y1], …]}, text {"point": [x, y]}; all may carry
    # "anchor_rect": where anchor_text was on the page when the note was made
    Column("geometry", JSON, nullable=False, default=dict),
    Column("color", String(20), nullable=False, default="#ffd400"),
    Column("text", Text, nullable=False, default=""),
    Column("anchor_text", Text, nullable=False, default=""),  # page text under the note
    Column("edited_at", UTCDateTime, nullable=False),
    Column("unplaced", Boolean, nullable=False, default=False),  # anchor gone in a new version
)

document_changes = _replicated(
    "document_changes",
    # what a new version of a document changed, computed by the server at upload
    # (congress_desktop/versions.py); id = the new version's document id
    Column("document_id", String(ID), nullable=False, index=True),
    Column("from_document_id", String(ID), nullable=False),
    Column("from_version", Integer, nullable=False),
    Column("to_version", Integer, nullable=False),
    Column("pages_before", Integer, nullable=False, default=0),
    Column("pages_after", Integer, nullable=False, default=0),
    Column("added_lines", Integer, nullable=False, default=0),
    Column("removed_lines", Integer, nullable=False, default=0),
    Column("changed_pages", JSON, nullable=False, default=list),  # 1-based, new version
    # [{"op": "replace"|"insert"|"delete", "page": n, "old": "…", "new": "…"}, …] (capped)
    Column("hunks", JSON, nullable=False, default=list),
    Column("summary", Text, nullable=False, default=""),
)

REPLICATED_TABLES: dict[str, Table] = dict(metadata.tables)
"""Name → table, in dependency-free creation order."""


# --------------------------------------------------------------------------- wire helpers


def row_to_wire(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row as JSON-safe values (dates and times as ISO 8601)."""
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in row:
            continue
        value = row[column.name]
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        out[column.name] = value
    return out


def row_from_wire(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`row_to_wire`; unknown keys (a newer server) are dropped."""
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in data:
            continue
        value = data[column.name]
        if value is not None:
            if isinstance(column.type, UTCDateTime):
                value = dt.datetime.fromisoformat(value)
                if value.tzinfo is None:
                    value = value.replace(tzinfo=dt.UTC)
            elif isinstance(column.type, Date) and isinstance(value, str):
                value = dt.date.fromisoformat(value)
        out[column.name] = value
    return out


# --------------------------------------------------------------------------- rules


def quorum(expected: int) -> int:
    """Sign-ins needed for a quorum: at least two thirds of those expected (⌈2/3 × 应到⌉)."""
    return math.ceil(expected * 2 / 3)


class SittingTimes(Protocol):
    """What the current-sitting rule reads of a sitting (a row or a view)."""

    @property
    def starts_at(self) -> dt.datetime | None: ...
    @property
    def signin_opens(self) -> dt.datetime | None: ...
    @property
    def signin_closes(self) -> dt.datetime | None: ...


S = TypeVar("S", bound=SittingTimes)


def current_sitting(
    sittings_in_order: Sequence[S], now: dt.datetime, tz: dt.tzinfo | None = None
) -> S | None:
    """The sitting delegates sign in to now; one rule for terminals, console and display.

    In order: the sitting whose sign-in window is open; else today's (in time zone ``tz``,
    default the machine's) latest sitting that has begun, or today's first; else the next one
    to come; else, the session being over, the last one.
    """
    for s in sittings_in_order:
        if s.signin_opens and s.signin_closes and s.signin_opens <= now <= s.signin_closes:
            return s
    today = now.astimezone(tz).date()
    todays = [
        s for s in sittings_in_order if s.starts_at and s.starts_at.astimezone(tz).date() == today
    ]
    if todays:
        begun = [s for s in todays if s.starts_at and s.starts_at <= now]
        return begun[-1] if begun else todays[0]
    upcoming = [s for s in sittings_in_order if s.starts_at and s.starts_at > now]
    if upcoming:
        return upcoming[0]
    return sittings_in_order[-1] if sittings_in_order else None


def cosigner_row_id(suggestion_id: str, delegate_id: str) -> str:
    """The id of a co-signer invitation, the same on the server and every terminal."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cosigner:{suggestion_id}:{delegate_id}"))


def suggestion_number_label(number: int | None) -> str:
    return f"第{number:04d}号" if number is not None else ""

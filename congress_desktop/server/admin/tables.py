"""Server-only tables of the console (never replicated to terminals).

They hang on :data:`congress_desktop.server.db.server_metadata`, so the schema comparison and
autogenerate see them; migration ``0002_console`` creates them.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, Integer, String, Table, Text

from congress_desktop.model import ID, UTCDateTime
from congress_desktop.server.db import server_metadata

users = Table(
    "users",
    server_metadata,
    Column("id", String(ID), primary_key=True),
    Column("username", String(64), nullable=False, unique=True, index=True),
    Column("role", String(20), nullable=False),  # protocol.ConsoleRole
    Column("unit", String(200), nullable=False, default=""),  # handling units: the unit's name
    Column("password_hash", String(200), nullable=False),  # argon2id
    Column("created_at", UTCDateTime, nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
)

console_tokens = Table(
    "console_tokens",
    server_metadata,
    Column("digest", String(64), primary_key=True),  # SHA-256 of the bearer token
    Column("user_id", String(ID), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

audit_log = Table(
    "audit_log",
    server_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("username", String(64), nullable=False),
    Column("role", String(20), nullable=False),
    Column("action", String(60), nullable=False),
    Column("target_table", String(60), nullable=False),
    Column("target_id", String(64), nullable=True),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Column("reason", Text, nullable=False, default=""),
)

agenda_draft_items = Table(
    "agenda_draft_items",
    server_metadata,
    # an item id is kept when the item is published: documents stay attached across versions
    Column("id", String(ID), primary_key=True),
    Column("session_id", String(ID), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("presenter", String(100), nullable=False, default=""),
    Column("starts_at", UTCDateTime, nullable=True),
    Column("document_ids", JSON, nullable=False, default=list),
)

leaves = Table(
    "leaves",
    server_metadata,
    # 请假: one live entry per delegate and sitting; revoking keeps the row (audited)
    Column("id", String(ID), primary_key=True),
    Column("session_id", String(ID), nullable=False, index=True),
    Column("sitting_id", String(ID), nullable=False, index=True),
    Column("delegate_id", String(ID), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
)

presenter_pages = Table(
    "presenter_pages",
    server_metadata,
    # 同步翻页: the presenter's page per session (broadcast by the events engine)
    Column("session_id", String(ID), primary_key=True),
    Column("document_id", String(ID), nullable=False),
    Column("page", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("set_by", String(64), nullable=False),
    Column("set_at", UTCDateTime, nullable=False),
)

suggestion_assignments = Table(
    "suggestion_assignments",
    server_metadata,
    # 交办: a suggestion handed to a unit as lead (主办) or assisting (协办) unit
    Column("id", String(ID), primary_key=True),
    Column("suggestion_id", String(ID), nullable=False, index=True),
    Column("unit", String(200), nullable=False, index=True),
    Column("kind", String(10), nullable=False),
    Column("due_on", Date, nullable=True),
    Column("assigned_by", String(64), nullable=False),
    Column("assigned_at", UTCDateTime, nullable=False),
)

CONSOLE_TABLES = (
    users,
    console_tokens,
    audit_log,
    agenda_draft_items,
    leaves,
    presenter_pages,
    suggestion_assignments,
)

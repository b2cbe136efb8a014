"""The audit log: who did what, when, to which row, with the row before and after.

Every admin action calls :func:`record` inside the transaction of its change, so an entry
exists exactly when the change does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from congress_desktop.model import utcnow
from congress_desktop.protocol import AuditEntryOut
from congress_desktop.server.admin.tables import audit_log

if TYPE_CHECKING:
    from congress_desktop.server.users import ConsoleUser

log = logging.getLogger(__name__)

SECRET_COLUMNS = frozenset({"pin_hash", "password_hash", "credential_digest"})
SYSTEM_USER = "system"  # command-line actions on the server machine


def jsonable(value: Any) -> Any:
    """A value as JSON (times as ISO 8601); secrets replaced by a marker."""
    if isinstance(value, Mapping):
        return {
            str(k): ("<set>" if v else None) if k in SECRET_COLUMNS else jsonable(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _clean(row: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {k: v for k, v in jsonable(row).items() if k not in ("seq", "updated_at")}


def record(
    conn: Connection,
    user: ConsoleUser,
    action: str,
    target_table: str,
    target_id: str | None,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
) -> None:
    """Write one audit entry in the caller's transaction."""
    _insert(
        conn, user.username, user.role.value, action, target_table, target_id, before, after, reason
    )


def record_actor(
    conn: Connection,
    username: str,
    role: str,
    action: str,
    target_table: str,
    target_id: str | None,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
) -> None:
    """An entry for someone who is not a console user (a delegate acting on a terminal)."""
    _insert(conn, username, role, action, target_table, target_id, before, after, reason)


def record_system(
    conn: Connection,
    action: str,
    target_table: str,
    target_id: str | None,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
) -> None:
    """An entry for an action taken on the server machine (the CLI)."""
    _insert(conn, SYSTEM_USER, SYSTEM_USER, action, target_table, target_id, before, after, reason)


def _insert(
    conn: Connection,
    username: str,
    role: str,
    action: str,
    target_table: str,
    target_id: str | None,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    reason: str,
) -> None:
    conn.execute(
        audit_log.insert().values(
            at=utcnow(),
            username=username,
            role=role,
            action=action,
            target_table=target_table,
            target_id=target_id,
            before=_clean(before),
            after=_clean(after),
            reason=reason,
        )
    )
    log.info("audit: %s %s %s/%s", username, action, target_table, target_id)


def entries(
    conn: Connection,
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int | None = None,
) -> list[AuditEntryOut]:
    """Entries with ``since <= at < until``, oldest first."""
    query = select(audit_log).order_by(audit_log.c.at, audit_log.c.id)
    if since is not None:
        query = query.where(audit_log.c.at >= since)
    if until is not None:
        query = query.where(audit_log.c.at < until)
    if limit is not None:
        query = query.limit(limit)
    return [AuditEntryOut.model_validate(dict(r)) for r in conn.execute(query).mappings()]

"""Audited writes of replicated rows: create, patch and tombstone, each with an audit entry."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, Table, select

from congress_desktop.server import audit
from congress_desktop.server.admin.deps import not_found
from congress_desktop.server.changes import delete_row, next_seq, write_row
from congress_desktop.server.users import ConsoleUser


def get_row(conn: Connection, table: Table, row_id: str, what: str) -> dict[str, Any]:
    """A live (not deleted) row, or 404."""
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    if row is None or row.get("deleted"):
        raise not_found(what, row_id)
    return dict(row)


def create(
    conn: Connection,
    user: ConsoleUser,
    table: Table,
    values: dict[str, Any],
    action: str,
    reason: str = "",
) -> dict[str, Any]:
    values = {"id": str(uuid.uuid4()), **values}
    write_row(conn, table, values)
    after = get_row(conn, table, values["id"], table.name)
    audit.record(conn, user, action, table.name, values["id"], after=after, reason=reason)
    return after


def patch(
    conn: Connection,
    user: ConsoleUser,
    table: Table,
    row_id: str,
    changes: dict[str, Any],
    action: str,
    what: str,
    reason: str = "",
) -> dict[str, Any]:
    """Apply ``changes`` (only columns that differ are written); the row after."""
    next_seq(conn)  # hold the write lock before reading the row we change
    before = get_row(conn, table, row_id, what)
    changed = {k: v for k, v in changes.items() if before.get(k) != v}
    if not changed:
        return before
    write_row(conn, table, {"id": row_id, **changed})
    after = get_row(conn, table, row_id, what)
    audit.record(conn, user, action, table.name, row_id, before=before, after=after, reason=reason)
    return after


def remove(
    conn: Connection,
    user: ConsoleUser,
    table: Table,
    row_id: str,
    action: str,
    what: str,
    reason: str = "",
) -> None:
    before = get_row(conn, table, row_id, what)
    delete_row(conn, table, row_id)
    audit.record(conn, user, action, table.name, row_id, before=before, after=None, reason=reason)

"""The change log: every server write to a replicated row goes through here.

Each write takes the next value of the global ``server_seq`` counter with
``UPDATE counter SET value = value + 1 RETURNING value`` *inside the writing transaction*.
The row lock this takes serializes writers until commit, so seq values become visible in
order and a reader that sees counter = N has seen every row with seq <= N (a PostgreSQL
SEQUENCE would hand out values that commit out of order, and pulls would skip rows for good).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Table, select, update

from congress_desktop.model import utcnow
from congress_desktop.server.db import SERVER_SEQ, counter


class NotInTransactionError(RuntimeError):
    """``server_seq`` may only advance inside the transaction that writes the row."""


def next_seq(conn: Connection) -> int:
    """Advance ``server_seq`` and return the new value (row-locked until commit)."""
    if not conn.in_transaction():
        raise NotInTransactionError("next_seq() must run inside the writing transaction")
    stmt = (
        update(counter)
        .where(counter.c.name == SERVER_SEQ)
        .values(value=counter.c.value + 1)
        .returning(counter.c.value)
    )
    return int(conn.execute(stmt).scalar_one())


def write_row(
    conn: Connection,
    table: Table,
    values: dict[str, Any],
    *,
    seq: int | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Insert or update the row ``values["id"]`` of a replicated table; return its new seq.

    Columns not in ``values`` keep their stored value (or get their default on insert). A
    tombstoned row is revived unless ``values`` says ``deleted``. Pass ``seq`` when the
    caller already took one in this transaction (to hold the counter lock before its checks).
    """
    if "id" not in values:
        raise ValueError(f"write_row({table.name}) needs an id")
    unknown = set(values) - set(table.c.keys())
    if unknown:
        raise ValueError(f"{table.name} has no column(s) {sorted(unknown)}")
    if seq is None:
        seq = next_seq(conn)
    row = {**values, "seq": seq, "updated_at": now or utcnow()}
    row.setdefault("deleted", False)
    # no race between the UPDATE and the INSERT: next_seq() holds the counter row lock
    # (PostgreSQL) or the database write lock (SQLite) until commit
    changes = {k: v for k, v in row.items() if k != "id"}
    updated = conn.execute(update(table).where(table.c.id == row["id"]).values(changes))
    if updated.rowcount == 0:
        conn.execute(table.insert().values(row))
    return seq


def delete_row(
    conn: Connection, table: Table, row_id: str, *, now: dt.datetime | None = None
) -> int | None:
    """Tombstone a row (``deleted=True`` with a new seq); None if there is no such row.

    The payload columns are kept: the pull filter still knows whose row it was.
    """
    exists = conn.execute(select(table.c.id).where(table.c.id == row_id)).first()
    if exists is None:
        return None
    seq = next_seq(conn)
    conn.execute(
        update(table)
        .where(table.c.id == row_id)
        .values(deleted=True, seq=seq, updated_at=now or utcnow())
    )
    return seq

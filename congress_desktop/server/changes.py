"""The change log: every server write to a replicated row goes through here.

Each write takes the next value of the global ``server_seq`` counter with
``UPDATE counter SET value = value + 1 RETURNING value`` *inside the writing transaction*.
The row lock this takes serializes writers until commit, so seq values become visible in
order and a reader that sees counter = N has seen every row with seq <= N (a PostgreSQL
SEQUENCE would hand out values that commit out of order, and pulls would skip rows for good).

Every seq taken and every row written is also noted on the connection (:class:`Nudge`,
in ``conn.info``): once the transaction has committed, :mod:`congress_desktop.server.events`
turns the note into one ``changes`` nudge for the terminals that may see the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, select, update

from congress_desktop.model import utcnow
from congress_desktop.server.db import SERVER_SEQ, counter
from congress_desktop.server.pull import PRIVATE_TABLES, row_audience

NUDGE_KEY = "congress_nudge"


@dataclass
class Nudge:
    """What one transaction wrote, for the ``changes`` nudge sent after its commit.

    ``seq`` is the highest seq taken (a rejected op may take one and write no row); the
    audience is everybody when ``public``, else only the terminals of ``delegates``.
    """

    seq: int = 0
    public: bool = False
    delegates: set[str] = field(default_factory=set)

    def merge(self, other: Nudge) -> None:
        self.seq = max(self.seq, other.seq)
        self.public = self.public or other.public
        if not self.public:
            self.delegates |= other.delegates

    def add_row(self, table: str, row: Mapping[str, Any]) -> None:
        audience = row_audience(table, row)
        if audience is None:
            self.public = True
            self.delegates.clear()
        elif not self.public:
            self.delegates |= {d for d in audience if d}


def pending_nudge(conn: Connection) -> Nudge:
    """The nudge of ``conn``'s current transaction (created empty on first use)."""
    nudge = conn.info.get(NUDGE_KEY)
    if nudge is None:
        nudge = conn.info[NUDGE_KEY] = Nudge()
    return nudge  # type: ignore[no-any-return]


def _note_row(conn: Connection, table: Table, row_id: str, values: Mapping[str, Any]) -> None:
    columns = PRIVATE_TABLES.get(table.name)
    if columns and not all(c in values for c in columns):
        stored = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
        values = dict(stored) if stored is not None else values
    pending_nudge(conn).add_row(table.name, values)


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
    seq = int(conn.execute(stmt).scalar_one())
    nudge = pending_nudge(conn)
    nudge.seq = max(nudge.seq, seq)
    return seq


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
    _note_row(conn, table, row["id"], row)
    return seq


def delete_row(
    conn: Connection, table: Table, row_id: str, *, now: dt.datetime | None = None
) -> int | None:
    """Tombstone a row (``deleted=True`` with a new seq); None if there is no such row.

    The payload columns are kept: the pull filter still knows whose row it was.
    """
    exists = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    if exists is None:
        return None
    seq = next_seq(conn)
    _note_row(conn, table, row_id, dict(exists))
    conn.execute(
        update(table)
        .where(table.c.id == row_id)
        .values(deleted=True, seq=seq, updated_at=now or utcnow())
    )
    return seq

"""Pull: the changes a terminal has not seen yet, filtered to what it may see.

The counter is read *first*, in the same snapshot as the rows (REPEATABLE READ on
PostgreSQL, one deferred transaction on SQLite). Every row with seq <= counter is committed
(writers hold the counter row lock until commit), so a page never skips a row.

A page examines at most ``limit`` candidate rows in seq order across all replicated
tables. Rows this terminal may not see (another delegate's sign-ins and suggestions) are
skipped, but the cursor moves past them.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, select

from congress_desktop.model import REPLICATED_TABLES, row_to_wire, utcnow
from congress_desktop.protocol import PULL_LIMIT_MAX, Change, PullResponse
from congress_desktop.server.db import current_seq, get_epoch

PULL_LIMIT_DEFAULT = 1000


@dataclass(frozen=True)
class Viewer:
    """Who is pulling: the terminal's seat delegate decides what private rows it gets."""

    delegate_id: str | None


PRIVATE_TABLES: dict[str, tuple[str, ...]] = {
    "signins": ("delegate_id",),
    "suggestions": ("lead_delegate_id", "cosigner_ids"),
}
"""Tables whose rows only some delegates' terminals see, and the columns that say whose."""


def row_audience(table: str, row: Mapping[str, Any]) -> frozenset[str] | None:
    """The delegates whose terminals may see ``row``; None: every terminal."""
    if table == "signins":
        return frozenset({row["delegate_id"]})
    if table == "suggestions":
        return frozenset({row["lead_delegate_id"], *(row["cosigner_ids"] or [])})
    return None


def _visible(table: str, row: Mapping[str, Any], viewer: Viewer) -> bool:
    audience = row_audience(table, row)
    return audience is None or (viewer.delegate_id is not None and viewer.delegate_id in audience)


def _to_change(table: Table, row: Mapping[str, Any], viewer: Viewer) -> Change:
    if row["deleted"]:
        return Change(table=table.name, id=row["id"], seq=row["seq"], deleted=True, row=None)
    wire = row_to_wire(table, dict(row))
    if table.name == "delegates" and row["id"] != viewer.delegate_id:
        wire["pin_hash"] = None  # verified offline only at this delegate's own seat
    return Change(table=table.name, id=row["id"], seq=row["seq"], row=wire)


def _candidates(
    conn: Connection, since: int, upto: int, limit: int
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Up to ``limit`` rows with since < seq <= upto, merged by seq across all tables."""
    per_table = []
    for name, table in REPLICATED_TABLES.items():
        rows = (
            conn.execute(
                select(table)
                .where(table.c.seq > since, table.c.seq <= upto)
                .order_by(table.c.seq)
                .limit(limit)
            )
            .mappings()
            .all()
        )
        if rows:
            per_table.append([(int(r["seq"]), name, dict(r)) for r in rows])
    merged = heapq.merge(*per_table, key=lambda item: item[0])
    for index, item in enumerate(merged):
        if index >= limit:
            return
        yield item


def pull(
    conn: Connection,
    *,
    viewer: Viewer,
    epoch: str | None,
    since: int,
    limit: int = PULL_LIMIT_DEFAULT,
) -> PullResponse:
    """Build one page; ``conn`` must be a read transaction on one snapshot."""
    counter = current_seq(conn)  # first: everything at or below it is committed
    server_epoch = get_epoch(conn)
    now = utcnow()
    if (epoch is not None and epoch != server_epoch) or since > counter:
        return PullResponse(
            epoch=server_epoch, changes=[], next=0, has_more=False, server_time=now, reset=True
        )
    limit = max(1, min(limit, PULL_LIMIT_MAX))
    candidates = list(_candidates(conn, since, counter, limit + 1))
    has_more = len(candidates) > limit
    page = candidates[:limit]
    changes = [
        _to_change(REPLICATED_TABLES[name], row, viewer)
        for _seq, name, row in page
        if _visible(name, row, viewer)
    ]
    return PullResponse(
        epoch=server_epoch,
        changes=changes,
        next=page[-1][0] if has_more else counter,
        has_more=has_more,
        server_time=now,
    )

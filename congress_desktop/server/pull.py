"""Pull: the changes a terminal has not seen yet, filtered to what it may see.

The counter is read *first*, in the same snapshot as the rows (REPEATABLE READ on
PostgreSQL, one deferred transaction on SQLite). Every row with seq <= counter is committed
(writers hold the counter row lock until commit), so a page never skips a row.

A page examines at most ``limit`` candidate rows in seq order across all replicated
tables. Rows this terminal may not see (another delegate's sign-ins and suggestions) are
skipped, but the cursor moves past them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, TextClause, select, text

from congress_desktop.model import REPLICATED_TABLES, row_to_wire, utcnow
from congress_desktop.protocol import PULL_LIMIT_MAX, Change, PullResponse
from congress_desktop.server.db import SERVER_SEQ

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


def _index_query() -> TextClause:
    """(seq, table, id) of the rows with since < seq <= upto, at most ``lim`` per table,
    in seq order: one statement instead of one per table."""
    branches = [
        f"SELECT seq, '{name}' AS t, id FROM (SELECT seq, id FROM {name} "
        f"WHERE seq > :since AND seq <= :upto ORDER BY seq LIMIT :lim) AS s_{name}"
        for name in REPLICATED_TABLES
    ]
    return text(" UNION ALL ".join(branches) + " ORDER BY seq LIMIT :lim")


_INDEX_QUERY = _index_query()
_STATE_QUERY = text(
    f"SELECT c.value, m.epoch FROM counter c, meta m WHERE c.name = '{SERVER_SEQ}' AND m.id = 1"
)

Candidate = tuple[int, str, dict[str, Any]]

PAGE_CACHE_SIZE = 64
_page_cache: OrderedDict[tuple[str, int, int, int], list[Candidate]] = OrderedDict()
_page_cache_lock = threading.Lock()


def _candidates(conn: Connection, since: int, upto: int, limit: int) -> list[Candidate]:
    """Up to ``limit`` rows with since < seq <= upto, in seq order across all tables."""
    index = conn.execute(_INDEX_QUERY, {"since": since, "upto": upto, "lim": limit}).all()
    by_table: dict[str, list[str]] = {}
    for _seq, name, row_id in index:
        by_table.setdefault(name, []).append(row_id)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for name, ids in by_table.items():
        table = REPLICATED_TABLES[name]
        for i in range(0, len(ids), 500):
            found = conn.execute(select(table).where(table.c.id.in_(ids[i : i + 500])))
            for found_row in found.mappings():
                rows[(name, found_row["id"])] = dict(found_row)
    page: list[Candidate] = []
    for seq, name, row_id in index:
        row = rows.get((name, row_id))
        if row is not None and row["seq"] == seq:  # same snapshot: always true
            page.append((int(seq), str(name), row))
    return page


def _cached_candidates(
    conn: Connection, epoch: str, since: int, upto: int, limit: int
) -> list[Candidate]:
    """Rows at seq <= upto never change (a rewrite takes a seq above upto), so a page is
    keyed by (epoch, since, upto, limit): when thousands of terminals pull the same new
    change at once, the database is read once."""
    key = (epoch, since, upto, limit)
    with _page_cache_lock:
        page = _page_cache.get(key)
        if page is not None:
            _page_cache.move_to_end(key)
            return page
    page = _candidates(conn, since, upto, limit)
    with _page_cache_lock:
        _page_cache[key] = page
        while len(_page_cache) > PAGE_CACHE_SIZE:
            _page_cache.popitem(last=False)
    return page


def pull(
    conn: Connection,
    *,
    viewer: Viewer,
    epoch: str | None,
    since: int,
    limit: int = PULL_LIMIT_DEFAULT,
) -> PullResponse:
    """Build one page; ``conn`` must be a read transaction on one snapshot."""
    # counter first (with the epoch): everything at or below it is committed
    counter_value, epoch_value = conn.execute(_STATE_QUERY).one()
    counter, server_epoch = int(counter_value), str(epoch_value)
    now = utcnow()
    if (epoch is not None and epoch != server_epoch) or since > counter:
        return PullResponse(
            epoch=server_epoch, changes=[], next=0, has_more=False, server_time=now, reset=True
        )
    limit = max(1, min(limit, PULL_LIMIT_MAX))
    if since == counter:  # up to date: the cheap answer
        return PullResponse(
            epoch=server_epoch, changes=[], next=counter, has_more=False, server_time=now
        )
    candidates = _cached_candidates(conn, server_epoch, since, counter, limit + 1)
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

"""Pull: the changes a terminal has not seen yet, filtered to what it may see.

The counter is read *first*, in the same snapshot as the rows (REPEATABLE READ on
PostgreSQL, one deferred transaction on SQLite). Every row with seq <= counter is committed
(writers hold the counter row lock until commit), so a page never skips a row.

A page examines at most ``limit`` candidate rows in seq order across all replicated
tables. Rows this terminal may not see (another delegate's sign-ins and suggestions) are
skipped, but the cursor moves past them. A suggestion's co-signer invitations and timeline
entries go only to the delegates named in their ``audience`` (the author and co-signers).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter
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
    "suggestion_cosigners": ("audience",),
    "suggestion_events": ("audience",),
    "annotations": ("delegate_id",),
}
"""Tables whose rows only some delegates' terminals see, and the columns that say whose."""


def row_audience(table: str, row: Mapping[str, Any]) -> frozenset[str] | None:
    """The delegates whose terminals may see ``row``; None: every terminal."""
    if table in ("signins", "annotations"):  # annotations: the owner's notes, nobody else's
        return frozenset({row["delegate_id"]})
    if table == "suggestions":
        return frozenset({row["lead_delegate_id"], *(row["cosigner_ids"] or [])})
    if table in ("suggestion_cosigners", "suggestion_events"):
        return frozenset(row["audience"] or [])
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

VIEWER_TABLES = frozenset(PRIVATE_TABLES) | {"delegates"}
"""Tables whose rows look different to different terminals (private rows; a delegate's
``pin_hash`` goes only to that delegate's seat): a page with none of them is the same bytes
for every terminal."""

_CHANGES_JSON = TypeAdapter(list[Change])
_DATETIME_JSON = TypeAdapter(dt.datetime)


class Page:
    """Up to ``limit + 1`` candidate rows of (since, upto], and, when every terminal sees it
    alike, its answer pre-serialized up to ``server_time`` (``public_json``)."""

    __slots__ = ("candidates", "public", "public_json")

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        self.public = not any(name in VIEWER_TABLES for _seq, name, _row in candidates)
        self.public_json: bytes | None = None


PAGE_CACHE_SIZE = 64
PageKey = tuple[str, int, int, int]
_page_cache: OrderedDict[PageKey, Page] = OrderedDict()
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


def cached_page(epoch: str, since: int, upto: int, limit: int) -> Page | None:
    """The page of (since, upto] if some pull built it already (no database access).

    ``limit`` is the number of candidates fetched (the page size + 1)."""
    key = (epoch, since, upto, limit)
    with _page_cache_lock:
        page = _page_cache.get(key)
        if page is not None:
            _page_cache.move_to_end(key)
        return page


def load_page(conn: Connection, epoch: str, since: int, upto: int, limit: int) -> Page:
    """Rows at seq <= upto never change (a rewrite takes a seq above upto), so a page is
    keyed by (epoch, since, upto, limit): when thousands of terminals pull the same new
    change at once, the database is read once. ``conn``'s snapshot must see every row
    with seq <= upto committed."""
    page = cached_page(epoch, since, upto, limit)
    if page is not None:
        return page
    page = Page(_candidates(conn, since, upto, limit))
    with _page_cache_lock:
        _page_cache[(epoch, since, upto, limit)] = page
        while len(_page_cache) > PAGE_CACHE_SIZE:
            _page_cache.popitem(last=False)
    return page


def _cached_candidates(
    conn: Connection, epoch: str, since: int, upto: int, limit: int
) -> list[Candidate]:
    return load_page(conn, epoch, since, upto, limit).candidates


def clamp_limit(limit: int) -> int:
    return max(1, min(limit, PULL_LIMIT_MAX))


def page_body(epoch: str, page: Page, *, upto: int, limit: int, viewer: Viewer | None) -> bytes:
    """The JSON body of a pull answered with ``page`` (of ``limit + 1`` candidates) up to
    ``upto``. ``viewer`` may be None only for a public page."""
    has_more = len(page.candidates) > limit
    rows = page.candidates[:limit]
    if page.public:
        if page.public_json is None:  # the whole answer but its server_time, built once
            changes = [_to_change(REPLICATED_TABLES[n], r, _NOBODY) for _s, n, r in rows]
            next_seq = rows[-1][0] if has_more else upto
            page.public_json = _head(epoch, _CHANGES_JSON.dump_json(changes), next_seq, has_more)
        return page.public_json + _tail()
    else:
        assert viewer is not None
        changes_json = _CHANGES_JSON.dump_json(
            [
                _to_change(REPLICATED_TABLES[name], row, viewer)
                for _seq, name, row in rows
                if _visible(name, row, viewer)
            ]
        )
    next_seq = rows[-1][0] if has_more else upto
    return _body(epoch, changes_json, next_seq, has_more)


def _head(epoch: str, changes_json: bytes, next_seq: int, has_more: bool) -> bytes:
    more = b"true" if has_more else b"false"
    return b"".join(
        (
            b'{"epoch":',
            json.dumps(epoch).encode(),
            b',"changes":',
            changes_json,
            b',"next":%d,"has_more":%s,"server_time":' % (next_seq, more),
        )
    )


def _tail() -> bytes:
    return _DATETIME_JSON.dump_json(utcnow()) + b',"reset":false}'


def _body(epoch: str, changes_json: bytes, next_seq: int, has_more: bool) -> bytes:
    return _head(epoch, changes_json, next_seq, has_more) + _tail()


_NOBODY = Viewer(delegate_id=None)


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
    limit = clamp_limit(limit)
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


# --------------------------------------------------------------------------- bytes answers


@dataclass(frozen=True)
class Snapshot:
    """What one read transaction found for a pull: the server's epoch and counter, and the
    page of (since, counter] — None when the answer is ``reset`` or "up to date"."""

    epoch: str
    counter: int
    reset: bool
    page: Page | None


def read_snapshot(conn: Connection, *, epoch: str | None, since: int, limit: int) -> Snapshot:
    """Counter first (with the epoch), then the page, on ``conn``'s one snapshot.

    ``limit`` is the page size (already clamped)."""
    counter_value, epoch_value = conn.execute(_STATE_QUERY).one()
    counter, server_epoch = int(counter_value), str(epoch_value)
    if (epoch is not None and epoch != server_epoch) or since > counter:
        return Snapshot(server_epoch, counter, True, None)
    if since == counter:
        return Snapshot(server_epoch, counter, False, None)
    return Snapshot(
        server_epoch, counter, False, load_page(conn, server_epoch, since, counter, limit + 1)
    )


def snapshot_body(snap: Snapshot, *, limit: int, viewer: Viewer | None) -> bytes:
    """The JSON body answering a pull from ``snap`` (``viewer`` needed for a private page)."""
    if snap.reset:
        return (
            PullResponse(
                epoch=snap.epoch,
                changes=[],
                next=0,
                has_more=False,
                server_time=utcnow(),
                reset=True,
            )
            .model_dump_json()
            .encode()
        )
    if snap.page is None:
        return _body(snap.epoch, b"[]", snap.counter, False)
    return page_body(snap.epoch, snap.page, upto=snap.counter, limit=limit, viewer=viewer)

"""Applying pulled changes to the local replica.

A page of changes and the new cursor are applied in ONE transaction: a crash leaves either the
old state with the old cursor or the new state with the new cursor. Two rules protect local
truth: a row with a pending outbox op is never overwritten (the server's version waits in
``sync_state`` until the op is acknowledged, see :func:`apply_deferred`), and an incoming
version older than the stored one or at/below the cursor (a late, stale response) is ignored,
so nothing ever goes backwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from congress_desktop import model
from congress_desktop.store.schema import outbox, sync_state

if TYPE_CHECKING:
    from congress_desktop.protocol import Change, PullResponse

DEFERRED = "deferred_changes"
"""sync_state key: server versions of rows skipped while their op was pending."""

CLOCK_REF = "clock_ref"
"""sync_state key: the last clock comparison with the server, taken at every pull:
``{"server_time", "wall", "mono", "boot_id", "offset_s"}`` (offset = server − terminal wall)."""


@dataclass(frozen=True)
class ClockSample:
    """The terminal's clocks at one instant (e.g. the middle of a pull's round trip)."""

    wall: dt.datetime
    mono: float
    boot_id: str


def record_clock(conn: Connection, server_time: dt.datetime, sample: ClockSample) -> float:
    """Store the server's time against the terminal's clocks; return the offset in seconds."""
    if server_time.tzinfo is None:
        server_time = server_time.replace(tzinfo=dt.UTC)
    offset = (server_time - sample.wall).total_seconds()
    set_state(
        conn,
        CLOCK_REF,
        {
            "server_time": server_time.isoformat(),
            "wall": sample.wall.isoformat(),
            "mono": sample.mono,
            "boot_id": sample.boot_id,
            "offset_s": offset,
        },
    )
    return offset


def estimate_offset(conn: Connection, sample: ClockSample) -> float | None:
    """Server time minus terminal wall time at ``sample``, as well as it is known offline.

    In the boot of the last comparison the server's time is carried forward on the monotonic
    clock, so a wall clock set or jumping since then does not matter; after a reboot the last
    measured offset is all there is. None when the terminal never reached the server.
    """
    ref = get_state(conn, CLOCK_REF)
    if not ref:
        return None
    if ref.get("boot_id") == sample.boot_id and sample.mono >= float(ref["mono"]):
        server_now = dt.datetime.fromisoformat(ref["server_time"]) + dt.timedelta(
            seconds=sample.mono - float(ref["mono"])
        )
        return (server_now - sample.wall).total_seconds()
    return float(ref["offset_s"])


def last_offset(conn: Connection) -> float | None:
    ref = get_state(conn, CLOCK_REF)
    return float(ref["offset_s"]) if ref else None


@dataclass
class ApplyResult:
    applied: int = 0
    skipped_pending: int = 0
    skipped_stale: int = 0
    reset: bool = False
    tables: set[str] = field(default_factory=set)


def get_state(conn: Connection, key: str, default: Any = None) -> Any:
    value = conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).scalar()
    return default if value is None else value


def set_state(conn: Connection, key: str, value: Any) -> None:
    updated = conn.execute(update(sync_state).where(sync_state.c.key == key).values(value=value))
    if updated.rowcount == 0:
        conn.execute(insert(sync_state).values(key=key, value=value))


def pending_rows(conn: Connection) -> set[tuple[str, str]]:
    rows = conn.execute(
        select(outbox.c.row_table, outbox.c.row_id).where(
            outbox.c.state == "pending", outbox.c.row_id.is_not(None)
        )
    )
    return {(t, i) for t, i in rows}


def apply_pull(
    conn: Connection, response: PullResponse, sample: ClockSample | None = None
) -> ApplyResult:
    """Apply one pull page and its cursor; the caller owns the transaction.

    ``sample``: the terminal's clocks when the page's ``server_time`` was read (see
    :func:`record_clock`), stored in the same transaction.
    """
    result = ApplyResult()
    if sample is not None:
        record_clock(conn, response.server_time, sample)
    if response.reset:
        reset_replica(conn)
        set_state(conn, "epoch", response.epoch)
        set_state(conn, "cursor", 0)
        result.reset = True
        return result
    protected = pending_rows(conn)
    # every change at or below the cursor of the same epoch was applied (or superseded)
    # already: a late answer to an older request must not bring back a deleted row
    same_epoch = get_state(conn, "epoch") == response.epoch
    cursor = int(get_state(conn, "cursor", 0)) if same_epoch else 0
    deferred: dict[str, Any] = dict(get_state(conn, DEFERRED, {}))
    candidates: list[Change] = []
    for change in response.changes:
        table = model.REPLICATED_TABLES.get(change.table)
        if table is None:  # a newer server's table: ignore, keep the cursor moving
            continue
        if 0 < change.seq <= cursor:
            result.skipped_stale += 1
            continue
        if (change.table, change.id) in protected:
            # keep the server's version until the op is acknowledged (see apply_deferred)
            key = f"{change.table}/{change.id}"
            if change.seq > deferred.get(key, {}).get("seq", -1):
                deferred[key] = change.model_dump(mode="json")
            result.skipped_pending += 1
            continue
        candidates.append(change)
    applied = apply_changes(conn, candidates)
    result.applied += len(applied)
    result.skipped_stale += len(candidates) - len(applied)
    result.tables.update(c.table for c in applied)
    if result.skipped_pending:
        set_state(conn, DEFERRED, deferred)
    set_state(conn, "epoch", response.epoch)
    set_state(conn, "cursor", max(response.next, get_state(conn, "cursor", 0)))
    set_state(conn, "last_pull_at", response.server_time.isoformat())
    return result


def _apply_change(conn: Connection, change: Change) -> bool:
    """Write one change unless the stored row is already at this version or newer."""
    return bool(apply_changes(conn, [change]))


ID_CHUNK = 500
"""Ids per ``IN (…)`` query (SQLite's bound-parameter limit is far above this)."""


def apply_changes(conn: Connection, changes: list[Change]) -> list[Change]:
    """Write a batch of changes, each unless its stored row is at that version or newer.

    Set-based: per table one query for the stored versions, one DELETE for the tombstones
    and one multi-row upsert, instead of several statements per row. Returns what was applied.
    """
    latest: dict[tuple[str, str], Change] = {}
    for change in changes:  # a page could carry a row twice: the newest version wins
        key = (change.table, change.id)
        if key not in latest or change.seq > latest[key].seq:
            latest[key] = change
    by_table: dict[str, list[Change]] = {}
    for change in latest.values():
        by_table.setdefault(change.table, []).append(change)
    applied: list[Change] = []
    for name, group in by_table.items():
        table = model.REPLICATED_TABLES[name]
        stored = _stored_seqs(conn, table, [c.id for c in group])
        fresh = [c for c in group if not (stored.get(c.id, -1) >= c.seq > 0)]
        gone = [c.id for c in fresh if c.deleted or c.row is None]
        for start in range(0, len(gone), ID_CHUNK):
            conn.execute(delete(table).where(table.c.id.in_(gone[start : start + ID_CHUNK])))
        rows = [
            {**model.row_from_wire(table, c.row), "id": c.id, "seq": c.seq, "deleted": False}
            for c in fresh
            if not (c.deleted or c.row is None)
        ]
        _upsert_rows(conn, table, rows)
        applied.extend(fresh)
    return applied


def _stored_seqs(conn: Connection, table: Table, ids: list[str]) -> dict[str, int]:
    stored: dict[str, int] = {}
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        stored.update(
            conn.execute(select(table.c.id, table.c.seq).where(table.c.id.in_(chunk))).all()
        )
    return stored


def _upsert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT … ON CONFLICT(id) DO UPDATE, grouped by column set (executemany needs one)."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        by_columns.setdefault(tuple(sorted(row)), []).append(row)
    for columns, group in by_columns.items():
        stmt = sqlite_insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={c: stmt.excluded[c] for c in columns if c != "id"},
        )
        conn.execute(stmt, group)


def apply_deferred(conn: Connection) -> set[str]:
    """Apply the server versions held back for rows whose ops are now acknowledged.

    A pull that meets a row with a pending op (e.g. the ack of a push was lost) skips it, yet
    its cursor moves on; the skipped version is kept here so the row still catches up.
    Returns the tables that changed.
    """
    deferred: dict[str, Any] = dict(get_state(conn, DEFERRED, {}))
    if not deferred:
        return set()
    protected = pending_rows(conn)
    tables: set[str] = set()
    for key, data in list(deferred.items()):
        from congress_desktop.protocol import Change  # pydantic: only when there is one

        change = Change.model_validate(data)
        if (change.table, change.id) in protected:
            continue
        del deferred[key]
        if change.table in model.REPLICATED_TABLES and _apply_change(conn, change):
            tables.add(change.table)
    set_state(conn, DEFERRED, deferred)
    return tables


def reset_replica(conn: Connection) -> None:
    """Drop every downstream row except those the outbox still owns; the outbox stays."""
    protected = pending_rows(conn)
    set_state(conn, DEFERRED, {})
    for name, table in model.REPLICATED_TABLES.items():
        keep = [row_id for (t, row_id) in protected if t == name]
        stmt = delete(table)
        if keep:
            stmt = stmt.where(table.c.id.not_in(keep))
        conn.execute(stmt)

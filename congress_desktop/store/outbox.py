"""The outbox: user actions waiting to reach the server, in the order they were made.

An op is written in the same transaction as its local effect, before any network call. The
server's answer per op (applied, duplicate, rejected) is an acknowledgement; only transport
errors leave an op pending.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, insert, select, update

from congress_desktop import clock
from congress_desktop.model import utcnow
from congress_desktop.op_kinds import OpKind, OpStatus
from congress_desktop.store.replica import ClockSample, estimate_offset, last_offset
from congress_desktop.store.schema import outbox

if TYPE_CHECKING:
    from congress_desktop.protocol import Op, OpResult


def enqueue(
    conn: Connection,
    kind: OpKind,
    payload: dict[str, Any],
    *,
    row_table: str | None = None,
    row_id: str | None = None,
) -> str:
    op_id = str(uuid.uuid4())
    sample = now_sample()
    conn.execute(
        insert(outbox).values(
            op_id=op_id,
            kind=str(kind),
            payload=payload,
            wall_time=sample.wall,
            mono_time=sample.mono,
            boot_id=sample.boot_id,
            clock_offset_s=estimate_offset(conn, sample),
            row_table=row_table,
            row_id=row_id,
            state="pending",
            attempts=0,
        )
    )
    return op_id


def now_sample() -> ClockSample:
    return ClockSample(clock.wall(), clock.monotonic(), clock.boot_id())


def pending_ops(conn: Connection, limit: int) -> list[Op]:
    """The oldest pending ops as wire messages.

    Same-boot actions carry ``elapsed_s`` (monotonic seconds since the tap); the others (the
    terminal rebooted) carry ``clock_offset_s``, the offset known when the action was made or
    else the last one measured, so the server can date them as wall time + offset.
    """
    rows = conn.execute(
        select(outbox).where(outbox.c.state == "pending").order_by(outbox.c.position).limit(limit)
    ).mappings()
    now_mono, this_boot = clock.monotonic(), clock.boot_id()
    latest_offset = last_offset(conn)
    from congress_desktop.protocol import Op  # pydantic: only once there is something to push

    ops = []
    for row in rows:
        same_boot = row["boot_id"] == this_boot and now_mono >= row["mono_time"]
        offset = row["clock_offset_s"]
        ops.append(
            Op(
                op_id=row["op_id"],
                kind=OpKind(row["kind"]),
                payload=row["payload"],
                wall_time=row["wall_time"],
                mono_time=row["mono_time"],
                boot_id=row["boot_id"],
                elapsed_s=(now_mono - row["mono_time"]) if same_boot else None,
                clock_offset_s=None
                if same_boot
                else (offset if offset is not None else latest_offset),
            )
        )
    return ops


def acknowledged_state(result: OpResult) -> str:
    """The outbox state an answer leaves: a duplicate of an op the server first rejected (the
    ack of the rejection was lost) is a rejection for the delegate, with the first reason."""
    if result.status == OpStatus.DUPLICATE and result.detail.get("status") == OpStatus.REJECTED:
        return OpStatus.REJECTED.value
    return str(result.status)


def record_results(conn: Connection, results: list[OpResult]) -> None:
    now = utcnow()
    for result in results:
        conn.execute(
            update(outbox)
            .where(outbox.c.op_id == result.op_id, outbox.c.state == "pending")
            .values(
                state=acknowledged_state(result),
                reason=result.reason,
                reason_code=result.code,
                result=result.detail,
                acked_at=now,
            )
        )


def record_failure(conn: Connection, op_ids: list[str], error: str) -> None:
    conn.execute(
        update(outbox)
        .where(outbox.c.op_id.in_(op_ids))
        .values(attempts=outbox.c.attempts + 1, last_error=error)
    )


def pending_count(conn: Connection) -> int:
    return conn.execute(
        select(func.count()).select_from(outbox).where(outbox.c.state == "pending")
    ).scalar_one()


def rejected(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(
            outbox.c.op_id,
            outbox.c.kind,
            outbox.c.reason,
            outbox.c.reason_code,
            outbox.c.row_id,
            outbox.c.acked_at,
        )
        .where(outbox.c.state == OpStatus.REJECTED.value)
        .order_by(outbox.c.position)
    ).mappings()
    return [dict(r) for r in rows]

"""Push: apply terminal ops exactly once.

Each op runs in its own transaction that first inserts its ``applied_ops`` row, then its
effect, then stores the result. A second delivery of the same op id (a retry, or another
connection racing it) finds the row — or fails on its primary key and rolls back — and
answers ``duplicate`` with the stored first result. A rejection is recorded too, so a retry
of a rejected op is a duplicate of that rejection.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import IntegrityError

from congress_desktop.model import utcnow
from congress_desktop.protocol import Op, OpKind, OpResult, OpStatus
from congress_desktop.server.auth import Terminal
from congress_desktop.server.db import applied_ops
from congress_desktop.server.ops import Rejected, apply_signin, apply_suggestion

log = logging.getLogger(__name__)

_PENDING = "pending"


def _stored(conn: Connection, op_id: str) -> tuple[str, dict[str, Any]] | None:
    """(terminal id, first result) of an op seen before."""
    row = conn.execute(
        select(applied_ops.c.terminal_id, applied_ops.c.result).where(applied_ops.c.op_id == op_id)
    ).first()
    return None if row is None else (str(row[0]), dict(row[1]))


def _duplicate_of(op_id: str, stored: tuple[str, dict[str, Any]], terminal: Terminal) -> OpResult:
    terminal_id, first = stored
    if terminal_id != terminal.id:  # never hand one terminal's result to another
        return OpResult(
            op_id=op_id, status=OpStatus.REJECTED, reason="the op id is used by another terminal"
        )
    return OpResult(
        op_id=op_id, status=OpStatus.DUPLICATE, reason=first.get("reason"), detail=first
    )


def _effect(conn: Connection, terminal: Terminal, op: Op, received: dt.datetime) -> OpResult:
    try:
        if op.kind is OpKind.SIGNIN:
            status, detail = apply_signin(conn, terminal, op, received)
        elif op.kind is OpKind.SUGGESTION_SUBMIT:
            status, detail = apply_suggestion(conn, terminal, op, received)
        else:  # pragma: no cover - OpKind is closed; a new kind must be handled above
            raise Rejected(f"unsupported operation kind {op.kind}")
    except Rejected as rejection:
        return OpResult(op_id=op.op_id, status=OpStatus.REJECTED, reason=rejection.reason)
    return OpResult(op_id=op.op_id, status=status, reason=detail.pop("reason", None), detail=detail)


def apply_op(engine: Engine, terminal: Terminal, op: Op) -> OpResult:
    """Apply one op in one transaction, exactly once."""
    received = utcnow()
    try:
        with engine.begin() as conn:
            seen = _stored(conn, op.op_id)
            if seen is not None:
                return _duplicate_of(op.op_id, seen, terminal)
            # claims the op id; a racing transaction blocks here, then fails on the key
            conn.execute(
                applied_ops.insert().values(
                    op_id=op.op_id,
                    terminal_id=terminal.id,
                    kind=op.kind.value,
                    status=_PENDING,
                    result={},
                    received_at=received,
                )
            )
            result = _effect(conn, terminal, op, received)
            stored = result.model_dump(mode="json")
            conn.execute(
                update(applied_ops)
                .where(applied_ops.c.op_id == op.op_id)
                .values(status=result.status.value, result=stored)
            )
    except IntegrityError:
        log.info("op %s was applied concurrently; answering with the stored result", op.op_id)
        with engine.connect() as conn:
            seen = _stored(conn, op.op_id)
        if seen is None:
            raise
        return _duplicate_of(op.op_id, seen, terminal)
    if result.status is OpStatus.REJECTED:
        log.info("op %s (%s) from %s rejected: %s", op.op_id, op.kind, terminal.id, result.reason)
    return result


def apply_ops(engine: Engine, terminal: Terminal, ops: list[Op]) -> list[OpResult]:
    return [apply_op(engine, terminal, op) for op in ops]

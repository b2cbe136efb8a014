"""Push: apply terminal ops exactly once.

Each op runs in its own transaction that first inserts its ``applied_ops`` row, then its
effect, then stores the result. A second delivery of the same op id (a retry, or another
connection racing it) finds the row — or fails on its primary key and rolls back — and
answers ``duplicate`` with the stored first result. A rejection is recorded too, so a retry
of a rejected op is a duplicate of that rejection.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from congress_desktop.model import SignInMethod, row_to_wire, signins, sittings, utcnow
from congress_desktop.protocol import Op, OpKind, OpResult, OpStatus, RejectCode, SignInPayload
from congress_desktop.server import annotations as annotation_ops
from congress_desktop.server.auth import Terminal
from congress_desktop.server.changes import pending_nudge
from congress_desktop.server.db import SERVER_SEQ, applied_ops, counter
from congress_desktop.server.ops import (
    Rejected,
    _parse,
    apply_cosign,
    apply_feedback,
    apply_signin,
    apply_suggestion,
    signed_at,
)
from congress_desktop.server.queries import seat_delegates

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
            op_id=op_id,
            status=OpStatus.REJECTED,
            reason="the op id is used by another terminal",
            code=RejectCode.ID_IN_USE,
        )
    return OpResult(
        op_id=op_id,
        status=OpStatus.DUPLICATE,
        reason=first.get("reason"),
        code=first.get("code"),
        detail=first,
    )


def _rejected(op_id: str, rejection: Rejected) -> OpResult:
    return OpResult(
        op_id=op_id, status=OpStatus.REJECTED, reason=rejection.reason, code=rejection.code
    )


def _effect(conn: Connection, terminal: Terminal, op: Op, received: dt.datetime) -> OpResult:
    try:
        if op.kind is OpKind.SIGNIN:
            status, detail = apply_signin(conn, terminal, op, received)
        elif op.kind is OpKind.SUGGESTION_SUBMIT:
            status, detail = apply_suggestion(conn, terminal, op, received)
        elif op.kind is OpKind.SUGGESTION_COSIGN:
            status, detail = apply_cosign(conn, terminal, op, received)
        elif op.kind is OpKind.SUGGESTION_FEEDBACK:
            status, detail = apply_feedback(conn, terminal, op, received)
        elif op.kind is OpKind.ANNOTATION_UPSERT:
            status, detail = annotation_ops.apply_upsert(conn, terminal, op, received)
        elif op.kind is OpKind.ANNOTATION_DELETE:
            status, detail = annotation_ops.apply_delete(conn, terminal, op, received)
        else:  # pragma: no cover - OpKind is closed; a new kind must be handled above
            raise Rejected(f"unsupported operation kind {op.kind}", RejectCode.UNSUPPORTED)
    except Rejected as rejection:
        return _rejected(op.op_id, rejection)
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


# --------------------------------------------------------------------------- group commit
#
# A sign-in storm is thousands of one-op pushes at once. Applied one transaction each, every
# sign-in costs ~13 statements, a commit (an fsync) and a threadpool hop. Instead the push
# route hands its ops to one writer per process (:class:`OpWriter`), which applies every
# sign-in that queued up meanwhile in ONE transaction: the op ids, seats, sittings and
# existing sign-ins of the whole batch are read with a handful of statements, then each op
# is decided in order exactly as :func:`apply_signin` would (same checks, same answers), takes
# its own seq and gets its own ``applied_ops`` row — all in the transaction of its effect.
# If anything unexpected fails, the batch rolls back and every op is applied again alone by
# :func:`apply_op` (so one bad op never costs another its answer).

Job = tuple[Terminal, list[Op], dt.datetime]
"""One push request: the terminal, its ops in order, and when the server received it."""


def _signin_only(job: Job) -> bool:
    return all(op.kind is OpKind.SIGNIN for op in job[1])


def apply_jobs(engine: Engine, jobs: list[Job]) -> list[list[OpResult] | BaseException]:
    """Apply the ops of several push requests; per request its results (or its error)."""
    out: list[list[OpResult] | BaseException | None] = [None] * len(jobs)
    batch = [i for i, job in enumerate(jobs) if _signin_only(job)]
    if batch:
        try:
            results = _apply_signin_batch(engine, [jobs[i] for i in batch])
        except Exception:
            log.warning(
                "a batch of %d sign-in pushes failed; applying them one by one",
                len(batch),
                exc_info=True,
            )
        else:
            for i, result in zip(batch, results, strict=True):
                out[i] = result
    for i, job in enumerate(jobs):
        if out[i] is None:
            try:
                out[i] = apply_ops(engine, job[0], job[1])
            except Exception as exc:  # this request answers 5xx; the others go on
                out[i] = exc
    return [r for r in out if r is not None]


def _wire(values: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {c.name: None for c in signins.columns}
    row["time_estimated"] = False
    row.update(values)
    return row_to_wire(signins, row)


def _apply_signin_batch(engine: Engine, jobs: list[Job]) -> list[list[OpResult]]:
    all_ops = [op for _t, ops, _r in jobs for op in ops]
    with engine.begin() as conn:
        # the counter row lock first (SQLite: BEGIN IMMEDIATE holds the write lock already):
        # every check below sees every write committed before this batch
        counter_value = conn.execute(
            select(counter.c.value).where(counter.c.name == SERVER_SEQ).with_for_update()
        ).scalar_one()
        seq = int(counter_value)
        op_ids = sorted({op.op_id for op in all_ops})
        seen: dict[str, tuple[str, dict[str, Any]]] = {
            str(r[0]): (str(r[1]), dict(r[2]))
            for r in conn.execute(
                select(applied_ops.c.op_id, applied_ops.c.terminal_id, applied_ops.c.result).where(
                    applied_ops.c.op_id.in_(op_ids)
                )
            )
        }
        parsed: dict[str, SignInPayload | Rejected] = {}
        for op in all_ops:
            try:
                parsed[op.op_id] = _parse(SignInPayload, op.payload)
            except Rejected as rejection:
                parsed[op.op_id] = rejection
        payloads = [p for p in parsed.values() if isinstance(p, SignInPayload)]
        delegate_of = seat_delegates(
            conn, [t.seat_number for t, _o, _r in jobs if t.seat_number is not None]
        )
        sitting_ids = sorted({p.sitting_id for p in payloads})
        sitting_rows = {
            str(r.id): r
            for r in conn.execute(
                select(sittings.c.id, sittings.c.session_id, sittings.c.deleted).where(
                    sittings.c.id.in_(sitting_ids)
                )
            )
        }
        delegate_ids = sorted(set(delegate_of.values()))
        existing: dict[tuple[str, str], dict[str, Any]] = {}
        if sitting_ids and delegate_ids:
            for r in conn.execute(
                select(signins).where(
                    signins.c.sitting_id.in_(sitting_ids),
                    signins.c.delegate_id.in_(delegate_ids),
                    signins.c.deleted.is_(False),
                )
            ).mappings():
                existing.setdefault((r["delegate_id"], r["sitting_id"]), dict(r))
        ids_in_use = set(
            conn.execute(
                select(signins.c.id).where(
                    signins.c.id.in_(sorted({p.signin_id for p in payloads}))
                )
            ).scalars()
        )
        new_rows: list[dict[str, Any]] = []
        records: list[dict[str, Any]] = []
        results: list[list[OpResult]] = []
        nudge = pending_nudge(conn)
        for terminal, ops, received in jobs:
            answers: list[OpResult] = []
            for op in ops:
                if op.op_id in seen:
                    answers.append(_duplicate_of(op.op_id, seen[op.op_id], terminal))
                    continue
                try:
                    payload = parsed[op.op_id]
                    if isinstance(payload, Rejected):
                        raise payload
                    status, detail = _decide_signin(
                        terminal,
                        op,
                        payload,
                        received,
                        delegate_of,
                        sitting_rows,
                        existing,
                        ids_in_use,
                    )
                except Rejected as rejection:
                    result = _rejected(op.op_id, rejection)
                else:
                    if status is OpStatus.APPLIED:
                        seq += 1
                        row = detail.pop("_row")
                        row.update(seq=seq, updated_at=received, deleted=False)
                        new_rows.append(row)
                        existing[(row["delegate_id"], row["sitting_id"])] = row
                        ids_in_use.add(row["id"])
                        detail = {"signin": _wire(row)}
                        nudge.seq = max(nudge.seq, seq)
                        nudge.add_row("signins", row)
                    result = OpResult(
                        op_id=op.op_id,
                        status=status,
                        reason=detail.pop("reason", None),
                        detail=detail,
                    )
                stored = result.model_dump(mode="json")
                seen[op.op_id] = (terminal.id, stored)
                records.append(
                    {
                        "op_id": op.op_id,
                        "terminal_id": terminal.id,
                        "kind": op.kind.value,
                        "status": result.status.value,
                        "result": stored,
                        "received_at": received,
                    }
                )
                answers.append(result)
            results.append(answers)
        if new_rows:
            conn.execute(update(counter).where(counter.c.name == SERVER_SEQ).values(value=seq))
            conn.execute(signins.insert(), new_rows)
        if records:
            conn.execute(applied_ops.insert(), records)
    for answers in results:
        for result in answers:
            if result.status is OpStatus.REJECTED:
                log.info("op %s rejected: %s", result.op_id, result.reason)
    return results


def _decide_signin(
    terminal: Terminal,
    op: Op,
    payload: SignInPayload,
    received: dt.datetime,
    delegate_of: dict[int, str],
    sitting_rows: dict[str, Any],
    existing: dict[tuple[str, str], dict[str, Any]],
    ids_in_use: set[str],
) -> tuple[OpStatus, dict[str, Any]]:
    """The checks of :func:`apply_signin`, in its order, on the batch's pre-read state."""
    mine = delegate_of.get(terminal.seat_number) if terminal.seat_number is not None else None
    if mine is None:
        raise Rejected(
            "no delegate is assigned to this terminal's seat", RejectCode.NO_DELEGATE_AT_SEAT
        )
    if payload.delegate_id != mine:
        raise Rejected(
            "the delegate is not assigned to this terminal's seat", RejectCode.NOT_YOUR_SEAT
        )
    if payload.method is SignInMethod.STAFF:
        raise Rejected(
            "a staff sign-in (补签) can only be made at the secretariat console",
            RejectCode.STAFF_ONLY,
        )
    sitting = sitting_rows.get(payload.sitting_id)
    if sitting is None or sitting.deleted:
        raise Rejected("the sitting does not exist", RejectCode.NO_SITTING)
    found = existing.get((mine, payload.sitting_id))
    if found is not None:
        return OpStatus.DUPLICATE, {
            "reason": "the delegate has already signed in for this sitting",
            "signin": _wire(found),
        }
    if payload.signin_id in ids_in_use:
        raise Rejected("the sign-in id is already in use", RejectCode.ID_IN_USE)
    when, estimated = signed_at(op, received)
    wall = op.wall_time.astimezone(dt.UTC) if op.wall_time.tzinfo else None
    return OpStatus.APPLIED, {
        "_row": {
            "id": payload.signin_id,
            "session_id": sitting.session_id,
            "sitting_id": payload.sitting_id,
            "delegate_id": mine,
            "terminal_id": terminal.id,
            "method": payload.method.value,
            "terminal_wall": wall,
            "signed_at": when.astimezone(dt.UTC),
            "received_at": received,
            "time_estimated": estimated,
        }
    }


MAX_BATCH = 500
"""Push requests applied in one transaction at most."""


class OpWriter:
    """One writer per process: push requests queue here and are applied in batches, one
    batch at a time in the threadpool; whatever arrives while a batch commits forms the next
    one (group commit with no added delay)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._queue: list[tuple[Job, asyncio.Future[list[OpResult]]]] = []
        self._task: asyncio.Task[None] | None = None

    async def submit(self, terminal: Terminal, ops: list[Op]) -> list[OpResult]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[OpResult]] = loop.create_future()
        self._queue.append(((terminal, ops, utcnow()), future))
        task = self._task
        if task is None or task.done() or task.get_loop() is not loop:  # (a new loop: tests)
            self._task = loop.create_task(self._drain(), name="congress-op-writer")
        return await future

    async def _drain(self) -> None:
        while self._queue:
            batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
            try:
                outcomes = await run_in_threadpool(apply_jobs, self.engine, [j for j, _ in batch])
            except BaseException as exc:  # cancelled at shutdown: nobody gets an answer
                for _job, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                raise
            for (_job, future), outcome in zip(batch, outcomes, strict=True):
                if future.done():  # the client went away; its ops are applied all the same
                    continue
                if isinstance(outcome, BaseException):
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)

"""Delegations, delegates and seats: the roster import's writes, listings, seat assignment."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import Connection, func, select

from congress_desktop.model import delegates, delegations, seats
from congress_desktop.protocol import (
    DelegateOut,
    DelegationOut,
    RosterImportResult,
    RosterRowError,
    SeatOut,
)
from congress_desktop.server import audit
from congress_desktop.server.admin.deps import not_found
from congress_desktop.server.annotations import resend_notes
from congress_desktop.server.changes import next_seq, write_row
from congress_desktop.server.roster import RosterRejected, RosterRow, row_error
from congress_desktop.server.users import ConsoleUser

log = logging.getLogger(__name__)


def _live(table: Any, session_id: str) -> Any:
    return select(table).where(table.c.session_id == session_id, table.c.deleted.is_(False))


def apply_roster(
    conn: Connection, user: ConsoleUser, session_id: str, rows: list[RosterRow], filename: str
) -> RosterImportResult:
    """Write a checked roster (PINs already hashed) in the caller's transaction."""
    next_seq(conn)  # hold the write lock: the checks below see every committed row
    known = {r["number"]: dict(r) for r in conn.execute(_live(delegates, session_id)).mappings()}
    _check_badges(conn, session_id, rows, known)
    groups = {r["name"]: dict(r) for r in conn.execute(_live(delegations, session_id)).mappings()}
    seat_rows = {r["number"]: dict(r) for r in conn.execute(_live(seats, session_id)).mappings()}
    position = len(groups)
    created = updated = groups_created = seated = 0
    for r in rows:
        if r.delegation not in groups:
            group = {
                "id": str(uuid.uuid4()),
                "session_id": session_id,
                "name": r.delegation,
                "position": position,
            }
            write_row(conn, delegations, group)
            groups[r.delegation] = group
            position += 1
            groups_created += 1
        values: dict[str, Any] = {
            "session_id": session_id,
            "number": r.number,
            "name": r.name,
            "delegation_id": groups[r.delegation]["id"],
            "unit": r.unit,
        }
        if r.badge is not None:
            values["badge_id"] = r.badge
        if r.pin_hash is not None:
            values["pin_hash"] = r.pin_hash
        old = known.get(r.number)
        if old is None:
            values["id"] = str(uuid.uuid4())
            created += 1
        else:
            values["id"] = old["id"]
            if any(old.get(k) != v for k, v in values.items()):
                updated += 1
            else:
                values = {}
        if values:
            write_row(conn, delegates, values)
        delegate_id = old["id"] if old is not None else values["id"]
        if r.seat is not None:
            seated += _seat(conn, session_id, seat_rows, r.seat, delegate_id)
    result = RosterImportResult(
        session_id=session_id,
        rows=len(rows),
        delegations_created=groups_created,
        delegates_created=created,
        delegates_updated=updated,
        seats_assigned=seated,
    )
    audit.record(
        conn,
        user,
        "roster.import",
        "delegates",
        None,
        before={"delegates": len(known)},
        after={"file": filename, **result.model_dump()},
    )
    log.info("roster %s imported into %s: %s", filename, session_id, result.model_dump())
    return result


def _check_badges(
    conn: Connection, session_id: str, rows: list[RosterRow], known: dict[str, dict[str, Any]]
) -> None:
    """A badge id may not belong to another delegate who keeps it."""
    owners = {d["badge_id"]: d["number"] for d in known.values() if d["badge_id"]}
    errors: list[RosterRowError] = []
    for r in rows:
        owner = owners.get(r.badge) if r.badge else None
        if owner is not None and owner != r.number:
            in_file = any(o.number == owner and o.badge != r.badge for o in rows)
            if not in_file:
                errors.append(
                    row_error(
                        r.row,
                        f"证卡号 {r.badge} 已属于代表证号 {owner}",
                        f"badge {r.badge} belongs to delegate {owner}",
                        "badge",
                    )
                )
    if errors:
        raise RosterRejected(errors)


def _seat(
    conn: Connection,
    session_id: str,
    seat_rows: dict[int, dict[str, Any]],
    number: int,
    delegate_id: str,
) -> int:
    """Put ``delegate_id`` at seat ``number`` (and nowhere else); 1 if anything changed."""
    changed = 0
    for other in seat_rows.values():
        if other["delegate_id"] == delegate_id and other["number"] != number:
            write_row(conn, seats, {"id": other["id"], "delegate_id": None})
            other["delegate_id"] = None
            changed = 1
    seat = seat_rows.get(number)
    if seat is None:
        seat = {
            "id": str(uuid.uuid4()),
            "session_id": session_id,
            "number": number,
            "delegate_id": delegate_id,
        }
        write_row(conn, seats, seat)
        seat_rows[number] = seat
        resend_notes(conn, delegate_id)  # the terminal there has pulled past them
        return 1
    if seat["delegate_id"] != delegate_id:
        write_row(conn, seats, {"id": seat["id"], "delegate_id": delegate_id})
        seat["delegate_id"] = delegate_id
        resend_notes(conn, delegate_id)
        return 1
    return changed


# --------------------------------------------------------------------------- reads


def list_delegations(conn: Connection, session_id: str) -> list[DelegationOut]:
    rows = conn.execute(_live(delegations, session_id).order_by(delegations.c.position))
    return [DelegationOut.model_validate(dict(r)) for r in rows.mappings()]


def list_delegates(conn: Connection, session_id: str) -> list[DelegateOut]:
    names = {d.id: d.name for d in list_delegations(conn, session_id)}
    seat_of = {
        r["delegate_id"]: r["number"]
        for r in conn.execute(_live(seats, session_id)).mappings()
        if r["delegate_id"]
    }
    rows = conn.execute(_live(delegates, session_id).order_by(delegates.c.number)).mappings()
    return [
        DelegateOut(
            id=r["id"],
            number=r["number"],
            name=r["name"],
            delegation_id=r["delegation_id"],
            delegation=names.get(r["delegation_id"] or "", ""),
            unit=r["unit"],
            seat_number=seat_of.get(r["id"]),
            badge_id=r["badge_id"],
            has_pin=bool(r["pin_hash"]),
        )
        for r in rows
    ]


def list_seats(conn: Connection, session_id: str) -> list[SeatOut]:
    names = dict(conn.execute(select(delegates.c.id, delegates.c.name)).all())
    rows = conn.execute(_live(seats, session_id).order_by(seats.c.number)).mappings()
    return [
        SeatOut(
            id=r["id"],
            number=r["number"],
            delegate_id=r["delegate_id"],
            delegate_name=names.get(r["delegate_id"]) if r["delegate_id"] else None,
        )
        for r in rows
    ]


def assign_seat(
    conn: Connection, user: ConsoleUser, session_id: str, number: int, delegate_id: str | None
) -> SeatOut:
    """Seat ``delegate_id`` at ``number`` (creating the seat), or empty it when None."""
    next_seq(conn)
    seat_rows = {r["number"]: dict(r) for r in conn.execute(_live(seats, session_id)).mappings()}
    before = dict(seat_rows[number]) if number in seat_rows else None
    if delegate_id is not None:
        exists = conn.execute(
            _live(delegates, session_id).where(delegates.c.id == delegate_id)
        ).first()
        if exists is None:
            raise not_found("delegate", delegate_id)
        _seat(conn, session_id, seat_rows, number, delegate_id)
    elif before is not None and before["delegate_id"] is not None:
        write_row(conn, seats, {"id": before["id"], "delegate_id": None})
    elif before is None:
        seat = {
            "id": str(uuid.uuid4()),
            "session_id": session_id,
            "number": number,
            "delegate_id": None,
        }
        write_row(conn, seats, seat)
    after = dict(
        conn.execute(_live(seats, session_id).where(seats.c.number == number)).mappings().one()
    )
    audit.record(conn, user, "seat.assign", "seats", after["id"], before=before, after=after)
    return next(s for s in list_seats(conn, session_id) if s.number == number)


def pin_hashes(conn: Connection, session_id: str) -> dict[str, str | None]:
    """Delegate number → stored PIN hash."""
    query = select(delegates.c.number, delegates.c.pin_hash).where(
        delegates.c.session_id == session_id, delegates.c.deleted.is_(False)
    )
    return {number: pin_hash for number, pin_hash in conn.execute(query)}


def count_delegates(conn: Connection, session_id: str) -> int:
    query = select(func.count()).select_from(_live(delegates, session_id).subquery())
    return int(conn.execute(query).scalar_one())

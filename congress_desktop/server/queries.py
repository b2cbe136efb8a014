"""Small reads shared by the routes: the active session, a seat's delegate."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Select, bindparam, case, select

from congress_desktop.model import SessionState, congress_sessions, seats


def _active_session() -> Select[tuple[str]]:
    is_open = case((congress_sessions.c.state == SessionState.OPEN, 0), else_=1)
    return (
        select(congress_sessions.c.id)
        .where(congress_sessions.c.deleted.is_(False))
        .order_by(is_open, congress_sessions.c.starts_on.desc(), congress_sessions.c.seq.desc())
        .limit(1)
    )


_ACTIVE_SESSION = _active_session()


def active_session_id(conn: Connection) -> str | None:
    """The open session, else the newest one that is not deleted; None on an empty server."""
    row = conn.execute(_ACTIVE_SESSION).first()
    return None if row is None else str(row[0])


def seat_delegate_id(conn: Connection, seat_number: int | None) -> str | None:
    """The delegate assigned to seat ``seat_number`` in the active session."""
    if seat_number is None:
        return None
    row = conn.execute(_SEAT_DELEGATE, {"seat": seat_number}).first()
    return None if row is None or row[0] is None else str(row[0])


def seat_delegates(conn: Connection, seat_numbers: Iterable[int]) -> dict[int, str]:
    """Seat number → delegate id in the active session, for many seats in one statement."""
    wanted = sorted(set(seat_numbers))
    if not wanted:
        return {}
    rows = conn.execute(
        select(seats.c.number, seats.c.delegate_id).where(
            seats.c.session_id == _ACTIVE_SESSION.scalar_subquery(),
            seats.c.number.in_(wanted),
            seats.c.deleted.is_(False),
        )
    )
    return {int(n): str(d) for n, d in rows if d is not None}


_SEAT_DELEGATE = select(seats.c.delegate_id).where(
    seats.c.session_id == _ACTIVE_SESSION.scalar_subquery(),
    seats.c.number == bindparam("seat"),
    seats.c.deleted.is_(False),
)
"""One statement: the active session is a scalar subquery."""

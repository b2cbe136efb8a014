"""Small reads shared by the routes: the active session, a seat's delegate."""

from __future__ import annotations

from sqlalchemy import Connection, case, select

from congress_desktop.model import SessionState, congress_sessions, seats


def active_session_id(conn: Connection) -> str | None:
    """The open session, else the newest one that is not deleted; None on an empty server."""
    is_open = case((congress_sessions.c.state == SessionState.OPEN, 0), else_=1)
    row = conn.execute(
        select(congress_sessions.c.id)
        .where(congress_sessions.c.deleted.is_(False))
        .order_by(is_open, congress_sessions.c.starts_on.desc(), congress_sessions.c.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else str(row[0])


def seat_delegate_id(conn: Connection, seat_number: int | None) -> str | None:
    """The delegate assigned to seat ``seat_number`` in the active session."""
    if seat_number is None:
        return None
    session_id = active_session_id(conn)
    if session_id is None:
        return None
    row = conn.execute(
        select(seats.c.delegate_id).where(
            seats.c.session_id == session_id,
            seats.c.number == seat_number,
            seats.c.deleted.is_(False),
        )
    ).first()
    return None if row is None or row[0] is None else str(row[0])

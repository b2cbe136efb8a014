"""One-time enrollment tokens, created by the secretariat or technician (CLI, admin API).

Only the token's SHA-256 is stored; the token itself is shown once.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import Connection

from congress_desktop import security
from congress_desktop.model import utcnow
from congress_desktop.server.db import enrollment_tokens, migrate, open_engine

log = logging.getLogger(__name__)


def create_token(conn: Connection, seat_number: int | None, ttl_hours: float = 24) -> str:
    """A new one-time enrollment token for a terminal at ``seat_number``."""
    if ttl_hours <= 0:
        raise ValueError("ttl_hours must be positive")
    token = security.new_token()
    conn.execute(
        enrollment_tokens.insert().values(
            digest=security.token_digest(token),
            seat_number=seat_number,
            expires_at=utcnow() + dt.timedelta(hours=ttl_hours),
        )
    )
    log.info("enrollment token created for seat %s (valid %s h)", seat_number, ttl_hours)
    return token


def create_enrollment_token(db_url: str, seat_number: int | None, ttl_hours: float = 24) -> str:
    """For the CLI: bring the database schema up to date, then create a token."""
    engine = open_engine(db_url)
    try:
        migrate(engine)
        with engine.begin() as conn:
            return create_token(conn, seat_number, ttl_hours)
    finally:
        engine.dispose()

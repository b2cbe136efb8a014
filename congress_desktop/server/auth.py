"""Terminal credentials and one-time enrollment tokens.

A terminal authenticates with ``Authorization: Bearer <terminal_id>.<secret>``; the server
keeps only ``token_digest(secret)``. Enrollment tokens are one-time and expire; they are
stored as digests too, so a database dump gives no usable token.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from congress_desktop import security
from congress_desktop.model import utcnow
from congress_desktop.protocol import EnrollRequest, EnrollResponse, ErrorCode
from congress_desktop.server.db import enrollment_tokens, get_epoch, terminals
from congress_desktop.server.errors import ApiError
from congress_desktop.server.queries import active_session_id

log = logging.getLogger(__name__)

UNAUTHORIZED_MESSAGE = "terminal is not enrolled or its credential is invalid"
TOKEN_UNKNOWN = "enrollment token is not valid"
TOKEN_USED = "enrollment token has already been used"
TOKEN_EXPIRED = "enrollment token has expired"


@dataclass(frozen=True)
class Terminal:
    """An enrolled terminal, as the request handlers see it."""

    id: str
    name: str
    seat_number: int | None
    app_version: str
    last_seen: dt.datetime | None


def unauthorized() -> ApiError:
    return ApiError(401, ErrorCode.UNAUTHORIZED, UNAUTHORIZED_MESSAGE)


def parse_bearer(header: str | None) -> tuple[str, str]:
    """``Bearer <terminal_id>.<secret>`` → (terminal_id, secret), or raise 401."""
    if not header:
        raise unauthorized()
    scheme, _, token = header.partition(" ")
    terminal_id, dot, secret = token.strip().partition(".")
    if scheme.lower() != "bearer" or not dot or not terminal_id or not secret:
        raise unauthorized()
    return terminal_id, secret


def authenticate(conn: Connection, header: str | None) -> Terminal:
    terminal_id, secret = parse_bearer(header)
    row = conn.execute(select(terminals).where(terminals.c.id == terminal_id)).mappings().first()
    if row is None or not security.digest_matches(row["credential_digest"], secret):
        raise unauthorized()
    return Terminal(
        id=row["id"],
        name=row["name"],
        seat_number=row["seat_number"],
        app_version=row["app_version"],
        last_seen=row["last_seen"],
    )


def touch_terminal(conn: Connection, terminal_id: str, app_version: str | None) -> None:
    values: dict[str, object] = {"last_seen": utcnow()}
    if app_version:
        values["app_version"] = app_version[:40]
    conn.execute(update(terminals).where(terminals.c.id == terminal_id).values(values))


# --------------------------------------------------------------------------- enrollment


def enroll(conn: Connection, request: EnrollRequest) -> EnrollResponse:
    """Spend a token on a new terminal; raise ApiError(401, token_invalid) if it cannot be."""
    digest = security.token_digest(request.token)
    token = (
        conn.execute(select(enrollment_tokens).where(enrollment_tokens.c.digest == digest))
        .mappings()
        .first()
    )
    if token is None:
        raise ApiError(401, ErrorCode.TOKEN_INVALID, TOKEN_UNKNOWN)
    if token["used_at"] is not None:
        raise ApiError(401, ErrorCode.TOKEN_INVALID, TOKEN_USED)
    now = utcnow()
    if token["expires_at"] <= now:
        raise ApiError(401, ErrorCode.TOKEN_INVALID, TOKEN_EXPIRED)
    terminal_id = str(uuid.uuid4())
    spent = conn.execute(
        update(enrollment_tokens)
        .where(enrollment_tokens.c.digest == digest, enrollment_tokens.c.used_at.is_(None))
        .values(used_at=now, terminal_id=terminal_id)
    )
    if spent.rowcount != 1:  # a concurrent enrollment won the race
        raise ApiError(401, ErrorCode.TOKEN_INVALID, TOKEN_USED)
    secret = security.new_token(32)
    conn.execute(
        terminals.insert().values(
            id=terminal_id,
            name=request.name,
            seat_number=token["seat_number"],
            credential_digest=security.token_digest(secret),
            app_version=request.app_version,
            last_seen=now,
            created_at=now,
        )
    )
    log.info(
        "terminal %s (%r) enrolled for seat %s", terminal_id, request.name, token["seat_number"]
    )
    return EnrollResponse(
        terminal_id=terminal_id,
        credential=secret,
        seat_number=token["seat_number"],
        session_id=active_session_id(conn),
        epoch=get_epoch(conn),
    )

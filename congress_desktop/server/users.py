"""Console users: accounts (argon2 passwords), login tokens, roles and what they allow.

A login gives an opaque bearer token; the server stores only its SHA-256 digest and an
expiry. Role checks are data (:data:`ROLE_ACTIONS`), so ``GET /admin/me`` can tell the
console which actions to show.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select

from congress_desktop import security
from congress_desktop.errors import InvalidInputError
from congress_desktop.model import utcnow
from congress_desktop.protocol import AdminAction, ConsoleRole, ErrorCode, LoginResponse
from congress_desktop.server.admin.tables import console_tokens, users
from congress_desktop.server.errors import ApiError

log = logging.getLogger(__name__)

TOKEN_TTL = dt.timedelta(hours=12)
MIN_PASSWORD = 8
BAD_LOGIN = "wrong username or password"
BAD_TOKEN = "not logged in, or the login has expired"

A = AdminAction
ROLE_ACTIONS: dict[ConsoleRole, frozenset[AdminAction]] = {
    # the secretariat reviews and assigns; only the handling unit answers (答复)
    ConsoleRole.SECRETARIAT: frozenset(
        a for a in AdminAction if a not in (A.SUGGESTIONS_VIEW_ASSIGNED, A.SUGGESTIONS_REPLY)
    ),
    ConsoleRole.HANDLING_UNIT: frozenset({A.SUGGESTIONS_VIEW_ASSIGNED, A.SUGGESTIONS_REPLY}),
    ConsoleRole.TECHNICIAN: frozenset(
        {A.CONTENT_VIEW, A.ATTENDANCE_VIEW, A.TERMINALS_VIEW, A.TERMINALS_ENROLL}
    ),
}

ACTION_TEXT: dict[AdminAction, str] = {
    A.CONTENT_VIEW: "view the session content",
    A.SESSION_EDIT: "edit the session and its sittings",
    A.ROSTER_IMPORT: "import the roster",
    A.SEATS_EDIT: "assign seats",
    A.DOCUMENTS_EDIT: "upload or edit documents",
    A.MOTIONS_EDIT: "edit motions",
    A.NOTICES_EDIT: "publish notices",
    A.AGENDA_EDIT: "edit the agenda draft",
    A.AGENDA_PUBLISH: "publish the agenda",
    A.AGENDA_SET_CURRENT: "set the current agenda item",
    A.PRESENTER_SET: "control the presenter page",
    A.ATTENDANCE_VIEW: "view attendance",
    A.ATTENDANCE_EDIT: "record late sign-ins and leave",
    A.TERMINALS_VIEW: "view the terminals board",
    A.TERMINALS_ENROLL: "create terminal enrollment tokens",
    A.SUGGESTIONS_VIEW_ALL: "view all suggestions",
    A.SUGGESTIONS_VIEW_ASSIGNED: "view the suggestions assigned to a unit",
    A.SUGGESTIONS_ASSIGN: "assign suggestions",
    A.SUGGESTIONS_REVIEW: "review suggestions",
    A.SUGGESTIONS_REPLY: "reply to suggestions",
    A.REPORTS_PRINT: "print reports",
    A.AUDIT_VIEW: "view the audit log",
    A.USERS_MANAGE: "manage console users",
}


@dataclass(frozen=True)
class ConsoleUser:
    """The logged-in console user a request acts for."""

    id: str
    username: str
    role: ConsoleRole
    unit: str
    expires_at: dt.datetime

    @property
    def actions(self) -> frozenset[AdminAction]:
        return ROLE_ACTIONS[self.role]

    def may(self, action: AdminAction) -> bool:
        return action in self.actions


def forbidden(user: ConsoleUser, action: AdminAction) -> ApiError:
    return ApiError(
        403,
        ErrorCode.FORBIDDEN,
        f"the {user.role.value} role may not {ACTION_TEXT[action]} ({action.value})",
    )


def allowed_actions(role: ConsoleRole) -> list[AdminAction]:
    return sorted(ROLE_ACTIONS[role], key=list(AdminAction).index)


# --------------------------------------------------------------------------- accounts


def check_new_user(username: str, password: str, role: str, unit: str) -> ConsoleRole:
    """Validate a new account; the role as an enum. Raises InvalidInputError."""
    try:
        parsed = ConsoleRole(role)
    except ValueError:
        choices = ", ".join(r.value for r in ConsoleRole)
        raise InvalidInputError(f"role must be one of {choices}") from None
    if not username or any(ch.isspace() for ch in username) or len(username) > 64:
        raise InvalidInputError("a username is 1-64 characters without spaces")
    if len(password) < MIN_PASSWORD:
        raise InvalidInputError(f"the password must have at least {MIN_PASSWORD} characters")
    if parsed is ConsoleRole.HANDLING_UNIT and not unit.strip():
        raise InvalidInputError("a handling-unit account needs the unit's name (--unit)")
    return parsed


def create_user(
    conn: Connection, username: str, password_hash: str, role: ConsoleRole, unit: str = ""
) -> dict[str, object]:
    """Insert an account (the password already hashed); the stored row. Raises
    InvalidInputError when the username is taken."""
    taken = conn.execute(select(users.c.id).where(users.c.username == username)).first()
    if taken is not None:
        raise InvalidInputError(f"a user named {username!r} already exists")
    row: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "username": username,
        "role": role.value,
        "unit": unit.strip(),
        "password_hash": password_hash,
        "created_at": utcnow(),
        "disabled": False,
    }
    conn.execute(users.insert().values(row))
    log.info("console user %s (%s) created", username, role.value)
    return row


def public_user(row: dict[str, object]) -> dict[str, object]:
    """A user row without its password hash (for the audit log and the API)."""
    return {k: v for k, v in row.items() if k != "password_hash"}


def add_user(db_url: str, username: str, password: str, role: str, unit: str = "") -> str:
    """For the CLI: migrate the database, then create the account; its id."""
    from congress_desktop.server.db import migrate, open_engine

    parsed = check_new_user(username, password, role, unit)
    password_hash = security.hash_secret(password)
    engine = open_engine(db_url)
    try:
        migrate(engine)
        with engine.begin() as conn:
            row = create_user(conn, username, password_hash, parsed, unit)
            from congress_desktop.server.audit import record_system

            record_system(conn, "user.add", "users", str(row["id"]), after=public_user(row))
            return str(row["id"])
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- login


@functools.cache
def _dummy_hash() -> str:
    return security.hash_secret("not a real password, only here to spend the same time")


def login(conn: Connection, username: str, password: str) -> LoginResponse:
    """Check the password and open a console token; ApiError(401) if the login fails."""
    row = conn.execute(select(users).where(users.c.username == username)).mappings().first()
    if row is None:
        security.verify_secret(_dummy_hash(), password)  # same time as a wrong password
        raise ApiError(401, ErrorCode.UNAUTHORIZED, BAD_LOGIN)
    if not security.verify_secret(row["password_hash"], password) or row["disabled"]:
        log.warning("failed console login for %s", username)
        raise ApiError(401, ErrorCode.UNAUTHORIZED, BAD_LOGIN)
    now = utcnow()
    token = security.new_token(32)
    expires = now + TOKEN_TTL
    conn.execute(delete(console_tokens).where(console_tokens.c.expires_at <= now))
    conn.execute(
        console_tokens.insert().values(
            digest=security.token_digest(token),
            user_id=row["id"],
            created_at=now,
            expires_at=expires,
        )
    )
    log.info("console user %s logged in", username)
    return LoginResponse(
        token=token,
        role=ConsoleRole(row["role"]),
        username=row["username"],
        unit=row["unit"],
        expires_at=expires,
    )


def parse_bearer(header: str | None) -> str:
    if not header:
        raise ApiError(401, ErrorCode.UNAUTHORIZED, BAD_TOKEN)
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, ErrorCode.UNAUTHORIZED, BAD_TOKEN)
    return token


def authenticate(conn: Connection, header: str | None) -> ConsoleUser:
    """The user of a bearer token, or ApiError(401)."""
    digest = security.token_digest(parse_bearer(header))
    row = (
        conn.execute(
            select(users, console_tokens.c.expires_at)
            .join(console_tokens, console_tokens.c.user_id == users.c.id)
            .where(console_tokens.c.digest == digest)
        )
        .mappings()
        .first()
    )
    if row is None or row["expires_at"] <= utcnow() or row["disabled"]:
        raise ApiError(401, ErrorCode.UNAUTHORIZED, BAD_TOKEN)
    return ConsoleUser(
        id=row["id"],
        username=row["username"],
        role=ConsoleRole(row["role"]),
        unit=row["unit"],
        expires_at=row["expires_at"],
    )


def logout(conn: Connection, header: str | None) -> None:
    digest = security.token_digest(parse_bearer(header))
    conn.execute(delete(console_tokens).where(console_tokens.c.digest == digest))

"""Login, logout, ``/me`` and console accounts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response
from sqlalchemy import select

from congress_desktop import security
from congress_desktop.errors import InvalidInputError
from congress_desktop.protocol import (
    AdminAction,
    AuditEntryOut,
    LoginRequest,
    LoginResponse,
    MeResponse,
    UserCreate,
    UserOut,
)
from congress_desktop.server import audit
from congress_desktop.server.admin.deps import UserDep, bad_request, require, writing
from congress_desktop.server.admin.tables import users
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.users import (
    ConsoleUser,
    allowed_actions,
    check_new_user,
    create_user,
    login,
    logout,
    public_user,
)

router = APIRouter()


@router.post("/login")
def post_login(request: LoginRequest, state: StateDep) -> LoginResponse:
    with writing(state) as conn:
        return login(conn, request.username, request.password)


@router.post("/logout", status_code=204)
def post_logout(
    state: StateDep, _user: UserDep, authorization: Annotated[str | None, Header()] = None
) -> Response:
    with writing(state) as conn:
        logout(conn, authorization)
    return Response(status_code=204)


@router.get("/me")
def get_me(user: UserDep) -> MeResponse:
    return MeResponse(
        username=user.username,
        role=user.role,
        unit=user.unit,
        actions=allowed_actions(user.role),
        expires_at=user.expires_at,
    )


Manager = Annotated[ConsoleUser, Depends(require(AdminAction.USERS_MANAGE))]


@router.get("/users")
def list_users(state: StateDep, _user: Manager) -> list[UserOut]:
    with read_connection(state.engine) as conn:
        rows = conn.execute(select(users).order_by(users.c.username)).mappings()
        return [UserOut.model_validate(dict(r)) for r in rows]


@router.post("/users", status_code=201)
def add_user(request: UserCreate, state: StateDep, user: Manager) -> UserOut:
    try:
        role = check_new_user(request.username, request.password, request.role, request.unit)
    except InvalidInputError as exc:
        raise bad_request(str(exc)) from None
    password_hash = security.hash_secret(request.password)
    with writing(state) as conn:
        try:
            row = create_user(conn, request.username, password_hash, role, request.unit)
        except InvalidInputError as exc:
            raise bad_request(str(exc)) from None
        audit.record(conn, user, "user.add", "users", str(row["id"]), after=public_user(row))
        return UserOut.model_validate(row)


@router.get("/audit")
def list_audit(
    state: StateDep,
    _user: Annotated[ConsoleUser, Depends(require(AdminAction.AUDIT_VIEW))],
    since: Annotated[dt.datetime | None, Query()] = None,
    until: Annotated[dt.datetime | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> list[AuditEntryOut]:
    """Audit entries with ``since <= at < until`` (UTC when no offset is given), oldest
    first, at most ``limit``."""
    with read_connection(state.engine) as conn:
        return audit.entries(conn, since=_utc(since), until=_utc(until), limit=limit)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)

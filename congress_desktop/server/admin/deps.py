"""Dependencies of the admin routes: the logged-in console user and role checks.

@router.post("/agenda/publish")
def publish(state: StateDep, user: Annotated[ConsoleUser, Depends(require(PUBLISH))]): ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Header
from sqlalchemy import Connection

from congress_desktop.protocol import AdminAction, ErrorCode
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.errors import ApiError
from congress_desktop.server.queries import active_session_id
from congress_desktop.server.state import ServerState
from congress_desktop.server.users import ConsoleUser, authenticate, forbidden


def current_user(
    state: StateDep, authorization: Annotated[str | None, Header()] = None
) -> ConsoleUser:
    """The console user of the bearer token, or a 401 answer."""
    with read_connection(state.engine) as conn:
        return authenticate(conn, authorization)


UserDep = Annotated[ConsoleUser, Depends(current_user)]


def require(action: AdminAction) -> Callable[[ConsoleUser], ConsoleUser]:
    """A dependency: the current user if their role allows ``action``, else 403."""

    def check(user: UserDep) -> ConsoleUser:
        if not user.may(action):
            raise forbidden(user, action)
        return user

    check.__name__ = f"require_{action.value.replace('.', '_')}"
    return check


def require_role(*roles: str) -> Callable[[ConsoleUser], ConsoleUser]:
    """A dependency: the current user if their role is one of ``roles``, else 403."""

    def check(user: UserDep) -> ConsoleUser:
        if user.role.value not in roles:
            raise ApiError(
                403,
                ErrorCode.FORBIDDEN,
                f"this needs the {' or '.join(roles)} role; you are {user.role.value}",
            )
        return user

    return check


def session_or_active(conn: Connection, session_id: str | None) -> str:
    """``session_id`` if given, else the active session; 404 when there is none."""
    found = session_id or active_session_id(conn)
    if found is None:
        raise ApiError(404, ErrorCode.NOT_FOUND, "there is no congress session yet")
    return found


@contextmanager
def writing(state: ServerState) -> Iterator[Connection]:
    """One write transaction (the change and its audit entry commit together)."""
    with state.engine.begin() as conn:
        yield conn


def not_found(what: str, ident: str) -> ApiError:
    return ApiError(404, ErrorCode.NOT_FOUND, f"no {what} {ident}")


def conflict(message: str) -> ApiError:
    return ApiError(409, ErrorCode.CONFLICT, message)


def bad_request(message: str) -> ApiError:
    return ApiError(422, ErrorCode.BAD_REQUEST, message)

"""Typed FastAPI dependencies: ``StateDep``, ``TerminalDep``."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.exc import OperationalError

from congress_desktop.server.auth import Terminal, authenticate, touch_terminal
from congress_desktop.server.db import read_connection
from congress_desktop.server.state import ServerState

log = logging.getLogger(__name__)

APP_VERSION_HEADER = "X-App-Version"


def get_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


StateDep = Annotated[ServerState, Depends(get_state)]


def current_terminal(
    state: StateDep,
    authorization: Annotated[str | None, Header()] = None,
    x_app_version: Annotated[str | None, Header(alias=APP_VERSION_HEADER)] = None,
) -> Terminal:
    """The enrolled terminal making this request, or a 401 error answer."""
    with read_connection(state.engine) as conn:
        terminal = authenticate(conn, authorization)
    version = x_app_version or terminal.app_version
    if state.needs_touch(terminal.id, version):
        try:
            with state.engine.begin() as conn:
                touch_terminal(conn, terminal.id, x_app_version)
        except OperationalError:  # bookkeeping only: never fail the request for it
            log.warning("could not record last_seen of terminal %s", terminal.id, exc_info=True)
    return terminal


TerminalDep = Annotated[Terminal, Depends(current_terminal)]

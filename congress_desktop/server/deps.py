"""Typed FastAPI dependencies: ``StateDep``, ``TerminalDep``.

``current_terminal`` is ``async``: a credential verified recently is answered from memory
(:mod:`congress_desktop.server.caches`) on the event loop, with no database round trip and no
threadpool hop; only a cache miss reads the ``terminals`` row, in the threadpool.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool

from congress_desktop.server.auth import Terminal, authenticate, touch_terminal
from congress_desktop.server.caches import caches_for
from congress_desktop.server.db import read_connection
from congress_desktop.server.state import ServerState

log = logging.getLogger(__name__)

APP_VERSION_HEADER = "X-App-Version"


def get_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


StateDep = Annotated[ServerState, Depends(get_state)]


def _authenticate(state: ServerState, authorization: str | None) -> Terminal:
    with read_connection(state.engine) as conn:
        return authenticate(conn, authorization)


def _record_version(state: ServerState, terminal_id: str, app_version: str) -> None:
    try:
        with state.engine.begin() as conn:
            touch_terminal(conn, terminal_id, app_version)
    except OperationalError:  # bookkeeping only: never fail the request for it
        log.warning("could not record the app version of terminal %s", terminal_id, exc_info=True)


async def current_terminal(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    x_app_version: Annotated[str | None, Header(alias=APP_VERSION_HEADER)] = None,
) -> Terminal:
    """The enrolled terminal making this request, or a 401 error answer."""
    return await terminal_for(get_state(request), authorization, x_app_version)


async def terminal_for(
    state: ServerState, authorization: str | None, x_app_version: str | None
) -> Terminal:
    """:func:`current_terminal` for handlers that read the headers themselves."""
    caches = caches_for(state.engine)
    terminal = caches.credentials.get(authorization)
    if terminal is None:
        terminal = await run_in_threadpool(_authenticate, state, authorization)
        assert authorization is not None  # authenticate() refused a missing header
        caches.credentials.put(authorization, terminal)
    version = (x_app_version or terminal.app_version)[:40]
    if state.needs_touch(terminal.id, version):
        if version != terminal.app_version:  # an upgrade: recorded at once (rare)
            await run_in_threadpool(_record_version, state, terminal.id, version)
            terminal = Terminal(
                id=terminal.id,
                name=terminal.name,
                seat_number=terminal.seat_number,
                app_version=version,
                last_seen=terminal.last_seen,
            )
            assert authorization is not None
            caches.credentials.put(authorization, terminal)
        else:  # last_seen only: batched (server/caches.py)
            caches.touches.note(terminal.id)
    return terminal


TerminalDep = Annotated[Terminal, Depends(current_terminal)]

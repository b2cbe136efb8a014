"""An ASGI fast path for ``GET /api/v1/sync/pull``, in front of the whole FastAPI app.

When a hall of 3,000 terminals pulls on the same nudge, the server's one event-loop core is
the limit, and most of a cached pull's cost was not ours: Starlette's error middleware,
exception middleware, FastAPI's exit-stack middleware, the walk through every included
route (console routes included) and the ``Request`` / ``Response`` objects. This wrapper
sits outside all of that and answers a well-formed, authenticated pull itself — with the
same code the routed endpoint uses (:func:`congress_desktop.server.routes.sync.pull_body`),
hence the same bytes, status and headers.

Anything else goes to the app unchanged, and so does every pull the fast path cannot answer
cleanly: a query that does not validate, a missing or wrong credential, any exception. The
app then handles that request from the start (a pull has no body, and the fast path reads
nothing from ``receive``), so error answers (401, 422, 5xx) are exactly the app's own.

Installed by :func:`install` (``server/app.py``), which wraps the app's middleware stack, so
``app.state``, extra routes and test clients see the same FastAPI object.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI
from starlette.types import ASGIApp

from congress_desktop.protocol import API
from congress_desktop.server.deps import APP_VERSION_HEADER, terminal_for
from congress_desktop.server.pull import PULL_LIMIT_DEFAULT
from congress_desktop.server.routes.sync import JSON, pull_body
from congress_desktop.server.state import ServerState

log = logging.getLogger(__name__)

PULL_PATH = f"{API}/sync/pull"
EPOCH_MAX = 64

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

_AUTHORIZATION = b"authorization"
_APP_VERSION = APP_VERSION_HEADER.lower().encode()
_CONTENT_TYPE = JSON.encode()


class _NotFast(Exception):
    """The fast path declines this request: the app answers it."""


def _int(params: dict[str, str], name: str, default: int, minimum: int) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _NotFast from None
    if value < minimum:  # the app's own validation says why
        raise _NotFast
    return value


def _params(raw: bytes) -> dict[str, str]:
    """The query as Starlette's ``query_params`` reads it (the last of a repeated parameter
    wins); the plain ``since=N&limit=M`` of every terminal without ``parse_qsl``."""
    if not raw:
        return {}
    text = raw.decode("latin-1")
    if "%" in text or "+" in text or ";" in text:  # escapes: the general parser
        return dict(parse_qsl(text, keep_blank_values=True))
    params = {}
    for part in text.split("&"):
        if part:
            name, _, value = part.partition("=")
            params[name] = value
    return params


def _query(scope: Scope) -> tuple[str | None, int, int]:
    """(epoch, since, limit) as the routed endpoint reads them; _NotFast when it would
    refuse them."""
    params = _params(scope.get("query_string", b""))
    since = _int(params, "since", 0, 0)
    limit = _int(params, "limit", PULL_LIMIT_DEFAULT, 1)
    epoch = params.get("epoch")
    if epoch is not None and len(epoch) > EPOCH_MAX:
        raise _NotFast
    return epoch, since, limit


def _headers(scope: Scope) -> tuple[str | None, str | None]:
    """(Authorization, X-App-Version) — the first of each, as Starlette's ``headers.get``."""
    authorization = version = None
    for name, value in scope["headers"]:
        if name == _AUTHORIZATION and authorization is None:
            authorization = value.decode("latin-1")
        elif name == _APP_VERSION and version is None:
            version = value.decode("latin-1")
    return authorization, version


class PullFastPath:
    """ASGI: answers ``GET /api/v1/sync/pull`` directly; everything else goes to ``app``."""

    def __init__(self, app: ASGIApp, state: ServerState) -> None:
        self.app = app
        self.state = state
        self.answered = 0  # pulls answered here (tests and benchmarks read it)
        self.declined = 0  # pulls handed to the app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == PULL_PATH and scope["method"] == "GET":
            try:
                body = await self._pull(scope)
            except _NotFast:
                pass
            except Exception:  # the app answers it again, with its own error handling
                log.debug("fast pull declined after an error", exc_info=True)
            else:
                self.answered += 1
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [
                            (b"content-length", str(len(body)).encode()),
                            (b"content-type", _CONTENT_TYPE),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
            self.declined += 1
        await self.app(scope, receive, send)  # type: ignore[arg-type]

    async def _pull(self, scope: Scope) -> bytes:
        authorization, version = _headers(scope)
        if not authorization:
            raise _NotFast  # 401 from the app
        terminal = await terminal_for(self.state, authorization, version)
        epoch, since, limit = _query(scope)
        return await pull_body(self.state, terminal, epoch, since, limit)


def install(app: FastAPI) -> None:
    """Put :class:`PullFastPath` outside the app's middleware stack (built on first use)."""
    build = app.build_middleware_stack

    def build_with_fast_path() -> ASGIApp:
        fast = PullFastPath(build(), app.state.server)
        app.state.pull_fast_path = fast
        return fast

    app.build_middleware_stack = build_with_fast_path  # type: ignore[method-assign]

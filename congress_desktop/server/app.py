"""The FastAPI application: ``create_app(paths, db_url)``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from congress_desktop import __version__
from congress_desktop.config import ServerPaths
from congress_desktop.protocol import API
from congress_desktop.server.admin import events_routes as admin_events_routes
from congress_desktop.server.admin.presenter import get_presenter_page
from congress_desktop.server.admin.router import router as admin_router
from congress_desktop.server.annotations import register_paths as register_annotation_paths
from congress_desktop.server.caches import caches_for
from congress_desktop.server.db import (
    current_seq,
    get_epoch,
    migrate,
    open_engine,
    read_connection,
)
from congress_desktop.server.errors import install_error_handlers
from congress_desktop.server.events import (
    Event,
    EventHub,
    follow_event,
    install_commit_hook,
    register_hub,
)
from congress_desktop.server.notify import Notifiers
from congress_desktop.server.queries import active_session_id
from congress_desktop.server.routes import blobs, enroll, health, sync
from congress_desktop.server.routes import events as events_routes
from congress_desktop.server.routes import fast as fast_routes
from congress_desktop.server.routes import heartbeat as heartbeat_routes
from congress_desktop.server.state import ServerState

log = logging.getLogger(__name__)


def latest_follow(conn: Connection) -> Event | None:
    """The active session's presenter page as a ``follow`` event (None: none set)."""
    session_id = active_session_id(conn)
    if session_id is None:
        return None
    page = get_presenter_page(conn, session_id)
    if page is None:
        return None
    return follow_event(page.document_id, page.page, page.set_by)


def create_app(paths: ServerPaths, db_url: str | None = None) -> FastAPI:
    """Migrate the database (SQLite in ``paths`` unless ``db_url``) and build the app.

    The engine is disposed when the app's lifespan ends.
    """
    paths.create()
    engine = open_engine(db_url or paths.default_db_url)
    migrate(engine)
    with read_connection(engine) as conn:
        epoch = get_epoch(conn)
        seq = current_seq(conn)
        follow = latest_follow(conn)
    state = ServerState(engine=engine, paths=paths, epoch=epoch)
    hub = EventHub(latest_seq=seq)  # real-time nudges: server/events.py, server/notify.py
    hub.latest_follow = follow  # replayed to every new stream
    register_hub(engine, hub)
    register_annotation_paths(engine, paths)  # notes pushed for an old version re-anchor
    install_commit_hook(engine, hub)
    log.info("server database %s ready (epoch %s)", engine.url.render_as_string(), epoch)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        hub.bind()
        notifiers = Notifiers(engine, hub)
        notifiers.start()
        try:
            yield
        finally:
            await notifiers.aclose()
            await hub.aclose()
            caches = caches_for(engine)  # bookkeeping noted but not yet written
            await run_in_threadpool(caches.heartbeats.flush)
            await run_in_threadpool(caches.touches.flush)
            engine.dispose()

    app = FastAPI(
        title="congress-desktop server",
        version=__version__,
        lifespan=lifespan,
        docs_url=f"{API}/docs",
        redoc_url=None,
        openapi_url=f"{API}/openapi.json",
        # no OpenTelemetry here: FastAPI's per-request "is telemetry configured?" check
        # cost ~25 % of a cached pull (docs/server-performance.md)
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.server = state
    app.state.events = hub
    install_error_handlers(app)
    for module in (health, enroll, sync, blobs):
        app.include_router(module.router, prefix=API)
    for router in (events_routes.router, heartbeat_routes.router):
        app.include_router(router, prefix=API)
    app.include_router(admin_router, prefix=API)  # console and hall display: server/admin/
    app.include_router(admin_events_routes.router, prefix=f"{API}/admin")  # their SSE
    fast_routes.install(app)  # GET /sync/pull answered before routing (routes/fast.py)
    return app

"""Running the server: ``serve()`` for the CLI, ``main(argv)`` for ``python -m``.

uvicorn picks uvloop and httptools when installed (``uvicorn[standard]``) and shuts down
gracefully on SIGTERM and SIGINT: it stops accepting, finishes requests in flight, then
runs the app's lifespan shutdown (which disposes the database engine). After a SIGTERM the
process exits with code 0.
"""

from __future__ import annotations

import argparse
import gc
import logging
import resource
import signal
import socket
from collections.abc import Sequence
from pathlib import Path

import uvicorn
from sqlalchemy import select

from congress_desktop.config import ServerPaths, default_data_dir
from congress_desktop.logs import setup_logging
from congress_desktop.model import congress_sessions
from congress_desktop.server.app import create_app
from congress_desktop.server.events import EventHub
from congress_desktop.server.http_protocol import HTTP_PROTOCOL
from congress_desktop.server.state import ServerState

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765
GRACEFUL_SHUTDOWN_S = 5
LISTEN_BACKLOG = 4096  # thousands of terminals reconnect at once after a restart


def raise_open_files_limit() -> int:
    """Raise the soft ``RLIMIT_NOFILE`` to the hard limit (one descriptor per SSE stream)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            log.warning("cannot raise the open files limit above %d", soft)
    return soft


class _Server(uvicorn.Server):
    """Ends the event streams first on shutdown: they never finish by themselves, and the
    graceful shutdown would otherwise wait for them until its timeout."""

    def __init__(self, config: uvicorn.Config, hub: EventHub) -> None:
        super().__init__(config)
        self._hub = hub

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._hub.close_streams()
        await super().shutdown(sockets)


def _seed_demo_if_empty(state: ServerState, data_dir: Path) -> None:
    with state.engine.connect() as conn:
        if conn.execute(select(congress_sessions.c.id).limit(1)).first() is not None:
            log.info("demo requested but the database already has a session: not seeding")
            return
    # PDF generation and PyMuPDF are only needed to seed: keep them off the startup path
    from congress_desktop.demo_content import build_demo_content
    from congress_desktop.server.seed import seed_demo

    log.info("building the demo session content in %s", data_dir / "demo-source")
    content = build_demo_content(data_dir / "demo-source")
    seed_demo(state.engine, state.paths, content)
    from congress_desktop.server.demo_suggestions import seed_demo_suggestions

    seed_demo_suggestions(state.engine)  # the suggestion workflow, at every step


GC_THRESHOLDS = (50_000, 20, 100)
"""Python's default (700, 10, 10) runs a young collection every 700 allocations and a full
one every 70,000: with thousands of connections' objects alive, collections were ~30 % of
the event loop's time in a 3,000-terminal pull round (push_latency p99 1.86 s -> 1.01 s)."""


def tune_gc() -> None:
    """After start-up: move every object alive now out of the collector's sight
    (``gc.freeze``) and collect less often. Cyclic garbage is still collected."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def serve(data_dir: Path, db_url: str | None, host: str, port: int, demo: bool) -> None:
    """Run the server until SIGTERM/SIGINT."""
    paths = ServerPaths(data_dir).create()
    setup_logging(paths.logs, filename="server.log")
    app = create_app(paths, db_url)
    state: ServerState = app.state.server
    if demo:
        _seed_demo_if_empty(state, data_dir)
    files = raise_open_files_limit()
    log.info(
        "serving on http://%s:%d (database: %s, open files limit %d)",
        host,
        port,
        state.database,
        files,
    )
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,  # our handlers (logs/server.log) receive uvicorn's records
        access_log=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        server_header=False,
        backlog=LISTEN_BACKLOG,
        http=HTTP_PROTOCOL,  # one write per answer (server/http_protocol.py)
    )
    tune_gc()
    previous = signal.signal(signal.SIGTERM, _on_sigterm_after_shutdown)
    try:
        _Server(config, app.state.events).run()
    except _Terminated:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    log.info("server stopped")


class _Terminated(Exception):
    pass


def _on_sigterm_after_shutdown(_signum: int, _frame: object) -> None:
    # uvicorn handles SIGTERM itself (graceful shutdown), then restores this handler and
    # raises the signal again: exit normally (code 0) instead of dying from it
    raise _Terminated


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m congress_desktop.server.run", description="run the central server"
    )
    parser.add_argument("--data", type=Path, default=None, help="server data directory")
    parser.add_argument("--db", default=None, help="database URL (default: SQLite in DIR)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--demo", action="store_true", help="seed the demo session if empty")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    serve(args.data or default_data_dir("server"), args.db, args.host, args.port, args.demo)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

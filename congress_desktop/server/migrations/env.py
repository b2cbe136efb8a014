"""Alembic environment: run programmatically by :func:`congress_desktop.server.db.migrate`.

The caller passes an open connection in ``config.attributes["connection"]``; there is no
alembic.ini. ``target_metadata`` (replicated + server-only tables) serves autogenerate.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from congress_desktop.model import metadata as replicated_metadata
from congress_desktop.server.db import normalize_url, server_metadata

target_metadata = [replicated_metadata, server_metadata]


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection and no sqlalchemy.url given to the migrations")
    engine = create_engine(normalize_url(url))
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()

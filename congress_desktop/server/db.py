"""Server-only tables, engine setup and migrations.

The replicated tables live in :mod:`congress_desktop.model`; the tables here never leave the
server. Both sets are created by the Alembic migrations under ``server/migrations``.

SQLite: WAL, a busy timeout, and every transaction starts with ``BEGIN IMMEDIATE`` so that
concurrent writers queue on the database lock instead of failing with ``SQLITE_BUSY`` when a
deferred reader upgrades to a writer. Read-only work opts into a deferred ``BEGIN`` with
:func:`read_connection`, so pulls run concurrently with writes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    select,
    text,
)

from congress_desktop.model import ID, UTCDateTime

log = logging.getLogger(__name__)

SERVER_SEQ = "server_seq"
SQLITE_BUSY_TIMEOUT_MS = 30_000
POOL_SIZE = 40
"""Database connections kept open: one per worker thread (anyio's default threadpool has 40),
so no request opens a connection of its own (opening a SQLite connection costs a WAL setup)."""
_BEGIN_OPTION = "congress_sqlite_begin"
_MIGRATION_LOCK_KEY = 0x636F6E67  # "cong": serializes concurrent migrations on PostgreSQL

server_metadata = MetaData()

counter = Table(
    "counter",
    server_metadata,
    Column("name", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
"""One row per counter; ``server_seq`` stamps every write to a replicated row."""

meta = Table(
    "meta",
    server_metadata,
    Column("id", Integer, primary_key=True),
    Column("epoch", String(36), nullable=False),  # new at database creation
    Column("created_at", UTCDateTime, nullable=False),
)

terminals = Table(
    "terminals",
    server_metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", String(100), nullable=False, default=""),
    Column("seat_number", Integer, nullable=True),
    Column("credential_digest", String(64), nullable=False),
    Column("app_version", String(40), nullable=False, default=""),
    Column("last_seen", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    # the latest heartbeat (POST /heartbeat, migration 0002_sync): latest only, never queued
    Column("heartbeat_at", UTCDateTime, nullable=True),  # server receive time
    Column("terminal_time", UTCDateTime, nullable=True),  # the terminal's clock at sending
    Column("clock_skew_s", Float, nullable=True),  # terminal_time - heartbeat_at
    Column("documents_total", Integer, nullable=True),
    Column("documents_cached", Integer, nullable=True),
    Column("outbox_pending", Integer, nullable=True),
    Column("disk_free_bytes", BigInteger, nullable=True),
)

enrollment_tokens = Table(
    "enrollment_tokens",
    server_metadata,
    Column("digest", String(64), primary_key=True),
    Column("seat_number", Integer, nullable=True),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime, nullable=True),
    Column("terminal_id", String(ID), nullable=True),
)

applied_ops = Table(
    "applied_ops",
    server_metadata,
    Column("op_id", String(36), primary_key=True),
    Column("terminal_id", String(ID), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("result", JSON, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
)
"""Every pushed op, recorded in the transaction of its effect: a retry is a duplicate."""


# --------------------------------------------------------------------------- engines


def is_sqlite(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "sqlite"


def normalize_url(db_url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3 here."""
    for prefix in ("postgresql://", "postgres://"):
        if db_url.startswith(prefix):
            return "postgresql+psycopg://" + db_url[len(prefix) :]
    return db_url


def open_engine(db_url: str) -> Engine:
    url = normalize_url(db_url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            pool_size=POOL_SIZE,
            max_overflow=0,
        )
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # take over transaction control from the sqlite3 module: we emit BEGIN ourselves
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            if engine.url.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode = WAL")
            # FULL: an acknowledged op must survive a power cut (WAL + NORMAL can roll back
            # the last commits); group commit (server/push.py) makes it one fsync per batch
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(_BEGIN_OPTION, "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")


@contextlib.contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction on one snapshot: deferred on SQLite, REPEATABLE READ on PG."""
    with engine.connect() as conn:
        if is_sqlite(conn):
            conn = conn.execution_options(**{_BEGIN_OPTION: "DEFERRED"})
        else:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


# --------------------------------------------------------------------------- migrations

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the database schema to the newest migrations (``alembic upgrade heads``: feature
    branches may each start from the baseline)."""
    with engine.begin() as conn:
        if not is_sqlite(conn):
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK_KEY})
        command.upgrade(alembic_config(conn), "heads")
    log.debug("database schema is at heads")


# --------------------------------------------------------------------------- reads


def get_epoch(conn: Connection) -> str:
    epoch = conn.execute(select(meta.c.epoch).where(meta.c.id == 1)).scalar_one()
    return str(epoch)


def current_seq(conn: Connection) -> int:
    """The committed value of ``server_seq`` (as seen by this transaction)."""
    value = conn.execute(select(counter.c.value).where(counter.c.name == SERVER_SEQ)).scalar_one()
    return int(value)

"""The terminal's local SQLite: the replicated tables of ``model.py`` plus terminal-only tables.

Durability: WAL with ``synchronous=FULL`` so a committed action survives a power cut.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    text,
)

from congress_desktop import model
from congress_desktop.model import UTCDateTime

LOCAL_SCHEMA_VERSION = 5
"""Bumped with every change to a terminal-only table; see ``migrate``.

2: ``outbox.clock_offset_s``; the ``download_queue`` table.
3: ``ui_state`` (crash restore) and ``notice_reads`` (unread badge) tables.
4: ``drafts.cosigner_ids`` (the co-signers picked in the composer).
5: ``outbox.reason_code`` (why the server rejected an op, worded by the terminal).
"""

local_metadata = MetaData()

sync_state = Table(
    "sync_state",
    local_metadata,
    Column("key", String(40), primary_key=True),
    Column("value", JSON, nullable=True),
)

outbox = Table(
    "outbox",
    local_metadata,
    Column("position", Integer, primary_key=True, autoincrement=True),  # send order
    Column("op_id", String(36), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("wall_time", UTCDateTime, nullable=False),
    Column("mono_time", Float, nullable=False),
    Column("boot_id", String(64), nullable=False),
    # the local row this op wrote: a pull never overwrites it while the op is pending
    Column("row_table", String(40), nullable=True),
    Column("row_id", String(36), nullable=True),
    Column("state", String(20), nullable=False, default="pending"),  # pending|applied|dup|rejected
    Column("reason", Text, nullable=True),  # the server's words (English)
    Column("reason_code", String(40), nullable=True),  # a RejectCode: worded for the delegate
    Column("result", JSON, nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
    Column("acked_at", UTCDateTime, nullable=True),
    # server time minus terminal wall time as best known when the action was made (None:
    # never measured); sent with the op when it leaves in another boot (no elapsed_s)
    Column("clock_offset_s", Float, nullable=True),
)

blobs = Table(
    "blobs",
    local_metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("state", String(20), nullable=False, default="missing"),  # missing|available|corrupt
    Column("verified_at", UTCDateTime, nullable=True),
)

download_queue = Table(
    "download_queue",
    local_metadata,
    # one row per document file (by hash) referenced by a document row and not yet verified
    # on disk; rebuilt from the replica after every pull, so it survives restarts in order
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("title", String(300), nullable=False, default=""),
    Column("priority", Integer, nullable=False, default=1),  # 0: the current agenda item's
    Column("position", Integer, nullable=False, default=0),  # order within a priority
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
    Column("retry_at", UTCDateTime, nullable=True),  # not before (after a failure)
    Column("enqueued_at", UTCDateTime, nullable=False),
)

drafts = Table(
    "drafts",
    local_metadata,
    Column("id", String(36), primary_key=True),
    Column("delegate_id", String(36), nullable=False),
    Column("title", String(300), nullable=False, default=""),
    Column("content", Text, nullable=False, default=""),
    Column("category", String(40), nullable=False, default=""),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("cosigner_ids", JSON, nullable=True),  # delegate ids picked as co-signers
)

ui_state = Table(
    "ui_state",
    local_metadata,
    # what the terminal showed (screen, document, page, …), written on every change so a
    # crash or power cut restarts where the delegate was
    Column("key", String(40), primary_key=True),
    Column("value", JSON, nullable=True),
    Column("updated_at", UTCDateTime, nullable=False),
)

notice_reads = Table(
    "notice_reads",
    local_metadata,
    Column("delegate_id", String(36), primary_key=True),
    Column("notice_id", String(36), primary_key=True),
    Column("read_at", UTCDateTime, nullable=False),
)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def open_engine(path: Path) -> Engine:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return engine


def _add_column(conn: Any, table: str, column: str, sql_type: str) -> None:
    """``ALTER TABLE … ADD COLUMN`` unless the column exists (a step may run twice)."""
    present = {row[1] for row in conn.execute(text(f"PRAGMA table_info({table})"))}
    if column not in present:
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))


def migrate(engine: Engine) -> None:
    """Create or upgrade the local schema; ``PRAGMA user_version`` holds its version.

    The version packs both schemas so either side's change triggers an upgrade step.
    """
    wanted = model.SCHEMA_VERSION * 1000 + LOCAL_SCHEMA_VERSION
    with engine.begin() as conn:
        current = conn.execute(text("PRAGMA user_version")).scalar_one()
        if current == wanted:
            return
        if current == 0:
            model.metadata.create_all(conn)
            local_metadata.create_all(conn)
        elif current > wanted:
            raise RuntimeError(
                f"local database schema {current} is newer than this program ({wanted}); "
                "install the newer version or wipe the terminal"
            )
        else:
            if current % 1000 < 2:  # local schema 1 → 2
                conn.execute(text("ALTER TABLE outbox ADD COLUMN clock_offset_s FLOAT"))
                local_metadata.create_all(conn, tables=[download_queue])
            if current % 1000 < 3:  # 2 → 3
                local_metadata.create_all(conn, tables=[ui_state, notice_reads])
            if current % 1000 < 4:  # 3 → 4
                _add_column(conn, "drafts", "cosigner_ids", "JSON")
            if current % 1000 < 5:  # 4 → 5
                _add_column(conn, "outbox", "reason_code", "VARCHAR(40)")
            if current // 1000 < 2:  # replicated 1 → 2: annotations, document_changes
                model.metadata.create_all(
                    conn, tables=[model.annotations_table, model.document_changes], checkfirst=True
                )
                # the rows of the new tables lie below the cursor: fetch everything again
                # (rows already held are skipped by their seq)
                conn.execute(
                    sync_state.update().where(sync_state.c.key == "cursor").values(value=0)
                )
            if current // 1000 < 3:  # replicated 3: suggestion_cosigners, suggestion_events
                model.metadata.create_all(conn)  # checkfirst: only the missing tables
        # future upgrade steps go here, each keyed on the version it starts from
        conn.execute(text(f"PRAGMA user_version={wanted}"))

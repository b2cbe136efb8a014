"""The Alembic baseline creates exactly the tables the code describes."""

from __future__ import annotations

import uuid
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from congress_desktop.model import REPLICATED_TABLES
from congress_desktop.model import metadata as replicated_metadata
from congress_desktop.server.db import (
    alembic_config,
    current_seq,
    get_epoch,
    migrate,
    open_engine,
    server_metadata,
)


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        migrate(engine)
        migrate(engine)  # idempotent: a restart finds the schema at head
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            # alembic accepts a sequence of MetaData here; its stub says one
            both = [replicated_metadata, server_metadata]
            diffs = compare_metadata(context, both)  # type: ignore[arg-type]
            assert diffs == []
            heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
            assert set(context.get_current_heads()) == heads
            tables = set(inspect(conn).get_table_names())
            assert set(REPLICATED_TABLES) <= tables
            assert {"counter", "meta", "terminals", "enrollment_tokens", "applied_ops"} <= tables
            for name in REPLICATED_TABLES:
                indexes = {ix["name"] for ix in inspect(conn).get_indexes(name)}
                assert f"ix_{name}_seq" in indexes
            uuid.UUID(get_epoch(conn))
            assert current_seq(conn) == 0
    finally:
        engine.dispose()


def test_each_new_database_gets_its_own_epoch(tmp_path: Path) -> None:
    epochs = []
    for name in ("a", "b"):
        engine = open_engine(f"sqlite:///{tmp_path / name}.sqlite3")
        migrate(engine)
        with engine.connect() as conn:
            epochs.append(get_epoch(conn))
        engine.dispose()
    assert epochs[0] != epochs[1]

"""Sync: the latest terminal heartbeat on the terminals row.

Branches from the baseline (migrations upgrade to all heads).

Revision ID: 0002_sync
Revises: 0001
Create Date: 2025-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_sync"
down_revision = "0001"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("heartbeat_at", sa.DateTime()),
    ("terminal_time", sa.DateTime()),
    ("clock_skew_s", sa.Float()),
    ("documents_total", sa.Integer()),
    ("documents_cached", sa.Integer()),
    ("outbox_pending", sa.Integer()),
    ("disk_free_bytes", sa.BigInteger()),
)


def upgrade() -> None:
    with op.batch_alter_table("terminals") as batch:
        for name, type_ in _COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("terminals") as batch:
        for name, _type in reversed(_COLUMNS):
            batch.drop_column(name)

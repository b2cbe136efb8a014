"""Suggestion workflow: co-signer invitations and the history timeline (both replicated).

Revision ID: 0005_suggestion_flow
Revises: 0003_merge
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_suggestion_flow"
down_revision = "0003_merge"
branch_labels = None
depends_on = None


def _bookkeeping() -> list[sa.Column[object]]:
    return [
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "suggestion_cosigners",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("suggestion_id", sa.String(length=36), nullable=False),
        sa.Column("delegate_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("invited_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("audience", sa.JSON(), nullable=False),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("suggestion_id", "delegate_id", "seq"):
        op.create_index(op.f(f"ix_suggestion_cosigners_{column}"), "suggestion_cosigners", [column])
    op.create_table(
        "suggestion_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("suggestion_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("suggestion_id", "seq"):
        op.create_index(op.f(f"ix_suggestion_events_{column}"), "suggestion_events", [column])


def downgrade() -> None:
    op.drop_table("suggestion_events")
    op.drop_table("suggestion_cosigners")

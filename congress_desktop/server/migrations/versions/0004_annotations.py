"""Annotations (delegates' private notes) and document_changes (what a new version changed).

Revision ID: 0004_annotations
Revises: 0003_merge
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_annotations"
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
        "annotations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("delegate_id", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("document_version", sa.Integer(), nullable=False),
        sa.Column("document_sha256", sa.String(length=64), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("geometry", sa.JSON(), nullable=False),
        sa.Column("color", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("anchor_text", sa.Text(), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=False),
        sa.Column("unplaced", sa.Boolean(), nullable=False),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("delegate_id", "document_id", "seq"):
        op.create_index(f"ix_annotations_{column}", "annotations", [column], unique=False)
    op.create_table(
        "document_changes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("from_document_id", sa.String(length=36), nullable=False),
        sa.Column("from_version", sa.Integer(), nullable=False),
        sa.Column("to_version", sa.Integer(), nullable=False),
        sa.Column("pages_before", sa.Integer(), nullable=False),
        sa.Column("pages_after", sa.Integer(), nullable=False),
        sa.Column("added_lines", sa.Integer(), nullable=False),
        sa.Column("removed_lines", sa.Integer(), nullable=False),
        sa.Column("changed_pages", sa.JSON(), nullable=False),
        sa.Column("hunks", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("document_id", "seq"):
        op.create_index(f"ix_document_changes_{column}", "document_changes", [column], unique=False)


def downgrade() -> None:
    op.drop_table("document_changes")
    op.drop_table("annotations")

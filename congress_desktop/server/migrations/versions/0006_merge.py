"""Merge the annotations (0004_annotations) and suggestion workflow (0005_suggestion_flow)
branches back into one head.

Revision ID: 0006_merge
Revises: 0004_annotations, 0005_suggestion_flow
"""

from __future__ import annotations

revision = "0006_merge"
down_revision = ("0004_annotations", "0005_suggestion_flow")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: both branches are independent."""


def downgrade() -> None:
    """Nothing to change."""

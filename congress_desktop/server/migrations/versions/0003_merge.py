"""Merge the console (0002_console) and sync (0002_sync) branches back into one head.

Revision ID: 0003_merge
Revises: 0002_console, 0002_sync
"""

from __future__ import annotations

revision = "0003_merge"
down_revision = ("0002_console", "0002_sync")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: both branches are independent."""


def downgrade() -> None:
    """Nothing to change."""

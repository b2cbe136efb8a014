"""Hand-made pull pages for store tests: the rows a server would send, built in memory."""

from __future__ import annotations

import datetime as dt
from typing import Any

from congress_desktop import model
from congress_desktop.protocol import Change, PullResponse

EPOCH = "epoch-1"
SESSION_ID = "session-1"
SITTING_ID = "sitting-1"
DELEGATE_ID = "delegate-1"
NOW = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def change(table: str, row_id: str, seq: int, **values: Any) -> Change:
    row = model.row_to_wire(model.REPLICATED_TABLES[table], {"id": row_id, **values})
    return Change(table=table, id=row_id, seq=seq, row=row)


def tombstone(table: str, row_id: str, seq: int) -> Change:
    return Change(table=table, id=row_id, seq=seq, deleted=True)


def page(
    changes: list[Change],
    *,
    next: int | None = None,
    epoch: str = EPOCH,
    has_more: bool = False,
    reset: bool = False,
) -> PullResponse:
    if next is None:
        next = max((c.seq for c in changes), default=0)
    return PullResponse(
        epoch=epoch, changes=changes, next=next, has_more=has_more, server_time=NOW, reset=reset
    )


def notice(row_id: str, seq: int, title: str) -> Change:
    return change("notices", row_id, seq, session_id=SESSION_ID, title=title, body="")


def basic_session(pin_hash: str | None = None) -> PullResponse:
    """A session, one sitting, one delegate at seat 1 and two notices (seq 1..6)."""
    return page(
        [
            change(
                "congress_sessions",
                SESSION_ID,
                1,
                title="第一次会议",
                short_title="一次会",
                venue="会堂",
                state="open",
            ),
            change(
                "sittings", SITTING_ID, 2, session_id=SESSION_ID, number=1, title="第一次全体会议"
            ),
            change(
                "delegates",
                DELEGATE_ID,
                3,
                session_id=SESSION_ID,
                number="001",
                name="张三",
                unit="",
                pin_hash=pin_hash,
            ),
            change("seats", "seat-1", 4, session_id=SESSION_ID, number=1, delegate_id=DELEGATE_ID),
            notice("notice-1", 5, "通知一"),
            notice("notice-2", 6, "通知二"),
        ]
    )

"""Which sitting a delegate signs in to, as the days of a session pass."""

from __future__ import annotations

import datetime as dt

from congress_desktop.store import TerminalStore, views

from .replica_pages import SESSION_ID, change, page

DAY1 = dt.datetime(2025, 1, 8, 1, 0, tzinfo=dt.UTC)  # 09:00 in UTC+8


def _sittings(store: TerminalStore, *, window: bool = False) -> None:
    rows = []
    for seq, (number, day) in enumerate([(1, 0), (2, 1), (3, 3)], start=1):
        starts = DAY1 + dt.timedelta(days=day)
        extra = {}
        if window and number == 2:
            extra = {
                "signin_opens": DAY1 - dt.timedelta(hours=1),
                "signin_closes": DAY1 + dt.timedelta(hours=1),
            }
        rows.append(
            change(
                "sittings",
                f"s{number}",
                seq,
                session_id=SESSION_ID,
                number=number,
                title=f"第{number}次全体会议",
                starts_at=starts,
                **extra,
            )
        )
    store.apply_pull(page(rows))


def _current(store: TerminalStore, now: dt.datetime) -> str | None:
    sitting = store.read(lambda c: views.current_sitting(c, now, dt.UTC))
    return sitting.id if sitting else None


def test_todays_sitting_then_the_next_then_the_last(store: TerminalStore) -> None:
    _sittings(store)
    assert _current(store, DAY1 - dt.timedelta(days=2)) == "s1"  # before the session: next one
    assert _current(store, DAY1 - dt.timedelta(minutes=30)) == "s1"  # today, not yet begun
    assert _current(store, DAY1 + dt.timedelta(hours=5)) == "s1"  # today, begun
    assert _current(store, DAY1 + dt.timedelta(days=1, hours=2)) == "s2"
    assert _current(store, DAY1 + dt.timedelta(days=2, hours=2)) == "s3"  # a day off: next
    assert _current(store, DAY1 + dt.timedelta(days=30)) == "s3"  # session over: the last


def test_an_open_sign_in_window_wins(store: TerminalStore) -> None:
    _sittings(store, window=True)
    assert _current(store, DAY1) == "s2"
    assert _current(store, DAY1 + dt.timedelta(hours=2)) == "s1"  # window closed again


def test_no_sittings(store: TerminalStore) -> None:
    assert _current(store, DAY1) is None


def test_server_attendance_uses_the_same_rule(tmp_path: object) -> None:
    """The console's default sitting and the terminals' are chosen by one function."""
    from congress_desktop.server import attendance

    assert attendance.model_current_sitting is views.m.current_sitting

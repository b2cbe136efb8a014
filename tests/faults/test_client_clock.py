"""Terminal clocks that are wrong: a day ahead or behind, jumping backwards, and a reboot
between the tap and the push. Clock skew is reported, never a reason to refuse.

The terminal's clock is swapped in process with :func:`congress_desktop.clock.use` (no OS
clock is touched); the server is the real one and dates sign-ins by its own clock.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures.terminal import ProvisionedTerminal, server_engine
from sqlalchemy import select

from congress_desktop import clock, model
from congress_desktop.model import SignInMethod
from congress_desktop.sync.engine import SyncEngine

pytestmark = pytest.mark.asyncio

DAY = dt.timedelta(days=1)


def server_signin(t: ProvisionedTerminal, signin_id: str) -> dict[str, object]:
    engine = server_engine(t.server)
    try:
        with engine.connect() as conn:
            query = select(model.signins).where(model.signins.c.id == signin_id)
            return dict(conn.execute(query).mappings().one())
    finally:
        engine.dispose()


def aware(value: object) -> dt.datetime:
    assert isinstance(value, dt.datetime)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


async def sync(t: ProvisionedTerminal) -> SyncEngine:
    engine = SyncEngine(t.store, t.identity)
    try:
        await engine.sync_once(fetch_documents=False)
    finally:
        await engine.aclose()
    return engine


@pytest.mark.parametrize("skew", [DAY, -DAY], ids=["ahead", "behind"])
async def test_skewed_and_jumping_clock_same_boot(
    provisioned_terminal: ProvisionedTerminal, skew: dt.timedelta
) -> None:
    t = provisioned_terminal
    terminal_clock = clock.SkewedClock(wall_offset=skew)
    with clock.use(terminal_clock):
        engine = await sync(t)
        assert engine.status.clock_offset_s is not None
        assert abs(engine.status.clock_offset_s + skew.total_seconds()) < 5  # reported
        delegate, sitting = t.store.seat_delegate(t.seat), t.store.current_sitting()
        assert delegate is not None and sitting is not None
        terminal_clock.wall_offset -= dt.timedelta(hours=3)  # and then it jumps backwards
        signin = t.store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
        tapped = model.utcnow()
        await sync(t)
    assert t.store.outbox_pending() == 0 and t.store.rejected_ops() == []
    row = server_signin(t, signin.id)
    assert abs((aware(row["signed_at"]) - tapped).total_seconds()) < 5
    assert row["time_estimated"] is False
    assert (
        abs((aware(row["terminal_wall"]) - (tapped + skew - dt.timedelta(hours=3))).total_seconds())
        < 5
    )
    mine = t.store.my_signin(delegate.id, sitting.id)
    assert mine is not None and mine.confirmed


@pytest.mark.parametrize("skew", [DAY, -DAY], ids=["ahead", "behind"])
async def test_reboot_between_tap_and_push_is_accepted_and_flagged(
    provisioned_terminal: ProvisionedTerminal, skew: dt.timedelta
) -> None:
    t = provisioned_terminal
    with clock.use(clock.SkewedClock(wall_offset=skew, boot_id="boot-before")):
        await sync(t)
        delegate, sitting = t.store.seat_delegate(t.seat), t.store.current_sitting()
        assert delegate is not None and sitting is not None
        signin = t.store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
    with clock.use(clock.SkewedClock(wall_offset=skew, boot_id="boot-after")):  # a reboot
        [op] = t.store.pending_ops()
        assert op.elapsed_s is None  # monotonic time means nothing across boots
        assert op.clock_offset_s is not None
        assert abs(op.clock_offset_s + skew.total_seconds()) < 5
        await sync(t)
    assert t.store.outbox_pending() == 0 and t.store.rejected_ops() == []  # never refused
    row = server_signin(t, signin.id)
    assert row["time_estimated"] is True  # flagged


async def test_reboot_with_a_clock_a_day_behind_is_dated_right(
    provisioned_terminal: ProvisionedTerminal,
) -> None:
    t = provisioned_terminal
    with clock.use(clock.SkewedClock(wall_offset=-DAY, boot_id="boot-before")):
        await sync(t)
        delegate, sitting = t.store.seat_delegate(t.seat), t.store.current_sitting()
        assert delegate is not None and sitting is not None
        signin = t.store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
        tapped = model.utcnow()
    with clock.use(clock.SkewedClock(wall_offset=-DAY, boot_id="boot-after")):
        await sync(t)
    row = server_signin(t, signin.id)
    assert abs((aware(row["signed_at"]) - tapped).total_seconds()) < 60

"""The sync loop: offline, backoff, recovery on its own, nudges, events, stop."""

from __future__ import annotations

import asyncio

import pytest
from fixtures.terminal import ProvisionedTerminal

from congress_desktop.model import SignInMethod
from congress_desktop.sync.engine import SyncEngine, SyncEvent, SyncStatus

from .helpers import eventually

pytestmark = pytest.mark.asyncio


def fast_engine(t: ProvisionedTerminal, poll_interval: float = 0.3) -> SyncEngine:
    return SyncEngine(
        t.store, t.identity, poll_interval=poll_interval, backoff_initial=0.1, backoff_max=0.4
    )


async def stop(engine: SyncEngine, task: asyncio.Task[None]) -> None:
    engine.stop()
    await asyncio.wait_for(task, 10)


async def test_offline_then_recovers_without_any_user_action(
    provisioned_terminal: ProvisionedTerminal,
) -> None:
    t = provisioned_terminal
    engine = fast_engine(t)
    events: list[SyncEvent] = []
    engine.add_listener(events.append)
    task = asyncio.create_task(engine.run())
    try:
        await eventually(lambda: engine.status.online, what="first sync")
        await eventually(
            lambda: engine.status.documents_cached == engine.status.documents_total > 0,
            what="documents cached in the background",
        )
        assert {"agenda_items", "documents", "delegates"} <= set().union(
            *(e.changed_tables for e in events)
        )
        delegate, sitting = t.store.seat_delegate(t.seat), t.store.current_sitting()
        assert delegate is not None and sitting is not None

        await asyncio.to_thread(t.server.stop)
        await eventually(lambda: not engine.status.online, what="offline status")
        assert "server unreachable" in (engine.status.last_error or "")
        t.store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
        engine.nudge()  # the user's action: tried at once, fails, stays in the outbox
        await eventually(lambda: engine.status.outbox_pending == 1, what="pending op in status")
        assert not engine.status.online

        events.clear()
        await asyncio.to_thread(t.server.start)  # no nudge from here on
        await eventually(lambda: engine.status.online, what="recovery")
        await eventually(lambda: engine.status.outbox_pending == 0, what="outbox drained")
        mine = t.store.my_signin(delegate.id, sitting.id)
        assert mine is not None and mine.confirmed
        assert any("signins" in e.changed_tables for e in events)
        assert engine.status.last_error is None and engine.status.last_sync is not None
    finally:
        await stop(engine, task)
    assert task.done() and task.exception() is None


async def test_nudge_pushes_at_once(provisioned_terminal: ProvisionedTerminal) -> None:
    t = provisioned_terminal
    engine = fast_engine(t, poll_interval=60)
    task = asyncio.create_task(engine.run())
    try:
        await eventually(lambda: engine.status.online, what="first sync")
        delegate = t.store.seat_delegate(t.seat)
        assert delegate is not None
        t.store.submit_suggestion(delegate.id, "标题", "内容", "other")
        engine.nudge()
        await eventually(lambda: t.store.outbox_pending() == 0, timeout=5, what="push on nudge")
        await eventually(
            lambda: t.store.my_suggestions(delegate.id)[0].number is not None,
            timeout=5,
            what="the server's suggestion number",
        )
    finally:
        await stop(engine, task)


async def test_stop_while_offline_is_prompt(provisioned_terminal: ProvisionedTerminal) -> None:
    t = provisioned_terminal
    await asyncio.to_thread(t.server.stop)
    engine = SyncEngine(t.store, t.identity, poll_interval=60, backoff_initial=30)
    statuses: list[SyncStatus] = []
    engine.add_listener(lambda e: statuses.append(e.status))
    task = asyncio.create_task(engine.run())
    await eventually(lambda: engine.status.last_error is not None, what="first failure")
    await stop(engine, task)  # well inside the 15-30 s backoff
    assert statuses and not statuses[-1].online

"""Push exactly once: actions survive an unreachable server and a lost acknowledgement."""

from __future__ import annotations

import asyncio

import pytest
from fixtures.terminal import ProvisionedTerminal

from congress_desktop.errors import OfflineError
from congress_desktop.model import SignInMethod, signins, suggestions
from congress_desktop.protocol import OpStatus
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.engine import SyncEngine

from .helpers import server_count

pytestmark = pytest.mark.asyncio


async def test_action_while_server_is_down_is_pushed_once(
    provisioned_terminal: ProvisionedTerminal,
) -> None:
    t = provisioned_terminal
    engine = SyncEngine(t.store, t.identity)
    try:
        await engine.sync_once(fetch_documents=False)
        delegate, sitting = t.store.seat_delegate(t.seat), t.store.current_sitting()
        assert delegate is not None and sitting is not None
        await asyncio.to_thread(t.server.stop)

        signin = t.store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
        with pytest.raises(OfflineError, match="server unreachable"):
            await engine.sync_once(fetch_documents=False)
        assert t.store.outbox_pending() == 1
        assert not engine.status.online and engine.status.outbox_pending == 1

        await asyncio.to_thread(t.server.start)
        await engine.sync_once(fetch_documents=False)
        assert t.store.outbox_pending() == 0
        assert engine.status.online and engine.status.outbox_pending == 0
        assert server_count(t.server, signins, delegate_id=delegate.id) == 1
        mine = t.store.my_signin(delegate.id, sitting.id)
        assert mine is not None and mine.id == signin.id and mine.confirmed
    finally:
        await engine.aclose()


async def test_lost_ack_retry_is_a_duplicate(provisioned_terminal: ProvisionedTerminal) -> None:
    t = provisioned_terminal
    engine = SyncEngine(t.store, t.identity)
    try:
        await engine.sync_once(fetch_documents=False)
        delegate = t.store.seat_delegate(t.seat)
        assert delegate is not None
        suggestion_id = t.store.submit_suggestion(
            delegate.id, "关于公交线路的建议", "内容", "social"
        )
        ops = t.store.pending_ops()
        async with SyncClient(t.identity) as client:
            first = await client.push(ops)  # reaches the server, but the answer is "lost"
            second = await client.push(ops)
        assert [r.status for r in first.results] == [OpStatus.APPLIED]
        assert [r.status for r in second.results] == [OpStatus.DUPLICATE]
        assert server_count(t.server, suggestions, id=suggestion_id) == 1
        assert t.store.outbox_pending() == 1  # no ack was recorded locally

        await engine.sync_once(fetch_documents=False)  # retries: duplicate = acknowledged
        assert t.store.outbox_pending() == 0
        assert server_count(t.server, suggestions, id=suggestion_id) == 1
        [mine] = t.store.my_suggestions(delegate.id)
        assert mine.id == suggestion_id and mine.sent
        assert mine.number is not None  # the server's version was pulled after the push
        assert engine.status.rejected == 0
    finally:
        await engine.aclose()


async def test_rejected_op_is_acknowledged_and_counted(
    provisioned_terminal: ProvisionedTerminal,
) -> None:
    t = provisioned_terminal
    engine = SyncEngine(t.store, t.identity)
    try:
        await engine.sync_once(fetch_documents=False)
        sitting = t.store.current_sitting()
        assert sitting is not None
        # a delegate who does not sit here: the server refuses, and says why
        t.store.sign_in("someone-else", sitting.id, SignInMethod.PIN)
        await engine.sync_once(fetch_documents=False)
        assert t.store.outbox_pending() == 0
        assert engine.status.rejected == 1
        [rejected] = t.store.rejected_ops()
        assert "seat" in rejected["reason"]
    finally:
        await engine.aclose()

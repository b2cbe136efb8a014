"""Pull rules over the wire: a server reset keeps the outbox; pending rows wait for the ack."""

from __future__ import annotations

import pytest
from fixtures.terminal import ProvisionedTerminal

from congress_desktop.model import SignInMethod
from congress_desktop.protocol import OpStatus
from congress_desktop.store.replica import set_state
from congress_desktop.store.views import SuggestionView
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.engine import SyncEngine

pytestmark = pytest.mark.asyncio


def find(t: ProvisionedTerminal, delegate_id: str, suggestion_id: str) -> SuggestionView:
    return next(s for s in t.store.my_suggestions(delegate_id) if s.id == suggestion_id)


async def test_reset_from_the_server_keeps_the_outbox(
    shared_terminal: ProvisionedTerminal,
) -> None:
    t = shared_terminal
    engine = SyncEngine(t.store, t.identity)
    try:
        await engine.sync_once(fetch_documents=False)
        epoch, cursor = t.store.cursor()
        agenda = t.store.agenda()
        delegate, sitting = t.store.seat_delegate(t.seat), t.store.current_sitting()
        assert delegate is not None and sitting is not None and agenda
        signin = t.store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
        # as if the server's database had been restored from a backup: another epoch
        t.store.write(lambda c: set_state(c, "epoch", "restored-from-backup"))
        async with SyncClient(t.identity) as client:
            page = await client.pull("restored-from-backup", cursor)
        assert page.reset
        assert t.store.apply_pull(page).reset
        assert t.store.cursor() == (epoch, 0) and t.store.agenda() == []
        assert t.store.outbox_pending() == 1
        assert t.store.my_signin(delegate.id, sitting.id) == signin

        await engine.sync_once(fetch_documents=False)  # push, then reload everything
        assert t.store.agenda() == agenda
        assert t.store.cursor()[1] >= cursor
        assert t.store.outbox_pending() == 0
        mine = t.store.my_signin(delegate.id, sitting.id)
        assert mine is not None and mine.confirmed
    finally:
        await engine.aclose()


async def test_server_version_of_a_pending_row_waits_for_the_ack(
    shared_terminal: ProvisionedTerminal,
) -> None:
    t = shared_terminal
    engine = SyncEngine(t.store, t.identity)
    try:
        await engine.sync_once(fetch_documents=False)
        delegate = t.store.seat_delegate(t.seat)
        assert delegate is not None
        suggestion_id = t.store.submit_suggestion(delegate.id, "本地标题", "内容", "social")
        ops = t.store.pending_ops()
        async with SyncClient(t.identity) as client:
            pushed = await client.push(ops)  # applied; the answer never reaches the store
            assert pushed.results[0].status is OpStatus.APPLIED
            epoch, cursor = t.store.cursor()
            page = await client.pull(epoch, cursor)
        assert suggestion_id in {c.id for c in page.changes}
        result = t.store.apply_pull(page)
        assert result.skipped_pending == 1
        mine = find(t, delegate.id, suggestion_id)
        assert mine.number is None and not mine.sent  # still the local version

        await engine.sync_once(fetch_documents=False)  # duplicate ack → held-back version
        mine = find(t, delegate.id, suggestion_id)
        assert mine.sent and mine.number is not None
        assert t.store.outbox_pending() == 0
    finally:
        await engine.aclose()

"""A long offline backlog meets a big server backlog, through the fault proxy.

500 suggestions queued offline (one of them one the server must refuse) against 10,000 server
changes; the first push's answer is lost on the way back; more suggestions are written while
the pull is in flight. Everything drains, in order, exactly once, and no local write is
overwritten by the pull.
"""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest
from fixtures.fault_proxy import FaultProxy, Rule
from fixtures.live_server import LiveServer
from fixtures.terminal import provision_terminal
from sqlalchemy import select
from sync.helpers import eventually, server_rows, write_notices

from congress_desktop import model
from congress_desktop.demo_content import DemoContent
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.engine import SyncEngine

pytestmark = pytest.mark.asyncio

QUEUED = 500
NOTICES = 10_000
DURING = 5


def server_suggestions(server: LiveServer, lead_id: str) -> list[tuple[str, int, str]]:
    from fixtures.terminal import server_engine

    engine = server_engine(server)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    model.suggestions.c.id, model.suggestions.c.number, model.suggestions.c.title
                )
                .where(model.suggestions.c.lead_delegate_id == lead_id)
                .order_by(model.suggestions.c.number)
            )
            return [(i, int(n), t) for i, n, t in rows]
    finally:
        engine.dispose()


async def test_500_queued_ops_against_10000_server_changes(
    tmp_path: Path,
    seeded_server: LiveServer,
    demo_content: DemoContent,
    fault_proxy: type[FaultProxy],
) -> None:
    t = await asyncio.to_thread(provision_terminal, seeded_server, demo_content, tmp_path / "t")
    try:
        proxy = fault_proxy(seeded_server.port).start()
        identity = dataclasses.replace(t.identity, server_url=proxy.url)
        first = SyncEngine(t.store, identity)
        await first.sync_once(fetch_documents=False)
        await first.aclose()
        lead = t.store.seat_delegate(t.seat)
        assert lead is not None

        written: list[str] = []  # suggestion ids in the order the delegate wrote them
        for n in range(QUEUED):
            cosigners = ["nobody"] if n == 250 else []  # the server refuses this one
            written.append(
                t.store.submit_suggestion(
                    lead.id, f"建议{n:03d}", f"内容{n}", "other", cosigner_ids=cosigners
                )
            )
        refused = written[250]
        last_seq = await asyncio.to_thread(write_notices, seeded_server, NOTICES)

        proxy.add_rule(Rule("down", "cut", path="/sync/push", times=1))  # applied, ack lost
        proxy.add_rule(Rule("down", "delay", path="/sync/pull", seconds=0.1, times=None))
        engine = SyncEngine(
            t.store,
            identity,
            client=SyncClient(identity),
            poll_interval=600,
            backoff_initial=0.2,
            backoff_max=1.0,
            stream_backoff_max=1.0,
        )
        task = asyncio.create_task(engine.run())
        try:
            await eventually(lambda: 0 < t.store.cursor()[1] < last_seq, 30, "pull in flight")
            for n in range(DURING):  # the delegate keeps writing while pages come in
                written.append(t.store.submit_suggestion(lead.id, f"途中{n}", "内容", "other"))
                engine.nudge()
            await eventually(
                lambda: t.store.outbox_pending() == 0 and t.store.cursor()[1] >= last_seq,
                60,
                "both backlogs drained",
            )
        finally:
            engine.stop()
            await asyncio.wait_for(task, 10)
        assert proxy.requests["POST /api/v1/sync/push"] >= 2  # the lost answer was retried

        on_server = server_suggestions(seeded_server, lead.id)
        accepted = [s for s in written if s != refused]
        assert [i for i, _n, _t in on_server] == accepted  # exactly once, numbered in order
        assert len({n for _i, n, _t in on_server}) == len(accepted)

        mine = {s.id: s for s in t.store.my_suggestions(lead.id)}
        assert set(mine) == set(written)
        rejection = mine[refused].rejection
        assert mine[refused].state == "rejected" and rejection is not None
        assert rejection.code == "unknown_cosigner" and "nobody" in rejection.reason
        titles = {i: title for i, _n, title in on_server}
        for suggestion_id in accepted:
            assert mine[suggestion_id].sent and mine[suggestion_id].number is not None
            assert mine[suggestion_id].title == titles[suggestion_id]  # the delegate's own words
        assert engine.status.rejected == 1

        local_notices = t.store.read(
            lambda c: dict(c.execute(select(model.notices.c.id, model.notices.c.seq)).all())
        )
        assert local_notices == server_rows(seeded_server, model.notices)
    finally:
        t.store.close()

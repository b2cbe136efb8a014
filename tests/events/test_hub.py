"""The broadcast hub in process: slots, coalescing, audiences, rate limit, threads, and
the commit hook on a real database."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from server.helpers import make_world

from congress_desktop.model import notices, signins, utcnow
from congress_desktop.server import events as ev
from congress_desktop.server.changes import write_row
from congress_desktop.server.db import migrate, open_engine
from congress_desktop.server.events import EventHub, install_commit_hook

pytestmark = pytest.mark.asyncio


def parse(chunk: bytes) -> list[tuple[str, str, str | None]]:
    """(event, data, id) of every event in an SSE chunk."""
    out = []
    for block in chunk.decode().split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.splitlines() if line and not line.startswith(":")
        )
        if fields:
            out.append((fields["event"], fields["data"], fields.get("id")))
    return out


async def test_a_new_stream_is_nudged_unless_its_last_event_id_is_the_latest_seq() -> None:
    hub = EventHub(latest_seq=7)
    current = hub.subscribe("t1", None, 7)
    behind = hub.subscribe("t2", None, 3)
    fresh = hub.subscribe("t3", None, None)
    restored = hub.subscribe("t4", None, 9)  # the server went back to an older backup
    assert current.drain() == b""
    for sub in (behind, fresh, restored):
        assert parse(sub.drain()) == [("changes", '{"seq":7}', "7")]
    await hub.aclose()


async def test_a_slow_client_gets_coalesced_state_in_bounded_memory() -> None:
    hub = EventHub()
    sub = hub.subscribe("t1", None, 0)
    sub.drain()
    for seq in range(1, 2001):
        hub.publish(ev.changes_event(seq, ["d1"] if seq % 2 else None))
        hub.publish(ev.current_item_event(seq, 1, f"item-{seq}"))
        hub.publish(ev.follow_event("doc", seq))
        hub.publish(ev.notice_event(f"n{seq}", "通知"))
    await asyncio.sleep(0.2)  # let the rate-limited public fan-out run
    events = parse(sub.drain())
    kinds = [e[0] for e in events]
    assert kinds.count("current_item") == 1 and kinds.count("follow") == 1
    assert kinds.count("notice") == ev.NOTICE_BACKLOG  # only the newest notices
    assert kinds[-1] == "changes" or "changes" not in kinds  # changes last when present
    assert events[0] == ("current_item", events[0][1], "2000")
    assert '"current_item_id":"item-2000"' in events[0][1]
    assert sub.drain() == b""
    await hub.aclose()


async def test_private_changes_reach_only_the_owners_streams() -> None:
    hub = EventHub()
    mine = hub.subscribe("t1", "d1", 0)
    other = hub.subscribe("t2", "d2", 0)
    nobody = hub.subscribe("t3", None, 0)
    hub.publish(ev.changes_event(5, ["d1"]))
    assert parse(mine.drain()) == [("changes", '{"seq":5}', "5")]
    assert other.drain() == b"" and nobody.drain() == b""
    hub.unsubscribe(mine)
    hub.publish(ev.changes_event(6, ["d1"]))
    assert mine.drain() == b""
    await hub.aclose()


async def test_public_fan_outs_are_rate_limited_but_the_first_goes_at_once() -> None:
    hub = EventHub()
    subs = [hub.subscribe(f"t{i}", None, 0) for i in range(3)]
    hub.publish(ev.changes_event(1))
    assert parse(subs[0].drain()) == [("changes", '{"seq":1}', "1")]
    hub.publish(ev.changes_event(2))
    hub.publish(ev.changes_event(3))
    assert subs[0].drain() == b""  # held back by the rate limit...
    await asyncio.sleep(ev.CHANGES_MIN_INTERVAL_S * 3)
    assert parse(subs[0].drain()) == [("changes", '{"seq":3}', "3")]  # ...then coalesced
    assert parse(subs[1].drain()) == [("changes", '{"seq":3}', "3")]
    await hub.aclose()


async def test_publish_is_safe_from_worker_threads() -> None:
    hub = EventHub()
    sub = hub.subscribe("t1", "d1", 0)
    sub.drain()

    def writer(base: int) -> None:
        for i in range(200):
            hub.publish(ev.changes_event(base + i, ["d1"]))

    threads = [threading.Thread(target=writer, args=(k * 1000,)) for k in range(1, 5)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)
    assert parse(sub.drain()) == [("changes", '{"seq":4199}', "4199")]
    assert hub.latest_seq == 4199
    await hub.aclose()


async def test_idle_streams_get_a_ping_comment_and_close_ends_them() -> None:
    hub = EventHub(heartbeat_s=0.05)
    sub = hub.subscribe("t1", None, 0)
    await asyncio.wait_for(sub.wake.wait(), 1)
    sub.wake.clear()
    await asyncio.wait_for(sub.wake.wait(), 1)
    assert sub.drain() == ev.PING
    hub.close_streams()
    assert sub.closed and sub.wake.is_set()
    await hub.aclose()


async def test_the_commit_hook_nudges_after_commit_with_the_rows_audience(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        migrate(engine)
        world = make_world(engine)  # before the hook: no hub yet
        hub = EventHub(latest_seq=0)
        install_commit_hook(engine, hub)
        seen: list[ev.Event] = []
        hub.bind()
        hub.add_forwarder(seen.append)

        def write_notice() -> None:
            with engine.begin() as conn:
                write_row(
                    conn,
                    notices,
                    {
                        "id": "n1",
                        "session_id": world.session_id,
                        "title": "通知",
                        "published_at": utcnow(),
                    },
                )

        def write_signin() -> None:
            with engine.begin() as conn:
                write_row(
                    conn,
                    signins,
                    {
                        "id": "s1",
                        "session_id": world.session_id,
                        "sitting_id": world.sittings[0],
                        "delegate_id": world.delegates[0],
                        "method": "pin",
                        "signed_at": utcnow(),
                        "received_at": utcnow(),
                    },
                )

        def rolled_back() -> None:
            with pytest.raises(RuntimeError), engine.begin() as conn:
                write_row(conn, notices, {"id": "n2", "session_id": world.session_id, "title": "x"})
                raise RuntimeError("abort")

        await asyncio.to_thread(write_notice)
        await asyncio.to_thread(rolled_back)
        await asyncio.to_thread(write_signin)
        await asyncio.sleep(0.05)
        assert [(e.type, e.delegates) for e in seen] == [
            ("changes", None),
            ("changes", frozenset({world.delegates[0]})),
        ]
        assert seen[1].seq == seen[0].seq + 1  # the rolled-back write took no seq, sent nothing
        await hub.aclose()
    finally:
        engine.dispose()

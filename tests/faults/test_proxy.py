"""The fault proxy does what it says: lost answers, injected errors, delays, duplicates."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from events.helpers import API, enroll, world_server
from fixtures.fault_proxy import FaultProxy, Rule
from fixtures.live_server import LiveServer
from server.helpers import World, signin_op


@pytest.fixture
def sqlite_world(
    tmp_path: Path, fault_proxy: type[FaultProxy]
) -> Iterator[tuple[LiveServer, World, FaultProxy]]:
    server, world = world_server(tmp_path / "server")
    try:
        yield server, world, fault_proxy(server.port).start()
    finally:
        server.stop()


def test_rules_cut_respond_delay_and_pass_through(
    sqlite_world: tuple[LiveServer, World, FaultProxy],
) -> None:
    server, world, proxy = sqlite_world
    headers = enroll(server, 1)
    health = f"{proxy.url}{API}/health"
    assert httpx.get(health, timeout=5).status_code == 200
    proxy.add_rule(Rule("up", "respond", path="/health", status=503))
    assert httpx.get(health, timeout=5).status_code == 503
    assert httpx.get(health, timeout=5).status_code == 200  # times=1
    proxy.add_rule(Rule("down", "delay", path="/health", seconds=0.5))
    started = time.monotonic()
    assert httpx.get(health, timeout=5).status_code == 200
    assert time.monotonic() - started >= 0.5
    # a lost answer: the server applied the op, the client never heard
    proxy.add_rule(Rule("down", "cut", path="/sync/push"))
    op = signin_op(world.delegates[0], world.sittings[0])
    with pytest.raises(httpx.TransportError):
        httpx.post(f"{proxy.url}{API}/sync/push", json={"ops": [op]}, headers=headers, timeout=5)
    retry = httpx.post(f"{proxy.url}{API}/sync/push", json={"ops": [op]}, headers=headers)
    assert retry.json()["results"][0]["status"] == "duplicate"
    proxy.refuse = True
    with pytest.raises(httpx.TransportError):
        httpx.get(health, timeout=5)
    proxy.refuse = False
    proxy.add_rule(Rule("down", "truncate", path="/health", nbytes=20))
    with pytest.raises(httpx.TransportError):
        httpx.get(health, timeout=5)
    assert proxy.requests["GET /api/v1/health"] >= 5

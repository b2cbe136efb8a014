"""Provisioning against a real server: one-time tokens, clear refusals, offline."""

from __future__ import annotations

import dataclasses
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.live_server import LiveServer, free_port
from fixtures.terminal import enrollment_token

from congress_desktop.errors import AuthError, CongressError, ErrorKind, OfflineError
from congress_desktop.store import load_identity, save_identity
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.provision import aprovision, provision


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One empty server for this module's tests (each spends its own tokens)."""
    server = LiveServer(tmp_path_factory.mktemp("provision") / "server")
    try:
        yield server.start()
    finally:
        server.stop()


def test_provision_saves_identity_and_store(live_server: LiveServer, tmp_path: Path) -> None:
    data_dir = tmp_path / "terminal"
    identity = provision(live_server.url + "/", enrollment_token(live_server, 7), data_dir, "t7")
    assert identity.seat_number == 7
    assert identity.server_url == live_server.url  # normalised
    assert load_identity(data_dir) == identity
    mode = stat.S_IMODE((data_dir / "identity.json").stat().st_mode)
    assert mode == 0o600
    assert (data_dir / "terminal.sqlite3").exists()


@pytest.mark.asyncio
async def test_provisioned_credential_is_accepted(live_server: LiveServer, tmp_path: Path) -> None:
    identity = await aprovision(live_server.url, enrollment_token(live_server, 1), tmp_path / "t")
    async with SyncClient(identity) as client:
        health = await client.health()
        page = await client.pull(None, 0)
    assert page.epoch == health.epoch
    forged = dataclasses.replace(identity, credential="not-the-credential")
    async with SyncClient(forged) as client:
        with pytest.raises(AuthError, match="credential is invalid"):
            await client.pull(None, 0)


def test_reused_token_is_refused_with_the_servers_message(
    live_server: LiveServer, tmp_path: Path
) -> None:
    token = enrollment_token(live_server, 1)
    provision(live_server.url, token, tmp_path / "first")
    with pytest.raises(AuthError, match="already been used") as info:
        provision(live_server.url, token, tmp_path / "second")
    assert info.value.kind is ErrorKind.AUTH
    assert not (tmp_path / "second" / "identity.json").exists()


def test_expired_token_is_refused(live_server: LiveServer, tmp_path: Path) -> None:
    token = enrollment_token(live_server, 1, ttl_hours=0.2 / 3600)  # 0.2 s
    time.sleep(0.3)
    with pytest.raises(AuthError, match="expired"):
        provision(live_server.url, token, tmp_path / "t")


def test_unknown_token_is_refused(live_server: LiveServer, tmp_path: Path) -> None:
    with pytest.raises(AuthError, match="not valid"):
        provision(live_server.url, "x" * 32, tmp_path / "t")


def test_unreachable_server_is_offline(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(OfflineError, match=re.escape(f"server unreachable at {url}")) as info:
        provision(url, "x" * 32, tmp_path / "t")
    assert "\n" not in str(info.value)
    assert not (tmp_path / "t" / "identity.json").exists()


def test_other_server_needs_force(live_server: LiveServer, tmp_path: Path) -> None:
    data_dir = tmp_path / "t"
    first = provision(live_server.url, enrollment_token(live_server, 1), data_dir)
    old = dataclasses.replace(first, server_url="http://192.0.2.1:8765")
    save_identity(data_dir, old)
    token = enrollment_token(live_server, 2)
    refused = re.escape("already provisioned to http://192.0.2.1")
    with pytest.raises(CongressError, match=refused) as info:
        provision(live_server.url, token, data_dir)
    assert info.value.kind is ErrorKind.CONFLICT
    assert load_identity(data_dir) == old  # untouched, and the token is not spent
    again = provision(live_server.url, token, data_dir, force=True)
    assert again.seat_number == 2 and load_identity(data_dir) == again

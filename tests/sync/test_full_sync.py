"""``sync --once``: a provisioned terminal preloads everything and verifies it."""

from __future__ import annotations

import asyncio

import pytest
from fixtures.terminal import ProvisionedTerminal

from congress_desktop.documents import file_sha256
from congress_desktop.errors import OfflineError
from congress_desktop.sync.once import run_sync_once


def test_sync_once_preloads_and_verifies_everything(
    provisioned_terminal: ProvisionedTerminal,
) -> None:
    t = provisioned_terminal
    content = t.content
    summary = run_sync_once(t.data_dir)
    assert set(summary) == {
        "cursor",
        "agenda_items",
        "documents",
        "documents_cached",
        "documents_verified",
        "motions",
        "outbox_pending",
    }
    assert summary["cursor"] > 0
    assert summary["agenda_items"] == len(content.agenda)
    assert summary["documents"] == len(content.documents)
    assert summary["documents_cached"] == summary["documents_verified"] == len(content.documents)
    assert summary["motions"] == len(content.motions)
    assert summary["outbox_pending"] == 0
    for doc in t.store.documents():
        assert file_sha256(t.paths.blob_path(doc.sha256)) == doc.sha256
    assert list(t.paths.blobs.rglob("*.part")) == []

    delegate = t.store.seat_delegate(t.seat)
    assert delegate is not None and delegate.name == t.delegate.name
    assert t.store.check_pin(delegate, t.delegate.pin)  # this seat's PIN hash came down
    others = [d for d in t.content.delegates if d.number != t.delegate.number]
    assert others and len(t.store.motions()) == len(content.motions)

    # a cached file damaged on disk is found and replaced on the next run
    victim = t.store.documents()[0]
    path = t.paths.blob_path(victim.sha256)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    again = run_sync_once(t.data_dir)
    assert again == summary
    assert file_sha256(path) == victim.sha256


def test_sync_once_offline_is_one_clear_line(provisioned_terminal: ProvisionedTerminal) -> None:
    t = provisioned_terminal
    t.server.stop()
    with pytest.raises(OfflineError) as info:
        run_sync_once(t.data_dir)
    message = str(info.value)
    assert message.startswith(f"server unreachable at {t.identity.server_url}")
    assert "\n" not in message


@pytest.mark.asyncio
async def test_sync_once_inside_a_running_loop(provisioned_terminal: ProvisionedTerminal) -> None:
    from congress_desktop.sync.once import arun_sync_once

    summary = await arun_sync_once(provisioned_terminal.data_dir)
    assert summary["documents_verified"] == summary["documents"] > 0
    await asyncio.sleep(0)

"""A terminal killed (SIGKILL) while it applies pull pages finishes consistently on restart.

``congress-desktop sync --once`` runs as a real process against the seeded server behind the
fault proxy, which slows every pull answer down so the kill lands between and during page
applications; the local SQLite is then checked against the server, resumed, and compared.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.fault_proxy import FaultProxy, Rule
from fixtures.live_server import REPO_ROOT, LiveServer
from fixtures.terminal import provision_terminal
from sync.helpers import server_rows, write_notices

from congress_desktop import model
from congress_desktop.demo_content import DemoContent
from congress_desktop.store.identity import save_identity

NOTICES = 10_000


def terminal_state(database: Path) -> tuple[int, dict[str, int]]:
    """(cursor, notice id → seq) read straight from the terminal's SQLite."""
    db = sqlite3.connect(database, timeout=10)
    try:
        row = db.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone()
        notices = dict(db.execute("SELECT id, seq FROM notices").fetchall())
        return (int(row[0]) if row else 0), notices
    finally:
        db.close()


def sync_once(data_dir: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "congress_desktop", "sync", "--once", "--data", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=REPO_ROOT,
    )


@pytest.mark.e2e
def test_kill_during_pull_then_restart_is_consistent(
    tmp_path: Path,
    seeded_server: LiveServer,
    demo_content: DemoContent,
    fault_proxy: type[FaultProxy],
) -> None:
    last_seq = write_notices(seeded_server, NOTICES)
    proxy = fault_proxy(seeded_server.port).start()
    proxy.add_rule(Rule("down", "delay", path="/sync/pull", seconds=0.15, times=None))
    terminal = provision_terminal(seeded_server, demo_content, tmp_path / "terminal")
    terminal.store.close()
    save_identity(terminal.data_dir, dataclasses.replace(terminal.identity, server_url=proxy.url))
    database = terminal.paths.database

    kills = 0
    for _ in range(3):  # kill it a few times at different points of the pull
        process = sync_once(terminal.data_dir)
        deadline = time.monotonic() + 30
        start_cursor = terminal_state(database)[0] if database.exists() else 0
        while time.monotonic() < deadline and process.poll() is None:
            cursor = terminal_state(database)[0] if database.exists() else 0
            if cursor > start_cursor:
                time.sleep(0.05 + 0.1 * kills)  # somewhere inside the next page
                break
            time.sleep(0.01)
        if process.poll() is not None:
            break
        process.kill()
        process.wait()
        kills += 1
        cursor, notices = terminal_state(database)
        # pages apply atomically with their cursor: every row at or below the cursor is
        # there, nothing above it is
        assert 0 < cursor < last_seq
        expected = {
            i: s for i, s in server_rows(seeded_server, model.notices).items() if s <= cursor
        }
        assert notices == expected
    assert kills == 3, "the sync finished before it could be killed"

    proxy.clear_rules()
    process = sync_once(terminal.data_dir)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output.decode(errors="replace")
    cursor, notices = terminal_state(database)
    assert cursor >= last_seq
    assert notices == server_rows(seeded_server, model.notices)
    assert len([n for n in notices if n.startswith("bulk-")]) == NOTICES

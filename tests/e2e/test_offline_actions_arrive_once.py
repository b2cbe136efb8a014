"""End to end: a delegate signs in and files a suggestion while the server is down.

The actions are made by tapping the real terminal widgets on the real store; then the whole
terminal program runs as its own process (``congress-desktop terminal``, offscreen) with its
sync engine, still offline; the server comes back; both actions must reach the server exactly
once, with no further user action — and syncing again changes nothing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

import pytest
from fixtures.terminal import ProvisionedTerminal, server_engine
from sqlalchemy import func, select
from ui.helpers import WAIT_MS, idle, sign_in, tap, type_text

from congress_desktop import model
from congress_desktop.config import TerminalPaths
from congress_desktop.model import SuggestionCategory
from congress_desktop.store import TerminalStore
from congress_desktop.sync.once import run_sync_once

pytestmark = pytest.mark.e2e

TITLE = "关于在会场增设无障碍通道的建议"
CONTENT = "建议在会场东西两侧入口增设无障碍坡道，方便行动不便的代表和群众出入。"


def _server_counts(terminal: ProvisionedTerminal, delegate_id: str) -> tuple[int, int]:
    engine = server_engine(terminal.server)
    try:
        with engine.connect() as conn:
            signins = conn.execute(
                select(func.count())
                .select_from(model.signins)
                .where(model.signins.c.delegate_id == delegate_id)
            ).scalar_one()
            suggestions = conn.execute(
                select(func.count())
                .select_from(model.suggestions)
                .where(model.suggestions.c.title == TITLE)
            ).scalar_one()
    finally:
        engine.dispose()
    return signins, suggestions


def _act_offline(qtbot: Any, terminal: ProvisionedTerminal, ui_app: Any) -> str:
    """Sign in and file a suggestion by tapping; returns the delegate id."""
    from congress_desktop.ui.ops import Ops
    from congress_desktop.ui.sync_bridge import SyncBridge
    from congress_desktop.ui.terminal.context import TerminalContext, load_seat
    from congress_desktop.ui.terminal.window import TerminalWindow

    ops = Ops(name="e2e-store")
    ctx = TerminalContext(terminal.store, terminal.identity, ops, SyncBridge(None))
    ctx.seat = load_seat(terminal.store, terminal.identity.seat_number)
    window = TerminalWindow(ctx, ui_app.congress_languages)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start()
        idle(qtbot, ctx)
        sign_in(qtbot, window, terminal.delegate.pin)
        tap(qtbot, window.nav_buttons["suggestions"])
        idle(qtbot, ctx)
        form = window.suggestions.form
        tap(qtbot, form.category_buttons[SuggestionCategory.URBAN_ENVIRONMENT])
        tap(qtbot, form.title_edit)
        type_text(form.title_edit, TITLE)
        type_text(form.content_edit, CONTENT)
        with qtbot.waitSignal(form.submitted, timeout=WAIT_MS):
            tap(qtbot, form.submit_button)
        idle(qtbot, ctx)
        delegate = ctx.seat.delegate
        assert delegate is not None
        return delegate.id
    finally:
        window.close()
        ops.shutdown()


def test_offline_signin_and_suggestion_arrive_exactly_once(
    qtbot: Any, ui_app: Any, synced_terminal: ProvisionedTerminal
) -> None:
    terminal = synced_terminal
    terminal.server.stop()

    delegate_id = _act_offline(qtbot, terminal, ui_app)
    assert terminal.store.outbox_pending() == 2
    terminal.store.close()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_API="pyside6")
    log = terminal.data_dir / "e2e-terminal.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "congress_desktop",
                "terminal",
                "--data",
                str(terminal.data_dir),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        time.sleep(2.0)  # the terminal starts and finds the server down
        assert process.poll() is None, log.read_text(errors="replace")
        assert _server_counts_when_up(terminal, delegate_id) == (1, 1)
    finally:
        process.send_signal(signal.SIGKILL)  # a power cut, not a clean exit
        process.wait(10)

    store = TerminalStore(TerminalPaths(terminal.data_dir))
    try:
        # the acknowledgement may still have been in flight when the terminal was cut
        summary = run_sync_once(terminal.data_dir)
        assert summary["outbox_pending"] == 0
        [mine] = store.my_suggestions(delegate_id)
        assert mine.sent and mine.number is not None  # 第000N号 assigned by the server
        sitting = store.current_sitting()
        assert sitting is not None
        signin = store.my_signin(delegate_id, sitting.id)
        assert signin is not None and signin.confirmed
    finally:
        store.close()
    assert _server_counts(terminal, delegate_id) == (1, 1)


def _server_counts_when_up(terminal: ProvisionedTerminal, delegate_id: str) -> tuple[int, int]:
    """Start the server again and wait (bounded) until both actions have arrived."""
    assert _server_counts(terminal, delegate_id) == (0, 0)
    terminal.server.start()
    deadline = time.monotonic() + 60
    counts = (0, 0)
    while time.monotonic() < deadline:
        counts = _server_counts(terminal, delegate_id)
        if counts == (1, 1):
            break
        time.sleep(0.2)
    return counts

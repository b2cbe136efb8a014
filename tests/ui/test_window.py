"""The main window: navigation, the status bar, reacting to the sync engine, crashes."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pytest
from fixtures.ui import PIN

from congress_desktop.sync.engine import SyncEvent, SyncStatus
from congress_desktop.ui.sync_bridge import SyncBridge

from .helpers import WAIT_MS, idle, sign_in, tap


class EngineDouble:
    """Stands in for SyncEngine's listener API; the store behind it is the real one."""

    def __init__(self) -> None:
        self.listeners: list[Any] = []
        self.nudges = 0
        self.status = SyncStatus()

    def add_listener(self, callback: Any) -> None:
        self.listeners.append(callback)

    def nudge(self) -> None:
        self.nudges += 1

    def emit(self, status: SyncStatus, tables: frozenset[str] = frozenset()) -> None:
        self.status = status
        for callback in self.listeners:
            callback(SyncEvent(status, tables))


@pytest.fixture
def engine(terminal_ctx: Any) -> EngineDouble:
    double = EngineDouble()
    terminal_ctx.sync = SyncBridge(double)
    return double


def test_navigation_rail_reaches_every_screen(qtbot: Any, terminal_window: Any) -> None:
    sign_in(qtbot, terminal_window, PIN)
    for key in ("agenda", "documents", "motions", "suggestions", "home"):
        tap(qtbot, terminal_window.nav_buttons[key])
        assert terminal_window.current_key() == key
        assert terminal_window.nav_buttons[key].isChecked()


def test_screens_need_a_sign_in(terminal_window: Any) -> None:
    terminal_window.show_screen("documents")
    assert terminal_window.current_key() == "signin"


def test_home_links_open_screens(qtbot: Any, terminal_window: Any) -> None:
    sign_in(qtbot, terminal_window, PIN)
    tap(qtbot, terminal_window.home.link_buttons["motions"])
    assert terminal_window.current_key() == "motions"
    motions = terminal_window.motions
    qtbot.waitUntil(lambda: len(motions.motion_list.items) == 2, timeout=WAIT_MS)
    assert motions.detail_title.text() == "关于制定《市养老服务条例》的议案"
    assert motions.lead_label.text() == "领衔代表：李秀英"
    assert motions.cosigners_label.text() == "附议代表（3 人）：王建国、张伟、陈静"
    assert motions.cause_caption.text() == "案由"
    tap(qtbot, motions.motion_list.items[1])
    assert motions.detail_title.text() == "关于加强城市河道综合治理的议案"


def test_status_bar_follows_the_engine(
    qtbot: Any, engine: EngineDouble, terminal_window: Any
) -> None:
    sign_in(qtbot, terminal_window, PIN)
    assert engine.nudges == 1  # the sign-in asked the engine to send at once
    bar = terminal_window.status_bar
    assert bar.network_label.text() == "● 离线"
    when = dt.datetime(2026, 3, 5, 1, 30, tzinfo=dt.UTC)
    engine.emit(SyncStatus(online=True, last_sync=when))
    qtbot.waitUntil(lambda: bar.network_label.text() == "● 在线", timeout=WAIT_MS)
    assert bar.sync_label.text() == f"最近同步 {when.astimezone().strftime('%H:%M')}"
    assert bar.documents_label.text() == "文件已缓存 1/2"


def test_changed_tables_refresh_the_visible_screen(
    qtbot: Any, engine: EngineDouble, terminal_window: Any, terminal_data: Any
) -> None:
    from congress_desktop import model as m
    from congress_desktop.protocol import Change, PullResponse

    sign_in(qtbot, terminal_window, PIN)
    item = m.row_to_wire(m.agenda_items, {"id": "item5", "session_id": "s1", "position": 5,
                                          "title": "闭幕", "state": "pending"})  # fmt: skip
    terminal_data.store.apply_pull(PullResponse(
        epoch="e1", changes=[Change(table="agenda_items", id="item5", seq=100, row=item)],
        next=100, has_more=False, server_time=m.utcnow(),
    ))  # fmt: skip
    tap(qtbot, terminal_window.nav_buttons["agenda"])
    agenda = terminal_window.agenda
    qtbot.waitUntil(lambda: len(agenda.item_list.items) == 5, timeout=WAIT_MS)

    agenda_row = m.row_to_wire(m.agendas, {"id": "agenda1", "session_id": "s1", "version": 2,
                                          "current_item_id": "item5"})  # fmt: skip
    terminal_data.store.apply_pull(PullResponse(
        epoch="e1", changes=[Change(table="agendas", id="agenda1", seq=101, row=agenda_row)],
        next=101, has_more=False, server_time=m.utcnow(),
    ))  # fmt: skip
    engine.emit(SyncStatus(online=True), frozenset({"agendas"}))
    qtbot.waitUntil(
        lambda: [c.property("current") for c in agenda.item_list.items][-1] is True,
        timeout=WAIT_MS,
    )


def test_a_confirmed_sign_in_shows_on_home(
    qtbot: Any, engine: EngineDouble, terminal_window: Any, terminal_data: Any
) -> None:
    from sqlalchemy import update

    from congress_desktop import model as m
    from congress_desktop.protocol import OpResult, OpStatus

    sign_in(qtbot, terminal_window, PIN)
    store = terminal_data.store
    [op] = store.pending_ops()
    store.record_results([OpResult(op_id=op.op_id, status=OpStatus.APPLIED)])
    store.write(lambda c: c.execute(update(m.signins).values(seq=55)))  # pulled back
    engine.emit(SyncStatus(online=True), frozenset({"signins"}))
    home = terminal_window.home
    qtbot.waitUntil(lambda: home.signin_badge.text() == "大会已确认", timeout=WAIT_MS)
    bar = terminal_window.status_bar
    qtbot.waitUntil(lambda: bar.signin_label.text() == "签到已确认", timeout=WAIT_MS)
    assert not bar.outbox_label.isVisible()


def test_an_uncaught_error_shows_a_calm_full_screen_message(
    qtbot: Any, terminal_window: Any, caplog: Any, monkeypatch: Any
) -> None:
    from congress_desktop.ui.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(terminal_window)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    panel = terminal_window.crash_panel
    assert panel.isVisible()
    assert not terminal_window.main_page.isVisible()
    assert panel.title_label.text() == "终端需要重新启动"
    assert "boom in a slot" not in panel.body_label.text()
    assert panel.restart_button.text() == "立即重新启动"
    assert "boom in a slot" in caplog.text
    tap(qtbot, panel.restart_button)
    assert terminal_window.exit_action == "restart"
    idle(qtbot, terminal_window.ctx)

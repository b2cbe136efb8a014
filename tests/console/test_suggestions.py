"""The suggestion workflow at the console against a real server: the secretariat reviews
(refusing a return without a reason) and assigns with the timeline in view; the handling unit
sees only its suggestion and replies; the reply reaches the delegate's terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.live_server import LiveServer
from fixtures.terminal import provision_terminal
from pytestqt.qtbot import QtBot

from congress_desktop.demo_content import DemoContent
from congress_desktop.sync.once import run_sync_once
from congress_desktop.ui.console.pages.suggestions import SuggestionsPage

from .conftest import UNIT, chinese_ui, open_console

WAIT = 10_000


@pytest.fixture(autouse=True)
def _in_chinese() -> Iterator[None]:
    with chinese_ui():  # the console's default language
        yield


def test_review_assign_and_reply_at_the_console(
    qtbot: QtBot, console_server: LiveServer, demo_content: DemoContent, tmp_path: Path
) -> None:
    terminal = provision_terminal(console_server, demo_content, tmp_path / "terminal", seat=3)
    staff = unit = None
    try:
        run_sync_once(terminal.data_dir)
        author = terminal.store.seat_delegate(3)
        assert author is not None
        sid = terminal.store.submit_suggestion(
            author.id, "关于规范共享单车停放的建议", "建议在地铁站口划定停放区。", "social"
        )
        run_sync_once(terminal.data_dir)

        staff = open_console(qtbot, console_server, "mishu")
        page = staff.window.open_page(SuggestionsPage)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: any(s.id == sid for s in page.suggestions.rows), timeout=WAIT)
        page.select(sid)
        qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == sid, timeout=WAIT)
        assert page.detail_title.text().endswith("关于规范共享单车停放的建议")
        assert page.timeline_texts()[0].split(" · ")[1] == "提交建议"
        assert not page.reply_box.isVisible()  # the secretariat does not answer for a unit
        assert page.review_box.isEnabled() and not page.assign_box.isEnabled()

        page.return_button.click()  # no reason given
        assert page.message.text() == "请填写退回理由，代表将看到该理由。"
        page.accept_button.click()
        qtbot.waitUntil(lambda: page.detail.state == "accepted", timeout=WAIT)
        assert page.detail_meta.text().endswith("已立案，待交办")
        assert page.assign_box.isEnabled() and not page.review_box.isEnabled()
        page.unit_edit.setText(UNIT)
        page.assign_button.click()
        qtbot.waitUntil(lambda: page.detail.state == "assigned", timeout=WAIT)
        assert UNIT in page.timeline_texts()[-1]
        assert [t.split(" · ")[1] for t in page.timeline_texts()] == [
            "提交建议",
            "审核通过",
            "已交办",
        ]

        unit = open_console(qtbot, console_server, "chengban")
        unit_page = unit.window.open_page(SuggestionsPage)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: len(unit_page.suggestions.rows) == 1, timeout=WAIT)
        assert unit_page.suggestions.rows[0].id == sid
        unit_page.select(sid)
        qtbot.waitUntil(lambda: unit_page.detail is not None, timeout=WAIT)
        assert not unit_page.review_box.isVisible() and not unit_page.assign_box.isVisible()
        assert unit_page.reply_box.isEnabled()
        unit_page.reply_edit.setPlainText("已在12个地铁站口划定停放区。")
        unit_page.reply_button.click()
        qtbot.waitUntil(lambda: unit_page.detail.state == "replied", timeout=WAIT)
        assert unit_page.message.text() == "答复已发送给代表。"
        assert not unit_page.reply_box.isEnabled()

        run_sync_once(terminal.data_dir)
        detail = terminal.store.suggestion_detail(sid)
        assert detail is not None and detail.suggestion.state == "replied"
        assert [r.text for r in detail.replies] == ["已在12个地铁站口划定停放区。"]
        assert detail.can_give_feedback(author.id)
    finally:
        for opened in (staff, unit):
            if opened is not None:
                opened.close()
        terminal.store.close()


def test_the_secretariat_stops_waiting_for_an_absent_co_signer(
    qtbot: QtBot, console_server: LiveServer, demo_content: DemoContent, tmp_path: Path
) -> None:
    terminal = provision_terminal(console_server, demo_content, tmp_path / "terminal", seat=4)
    staff = None
    try:
        run_sync_once(terminal.data_dir)
        author, absent = terminal.store.seat_delegate(4), terminal.store.seat_delegate(5)
        assert author is not None and absent is not None
        sid = terminal.store.submit_suggestion(
            author.id, "关于延长图书馆开放时间的建议", "建议周末延长至晚九点。", "education_health",
            cosigner_ids=[absent.id],
        )  # fmt: skip
        run_sync_once(terminal.data_dir)

        staff = open_console(qtbot, console_server, "mishu")
        page = staff.window.open_page(SuggestionsPage)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: any(s.id == sid for s in page.suggestions.rows), timeout=WAIT)
        page.select(sid)
        qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == sid, timeout=WAIT)
        assert page.detail.state == "cosigning"
        assert page.close_cosigning_button.isVisible() and page.close_cosigning_button.isEnabled()
        assert not page.accept_button.isEnabled()  # review waits for co-signing
        page.close_cosigning_button.click()
        qtbot.waitUntil(lambda: page.detail.state == "submitted", timeout=WAIT)
        assert page.message.text() == "已截止附议，该建议可以审核了。"
        assert page.cosigners_label.text().endswith("（未答复，已截止）")
        assert page.timeline_texts()[-1].split(" · ")[1] == "截止附议"
        assert not page.close_cosigning_button.isVisible() and page.accept_button.isEnabled()
    finally:
        if staff is not None:
            staff.close()
        terminal.store.close()

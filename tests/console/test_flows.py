"""Console flows against a real server: roster with a bad row, agenda published and applied
by a real terminal store, current item, late sign-in and leave moving the counts."""

from __future__ import annotations

from pathlib import Path

from fixtures.live_server import LiveServer
from fixtures.terminal import provision_terminal
from pytestqt.qtbot import QtBot

from congress_desktop.demo_content import DemoContent
from congress_desktop.sync.once import run_sync_once
from congress_desktop.ui.console.pages.agenda import AgendaPage
from congress_desktop.ui.console.pages.attendance import AttendancePage
from congress_desktop.ui.console.pages.roster import RosterPage

from .conftest import Console

BAD_ROSTER = (
    "代表证号,姓名,代表团,座位号\n"
    "901,欧阳文华,东城代表团,31\n"
    "902,,东城代表团,32\n"  # row 3: no name
    "903,司马静,东城代表团,33\n"
)


def test_roster_with_a_bad_row_shows_the_row_and_imports_nothing(
    qtbot: QtBot, console: Console, tmp_path: Path
) -> None:
    page = console.window.open_page(RosterPage)
    qtbot.waitUntil(lambda: page.delegates.rowCount() > 0, timeout=10_000)
    before = page.delegates.rowCount()
    roster = tmp_path / "roster.csv"
    roster.write_text(BAD_ROSTER, encoding="utf-8")
    page.import_file(roster)
    qtbot.waitUntil(page.errors_view.isVisible, timeout=10_000)
    assert [e.row for e in page.errors.rows] == [3]
    assert page.errors.data(page.errors.index(0, 0)) == "3"  # the row number, as shown
    assert "1" in page.message.text()
    names = {d.name for d in console.client.delegates()}
    assert "欧阳文华" not in names and "司马静" not in names
    assert len(names) == before


def test_publish_agenda_reaches_a_terminal_store_and_current_item_moves(
    qtbot: QtBot,
    console: Console,
    console_server: LiveServer,
    demo_content: DemoContent,
    tmp_path: Path,
) -> None:
    terminal = provision_terminal(console_server, demo_content, tmp_path / "terminal", seat=2)
    try:
        run_sync_once(terminal.data_dir)
        version_before = terminal.store.agenda_version()
        page = console.window.open_page(AgendaPage)
        qtbot.waitUntil(lambda: page.agenda is not None, timeout=10_000)
        page.ctx.call(
            lambda c: c.add_draft_item("审议闭幕决议草案", presenter="大会秘书长"), page.show_agenda
        )
        qtbot.waitUntil(
            lambda: page.agenda is not None and page.agenda.draft_changed, timeout=10_000
        )
        assert page.publish_button is not None and page.publish_button.isVisible()
        page.publish_button.click()
        qtbot.waitUntil(
            lambda: "版本" in page.message.text() or "version" in page.message.text(),
            timeout=10_000,
        )
        assert page.agenda is not None and page.agenda.version == version_before + 1
        run_sync_once(terminal.data_dir)
        assert terminal.store.agenda_version() == version_before + 1
        assert "审议闭幕决议草案" in [item.title for item in terminal.store.agenda()]

        # the current item: one tap on a row's button, then "next"
        agenda = page.agenda
        target = agenda.items[1]
        page.choose(target.id)
        qtbot.waitUntil(lambda: page.agenda.current_item_id == target.id, timeout=10_000)
        assert page.next_button is not None
        page.next_button.click()
        following = agenda.items[2].id
        qtbot.waitUntil(lambda: page.agenda.current_item_id == following, timeout=10_000)
        assert page.published.item(2, 1).text().startswith("▶")
        run_sync_once(terminal.data_dir)
        current = [item for item in terminal.store.agenda() if item.state == "current"]
        assert [item.id for item in current] == [following]
    finally:
        terminal.store.close()


def test_late_signin_and_leave_change_the_counts_on_screen(qtbot: QtBot, console: Console) -> None:
    page = console.window.open_page(AttendancePage)
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    data = page.data
    present, on_leave = data.totals.present, data.totals.on_leave
    assert page.present.value.text() == str(present)
    first, second = data.not_signed_in[0], data.not_signed_in[1]
    page.late_signin(first, "证卡遗失，人工核验")
    qtbot.waitUntil(lambda: page.present.value.text() == str(present + 1), timeout=10_000)
    page.record_leave(second, "因公出差")
    qtbot.waitUntil(lambda: page.on_leave.value.text() == str(on_leave + 1), timeout=10_000)
    assert first.delegate_id not in {d.delegate_id for d in page.missing.rows}
    assert page.missing_caption.text().endswith(str(len(page.data.not_signed_in)))

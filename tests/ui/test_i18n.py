"""Translations: the catalogue is complete and current; the UI speaks Chinese by default."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from fixtures.ui import PIN

from congress_desktop.model import CATEGORY_LABELS_ZH
from congress_desktop.ui import i18n, labels

from .helpers import WAIT_MS, sign_in, tap


def messages_of(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    messages = messages_of(i18n.ts_path(language))
    assert messages
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not "".join(m.find("translation").itertext()).strip()
    ]
    assert unfinished == []


def test_catalogue_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    """Running lupdate on the sources adds nothing: no string escaped translation."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed next to this Python")
    ts = tmp_path / "check.ts"
    shutil.copy(i18n.ts_path("zh_CN"), ts)
    files = [str(p) for p in i18n.source_files()]
    subprocess.run(
        [str(lupdate), "-no-obsolete", "-locations", "none", *files, "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    before = {(m.findtext("source"), m.findtext("comment")) for m in messages_of(ts)}
    current = {
        (m.findtext("source"), m.findtext("comment")) for m in messages_of(i18n.ts_path("zh_CN"))
    }
    assert before == current
    assert [m.findtext("source") for m in messages_of(ts)
            if m.find("translation").get("type") == "unfinished"] == []  # fmt: skip


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_compiled_catalogue_is_not_older_than_its_source(language: str) -> None:
    ts, qm = i18n.ts_path(language), i18n.qm_path(language)
    assert qm.exists(), f"run: python -m congress_desktop.ui.i18n release ({qm.name})"
    assert qm.read_bytes().count(b"\x00") > 0
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if lrelease.exists():
        rebuilt = ts.with_name("rebuilt.qm")
        try:
            subprocess.run([str(lrelease), str(ts), "-qm", str(rebuilt)], check=True,
                           capture_output=True)  # fmt: skip
            assert rebuilt.read_bytes() == qm.read_bytes(), "the .qm is stale: run release"
        finally:
            rebuilt.unlink(missing_ok=True)


def test_category_labels_match_the_model(ui_app: Any) -> None:
    assert {str(c): labels.category_label(c) for c in CATEGORY_LABELS_ZH} == {
        str(c): text for c, text in CATEGORY_LABELS_ZH.items()
    }


def test_every_rejection_code_is_worded_in_the_delegates_language(ui_app: Any) -> None:
    from congress_desktop.op_kinds import RejectCode
    from congress_desktop.store.views import Rejection
    from congress_desktop.ui import messages

    for code in RejectCode:  # a new code without wording would show the server's English
        text = messages.rejection(Rejection(code.value, "the server's words"))
        assert text != "the server's words", code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), (code, text)
    unknown = Rejection("from_a_newer_server", "the server's words")
    assert messages.rejection(unknown) == "the server's words"
    assert messages.rejection(Rejection(None, "")) == "服务器未接受此操作。"


def test_the_terminal_speaks_chinese_by_default(terminal_window: Any) -> None:
    assert terminal_window.signin.sign_in_button.text() == "签到"
    assert terminal_window.signin.prompt_label.text() == "请输入您的 PIN 码"
    assert terminal_window.language_button.text() == "English"


def test_switching_language_retranslates_the_visible_screen(
    qtbot: Any, terminal_window: Any
) -> None:
    sign_in(qtbot, terminal_window, PIN)
    tap(qtbot, terminal_window.language_button)
    home = terminal_window.home
    assert terminal_window.language_button.text() == "中文"
    assert home.title_label.text() == "Welcome, 王建国"
    assert home.item_caption.text() == "Current agenda item"
    assert home.item_title.text() == "Item 2: 审查和批准国民经济和社会发展计划"
    assert terminal_window.nav_buttons["documents"].text() == "Documents"
    qtbot.waitUntil(
        lambda: terminal_window.status_bar.outbox_label.text() == "1 action waiting to be sent",
        timeout=WAIT_MS,
    )
    assert terminal_window.status_bar.network_label.text() == "● Offline"

    tap(qtbot, terminal_window.nav_buttons["agenda"])
    qtbot.waitUntil(lambda: len(terminal_window.agenda.item_list.items) == 4, timeout=WAIT_MS)
    assert terminal_window.agenda.title_label.text() == "Agenda"
    assert terminal_window.agenda.item_list.items[1].badge_label.text() == "In progress"

    tap(qtbot, terminal_window.language_button)
    assert terminal_window.agenda.title_label.text() == "议程"
    assert terminal_window.agenda.item_list.items[1].badge_label.text() == "进行中"
    assert home.item_caption.text() == "当前议程"


def test_english_plurals(languages: Any, terminal_window: Any) -> None:
    languages.set_language("en")
    screen = terminal_window.signin
    screen._show_wrong_pin(4)
    assert screen.message.text() == "Wrong PIN. 1 try left."
    screen._show_wrong_pin(1)
    assert screen.message.text() == "Wrong PIN. 4 tries left."

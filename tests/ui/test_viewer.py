"""Reading documents: the list, the page viewer, page turning, zoom, missing and bad files."""

from __future__ import annotations

import dataclasses
from typing import Any

from fixtures.ui import DOC_TITLE, MISSING_DOC_TITLE, PIN

from .helpers import WAIT_MS, sign_in, tap


def open_from_documents(qtbot: Any, window: Any, title: str) -> Any:
    tap(qtbot, window.nav_buttons["documents"])
    qtbot.waitUntil(lambda: window.documents.card_for(title) is not None, timeout=WAIT_MS)
    tap(qtbot, window.documents.card_for(title))
    assert window.current_key() == "viewer"
    return window.viewer


def test_documents_list_shows_what_is_on_this_terminal(qtbot: Any, terminal_window: Any) -> None:
    sign_in(qtbot, terminal_window, PIN)
    tap(qtbot, terminal_window.nav_buttons["documents"])
    screen = terminal_window.documents
    qtbot.waitUntil(lambda: screen.card_for(DOC_TITLE) is not None, timeout=WAIT_MS)
    assert screen.summary_label.text() == "共 2 份文件，本终端已就绪 1 份。"
    assert screen.card_for(DOC_TITLE).badge_label.text() == "已就绪"
    assert screen.card_for(MISSING_DOC_TITLE).badge_label.text() == "下载中"


def test_turning_pages(qtbot: Any, terminal_window: Any) -> None:
    sign_in(qtbot, terminal_window, PIN)
    viewer = open_from_documents(qtbot, terminal_window, DOC_TITLE)
    qtbot.waitUntil(viewer.page_view.has_page, timeout=WAIT_MS)
    total = viewer.page_count
    assert total >= 2
    assert viewer.title_label.text() == DOC_TITLE
    assert viewer.page_indicator.text() == f"第 1 / {total} 页"
    assert not viewer.prev_button.isEnabled()

    with qtbot.waitSignal(viewer.page_changed, timeout=WAIT_MS):
        tap(qtbot, viewer.next_button)
    assert viewer.page_indicator.text() == f"第 2 / {total} 页"
    qtbot.waitUntil(lambda: not viewer.rendering, timeout=WAIT_MS)
    assert viewer.page_view.has_page()

    tap(qtbot, viewer.prev_button)
    assert viewer.page_indicator.text() == f"第 1 / {total} 页"


def test_neighbour_pages_are_rendered_ahead(qtbot: Any, terminal_window: Any) -> None:
    sign_in(qtbot, terminal_window, PIN)
    viewer = open_from_documents(qtbot, terminal_window, DOC_TITLE)
    qtbot.waitUntil(lambda: viewer.page_view.has_page() and not viewer.rendering, timeout=WAIT_MS)
    width = viewer.page_view.page_width()
    assert (1, width) in viewer._cache  # page 2 is ready before the delegate asks


def test_zoom_in_out_and_fit_width(qtbot: Any, terminal_window: Any) -> None:
    sign_in(qtbot, terminal_window, PIN)
    viewer = open_from_documents(qtbot, terminal_window, DOC_TITLE)
    qtbot.waitUntil(viewer.page_view.has_page, timeout=WAIT_MS)
    fit = viewer.page_view.page_label.image.width()
    assert viewer.zoom_label.text() == "100%"
    assert not viewer.fit_button.isEnabled()

    tap(qtbot, viewer.zoom_in_button)
    assert viewer.zoom_label.text() == "125%"
    qtbot.waitUntil(lambda: viewer.page_view.page_label.image.width() > fit, timeout=WAIT_MS)

    tap(qtbot, viewer.fit_button)
    assert viewer.zoom_label.text() == "100%"
    qtbot.waitUntil(lambda: viewer.page_view.page_label.image.width() == fit, timeout=WAIT_MS)
    tap(qtbot, viewer.zoom_out_button)
    assert viewer.zoom_label.text() == "75%"


def test_a_document_not_yet_downloaded_says_so(qtbot: Any, terminal_window: Any) -> None:
    sign_in(qtbot, terminal_window, PIN)
    viewer = open_from_documents(qtbot, terminal_window, MISSING_DOC_TITLE)
    assert viewer.pages.currentWidget() is viewer.message_card
    assert viewer.message.text().startswith("此文件尚未下载到本终端")
    assert not viewer.next_button.isEnabled()
    tap(qtbot, viewer.back_button)
    assert terminal_window.current_key() == "documents"


def test_a_corrupt_document_shows_a_calm_message(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    sign_in(qtbot, terminal_window, PIN)
    doc = next(d for d in terminal_data.store.documents() if d.title == DOC_TITLE)
    terminal_data.store.paths.blob_path(doc.sha256).write_bytes(b"%PDF-1.7\n garbage")
    terminal_window.open_document(dataclasses.replace(doc))
    viewer = terminal_window.viewer
    qtbot.waitUntil(lambda: viewer.pages.currentWidget() is viewer.message_card, timeout=WAIT_MS)
    assert viewer.message.text().startswith("本终端无法打开此文件")


def test_agenda_marks_the_current_item_and_opens_its_documents(
    qtbot: Any, terminal_window: Any
) -> None:
    sign_in(qtbot, terminal_window, PIN)
    tap(qtbot, terminal_window.nav_buttons["agenda"])
    agenda = terminal_window.agenda
    qtbot.waitUntil(lambda: len(agenda.item_list.items) == 4, timeout=WAIT_MS)
    current = [c for c in agenda.item_list.items if c.property("current")]
    assert [c.title_label.text() for c in current] == ["2. 审查和批准国民经济和社会发展计划"]
    assert current[0].badge_label.text() == "进行中"
    assert agenda.detail_title.text() == "审查和批准国民经济和社会发展计划"

    tap(qtbot, agenda.item_list.items[2])
    assert agenda.detail_title.text() == "审查和批准市级预算"
    tap(qtbot, agenda.item_list.items[1])
    tap(qtbot, agenda.document_list.items[0])
    assert terminal_window.current_key() == "viewer"
    qtbot.waitUntil(terminal_window.viewer.page_view.has_page, timeout=WAIT_MS)
    tap(qtbot, terminal_window.viewer.back_button)
    assert terminal_window.current_key() == "agenda"

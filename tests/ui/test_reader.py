"""The reader as a delegate uses it: touch (swipe, pinch, double tap), thumbnails, contents,
search with highlighted hits in Chinese, the watermark, confidential documents, follow mode."""

from __future__ import annotations

import dataclasses
from typing import Any

from fixtures.ui import DOC_TITLE, PIN
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from .helpers import WAIT_MS, idle, sign_in, tap, type_text
from .test_viewer import open_from_documents

_TOUCH: list[Any] = []


def touch_device() -> Any:
    if not _TOUCH:
        _TOUCH.append(QTest.createTouchDevice())
    return _TOUCH[0]


def swipe(widget: Any, start: QPoint, end: QPoint, steps: int = 5) -> None:
    device = touch_device()
    QTest.touchEvent(widget, device).press(0, start, widget).commit()
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        QTest.touchEvent(widget, device).move(0, point, widget).commit()
    QTest.touchEvent(widget, device).release(0, end, widget).commit()


def pinch(widget: Any, centre: QPoint, start_gap: int, end_gap: int) -> None:
    device = touch_device()
    a0, b0 = centre - QPoint(start_gap // 2, 0), centre + QPoint(start_gap // 2, 0)
    a1, b1 = centre - QPoint(end_gap // 2, 0), centre + QPoint(end_gap // 2, 0)
    QTest.touchEvent(widget, device).press(0, a0, widget).press(1, b0, widget).commit()
    QTest.touchEvent(widget, device).move(0, a1, widget).move(1, b1, widget).commit()
    QTest.touchEvent(widget, device).release(0, a1, widget).release(1, b1, widget).commit()


def open_report(qtbot: Any, window: Any) -> Any:
    sign_in(qtbot, window, PIN)
    viewer = open_from_documents(qtbot, window, DOC_TITLE)
    qtbot.waitUntil(lambda: viewer.page_view.has_page() and not viewer.rendering, timeout=WAIT_MS)
    return viewer


def test_swipe_turns_pages_and_pinch_and_double_tap_zoom(qtbot: Any, terminal_window: Any) -> None:
    viewer = open_report(qtbot, terminal_window)
    area = viewer.page_view.viewport()
    # the offscreen screen is 800 x 800: touches must land on it, near the view's top left
    middle = QPoint(250, 200)
    swipe(area, middle + QPoint(200, 0), middle - QPoint(200, 0))
    assert viewer.page_indicator.text().startswith("第 2 /")
    swipe(area, middle - QPoint(200, 0), middle + QPoint(200, 0))
    assert viewer.page_indicator.text().startswith("第 1 /")
    swipe(area, middle, middle + QPoint(30, 250))  # a vertical drag scrolls, never turns
    assert viewer.page_indicator.text().startswith("第 1 /")

    swipe(area, middle, middle, steps=1)  # a double tap
    swipe(area, middle, middle, steps=1)
    assert viewer.zoom_label.text() == "200%"
    qtbot.mouseDClick(area, Qt.MouseButton.LeftButton, pos=middle)  # a mouse double click
    assert viewer.zoom_label.text() == "100%"

    pinch(area, middle, 200, 300)
    assert viewer.zoom_label.text() == "150%"
    pinch(area, middle, 400, 100)
    assert viewer.zoom_label.text() == "50%"  # never below the smallest zoom


def test_search_finds_chinese_text_and_highlights_it(qtbot: Any, terminal_window: Any) -> None:
    viewer = open_report(qtbot, terminal_window)
    tap(qtbot, viewer.next_button)
    type_text(viewer.search_edit, "存在的问题")
    tap(qtbot, viewer.search_button)
    qtbot.waitUntil(lambda: viewer.search_label.text().startswith("在 "), timeout=WAIT_MS)
    assert viewer.search_label.text() == "在 1 页中找到"
    hit_page = viewer._hits[0][0]
    assert viewer.page == hit_page
    assert len(viewer.page_view.page_label.highlights) >= 1
    rect = viewer.page_view.page_label.highlights[0]
    assert 0 < rect.width() < viewer.page_view.page_width()

    viewer.search_edit.clear()
    type_text(viewer.search_edit, "不存在的词语")
    qtbot.keyClick(viewer.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: viewer.search_label.text() == "本文件中未找到", timeout=WAIT_MS)
    assert viewer.page_view.page_label.highlights == []


def test_contents_and_thumbnails_go_to_pages(qtbot: Any, terminal_window: Any) -> None:
    viewer = open_report(qtbot, terminal_window)
    qtbot.waitUntil(lambda: viewer.outline_list.count() == 4, timeout=WAIT_MS)
    tap(qtbot, viewer.outline_button)
    assert viewer.outline_list.isVisible()
    last = viewer.outline_list.item(3)
    assert last.text() == "四、下一步安排"
    rect = viewer.outline_list.visualItemRect(last)
    qtbot.mouseClick(viewer.outline_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert viewer.page == last.data(Qt.ItemDataRole.UserRole) > 0

    tap(qtbot, viewer.thumbs_button)
    strip = viewer.thumb_list
    assert strip.isVisible()
    assert strip.count() == viewer.page_count
    qtbot.waitUntil(lambda: not strip.item(0).icon().isNull(), timeout=WAIT_MS)
    rect = strip.visualItemRect(strip.item(0))
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert viewer.page_indicator.text().startswith("第 1 /")


def test_every_page_carries_the_watermark(qtbot: Any, terminal_window: Any) -> None:
    viewer = open_report(qtbot, terminal_window)
    mark = viewer.page_view.page_label.watermark
    assert mark.startswith("王建国 · 座位 1 · ")
    tap(qtbot, viewer.next_button)
    assert viewer.page_view.page_label.watermark.startswith("王建国 · 座位 1 · ")
    assert not viewer.confidential_label.isVisible()


def test_confidential_documents_say_they_cannot_be_exported(
    qtbot: Any, terminal_window: Any
) -> None:
    sign_in(qtbot, terminal_window, PIN)
    doc = next(d for d in terminal_window.ctx.store.documents() if d.title == DOC_TITLE)
    terminal_window.open_document(dataclasses.replace(doc, classification="confidential"))
    viewer = terminal_window.viewer
    assert viewer.confidential_label.isVisible()
    assert viewer.confidential_label.text() == "机密 · 不可导出"
    names = {b.text() for b in viewer.findChildren(type(viewer.back_button))}
    assert not any(word in n for n in names for word in ("导出", "打印", "保存", "Export"))


def test_follow_mode_jumps_with_the_presenter_and_snaps_back(
    qtbot: Any, terminal_window: Any
) -> None:
    viewer = open_report(qtbot, terminal_window)
    sync = terminal_window.ctx.sync
    tap(qtbot, viewer.follow_button)
    assert viewer.follow_button.isChecked()
    sync.follow_received.emit("doc1", 1)
    assert viewer.page_indicator.text().startswith("第 2 /")
    assert not viewer.presenter_button.isVisible()

    tap(qtbot, viewer.prev_button)  # the delegate browses away
    assert viewer.presenter_button.isVisible()
    assert viewer.presenter_button.text() == "回到主讲人页面（第 2 页）"
    sync.follow_received.emit("doc1", 2)  # away: the presenter does not pull the page
    assert viewer.page_indicator.text().startswith("第 1 /")
    assert viewer.presenter_button.text() == "回到主讲人页面（第 3 页）"
    tap(qtbot, viewer.presenter_button)  # one tap back
    assert viewer.page_indicator.text().startswith("第 3 /")
    assert not viewer.presenter_button.isVisible()

    tap(qtbot, viewer.follow_button)  # following off: the presenter no longer moves us
    sync.follow_received.emit("doc1", 0)
    assert viewer.page_indicator.text().startswith("第 3 /")
    idle(qtbot, terminal_window.ctx)

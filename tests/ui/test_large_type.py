"""Large type: the header's "A+ 大字" toggle grows every screen's text, nothing gets cut off
at 1920×1080, and the choice survives a restart."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fixtures.ui import open_window
from PySide6.QtWidgets import QLabel, QWidget

from congress_desktop.ui.theme import BASE_PIXEL_SIZE, LARGE_PIXEL_SIZE, apply_theme

from .clipping import clipped_texts
from .helpers import idle, tap
from .tour import visit_screens


@pytest.fixture
def normal_type(ui_app: Any) -> Iterator[None]:
    """Whatever a test does, the next one starts with normal type."""
    yield
    apply_theme(ui_app, large=False)


def text_sizes(window: QWidget) -> dict[tuple[str, str, str], int]:
    """Pixel size of each visible label's font, keyed by its text, role and name."""
    return {
        (w.text(), str(w.property("role")), w.objectName()): w.font().pixelSize()
        for w in window.findChildren(QLabel)
        if w.isVisible() and w.text() and w.font().pixelSize() > 0
    }


def fits_without_scrolling(window: Any) -> bool:
    """The screen shown needs no scrolling at 1920×1080 (it fits, squeezed or not)."""
    window.screen_scroll._fit_content()  # what the deferred fit would do
    return bool(window.screen_scroll.verticalScrollBar().maximum() == 0)


def test_clipping_check_sees_a_cut_off_label(qtbot: Any, ui_app: Any) -> None:
    """The check the tests below rely on is able to fail."""
    box = QWidget()
    qtbot.addWidget(box)
    box.resize(400, 200)
    narrow = QLabel("一段放不下的很长的文字", box)
    narrow.setGeometry(0, 0, 60, 40)
    short = QLabel("放得下", box)
    short.setGeometry(0, 60, 300, 40)
    box.show()
    assert [c.widget for c in clipped_texts(box)] == [narrow]


def test_large_type_grows_every_screen_and_cuts_off_nothing(
    qtbot: Any, terminal_window: Any, normal_type: None
) -> None:
    window = terminal_window
    assert window.large_type_button.isVisible()
    assert window.large_type_button.text() == "A+ 大字"
    normal: dict[str, dict[tuple[str, str, str], int]] = {}
    for screen in visit_screens(qtbot, window):
        assert window.size().width() == 1920 and window.size().height() == 1080
        assert not clipped_texts(window), (screen, [str(c) for c in clipped_texts(window)])
        assert fits_without_scrolling(window), screen
        normal[screen] = text_sizes(window)

    tap(qtbot, window.large_type_button)
    assert window.large_type and window.large_type_button.isChecked()
    for screen in visit_screens(qtbot, window):
        clips = [str(c) for c in clipped_texts(window)]
        assert not clips, (screen, clips)
        assert fits_without_scrolling(window), screen
        large = text_sizes(window)
        common = set(normal[screen]) & set(large)
        assert common, screen
        for text in common:
            before, after = normal[screen][text], large[text]
            assert after >= before * LARGE_PIXEL_SIZE / BASE_PIXEL_SIZE - 1, (screen, text)
    tap(qtbot, window.large_type_button)
    assert not window.large_type
    assert window.font().pixelSize() == BASE_PIXEL_SIZE


def test_large_type_survives_a_restart(
    qtbot: Any, terminal_ctx: Any, languages: Any, normal_type: None
) -> None:
    window = open_window(qtbot, terminal_ctx, languages)
    tap(qtbot, window.large_type_button)
    assert window.font().pixelSize() == LARGE_PIXEL_SIZE
    idle(qtbot, terminal_ctx)
    window.close()
    apply_theme(qtbot_app(), large=False)  # a new process starts with normal type

    again = open_window(qtbot, terminal_ctx, languages)
    qtbot.waitUntil(lambda: again.large_type, timeout=5000)
    assert again.large_type_button.isChecked()
    assert again.signin.font().pixelSize() == LARGE_PIXEL_SIZE
    tap(qtbot, again.large_type_button)
    idle(qtbot, terminal_ctx)
    again.close()

    third = open_window(qtbot, terminal_ctx, languages)
    assert not third.large_type
    assert third.signin.font().pixelSize() == BASE_PIXEL_SIZE


def qtbot_app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()

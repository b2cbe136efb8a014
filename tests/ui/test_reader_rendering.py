"""How the reader keeps pages: a cache bounded in bytes, the watermark painted over (never
into) the page images, thumbnails rendered only for the part of the strip on screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QImage

from congress_desktop.ui.terminal import viewer as viewer_module
from congress_desktop.ui.widgets.page_view import PageCache

from .helpers import WAIT_MS, tap
from .test_reader import open_report


def image(width: int, height: int) -> QImage:
    return QImage(width, height, QImage.Format.Format_RGB888)


def test_the_page_cache_is_bounded_in_bytes_and_keeps_the_newest() -> None:
    page = image(1000, 1000)  # 3 MB (rows of 3,000 bytes)
    cache = PageCache(max_bytes=7 * 2**20)
    for key in range(4):
        cache.put(key, image(1000, 1000))
    assert len(cache) == 2 and 0 not in cache and 1 not in cache  # oldest dropped first
    assert cache.bytes == 2 * page.sizeInBytes() <= cache.max_bytes
    cache.get(2)  # used: now the newest but one
    cache.put(4, image(1000, 1000))
    assert 2 in cache and 3 not in cache
    cache.put(5, image(3000, 3000))  # alone above the budget: still kept (it is shown)
    assert list(cache._images) == [5]
    cache.clear()
    assert len(cache) == 0 and cache.bytes == 0


def tinted_pixels(picture: QImage) -> int:
    """Pixels of the watermark's faint red on white paper (text ink is grey/black)."""
    picture = picture.convertToFormat(QImage.Format.Format_RGB32)
    count = 0
    for y in range(0, picture.height(), 4):
        for x in range(0, picture.width(), 4):
            color = picture.pixelColor(x, y)
            if color.red() - color.green() > 6 and color.red() > 200:
                count += 1
    return count


def test_the_watermark_is_painted_over_the_page_not_into_its_image(
    qtbot: Any, terminal_window: Any
) -> None:
    viewer = open_report(qtbot, terminal_window)
    canvas = viewer.page_view.page_label
    assert canvas.watermark.startswith("王建国 · 座位 1 · ")
    assert tinted_pixels(canvas.image) == 0  # the cached page is clean
    assert tinted_pixels(canvas.grab().toImage()) > 50  # what the delegate sees carries it
    canvas.watermark = ""
    assert tinted_pixels(canvas.grab().toImage()) == 0


def test_thumbnails_are_rendered_only_where_the_strip_is_on_screen(
    qtbot: Any, terminal_window: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(viewer_module, "THUMB_MARGIN", 0)
    viewer = open_report(qtbot, terminal_window)
    strip = viewer.thumb_list
    strip.setFixedWidth(200)  # room for one or two thumbnails of the document's pages
    tap(qtbot, viewer.thumbs_button)
    assert strip.count() == viewer.page_count >= 3

    def shown() -> list[int]:
        return [i for i in range(strip.count()) if not strip.item(i).icon().isNull()]

    qtbot.waitUntil(lambda: 0 in shown() and not viewer.rendering, timeout=WAIT_MS)
    assert shown() == list(viewer._visible_thumbnails())
    last = strip.count() - 1
    assert last not in shown()
    icon = strip.item(0).icon()
    assert max(s.width() for s in icon.availableSizes()) <= 120  # small, not a page render

    strip.scrollToItem(strip.item(last))
    qtbot.waitUntil(lambda: last in shown(), timeout=WAIT_MS)


def test_a_page_not_rendered_yet_shows_the_part_in_view_first(
    qtbot: Any, terminal_window: Any
) -> None:
    viewer = open_report(qtbot, terminal_window)
    canvas = viewer.page_view.page_label
    width = viewer._target_width()
    viewer._cache.clear()
    viewer.go_to(2)  # nothing has rendered page 3: it is drawn now, the part in view first
    assert viewer.shown == (2, width)
    assert 0 < canvas.drawn_rows < canvas.image.height()
    assert (2, width) not in viewer._cache
    qtbot.waitUntil(lambda: (2, width) in viewer._cache, timeout=WAIT_MS)
    assert canvas.drawn_rows == canvas.image.height()  # the rest drawn into the same image
    assert viewer._cache.get((2, width)) is canvas.image
    bottom = canvas.image.copy(0, canvas.image.height() - 100, canvas.image.width(), 100)
    gray = bottom.convertToFormat(QImage.Format.Format_Grayscale8).bits().tobytes()
    assert gray.count(255) > len(gray) // 2  # drawn (white paper), not left uninitialised

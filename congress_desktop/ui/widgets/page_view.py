"""Showing rendered PDF pages: a small LRU cache of page images, a scrolling page area with
touch gestures, search highlights and the watermark."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Hashable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QWidget


class PageCache:
    """The last few rendered pages, least recently used dropped first."""

    def __init__(self, capacity: int = 8) -> None:
        self.capacity = capacity
        self._images: OrderedDict[Hashable, QImage] = OrderedDict()

    def get(self, key: Hashable) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: Hashable, image: QImage) -> None:
        self._images[key] = image
        self._images.move_to_end(key)
        while len(self._images) > self.capacity:
            self._images.popitem(last=False)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._images

    def __len__(self) -> int:
        return len(self._images)

    def clear(self) -> None:
        self._images.clear()


def paint_watermark(image: QImage, text: str, font: QFont) -> None:
    """Paint ``text`` diagonally, repeated, faint, over the whole of ``image`` (any thread:
    the render worker burns it into every page, so painting a page costs nothing more)."""
    if not text:
        return
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(font)
    font.setPixelSize(max(16, image.width() // 40))
    painter.setFont(font)
    painter.setPen(QColor(140, 21, 21, 40))
    metrics = painter.fontMetrics()
    step_x = metrics.horizontalAdvance(text) + 120
    step_y = metrics.height() * 7
    painter.translate(image.width() / 2, image.height() / 2)
    painter.rotate(-30)
    span = max(image.width(), image.height())
    for row, y in enumerate(range(-span, span, step_y)):
        shift = (row % 2) * step_x // 2
        for x in range(-span - shift, span, step_x):
            painter.drawText(x, y, text)
    painter.end()


class PageCanvas(QWidget):
    """A page image (drawn straight from its QImage, only the part on screen) with search
    hits highlighted over it. The watermark is already in the image (``paint_watermark``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.margin = 0
        self.watermark = ""  # the text burnt into the pages shown
        self.highlights: list[QRectF] = []  # in image pixels
        self.current_highlight = -1

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def image_origin(self) -> QPointF:
        return QPointF(max(self.margin, (self.width() - self.image.width()) / 2), self.margin)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.image.isNull():
            return
        painter = QPainter(self)
        origin = self.image_origin()
        target = QRectF(event.rect()).intersected(QRectF(origin, QSizeF(self.image.size())))
        if not target.isEmpty():
            painter.drawImage(target, self.image, target.translated(-origin))
        for index, rect in enumerate(self.highlights):
            alpha = 130 if index == self.current_highlight else 100
            painter.fillRect(rect.translated(origin), QColor(255, 200, 0, alpha))
        painter.end()


class PageView(QScrollArea):
    """One page image, centred on a dark background; scrolls when zoomed past the width.

    Touch: a horizontal swipe turns the page (:attr:`swiped`), two fingers pinch to zoom
    (:attr:`pinched` with the scale factor), a double tap toggles zoom (:attr:`double_tapped`);
    one finger drags with kinetic scrolling (QScroller) when the page is larger than the view.
    """

    width_changed = Signal(int)  # the usable page width after a resize settles
    swiped = Signal(int)  # +1: to the next page (finger moved left), -1: to the previous
    pinched = Signal(float)  # the ratio of finger distances, end / start
    double_tapped = Signal()

    MARGIN = 24
    SWIPE_PX = 120
    DOUBLE_TAP_S = 0.35

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PageArea")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_label = PageCanvas()
        self.page_label.margin = self.MARGIN
        self.setWidget(self.page_label)
        self.setWidgetResizable(False)
        # always there, so a page taller than the view does not change the fit width
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self._last_width = 0
        self._resize_timer = QTimer(self, singleShot=True, interval=150)
        self._resize_timer.timeout.connect(self._on_resize_settled)
        self._touch_start: dict[int, QPointF] = {}
        self._touch_last: dict[int, QPointF] = {}
        self._last_tap = 0.0

    def page_width(self) -> int:
        """The width a page must have to fit the view exactly (fit width)."""
        return max(200, self.viewport().width() - 2 * self.MARGIN)

    def show_image(self, image: QImage, *, keep_scroll: bool = False) -> None:
        self.page_label.set_image(image)
        size = image.size() + QSize(2 * self.MARGIN, 2 * self.MARGIN)
        self.page_label.resize(size.expandedTo(QSize(self.viewport().width(), 0)))
        if not keep_scroll:
            self.verticalScrollBar().setValue(0)

    def set_highlights(self, rects: list[QRectF], current: int = -1) -> None:
        self.page_label.highlights = rects
        self.page_label.current_highlight = current
        self.page_label.update()

    def clear(self) -> None:
        self.page_label.set_image(QImage())
        self.set_highlights([])

    def has_page(self) -> bool:
        return not self.page_label.image.isNull()

    def _on_resize_settled(self) -> None:
        width = self.page_width()
        if abs(width - self._last_width) > 8:
            self._last_width = width
            self.width_changed.emit(width)

    # ------------------------------------------------------------------ touch

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            for point in event.points():
                if kind == QEvent.Type.TouchBegin or point.id() not in self._touch_start:
                    self._touch_start[point.id()] = point.position()
                self._touch_last[point.id()] = point.position()
            super().viewportEvent(event)  # the default ignores touch: accept it afterwards
            event.accept()
            if kind == QEvent.Type.TouchEnd:
                self._on_touch_end()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._touch_start.clear()
            self._touch_last.clear()
        return super().viewportEvent(event)

    def _on_touch_end(self) -> None:
        start, last = self._touch_start, self._touch_last
        self._touch_start, self._touch_last = {}, {}
        if len(start) >= 2:
            a, b = list(start)[:2]
            before = _distance(start[a], start[b])
            after = _distance(last[a], last[b])
            if before > 10:
                self.pinched.emit(after / before)
            return
        if len(start) != 1:
            return
        key = next(iter(start))
        dx = last[key].x() - start[key].x()
        dy = last[key].y() - start[key].y()
        if abs(dx) >= self.SWIPE_PX and abs(dx) > 2 * abs(dy):
            self.swiped.emit(1 if dx < 0 else -1)
        elif abs(dx) < 20 and abs(dy) < 20:
            now = time.monotonic()
            if now - self._last_tap <= self.DOUBLE_TAP_S:
                self._last_tap = 0.0
                self.double_tapped.emit()
            else:
                self._last_tap = now

    # ------------------------------------------------------------------ Qt overrides

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.double_tapped.emit()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())

"""Showing rendered PDF pages: a small LRU cache of page images, a scrolling page area with
touch gestures, search highlights and the watermark."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QResizeEvent,
    QStaticText,
    QTouchEvent,
    QTransform,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QWidget


class PageCache:
    """Rendered pages up to a budget in bytes, least recently used dropped first.

    A page at fit width on a 1920 px screen is ~13.5 MB (RGB888), so the default 48 MB holds
    the page shown and both neighbours; the newest page is always kept, whatever its size."""

    def __init__(self, max_bytes: int = 48 * 2**20) -> None:
        self.max_bytes = max_bytes
        self._images: OrderedDict[Hashable, QImage] = OrderedDict()
        self._bytes = 0

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, key: Hashable) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: Hashable, image: QImage) -> None:
        old = self._images.pop(key, None)
        if old is not None:
            self._bytes -= old.sizeInBytes()
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self.max_bytes and len(self._images) > 1:
            _, dropped = self._images.popitem(last=False)
            self._bytes -= dropped.sizeInBytes()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._images

    def __len__(self) -> int:
        return len(self._images)

    def clear(self) -> None:
        self._images.clear()
        self._bytes = 0


class Watermark:
    """A faint diagonal text repeated over a page, painted at paint time over just the
    part being repainted (the page images stay clean, so a page turn composites nothing
    and the time in the text is the time the page was shown).

    The text is laid out once (QStaticText) per text and size; painting is a few dozen
    cached glyph runs."""

    COLOR = QColor(140, 21, 21, 40)
    ANGLE = -30.0

    def __init__(self) -> None:
        self._key: tuple[str, int, str] | None = None
        self._static = QStaticText()
        self._font = QFont()
        self._step = (1, 1)
        self._size = QSizeF()

    def _prepare(self, text: str, font: QFont, page_width: int) -> None:
        pixel_size = max(16, page_width // 40)
        key = (text, pixel_size, font.family())
        if key == self._key:
            return
        self._key = key
        self._font = QFont(font)
        self._font.setPixelSize(pixel_size)
        metrics = QFontMetrics(self._font)
        self._static = QStaticText(text)
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._static.prepare(QTransform().rotate(self.ANGLE), self._font)
        self._size = QSizeF(metrics.horizontalAdvance(text), metrics.height())
        self._step = (int(self._size.width()) + 120, metrics.height() * 7)

    def paint(
        self, painter: QPainter, text: str, font: QFont, page: QRectF, exposed: QRectF
    ) -> None:
        """Paint the pattern for a page occupying ``page`` (widget coordinates), clipped
        to ``exposed``."""
        if not text or page.isEmpty():
            return
        self._prepare(text, font, int(page.width()))
        area = exposed.intersected(page)
        if area.isEmpty():
            return
        painter.save()
        painter.setClipRect(area)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self._font)
        painter.setPen(self.COLOR)
        centre = page.center()
        transform = QTransform().translate(centre.x(), centre.y()).rotate(self.ANGLE)
        painter.setTransform(transform, True)
        inverse, _ = transform.inverted()
        local = inverse.mapRect(area)  # the repainted area in the rotated frame
        step_x, step_y = self._step
        width, height = self._size.width(), self._size.height()
        span = int(max(page.width(), page.height()))
        for row, y in enumerate(range(-span, span, step_y)):
            if y < local.top() or y - height > local.bottom():
                continue
            shift = (row % 2) * step_x // 2
            for x in range(-span - shift, span, step_x):
                if x + width < local.left() or x > local.right():
                    continue
                painter.drawStaticText(QPointF(x, y - height), self._static)
        painter.restore()


def paint_watermark(image: QImage, text: str, font: QFont) -> None:
    """Paint the watermark pattern over the whole of ``image`` (any thread)."""
    painter = QPainter(image)
    page = QRectF(image.rect())
    Watermark().paint(painter, text, font, page, page)
    painter.end()


class PageCanvas(QWidget):
    """A page image (drawn straight from its QImage, only the part on screen), the
    watermark over it (painted now, never burnt into the image) and search hits
    highlighted, then whatever :attr:`overlays` paint (the delegate's notes), all in one
    pass.

    Opaque: it paints every pixel of what is exposed (page, then the surround in
    :attr:`BACKGROUND`), so Qt paints nothing beneath it (no style-sheet background fill of
    the viewport before every page)."""

    BACKGROUND = QColor("#5c5550")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.image = QImage()
        self.margin = 0
        self.watermark = ""  # the text painted over the page shown
        self.highlights: list[QRectF] = []  # in image pixels
        self.current_highlight = -1
        self.drawn_rows = 0  # rows of the image drawn so far (the rest is still being drawn)
        # painted last, over the page, clipped to the exposed rectangle: a layer drawn by its
        # own transparent child widget would make Qt paint the page beneath it again
        self.overlays: list[Callable[[QPainter, QRectF], None]] = []
        self._watermark = Watermark()

    def set_image(self, image: QImage, drawn_rows: int = -1) -> None:
        """Show ``image``; ``drawn_rows`` >= 0: only its first rows are drawn yet (the rest
        are being drawn into it by the render worker: shown as blank paper until
        :meth:`set_complete`)."""
        self.image = image
        self.drawn_rows = image.height() if drawn_rows < 0 else min(drawn_rows, image.height())
        self.update()

    def set_complete(self) -> None:
        """The rest of the image has been drawn."""
        if self.drawn_rows < self.image.height():
            origin = self.image_origin()
            top = int(origin.y()) + self.drawn_rows
            self.drawn_rows = self.image.height()
            self.update(0, top, self.width(), self.height() - top)

    def image_origin(self) -> QPointF:
        return QPointF(max(self.margin, (self.width() - self.image.width()) / 2), self.margin)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        exposed = event.region()
        if self.image.isNull():
            for rect in exposed:
                painter.fillRect(rect, self.BACKGROUND)
            painter.end()
            return
        origin = self.image_origin()
        page = QRectF(origin, QSizeF(self.image.size()))
        page_rect = page.toAlignedRect()
        for rect in exposed.subtracted(QRegion(page_rect)):
            painter.fillRect(rect, self.BACKGROUND)
        bounds = QRectF(event.rect())
        drawn = QRectF(origin, QSizeF(self.image.width(), self.drawn_rows))
        target = bounds.intersected(drawn)
        if not target.isEmpty():
            painter.drawImage(target, self.image, target.translated(-origin))
        blank = bounds.intersected(page.adjusted(0, self.drawn_rows, 0, 0))
        if not blank.isEmpty():
            painter.fillRect(blank, Qt.GlobalColor.white)  # still being drawn
        self._watermark.paint(painter, self.watermark, self.font(), page, bounds)
        for index, rect in enumerate(self.highlights):
            alpha = 130 if index == self.current_highlight else 100
            painter.fillRect(rect.translated(origin), QColor(255, 200, 0, alpha))
        for overlay in self.overlays:
            painter.save()
            painter.setClipRect(bounds)
            overlay(painter, bounds)
            painter.restore()
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

    def show_image(self, image: QImage, *, keep_scroll: bool = False, drawn_rows: int = -1) -> None:
        self.page_label.set_image(image, drawn_rows)
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

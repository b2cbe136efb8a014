"""Showing rendered PDF pages: a small LRU cache of page images and a scrolling page area."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QScroller, QWidget


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


class PageView(QScrollArea):
    """One page image, centred on a dark background; scrolls when zoomed past the width."""

    width_changed = Signal(int)  # the usable page width after a resize settles

    MARGIN = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PageArea")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setContentsMargins(self.MARGIN, self.MARGIN, self.MARGIN, self.MARGIN)
        self.page_label.setStyleSheet("background: transparent;")
        self.setWidget(self.page_label)
        self.setWidgetResizable(False)
        # always there, so a page taller than the view does not change the fit width
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self._last_width = 0
        self._resize_timer = QTimer(self, singleShot=True, interval=150)
        self._resize_timer.timeout.connect(self._on_resize_settled)

    def page_width(self) -> int:
        """The width a page must have to fit the view exactly (fit width)."""
        return max(200, self.viewport().width() - 2 * self.MARGIN)

    def show_image(self, image: QImage, *, keep_scroll: bool = False) -> None:
        pixmap = QPixmap.fromImage(image)
        self.page_label.setPixmap(pixmap)
        size = pixmap.size() + QSize(2 * self.MARGIN, 2 * self.MARGIN)
        self.page_label.resize(size.expandedTo(QSize(self.viewport().width(), 0)))
        if not keep_scroll:
            self.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        self.page_label.clear()

    def has_page(self) -> bool:
        return not self.page_label.pixmap().isNull()

    def _on_resize_settled(self) -> None:
        width = self.page_width()
        if abs(width - self._last_width) > 8:
            self._last_width = width
            self.width_changed.emit(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()

"""The document viewer: PyMuPDF pages rendered off the GUI thread, cached and prefetched.

Pages are rendered to the width of the view (fit width) times the zoom factor by a dedicated
worker (PyMuPDF serialises its calls anyway); the last few images are kept, and the pages
either side of the one shown are rendered ahead so turning a page is instant.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QWidget

from congress_desktop.documents import PdfDocument
from congress_desktop.errors import ErrorKind
from congress_desktop.store.views import DocumentView
from congress_desktop.ui import messages
from congress_desktop.ui.ops import Ops
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.theme import set_role
from congress_desktop.ui.widgets.cards import Card, MessageLabel, label
from congress_desktop.ui.widgets.page_view import PageCache, PageView

log = logging.getLogger(__name__)

ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
"""Zoom factors relative to fit width."""


def render_image(pdf: PdfDocument, index: int, width: int) -> QImage:
    """Worker thread: one page as a QImage that owns its pixels."""
    page = pdf.render_to_width(index, width)
    image = QImage(page.samples, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return image.copy()


class ViewerScreen(Screen):
    back_requested = Signal()
    page_changed = Signal(int)  # 0-based page index now shown

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._render_ops = Ops(self, workers=1, name="render")
        self._pdf: PdfDocument | None = None
        self._doc: DocumentView | None = None
        self._generation = 0
        self._page = 0
        self._count = 0
        self._zoom = 1.0
        self._cache = PageCache(capacity=8)
        self._in_flight: set[tuple[int, int]] = set()
        self._error_kind: ErrorKind | None = None
        self._missing = False

        self.back_button = QPushButton()
        self.zoom_out_button = QPushButton("−")
        self.zoom_label = label("", "subtitle", wrap=False)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(110)
        self.zoom_in_button = QPushButton("+")
        self.fit_button = QPushButton()
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setMinimumWidth(80)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self.back_button)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.zoom_out_button)
        top.addWidget(self.zoom_label)
        top.addWidget(self.zoom_in_button)
        top.addWidget(self.fit_button)
        self.layout_.removeWidget(self.title_label)
        self.layout_.addLayout(top)

        self.page_view = PageView()
        self.message_card = Card()
        self.message = MessageLabel()
        self.message_card.body.addStretch(1)
        self.message_card.body.addWidget(self.message)
        self.message_card.body.addStretch(1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.page_view)
        self.pages.addWidget(self.message_card)
        self.layout_.addWidget(self.pages, 1)

        self.prev_button = QPushButton()
        self.next_button = QPushButton()
        for button in (self.prev_button, self.next_button):
            set_role(button, "primary")
            button.setMinimumSize(300, 80)
        self.page_indicator = label("", "subtitle", wrap=False)
        self.page_indicator.setObjectName("PageIndicator")
        self.page_indicator.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.prev_button)
        bottom.addStretch(1)
        bottom.addWidget(self.page_indicator)
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        self.layout_.addLayout(bottom)
        self.layout_.setSpacing(14)

        self.back_button.clicked.connect(self.back_requested)
        self.prev_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit_width)
        self.page_view.width_changed.connect(self._on_width_changed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()
        self.render()

    # ------------------------------------------------------------------ public

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_count(self) -> int:
        return self._count

    @property
    def rendering(self) -> bool:
        return self._render_ops.busy

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def document(self) -> DocumentView | None:
        return self._doc

    def open_document(self, doc: DocumentView, page: int = 0) -> None:
        self._close_pdf()
        self._generation += 1
        self._doc, self._count, self._zoom = doc, doc.pages, 1.0
        self._page = max(0, min(page, doc.pages - 1))
        self._cache.clear()
        self._in_flight.clear()
        self._error_kind, self._missing = None, False
        self.page_view.clear()
        path = self.ctx.store.paths.blob_path(doc.sha256)
        if not doc.available or not path.exists():
            self._missing = True
        else:
            self._render_ops.run(
                partial(PdfDocument.open, path),
                partial(self._on_opened, self._generation),
                on_error=partial(self._on_open_failed, self._generation),
                owner=self,
            )
        self.render()

    def go_to(self, index: int) -> None:
        if self._pdf is None or not 0 <= index < self._count or index == self._page:
            return
        self._page = index
        self.render()
        self._show_current()
        self.page_changed.emit(index)

    def next_page(self) -> None:
        self.go_to(self._page + 1)

    def previous_page(self) -> None:
        self.go_to(self._page - 1)

    def zoom_in(self) -> None:
        self._set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 1e-6), self._zoom))

    def zoom_out(self) -> None:
        self._set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom - 1e-6), self._zoom))

    def fit_width(self) -> None:
        self._set_zoom(1.0)

    def close_document(self) -> None:
        self._close_pdf()
        self._doc = None
        self._generation += 1

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("‹ Back"))
        self.fit_button.setText(self.tr("Fit width"))
        self.prev_button.setText(self.tr("‹ Previous page"))
        self.next_button.setText(self.tr("Next page ›"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))

    def render(self) -> None:
        doc = self._doc
        self.title_label.setText(doc.title if doc else "")
        self.page_indicator.setText(
            self.tr("Page {page} of {total}").format(page=self._page + 1, total=self._count)
            if self._count
            else ""
        )
        self.zoom_label.setText(f"{round(self._zoom * 100)}%")
        ready = self._pdf is not None
        self.prev_button.setEnabled(ready and self._page > 0)
        self.next_button.setEnabled(ready and self._page < self._count - 1)
        self.zoom_in_button.setEnabled(ready and self._zoom < ZOOM_STEPS[-1])
        self.zoom_out_button.setEnabled(ready and self._zoom > ZOOM_STEPS[0])
        self.fit_button.setEnabled(ready and self._zoom != 1.0)
        if self._missing:
            self._show_message(
                self.tr(
                    "This document has not reached this terminal yet. It is being downloaded; "
                    "please try again in a moment."
                )
            )
        elif self._error_kind is not None:
            self._show_message(messages.for_kind(self._error_kind))
        else:
            self.pages.setCurrentWidget(self.page_view)

    # ------------------------------------------------------------------ rendering

    def _target_width(self) -> int:
        return int(self.page_view.page_width() * self._zoom)

    def _show_current(self) -> None:
        width = self._target_width()
        image = self._cache.get((self._page, width))
        if image is not None:
            self.page_view.show_image(image)
        else:
            self._request(self._page, width)
        for neighbour in (self._page + 1, self._page - 1):
            if 0 <= neighbour < self._count and (neighbour, width) not in self._cache:
                self._request(neighbour, width)

    def _request(self, index: int, width: int) -> None:
        pdf, key = self._pdf, (index, width)
        if pdf is None or key in self._in_flight:
            return
        self._in_flight.add(key)
        self._render_ops.run(
            partial(render_image, pdf, index, width),
            partial(self._on_rendered, self._generation, key),
            on_error=partial(self._on_render_failed, self._generation, key),
            owner=self,
        )

    def _set_zoom(self, zoom: float) -> None:
        if self._pdf is not None and zoom != self._zoom:
            self._zoom = zoom
            self.render()
            self._show_current()

    def _show_message(self, text: str) -> None:
        self.message.show_message(text, "info")
        self.pages.setCurrentWidget(self.message_card)

    def _close_pdf(self) -> None:
        if self._pdf is not None:
            pdf, self._pdf = self._pdf, None
            self._render_ops.run(pdf.close)

    # ------------------------------------------------------------------ slots

    def _on_opened(self, generation: int, pdf: PdfDocument) -> None:
        if generation != self._generation:
            self._render_ops.run(pdf.close)
            return
        self._pdf = pdf
        self._count = pdf.page_count
        self._page = min(self._page, self._count - 1)
        self.render()
        self._show_current()

    def _on_open_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        log.warning("cannot open document %s: %s", self._doc.title if self._doc else "?", error)
        self._error_kind = getattr(error, "kind", ErrorKind.CORRUPT)
        self.render()

    def _on_rendered(self, generation: int, key: tuple[int, int], image: QImage) -> None:
        self._in_flight.discard(key)
        if generation != self._generation:
            return
        self._cache.put(key, image)
        if key == (self._page, self._target_width()):
            self.page_view.show_image(image)

    def _on_render_failed(self, generation: int, key: tuple[int, int], error: Exception) -> None:
        self._in_flight.discard(key)
        if generation == self._generation and key[0] == self._page:
            self._error_kind = ErrorKind.CORRUPT
            messages.describe(error)  # logs it
            self.render()

    def _on_width_changed(self, _width: int) -> None:
        if self._pdf is not None:
            self._show_current()

    # ------------------------------------------------------------------ Qt overrides

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next_page()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.previous_page()
        else:
            super().keyPressEvent(event)

"""The document viewer: PyMuPDF pages rendered off the GUI thread, cached and prefetched.

Pages are rendered to the width of the view (fit width) times the zoom factor by a dedicated
worker (PyMuPDF serialises its calls anyway), straight into the QImage that is painted (no
intermediate pixmap, no format conversion, no copy); images are kept up to a budget in bytes
(:data:`CACHE_BYTES`), and the pages either side of the one shown are rendered ahead so
turning a page is instant. A page turn repaints the page and the page indicator only.

Touch: swipe to turn, pinch and double tap to zoom, kinetic scrolling (see ``PageView``).
Panels: a thumbnail strip, the outline (table of contents) and full-text search, run a few
pages at a time on the render worker so the first hit shows at once; hits are highlighted.
Every page carries a watermark with the delegate's name, seat and the time, painted over the
page at paint time (never burnt into the cached images). Thumbnails are small and rendered
only for the part of the strip on screen. There is no
export, print or save path in the reader at all; confidential documents say so on screen.

Follow mode (同步翻页): :meth:`follow` jumps to the presenter's page while following is on;
turning away from it leaves following paused with a "back to the presenter" button that
snaps back in one tap.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QKeyEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QStackedWidget,
    QWidget,
)

from congress_desktop.documents import MUPDF_LOCK, PdfDocument, Rect
from congress_desktop.errors import ErrorKind
from congress_desktop.store.views import DocumentView
from congress_desktop.ui import messages
from congress_desktop.ui.ops import Ops
from congress_desktop.ui.terminal.annotation_controller import AnnotationController
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.theme import set_role, set_tone
from congress_desktop.ui.widgets.cards import Card, MessageLabel, label
from congress_desktop.ui.widgets.page_view import PageCache, PageView

log = logging.getLogger(__name__)

ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
"""Zoom factors relative to fit width."""
ZOOM_MIN, ZOOM_MAX = ZOOM_STEPS[0], ZOOM_STEPS[-1]
DOUBLE_TAP_ZOOM = 2.0
PREFETCH_DELAY_MS = 40
CACHE_BYTES = 48 * 2**20  # the page and both neighbours at fit width (~13.5 MB each at 1920 px)
SEARCH_CHUNK = 12  # pages searched per step: the first hit shows after one short step
THUMB_WIDTH = 120
THUMB_MARGIN = 4  # thumbnails rendered beyond each side of the visible part of the strip
THUMB_KEEP = 60  # thumbnails further than this from the visible part are dropped


@dataclass(frozen=True)
class SearchStep:
    needle: str
    stop: int  # the next page to search
    hits: list[tuple[int, list[Rect], float]]  # page, rectangles (points), page width (points)


def search_step(pdf: PdfDocument, needle: str, start: int) -> SearchStep:
    """Worker thread: search pages ``start`` to ``start + SEARCH_CHUNK - 1``."""
    stop = min(start + SEARCH_CHUNK, pdf.page_count)
    found = pdf.search_range(needle, start, stop)
    return SearchStep(needle, stop, [(i, r, pdf.page_size(i)[0]) for i, r in found])


PAGE_FORMAT = QImage.Format.Format_RGB888
"""3 bytes a pixel: a fit-width page at 1920 px is 13.5 MB, so three fit the cache budget.
(``Format_RGB32``, which ``PdfDocument.draw(bgrx=True)`` can fill, paints as a plain copy but
costs a third more memory and MuPDF time.)"""


def new_page_image(pdf: PdfDocument, index: int, width: int) -> tuple[QImage, memoryview]:
    """A blank QImage of page ``index`` ``width`` pixels wide and its pixel buffer (taken
    once, so the image is never detached while parts of it are drawn and shown)."""
    w, h = pdf.pixel_size(index, width)
    image = QImage(w, h, PAGE_FORMAT)
    return image, image.bits()


def draw_rows(
    pdf: PdfDocument, index: int, width: int, image: QImage, pixels: memoryview, rows: range
) -> QImage:
    """MuPDF draws ``rows`` of the page straight into the image's pixels (no intermediate
    pixmap, no conversion, no copy)."""
    bgrx = QImage.Format.Format_RGB32 == PAGE_FORMAT
    pdf.draw(index, width, pixels, image.bytesPerLine(), bgrx=bgrx, rows=(rows.start, rows.stop))
    return image


def render_image(
    pdf: PdfDocument,
    index: int,
    width: int,
    first_rows: int = 0,
    on_top: Callable[[QImage], None] | None = None,
) -> QImage:
    """Worker thread: one whole page ``width`` pixels wide in a new QImage.

    With ``on_top``, the first ``first_rows`` rows (the part on screen) are drawn first and
    the image is handed to ``on_top`` at once; the rest of the page is drawn after that
    into the same pixels, below what is being shown."""
    image, pixels = new_page_image(pdf, index, width)
    h = image.height()
    if on_top is not None and 0 < first_rows < h * 0.8:
        draw_rows(pdf, index, width, image, pixels, range(0, first_rows))
        on_top(image)
        return draw_rows(pdf, index, width, image, pixels, range(first_rows, h))
    return draw_rows(pdf, index, width, image, pixels, range(0, h))


class ViewerScreen(Screen):
    back_requested = Signal()
    page_changed = Signal(int)  # 0-based page index now shown
    presenter_requested = Signal(str, int)  # document id, page: snap back to the presenter
    _top_drawn = Signal(int, object, int, object)  # generation, key, rows, image: top drawn

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._render_ops = Ops(self, workers=1, name="render")
        self._pdf: PdfDocument | None = None
        self._doc: DocumentView | None = None
        self._generation = 0
        self._page = 0
        self._count = 0
        self._zoom = 1.0
        self._cache = PageCache(max_bytes=CACHE_BYTES)
        self._in_flight: set[tuple[int, int]] = set()
        self._shown_key: tuple[int, int] | None = None  # (page, width) of the image on screen
        self._error_kind: ErrorKind | None = None
        self._missing = False
        self._outline: list[tuple[int, str, int]] = []
        self._hits: list[tuple[int, list[Rect], float]] = []
        self._hit_index = -1
        self._needle = ""
        self._searching = False
        self._thumbs_for = -1  # generation whose thumbnails are loaded
        self._thumbs_shown: set[int] = set()  # pages whose thumbnail is on its item
        self._thumbs_in_flight: set[int] = set()
        self._thumb_timer = QTimer(self, singleShot=True, interval=30)
        self._thumb_timer.timeout.connect(self._render_visible_thumbnails)
        self._watermark = ""
        self._prefetch_timer = QTimer(self, singleShot=True, interval=PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self._prefetch)
        self._rests: list[Callable[[], object]] = []  # the rest of pages whose top is shown
        self._rest_timer = QTimer(self, singleShot=True, interval=0)
        self._rest_timer.timeout.connect(self._draw_rest)
        self.following = False
        self.away = False  # following, but the delegate turned elsewhere (paused)
        self._presenter: tuple[str, int] | None = None  # document id and page shown by them

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
        self.confidential_label = label("", "badge", wrap=False)
        set_tone(self.confidential_label, "bad")
        self.confidential_label.hide()
        top.addWidget(self.back_button)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.confidential_label)
        top.addWidget(self.zoom_out_button)
        top.addWidget(self.zoom_label)
        top.addWidget(self.zoom_in_button)
        top.addWidget(self.fit_button)
        self.layout_.removeWidget(self.title_label)
        self.layout_.addLayout(top)

        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton()
        self.search_prev_button = QPushButton("‹")
        self.search_next_button = QPushButton("›")
        self.search_label = label("", "muted", wrap=False)
        self.outline_button = QPushButton()
        self.thumbs_button = QPushButton()
        self.follow_button = QPushButton()
        self.presenter_button = QPushButton()
        set_role(self.presenter_button, "primary")
        self.presenter_button.hide()
        for button in (self.outline_button, self.thumbs_button, self.follow_button):
            button.setCheckable(True)
            set_role(button, "choice")
        for button in (self.search_prev_button, self.search_next_button):
            button.setMinimumWidth(64)
        tools = QHBoxLayout()
        tools.setSpacing(12)
        tools.addWidget(self.search_edit, 2)
        tools.addWidget(self.search_button)
        tools.addWidget(self.search_prev_button)
        tools.addWidget(self.search_next_button)
        tools.addWidget(self.search_label, 1)
        tools.addWidget(self.outline_button)
        tools.addWidget(self.thumbs_button)
        tools.addWidget(self.follow_button)
        tools.addWidget(self.presenter_button)
        self.layout_.addLayout(tools)

        self.page_view = PageView()
        # the delegate's notes: tool bar, note layer over the page (annotation_controller.py)
        self.annotations = AnnotationController(self)
        self.layout_.addWidget(self.annotations.panel)
        self.outline_list = QListWidget(objectName="OutlineList")
        self.outline_list.setFixedWidth(420)
        self.outline_list.setWordWrap(True)
        self.outline_list.hide()
        QScroller.grabGesture(
            self.outline_list.viewport(), QScroller.ScrollerGestureType.TouchGesture
        )
        self.thumb_list = QListWidget(objectName="ThumbStrip")
        self.thumb_list.setViewMode(QListView.ViewMode.IconMode)
        self.thumb_list.setFlow(QListView.Flow.LeftToRight)
        self.thumb_list.setWrapping(False)
        self.thumb_list.setMovement(QListView.Movement.Static)
        self.thumb_list.setIconSize(QSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.42)))
        self.thumb_list.setFixedHeight(int(THUMB_WIDTH * 1.42) + 64)
        self.thumb_list.hide()
        self.thumb_list.horizontalScrollBar().valueChanged.connect(
            lambda _value: self._thumb_timer.start()
        )
        QScroller.grabGesture(
            self.thumb_list.viewport(), QScroller.ScrollerGestureType.TouchGesture
        )
        self.message_card = Card()
        self.message = MessageLabel()
        self.message_card.body.addStretch(1)
        self.message_card.body.addWidget(self.message)
        self.message_card.body.addStretch(1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.page_view)
        self.pages.addWidget(self.message_card)
        middle = QHBoxLayout()
        middle.setSpacing(14)
        middle.addWidget(self.outline_list)
        middle.addWidget(self.pages, 1)
        middle.addWidget(self.annotations.notes_list)  # beside the page, like the outline
        self.layout_.addLayout(middle, 1)
        self.layout_.addWidget(self.thumb_list)

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
        self._top_drawn.connect(self._on_top_drawn)
        self.page_view.swiped.connect(self._on_swiped)
        self.page_view.pinched.connect(self._on_pinched)
        self.page_view.double_tapped.connect(self._on_double_tapped)
        self.search_button.clicked.connect(self.search)
        self.search_edit.returnPressed.connect(self.search)
        self.search_next_button.clicked.connect(lambda: self._step_hit(1))
        self.search_prev_button.clicked.connect(lambda: self._step_hit(-1))
        self.outline_button.toggled.connect(self._on_outline_toggled)
        self.thumbs_button.toggled.connect(self._on_thumbs_toggled)
        self.outline_list.itemClicked.connect(self._on_outline_clicked)
        self.thumb_list.itemClicked.connect(self._on_thumb_clicked)
        self.follow_button.toggled.connect(self._on_follow_toggled)
        self.presenter_button.clicked.connect(self.back_to_presenter)
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
        """Pages are being rendered or about to be prefetched."""
        return self._render_ops.busy or self._prefetch_timer.isActive() or bool(self._rests)

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
        self._outline, self._hits, self._hit_index, self._needle = [], [], -1, ""
        self.outline_list.clear()
        self.thumb_list.clear()
        self.search_label.setText("")
        self.page_view.clear()
        self._shown_key = None
        self._update_watermark()
        self.annotations.document_opened(doc)
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
        """Show page ``index``; while following, a page other than the presenter's pauses
        following until :meth:`back_to_presenter`."""
        self._turn(index)
        if self.off_presenter:
            self.away = True
            self._render_follow()

    def _turn(self, index: int) -> None:
        if self._pdf is None or not 0 <= index < self._count or index == self._page:
            return
        self._page = index
        self._update_watermark()
        self._render_page_controls()  # only what a page turn changes, not the whole screen
        self._show_current()
        self.page_changed.emit(index)

    def follow(self, document_id: str, page: int) -> bool:
        """The presenter shows ``page`` of ``document_id``; go there if following and this
        document is open (True). The window opens another document first."""
        self._presenter = (document_id, page)
        if self.away or not self.following or self._doc is None or self._doc.id != document_id:
            self._render_follow()
            return False
        if self._pdf is None:
            self._page = max(0, min(page, self._count - 1))  # applied once the file is open
            self.render()
        else:
            self._turn(page)
        self._render_follow()
        return True

    def set_following(self, on: bool) -> None:
        self.follow_button.setChecked(on)

    @property
    def off_presenter(self) -> bool:
        """Following, but browsed away from the presenter's page."""
        p = self._presenter
        return bool(
            self.following
            and p is not None
            and (self._doc is None or self._doc.id != p[0] or self._page != p[1])
        )

    def back_to_presenter(self) -> None:
        self.away = False
        if self._presenter is not None:
            self.presenter_requested.emit(*self._presenter)
        self._render_follow()

    def search(self) -> None:
        needle = self.search_edit.text().strip()
        self._hits, self._hit_index, self._needle = [], -1, needle
        self.page_view.set_highlights([])
        if self._pdf is None or not needle:
            self.search_label.setText("")
            return
        self._searching = True
        self.search_label.setText(self.tr("Searching…"))
        self._search_from(needle, 0)

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
        self.annotations.document_closed()
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
        self.search_edit.setPlaceholderText(self.tr("Search in this document"))
        self.search_button.setText(self.tr("Search"))
        self.outline_button.setText(self.tr("Contents"))
        self.thumbs_button.setText(self.tr("Pages"))
        self.follow_button.setText(self.tr("Follow presenter"))
        self.confidential_label.setText(self.tr("Confidential · cannot be exported"))
        self._render_search()
        self._render_follow()

    def render(self) -> None:
        doc = self._doc
        self.title_label.setText(doc.title if doc else "")
        self.confidential_label.setVisible(doc is not None and doc.classification == "confidential")
        self.zoom_label.setText(f"{round(self._zoom * 100)}%")
        ready = self._pdf is not None
        self._render_page_controls()
        self.zoom_in_button.setEnabled(ready and self._zoom < ZOOM_STEPS[-1])
        self.zoom_out_button.setEnabled(ready and self._zoom > ZOOM_STEPS[0])
        self.fit_button.setEnabled(ready and self._zoom != 1.0)
        for widget in (self.search_edit, self.search_button, self.outline_button):
            widget.setEnabled(ready)
        self.thumbs_button.setEnabled(ready)
        self._render_follow()
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

    def _render_page_controls(self) -> None:
        self.page_indicator.setText(
            self.tr("Page {page} of {total}").format(page=self._page + 1, total=self._count)
            if self._count
            else ""
        )
        ready = self._pdf is not None
        self.prev_button.setEnabled(ready and self._page > 0)
        self.next_button.setEnabled(ready and self._page < self._count - 1)
        self._render_follow()

    # ------------------------------------------------------------------ rendering

    def _target_width(self) -> int:
        return int(self.page_view.page_width() * self._zoom)

    def _show_current(self) -> None:
        if not self.isVisible():
            return  # drawn when the screen is shown (showEvent), at the width it then has
        width = self._target_width()
        image = self._cache.get((self._page, width))
        self._show_highlights(width)
        if image is not None:
            self._show_image((self._page, width), image)
        else:
            self._request(self._page, width, first=True)
        # prefetch once this page has been painted: PyMuPDF holds the GIL while it renders,
        # so a prefetch running during the paint would delay the page the delegate waits for
        self._prefetch_timer.start()

    def _prefetch(self) -> None:
        """Render the next page (and the previous one) ahead, as far as the cache budget
        holds them next to the page shown: a zoomed page may be too big to keep three."""
        width = self._target_width()
        shown = self.page_view.page_label.image.sizeInBytes() or 1
        room = self._cache.max_bytes // shown
        for neighbour in (self._page + 1, self._page - 1)[: max(0, room - 1)]:
            if 0 <= neighbour < self._count and (neighbour, width) not in self._cache:
                self._request(neighbour, width)

    def _request(self, index: int, width: int, *, first: bool = False) -> None:
        """Render page ``index``; ``first``: the delegate is waiting for it, so the part on
        screen is drawn and shown before the rest of the page."""
        pdf, key = self._pdf, (index, width)
        if pdf is None or key in self._in_flight:
            return
        self._in_flight.add(key)
        rows = self.page_view.viewport().height()  # a new page shows scrolled to its top
        if first and self._draw_top_now(pdf, key, rows):
            return
        on_top = partial(self._top_drawn.emit, self._generation, key, rows) if first else None
        self._render_ops.run(
            partial(render_image, pdf, index, width, rows, on_top),
            partial(self._on_rendered, self._generation, key),
            on_error=partial(self._on_render_failed, self._generation, key),
            owner=self,
        )

    def _set_zoom(self, zoom: float) -> None:
        zoom = round(max(ZOOM_MIN, min(ZOOM_MAX, zoom)), 2)
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
        self._render_ops.run(pdf.outline, partial(self._on_outline_loaded, generation))
        if self.thumbs_button.isChecked():
            self._load_thumbnails()

    def _on_open_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        log.warning("cannot open document %s: %s", self._doc.title if self._doc else "?", error)
        self._error_kind = getattr(error, "kind", ErrorKind.CORRUPT)
        self.render()

    def _draw_top_now(self, pdf: PdfDocument, key: tuple[int, int], rows: int) -> bool:
        """Draw the part of the page in view here and now, when MuPDF is free and the part is
        no bigger than the view (fit width or less), and leave the rest to the worker.

        A few milliseconds on this thread instead of two thread hand-offs (to the worker and
        back), which on a busy machine each wait for a free core; when MuPDF is busy with a
        prefetch or a search, the worker draws the page, the part in view first."""
        if self._zoom > 1.0 or not MUPDF_LOCK.acquire(blocking=False):
            return False
        try:
            index, width = key
            image, pixels = new_page_image(pdf, index, width)
            if not 0 < rows < image.height() * 0.8:
                return False
            draw_rows(pdf, index, width, image, pixels, range(0, rows))
        except Exception:  # a damaged page: the worker renders it and reports the error
            log.debug("drawing the top of page %d failed", key[0], exc_info=True)
            return False
        finally:
            MUPDF_LOCK.release()
        self._show_image(key, image, drawn_rows=rows)
        # the rest once this part has been painted (a render running during the paint
        # would compete with it for the CPU)
        self._rests.append(
            partial(
                self._render_ops.run,
                partial(draw_rows, pdf, index, width, image, pixels, range(rows, image.height())),
                partial(self._on_rendered, self._generation, key),
                on_error=partial(self._on_render_failed, self._generation, key),
                owner=self,
            )
        )
        self._rest_timer.start()
        return True

    def _draw_rest(self) -> None:
        rests, self._rests = self._rests, []
        for rest in rests:  # every one: each page's key stays in flight until it is done
            rest()

    def _on_top_drawn(
        self, generation: int, key: tuple[int, int], rows: int, image: QImage
    ) -> None:
        if generation == self._generation and key == (self._page, self._target_width()):
            self._show_image(key, image, drawn_rows=rows)

    def _show_image(self, key: tuple[int, int], image: QImage, drawn_rows: int = -1) -> None:
        self._shown_key = key
        self.page_view.show_image(image, drawn_rows=drawn_rows)

    def _on_rendered(self, generation: int, key: tuple[int, int], image: QImage) -> None:
        self._in_flight.discard(key)
        if generation != self._generation:
            return
        self._cache.put(key, image)
        if key == (self._page, self._target_width()):
            if self._shown_key == key and self.page_view.page_label.image is image:
                self.page_view.page_label.set_complete()  # its top is on screen already
            else:
                self._show_image(key, image)

    @property
    def shown(self) -> tuple[int, int] | None:
        """(page, width) of the page on screen (complete, or the part in view), if any."""
        return self._shown_key if self.page_view.has_page() else None

    def _on_render_failed(self, generation: int, key: tuple[int, int], error: Exception) -> None:
        self._in_flight.discard(key)
        if generation == self._generation and key[0] == self._page:
            self._error_kind = ErrorKind.CORRUPT
            messages.describe(error)  # logs it
            self.render()

    def _on_width_changed(self, _width: int) -> None:
        if self._pdf is not None:
            self._show_current()

    def _on_swiped(self, direction: int) -> None:
        if self._zoom <= 1.0:  # zoomed in, a horizontal drag pans instead
            self.go_to(self._page + direction)

    def _on_pinched(self, factor: float) -> None:
        self._set_zoom(self._zoom * factor)

    def _on_double_tapped(self) -> None:
        self._set_zoom(1.0 if self._zoom > 1.0 else DOUBLE_TAP_ZOOM)

    # ------------------------------------------------------------------ outline, thumbnails

    def _on_outline_loaded(self, generation: int, outline: list[tuple[int, str, int]]) -> None:
        if generation != self._generation:
            return
        self._outline = outline
        self.outline_list.clear()
        for level, title, page in outline:
            item = QListWidgetItem("　" * (level - 1) + title)
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.outline_list.addItem(item)
        self.outline_button.setEnabled(bool(outline))

    def _on_outline_toggled(self, on: bool) -> None:
        self.outline_list.setVisible(on)

    def _on_outline_clicked(self, item: QListWidgetItem) -> None:
        self.go_to(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_thumbs_toggled(self, on: bool) -> None:
        self.thumb_list.setVisible(on)
        if on:
            self._load_thumbnails()

    def _load_thumbnails(self) -> None:
        """One item per page; their images come when they scroll into view."""
        if self._pdf is None or self._thumbs_for == self._generation:
            return
        self._thumbs_for = self._generation
        self._thumbs_shown.clear()
        self._thumbs_in_flight.clear()
        self.thumb_list.clear()
        hint = QSize(THUMB_WIDTH + 24, int(THUMB_WIDTH * 1.42) + 48)
        for index in range(self._count):
            item = QListWidgetItem(str(index + 1))
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setSizeHint(hint)
            self.thumb_list.addItem(item)
        self._thumb_timer.start()

    def _visible_thumbnails(self) -> range:
        strip = self.thumb_list
        if strip.count() == 0 or not strip.isVisible():
            return range(0)
        viewport = strip.viewport()
        middle = viewport.height() // 2
        first = strip.indexAt(QPoint(1, middle)).row()
        last = strip.indexAt(QPoint(viewport.width() - 2, middle)).row()
        first = max(0, first)
        last = strip.count() - 1 if last < 0 else last
        return range(max(0, first - THUMB_MARGIN), min(strip.count(), last + THUMB_MARGIN + 1))

    def _render_visible_thumbnails(self) -> None:
        pdf = self._pdf
        wanted = self._visible_thumbnails()
        if pdf is None or not wanted:
            return
        for index in list(self._thumbs_shown):  # far out of view: give the memory back
            if index < wanted.start - THUMB_KEEP or index >= wanted.stop + THUMB_KEEP:
                self._thumbs_shown.discard(index)
                item = self.thumb_list.item(index)
                if item is not None:
                    item.setIcon(QIcon())
        for index in wanted:
            if index in self._thumbs_shown or index in self._thumbs_in_flight:
                continue
            self._thumbs_in_flight.add(index)
            self._render_ops.run(
                partial(render_image, pdf, index, THUMB_WIDTH),
                partial(self._on_thumbnail, self._generation, index),
                on_error=partial(self._on_thumbnail_failed, index),  # not worth a message
                owner=self,
            )

    def _on_thumbnail(self, generation: int, index: int, image: QImage) -> None:
        self._thumbs_in_flight.discard(index)
        item = self.thumb_list.item(index)
        if generation == self._generation and item is not None:
            item.setIcon(QIcon(QPixmap.fromImage(image)))
            self._thumbs_shown.add(index)

    def _on_thumbnail_failed(self, index: int, _error: Exception) -> None:
        self._thumbs_in_flight.discard(index)

    def _on_thumb_clicked(self, item: QListWidgetItem) -> None:
        self.go_to(int(item.data(Qt.ItemDataRole.UserRole)))

    # ------------------------------------------------------------------ search

    def _search_from(self, needle: str, start: int) -> None:
        pdf = self._pdf
        if pdf is None:
            return
        self._render_ops.run(
            partial(search_step, pdf, needle, start),
            partial(self._on_search_step, self._generation),
            on_error=partial(self._on_render_failed, self._generation, (-1, 0)),
            owner=self,
        )

    def _on_search_step(self, generation: int, step: SearchStep) -> None:
        if generation != self._generation or step.needle != self._needle:
            return  # another document or another search since
        first = not self._hits and bool(step.hits)
        self._hits.extend(step.hits)
        self._searching = step.stop < self._count
        if first:
            self._hit_index = 0
            if self._hits[0][0] == self._page:
                self._show_highlights(self._target_width())
            else:
                self.go_to(self._hits[0][0])
        if self._searching:
            self._search_from(step.needle, step.stop)
        self._render_search()

    def _step_hit(self, delta: int) -> None:
        if not self._hits:
            return
        self._hit_index = (self._hit_index + delta) % len(self._hits)
        page = self._hits[self._hit_index][0]
        if page == self._page:
            self._show_highlights(self._target_width())
        else:
            self.go_to(page)
        self._render_search()

    def _show_highlights(self, width: int) -> None:
        rects: list[QRectF] = []
        for page, found, page_width in self._hits:
            if page == self._page:
                scale = width / page_width
                rects = [QRectF(x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale)
                         for x0, y0, x1, y1 in found]  # fmt: skip
                break
        self.page_view.set_highlights(rects)

    def _render_search(self) -> None:
        pages = len(self._hits)
        if not self._needle:
            text = ""
        elif self._searching:
            text = self.tr("Searching… found on %n page(s)", "", pages)
        elif pages:
            text = self.tr("Found on %n page(s)", "", pages)
        else:
            text = self.tr("Not found in this document")
        self.search_label.setText(text)
        self.search_prev_button.setEnabled(pages > 1)
        self.search_next_button.setEnabled(pages > 1)

    # ------------------------------------------------------------------ follow, watermark

    def _on_follow_toggled(self, on: bool) -> None:
        self.following = on
        self.away = False
        if on and self._presenter is not None:
            self.back_to_presenter()
        self._render_follow()

    def _render_follow(self) -> None:
        p = self._presenter
        self.presenter_button.setVisible(self.off_presenter)
        if p is not None:
            self.presenter_button.setText(
                self.tr("Back to the presenter (page {page})").format(page=p[1] + 1)
            )

    def _update_watermark(self) -> None:
        """The text burnt into pages rendered from now on (a page keeps its render time)."""
        delegate = self.ctx.delegate
        if delegate is None:
            self._watermark = ""
        else:
            now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
            self._watermark = self.tr("{name} · Seat {seat} · {time}").format(
                name=delegate.name, seat=self.ctx.identity.seat_number or "—", time=now
            )
        self.page_view.page_label.watermark = self._watermark

    # ------------------------------------------------------------------ Qt overrides

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pdf is not None:
            self._show_current()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next_page()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.previous_page()
        else:
            super().keyPressEvent(event)

"""PDF documents with PyMuPDF: validation on import, page rendering for the reader.

No Qt here: rendering returns raw pixel buffers that the UI wraps in a QImage.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf
from pymupdf import mupdf

from congress_desktop.errors import CorruptFileError


@dataclass(frozen=True)
class PdfInfo:
    sha256: str
    size: int
    pages: int


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()


# --------------------------------------------------------------------------- the reader

log = logging.getLogger(__name__)

MUPDF_LOCK = threading.RLock()
"""Serialises every PyMuPDF call made through :class:`PdfDocument`.

PyMuPDF is not thread-safe, not even for two different documents (its MuPDF context is
shared), so one process-wide lock guards them all. Rendering a page takes a few milliseconds,
so serialising costs little: run :class:`PdfDocument` methods in an executor thread (never on
the GUI thread) and any number of threads may share documents. Code that calls ``pymupdf``
directly while readers are open must hold this lock too.
"""

_RGB = mupdf.FzColorspace(mupdf.FzColorspace.Fixed_RGB)
_BGR = mupdf.FzColorspace(mupdf.FzColorspace.Fixed_BGR)

Rect = tuple[float, float, float, float]
"""x0, y0, x1, y1 in PDF points, origin at the top-left of the page (PyMuPDF's convention)."""


@dataclass(frozen=True, eq=False)
class RenderedPage:
    """An RGB image of one page, 3 bytes per pixel, rows ``stride`` bytes apart.

    ``samples`` is a zero-copy view of the pixmap, which this object keeps alive: wrap it with
    ``QImage(page.samples, page.width, page.height, page.stride, QImage.Format_RGB888)`` and
    keep the RenderedPage as long as the QImage (or ``.copy()`` the QImage).
    """

    page: int
    zoom: float
    width: int
    height: int
    stride: int
    samples: memoryview
    pixmap: pymupdf.Pixmap = field(repr=False)

    def tobytes(self) -> bytes:
        return bytes(self.samples)


class PdfDocument:
    """A PDF opened for reading: page sizes, rendering, search, outline. No Qt.

    Pages are numbered from 0. Every method holds :data:`MUPDF_LOCK`, so a document may be
    used from any thread (calls run one at a time). Close it when done, or use ``with``.
    """

    def __init__(self, doc: pymupdf.Document, name: str) -> None:
        self._doc = doc
        self.name = name
        self._sizes: dict[int, tuple[float, float]] = {}

    @classmethod
    def open(cls, path: Path) -> PdfDocument:
        """Open ``path``; raise CorruptFileError (saying why) if it cannot be read."""
        name = path.name
        try:
            with path.open("rb") as f:
                head = f.read(5)
                f.seek(max(0, path.stat().st_size - 2048))
                tail = f.read()
        except OSError as exc:
            raise CorruptFileError(f"cannot read {name}: {exc.strerror}") from exc
        if head != b"%PDF-":
            raise CorruptFileError(f"{name} is not a PDF file")
        with MUPDF_LOCK:
            try:
                doc = pymupdf.open(path, filetype="pdf")
            except Exception as exc:
                raise CorruptFileError(f"{name} is damaged and cannot be opened: {exc}") from exc
            try:
                cls._check(doc, name, complete=b"%%EOF" in tail)
            except BaseException:
                doc.close()
                raise
        return cls(doc, name)

    @staticmethod
    def _check(doc: pymupdf.Document, name: str, *, complete: bool) -> None:
        if doc.needs_pass:
            raise CorruptFileError(f"{name} is encrypted (password protected)")
        if doc.is_repaired and not complete:
            raise CorruptFileError(f"{name} is truncated (the end of the file is missing)")
        if doc.page_count < 1:
            raise CorruptFileError(f"{name} has no pages")
        try:
            doc[0].bound()
        except Exception as exc:
            raise CorruptFileError(f"{name} is damaged and cannot be opened: {exc}") from exc
        if doc.is_repaired:
            log.warning("%s was damaged and has been repaired on opening", name)

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with MUPDF_LOCK:
            if not self._doc.is_closed:
                self._doc.close()

    @property
    def closed(self) -> bool:
        return bool(self._doc.is_closed)

    @property
    def page_count(self) -> int:
        with MUPDF_LOCK:
            return int(self._doc.page_count)

    def _page(self, index: int) -> pymupdf.Page:
        if not 0 <= index < self._doc.page_count:
            raise IndexError(f"page {index} out of range (0..{self._doc.page_count - 1})")
        return self._doc[index]

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of a page in points (1/72 inch), as displayed (rotation applied)."""
        with MUPDF_LOCK:
            if index not in self._sizes:
                rect = self._page(index).rect
                self._sizes[index] = (float(rect.width), float(rect.height))
            return self._sizes[index]

    def render(self, index: int, zoom: float) -> RenderedPage:
        """Render a page at ``zoom`` (1.0 = 72 dpi) as RGB without alpha. Small zooms give
        thumbnails."""
        if not zoom > 0:
            raise ValueError(f"zoom must be positive, not {zoom}")
        with MUPDF_LOCK:
            page = self._page(index)
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            return RenderedPage(
                page=index,
                zoom=zoom,
                width=pix.width,
                height=pix.height,
                stride=pix.stride,
                samples=pix.samples_mv,
                pixmap=pix,
            )

    def render_to_width(self, index: int, width_px: int) -> RenderedPage:
        """Render a page scaled to ``width_px`` pixels wide (the height follows)."""
        if width_px < 1:
            raise ValueError(f"width must be at least 1 pixel, not {width_px}")
        width, _ = self.page_size(index)
        return self.render(index, width_px / width)

    def pixel_size(self, index: int, width_px: int) -> tuple[int, int]:
        """Width and height in pixels of page ``index`` drawn ``width_px`` pixels wide by
        :meth:`draw` (MuPDF's rounding of the scaled page box)."""
        with MUPDF_LOCK:
            box = self._pixel_box(index, width_px)[0]
            return box.x1 - box.x0, box.y1 - box.y0

    def _pixel_box(self, index: int, width_px: int) -> tuple[Any, Any]:
        if width_px < 1:
            raise ValueError(f"width must be at least 1 pixel, not {width_px}")
        width, _ = self.page_size(index)
        zoom = width_px / width
        matrix = mupdf.FzMatrix(zoom, 0, 0, zoom, 0, 0)
        page = self._page(index).this
        return mupdf.fz_round_rect(mupdf.fz_transform_rect(mupdf.fz_bound_page(page), matrix)), (
            matrix
        )

    def draw(
        self,
        index: int,
        width_px: int,
        buffer: Any,
        stride: int,
        *,
        bgrx: bool = False,
        rows: tuple[int, int] | None = None,
    ) -> None:
        """Draw page ``index`` ``width_px`` pixels wide straight into ``buffer`` (writable,
        rows ``stride`` bytes apart, :meth:`pixel_size` big): no intermediate pixmap, no copy.

        The page is drawn on white as 8-bit R, G, B pixels (a ``QImage`` in
        ``Format_RGB888``), or with ``bgrx`` as 32-bit B, G, R, 255 pixels (``Format_RGB32``
        on a little-endian machine: the screen's own format, so painting it is a plain
        copy). ``rows`` (first, end) draws only those pixel rows, so the part of a page on
        screen can be drawn first and the rest after it. Unlike ``get_pixmap`` no display
        list is built, so this costs about the bare render or less."""
        with MUPDF_LOCK:
            box, matrix = self._pixel_box(index, width_px)
            w, h = box.x1 - box.x0, box.y1 - box.y0
            first, end = rows if rows is not None else (0, h)
            first, end = max(0, first), min(h, end)
            depth = 4 if bgrx else 3
            if stride < depth * w or memoryview(buffer).nbytes < stride * h:
                raise ValueError("the buffer is too small for the page")
            if end <= first:
                return
            view = memoryview(buffer).cast("B")[first * stride : end * stride]
            pixmap = mupdf.fz_new_pixmap_with_data(
                _BGR if bgrx else _RGB,
                w,
                end - first,
                mupdf.FzSeparations(),
                1 if bgrx else 0,
                stride,
                mupdf.python_buffer_data(view),
            )
            mupdf.fz_clear_pixmap_with_value(pixmap, 255)
            # the buffer's first row is the page's row ``first``; the page box may not start
            # at 0,0 either
            shift = mupdf.FzMatrix(1, 0, 0, 1, -box.x0, -box.y0 - first)
            device = mupdf.fz_new_draw_device(shift, pixmap)
            try:
                mupdf.fz_run_page(self._page(index).this, device, matrix, mupdf.FzCookie())
            finally:
                mupdf.fz_close_device(device)

    def render_into(
        self,
        index: int,
        width_px: int,
        allocate: Callable[[int, int], tuple[Any, int]],
        *,
        bgrx: bool = False,
    ) -> None:
        """:meth:`draw` the whole page into the buffer ``allocate(width, height)`` returns
        with its stride (e.g. a new QImage's bits)."""
        with MUPDF_LOCK:
            w, h = self.pixel_size(index, width_px)
            buffer, stride = allocate(w, h)
            self.draw(index, width_px, buffer, stride, bgrx=bgrx)

    def thumbnail(self, index: int, width_px: int = 160) -> RenderedPage:
        return self.render_to_width(index, width_px)

    def page_text(self, index: int) -> str:
        with MUPDF_LOCK:
            return str(self._page(index).get_text("text"))

    def search(self, text: str) -> list[tuple[int, list[Rect]]]:
        """Pages containing ``text`` (case-insensitive) with the rectangles of every hit, in
        page order. A hit broken over two lines gives one rectangle per line."""
        return self.search_range(text, 0, self.page_count)

    def search_range(self, text: str, start: int, stop: int) -> list[tuple[int, list[Rect]]]:
        """:meth:`search` over pages ``start`` to ``stop - 1`` only: a reader searches a few
        pages at a time so the first hit shows before the whole document is searched. The
        lock is taken per page, so page renders interleave with a long search."""
        needle = text.strip()
        if not needle:
            return []
        hits: list[tuple[int, list[Rect]]] = []
        for index in range(max(0, start), min(stop, self.page_count)):
            with MUPDF_LOCK:
                rects = self._doc[index].search_for(needle)
            if rects:
                hits.append((index, [(r.x0, r.y0, r.x1, r.y1) for r in rects]))
        return hits

    def outline(self) -> list[tuple[int, str, int]]:
        """The bookmarks as (level from 1, title, page index from 0), in document order.
        Entries that point nowhere (or outside the document) are left out."""
        with MUPDF_LOCK:
            toc = self._doc.get_toc(simple=True)
            count = self._doc.page_count
        return [
            (int(level), str(title), int(page) - 1)
            for level, title, page in toc
            if 1 <= page <= count
        ]


def inspect_pdf(path: Path) -> PdfInfo:
    """Check that ``path`` is a complete, readable, unencrypted PDF with pages; raise
    CorruptFileError saying why not. Used before a document is accepted into a session."""
    with PdfDocument.open(path) as doc:
        pages = doc.page_count
        doc.page_text(0)  # a damaged file may open yet fail on its first page
    return PdfInfo(sha256=file_sha256(path), size=path.stat().st_size, pages=pages)

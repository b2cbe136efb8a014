"""Page turns in the reader on a 300-page Chinese document at 1920 x 1080 (offscreen).

- ``prefetched_p50_ms`` / ``prefetched_p99_ms``: the next page was rendered ahead (the viewer
  prefetches both neighbours): from the turn to the new page painted on screen;
- ``uncached_p50_ms``: a page nothing has rendered yet (the cache is emptied first): the
  viewer's full path from the turn to the page on screen: render worker (MuPDF draws the
  part of the page in view into the QImage first) → queued delivery → painted;
- ``uncached_complete_p50_ms``: the same turns until the whole page is drawn and cached
  (the rest of the page is drawn after the part in view has been shown);
- ``raw_pymupdf_p50_ms``: bare PyMuPDF ``get_pixmap`` of the same whole pages at the same
  width, on a document of its own, each right before or after the viewer's turn to that page
  (alternately), so both see the machine in the same state (on a shared machine the speed of
  the same render drifts by a third from one minute to the next);
- ``raw_pymupdf_loop_p50_ms``: the same bare renders one after another in a tight loop (other
  pages of the same stretch), for comparison: CPU caches stay warm between them as they do
  not between two page turns;
- ``ratio``: uncached / raw.

The machine's load average is printed with the numbers (``load_avg_1m``): on a shared
machine the latencies move with it.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _reader import chinese_document, open_viewer, percentile, settle, wait


class RawRenderer:
    """Bare PyMuPDF: ``get_pixmap`` of a whole page at a width, on a document of its own."""

    def __init__(self, path: Path, width: int) -> None:
        import pymupdf

        self.pymupdf = pymupdf
        self.doc = pymupdf.open(path)
        self.width = width

    def render_ms(self, index: int) -> float:
        page = self.doc[index]
        start = time.perf_counter()
        zoom = self.width / page.rect.width
        page.get_pixmap(matrix=self.pymupdf.Matrix(zoom, zoom), alpha=False)
        return (time.perf_counter() - start) * 1000

    def close(self) -> None:
        self.doc.close()


def main() -> None:
    path = chinese_document()
    with tempfile.TemporaryDirectory() as tmp:
        app, viewer, doc = open_viewer(path, Path(tmp) / "terminal")
        viewer.open_document(doc)
        wait(app, viewer.page_view.has_page)
        settle(app, viewer)
        width = viewer._target_width()
        view = viewer.page_view

        prefetched = []
        for _ in range(120):
            settle(app, viewer)  # the next page is in the cache now
            start = time.perf_counter()
            viewer.next_page()
            view.viewport().repaint()
            prefetched.append((time.perf_counter() - start) * 1000)

        bare = RawRenderer(path, width)
        uncached, complete, raw = [], [], []
        for turn, index in enumerate(range(150, 290, 3)):
            if turn % 2:  # alternate which goes first: neither always finds MuPDF warmed up
                raw.append(bare.render_ms(index))
            settle(app, viewer)
            viewer._cache.clear()
            start = time.perf_counter()
            viewer.go_to(index)
            wait(app, lambda i=index: viewer.shown == (i, width))
            view.viewport().repaint()
            uncached.append((time.perf_counter() - start) * 1000)
            wait(app, lambda i=index: (i, width) in viewer._cache)
            complete.append((time.perf_counter() - start) * 1000)
            settle(app, viewer)
            if not turn % 2:
                raw.append(bare.render_ms(index))
        loop = [bare.render_ms(index) for index in range(151, 290, 3)]
        bare.close()
        viewer.close_document()
        settle(app, viewer)
        viewer.ctx.ops.shutdown()
        viewer.ctx.store.close()

    result = {
        "prefetched_p50_ms": round(statistics.median(prefetched), 2),
        "prefetched_p99_ms": round(percentile(prefetched, 99), 2),
        "uncached_p50_ms": round(statistics.median(uncached), 2),
        "uncached_complete_p50_ms": round(statistics.median(complete), 2),
        "raw_pymupdf_p50_ms": round(statistics.median(raw), 2),
        "raw_pymupdf_loop_p50_ms": round(statistics.median(loop), 2),
        "ratio": round(statistics.median(uncached) / statistics.median(raw), 2),
        "pages": doc.pages,
        "width_px": width,
        "load_avg_1m": os.getloadavg()[0],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

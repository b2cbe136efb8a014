"""Page turns in the reader on a 300-page Chinese document at 1920 x 1080 (offscreen).

- ``prefetched_p50_ms`` / ``prefetched_p99_ms``: the next page was rendered ahead (the viewer
  prefetches both neighbours): from the turn to the new page painted on screen;
- ``uncached_p50_ms``: a page nothing has rendered yet (the cache is emptied first): the
  viewer's full path from the turn to the page on screen: render worker (MuPDF draws the
  part of the page in view into the QImage first) → queued delivery → painted;
- ``uncached_complete_p50_ms``: the same turns until the whole page is drawn and cached
  (the rest of the page is drawn after the part in view has been shown);
- ``raw_pymupdf_p50_ms``: bare PyMuPDF ``get_pixmap`` of the same whole pages at the same
  width;
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


def raw_render_ms(path: Path, pages: list[int], width: int) -> list[float]:
    import pymupdf

    doc = pymupdf.open(path)
    times = []
    for index in pages:
        page = doc[index]
        start = time.perf_counter()
        zoom = width / page.rect.width
        page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        times.append((time.perf_counter() - start) * 1000)
    doc.close()
    return times


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

        pages = list(range(150, 290, 3))
        uncached, complete = [], []
        for index in pages:
            settle(app, viewer)
            viewer._cache.clear()
            start = time.perf_counter()
            viewer.go_to(index)
            wait(app, lambda i=index: viewer.shown == (i, width))
            view.viewport().repaint()
            uncached.append((time.perf_counter() - start) * 1000)
            wait(app, lambda i=index: (i, width) in viewer._cache)
            complete.append((time.perf_counter() - start) * 1000)
        raw = raw_render_ms(path, pages, width)
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
        "ratio": round(statistics.median(uncached) / statistics.median(raw), 2),
        "pages": doc.pages,
        "width_px": width,
        "load_avg_1m": os.getloadavg()[0],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

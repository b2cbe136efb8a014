"""Peak memory of the reader after reading a 300-page Chinese document page by page.

A real ``ViewerScreen`` at 1920 x 1080 (offscreen) turns through every page, waiting for
each page and its prefetched neighbours; ``peak_rss_mb`` is the process's peak resident set
(``ru_maxrss``), ``rss_mb`` the resident set at the end.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _reader import chinese_document, open_viewer, settle, wait


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    path = chinese_document()
    with tempfile.TemporaryDirectory() as tmp:
        app, viewer, doc = open_viewer(path, Path(tmp) / "terminal")
        viewer.open_document(doc)
        wait(app, viewer.page_view.has_page)
        for _ in range(doc.pages - 1):
            settle(app, viewer)
            viewer.next_page()
            wait(app, viewer.page_view.has_page)
        settle(app, viewer)
        page = viewer.page
        end = rss_mb()
        viewer.close_document()
        settle(app, viewer)
        viewer.ctx.ops.shutdown()
        viewer.ctx.store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps({"peak_rss_mb": round(peak, 1), "rss_mb": round(end, 1), "pages_read": page + 1})
    )


if __name__ == "__main__":
    main()

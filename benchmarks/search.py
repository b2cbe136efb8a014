"""Full-text search in the reader across a 300-page Chinese document.

The reader searches a few pages at a time on its render worker (``viewer.search_step``) and
shows the first hit as soon as one step finds it: ``first_hit_ms`` is from the search
request to the first hit known, ``all_hits_ms`` to the whole document searched. Measured on
the same code path, without the GUI (the steps run back to back, as the worker runs them).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _reader import SEARCH_WORD, chinese_document


def main() -> None:
    from congress_desktop.documents import PdfDocument
    from congress_desktop.ui.terminal.viewer import search_step

    path = chinese_document()
    firsts, totals, pages_hit = [], [], 0
    for _ in range(5):
        with PdfDocument.open(path) as pdf:  # a fresh document: nothing cached by MuPDF
            start = time.perf_counter()
            first = None
            hits = []
            position = 0
            while position < pdf.page_count:
                step = search_step(pdf, SEARCH_WORD, position)
                hits.extend(step.hits)
                if hits and first is None:
                    first = time.perf_counter() - start
                position = step.stop
            totals.append((time.perf_counter() - start) * 1000)
            firsts.append((first or 0.0) * 1000)
            pages_hit = len(hits)
            count = pdf.page_count
    print(
        json.dumps(
            {
                "first_hit_ms": round(statistics.median(firsts), 2),
                "all_hits_ms": round(statistics.median(totals), 2),
                "pages_with_hits": pages_hit,
                "pages": count,
                "needle": SEARCH_WORD,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()

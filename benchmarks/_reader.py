"""Shared pieces of the reader benchmarks (page_turn, reader_memory, search).

- a 300-page Chinese document typeset by ``congress_desktop.pdfgen`` (cached under the
  system temp directory: typesetting it takes a while, reading it is what is measured);
- a real ``ViewerScreen`` on a real ``TerminalStore`` at 1920 x 1080, offscreen.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

PAGES = 300
SEARCH_WORD = "城乡居民收入"  # one hit per section (the sections' first paragraph)

PARAGRAPHS = [
    "过去一年，面对复杂严峻的外部环境，全市上下坚持稳中求进工作总基调，经济运行总体平稳、"
    "稳中有进，地区生产总值增长百分之五点二。",
    "坚持以人民为中心的发展思想，持续加大民生投入，新增城镇就业十二万人，"
    "基本养老保险参保率保持在百分之九十五以上。",
    "深入实施创新驱动发展战略，全社会研发经费投入强度达到百分之三点一，"
    "高新技术企业数量突破五千家。",
    "统筹推进城市更新和乡村振兴，完成老旧小区改造二百一十个，农村人居环境持续改善。",
]


def chinese_document(pages: int = PAGES) -> Path:
    """A Chinese report of at least ``pages`` pages with an outline, made once and cached."""
    from congress_desktop import pdfgen

    path = Path(tempfile.gettempdir()) / f"congress-bench-{pages}p-v1.pdf"
    if path.exists():
        return path
    blocks: list[Any] = []
    section = 0
    while True:
        section += 1
        blocks.append(pdfgen.Heading(f"第{pdfgen.chinese_number(section)}部分　工作报告"))
        blocks.append(pdfgen.Para(f"{SEARCH_WORD}稳步提高，第{section}部分的情况如下。"))
        blocks.extend(pdfgen.Para(PARAGRAPHS[i % 4]) for i in range(40))
        if section * 3 >= pages:  # ~3 pages per section
            spec = pdfgen.DocumentSpec(title="市人民政府工作报告（基准测试）", blocks=blocks)
            rendered = pdfgen.render_pdf(spec)
            if rendered.pages >= pages:
                break
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(rendered.data)
    tmp.replace(path)
    return path


def open_viewer(pdf_path: Path, root: Path) -> Any:
    """A ViewerScreen at 1920 x 1080 on a fresh store holding ``pdf_path``; returns
    (app, viewer, doc view)."""
    from PySide6.QtWidgets import QApplication

    from congress_desktop.config import TerminalPaths
    from congress_desktop.store import Identity, TerminalStore
    from congress_desktop.store.views import DocumentView
    from congress_desktop.ui.ops import Ops
    from congress_desktop.ui.sync_bridge import SyncBridge
    from congress_desktop.ui.terminal.context import TerminalContext
    from congress_desktop.ui.terminal.viewer import ViewerScreen
    from congress_desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    data = pdf_path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    store = TerminalStore(TerminalPaths(root))
    blob = store.paths.blob_path(sha)
    blob.parent.mkdir(parents=True, exist_ok=True)
    blob.write_bytes(data)
    store.mark_blob(sha, len(data), "available")
    identity = Identity("http://127.0.0.1:9", "bench", "x", 1, "s1")
    ctx = TerminalContext(store, identity, Ops(name="bench"), SyncBridge(None))
    viewer = ViewerScreen(ctx)
    viewer.resize(1920, 1080)
    viewer.show()
    doc = DocumentView(
        "bench", "基准测试", "bench.pdf", sha, len(data), PAGES, "public", None, True
    )
    return app, viewer, doc


def wait(app: Any, condition: Any, timeout: float = 30.0) -> None:
    """Run the event loop until ``condition()``, sleeping in Qt between events like the real
    loop does (a busy Python loop would hold the GIL the render worker needs)."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout
    ticker = QTimer(interval=20)  # wakes the wait now and then to check the deadline
    ticker.start()
    try:
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("benchmark step timed out")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        ticker.stop()


def settle(app: Any, viewer: Any) -> None:
    """Until the render worker has nothing left (prefetches included)."""
    wait(app, lambda: not viewer.rendering)
    app.processEvents()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

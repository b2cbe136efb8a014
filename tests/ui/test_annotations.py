"""Notes in the reader: pen, highlighter, text note and eraser, driven by the mouse like a
finger; each note is drawn over the page (checked on the pixels) and stored at once."""

from __future__ import annotations

from typing import Any

import pymupdf
from fixtures.ui import DOC_TITLE, PIN, report_pdf
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from congress_desktop.model import AnnotationKind
from congress_desktop.protocol import OpKind
from congress_desktop.store.annotations import AnnotationStore

from .helpers import WAIT_MS, idle, sign_in, tap, type_text
from .test_viewer import open_from_documents

DELEGATE = "d1"
DOC = "doc1"
WORDS = "经济运行情况"


def open_reader(qtbot: Any, window: Any) -> Any:
    sign_in(qtbot, window, PIN)
    viewer = open_from_documents(qtbot, window, DOC_TITLE)
    qtbot.waitUntil(viewer.page_view.has_page, timeout=WAIT_MS)
    controller = viewer.annotations
    qtbot.waitUntil(lambda: controller.layer.page_width_pt > 0, timeout=WAIT_MS)
    idle(qtbot, window.ctx)
    return viewer


def grab(viewer: Any) -> QImage:
    """What the page area shows: the page, the watermark and the notes layer on top."""
    return viewer.page_view.page_label.grab().toImage()


def point(layer: Any, x: float, y: float) -> QPoint:
    return layer.to_widget(x, y).toPoint()


def drag(qtbot: Any, layer: Any, points: list[QPoint]) -> None:
    QTest.mousePress(layer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for p in points[1:]:
        QTest.mouseMove(layer, p)
    QTest.mouseRelease(layer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def is_red(color: QColor) -> bool:
    return color.red() > 150 and color.green() < 90 and color.blue() < 90


def yellow_share(image: QImage, area: QRect) -> float:
    pixels = [
        image.pixelColor(x, y)
        for x in range(area.left(), area.right(), 2)
        for y in range(area.top(), area.bottom(), 2)
    ]
    yellow = [c for c in pixels if c.red() > 200 and c.green() > 170 and c.blue() < 170]
    return len(yellow) / max(1, len(pixels))


def stored(window: Any) -> list[Any]:
    return AnnotationStore(window.ctx.store).notes(DELEGATE, DOC)


def test_pen_draws_saves_and_stays_on_the_words_when_zoomed(
    qtbot: Any, terminal_window: Any
) -> None:
    viewer = open_reader(qtbot, terminal_window)
    controller, layer = viewer.annotations, viewer.annotations.layer
    tap(qtbot, controller.toolbar.tool_buttons["pen"])
    assert controller.toolbar.color == "#d00000"
    before = grab(viewer)
    stroke = [point(layer, 150 + 10 * i, 300) for i in range(11)]
    middle = stroke[5]
    assert not is_red(before.pixelColor(middle))
    drag(qtbot, layer, stroke)
    assert is_red(grab(viewer).pixelColor(middle))  # drawn at once
    idle(qtbot, terminal_window.ctx)
    [note] = stored(terminal_window)
    assert note.kind is AnnotationKind.INK and note.page == 0
    [[first, *_rest]] = note.geometry["strokes"]
    assert abs(first[0] - 150) < 1.5 and abs(first[1] - 300) < 1.5
    assert note.anchor_text  # the text near the stroke, to find it in a new version
    ops = [op.kind for op in terminal_window.ctx.store.pending_ops()]
    assert ops == [OpKind.SIGNIN, OpKind.ANNOTATION_UPSERT]  # with its outbox op

    tap(qtbot, viewer.zoom_in_button)
    fit = viewer.page_view.page_width()
    qtbot.waitUntil(lambda: viewer.page_view.page_label.image.width() > fit, timeout=WAIT_MS)
    zoomed = point(layer, 200, 300)
    assert is_red(grab(viewer).pixelColor(zoomed))


def test_the_strokes_of_one_handwritten_mark_make_one_note(
    qtbot: Any, terminal_window: Any
) -> None:
    viewer = open_reader(qtbot, terminal_window)
    controller, layer = viewer.annotations, viewer.annotations.layer
    now = [1000.0]
    controller.clock = lambda: now[0]
    tap(qtbot, controller.toolbar.tool_buttons["pen"])
    cross = [  # two strokes of a "+" written in a second
        [point(layer, 150 + 5 * i, 300) for i in range(9)],
        [point(layer, 170, 280 + 5 * i) for i in range(9)],
    ]
    for stroke in cross:
        drag(qtbot, layer, stroke)
        now[0] += 0.5
    idle(qtbot, terminal_window.ctx)
    [note] = stored(terminal_window)
    assert len(note.geometry["strokes"]) == 2 and note.anchor_text
    assert [n.id for n in layer.notes] == [note.id]
    assert controller.toolbar._count == 1  # "my notes (1)": one row in the list

    far = [point(layer, 400 + 5 * i, 600) for i in range(9)]  # elsewhere on the page
    drag(qtbot, layer, far)
    now[0] += 10  # and a stroke back at the "+" much later
    drag(qtbot, layer, [point(layer, 150 + 5 * i, 320) for i in range(9)])
    idle(qtbot, terminal_window.ctx)
    strokes = sorted(len(n.geometry["strokes"]) for n in stored(terminal_window))
    assert strokes == [1, 1, 2]

    tap(qtbot, controller.toolbar.tool_buttons["eraser"])
    QTest.mouseClick(layer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, cross[1][4])
    idle(qtbot, terminal_window.ctx)
    assert sorted(len(n.geometry["strokes"]) for n in stored(terminal_window)) == [1, 1]


def test_highlighter_marks_the_words_dragged_over(qtbot: Any, terminal_window: Any) -> None:
    viewer = open_reader(qtbot, terminal_window)
    controller, layer = viewer.annotations, viewer.annotations.layer
    tap(qtbot, controller.toolbar.tool_buttons["highlight"])
    tap(qtbot, controller.toolbar.color_buttons["#ffd400"])
    idle(qtbot, terminal_window.ctx)  # the page text is ready for the live preview
    pdf = pymupdf.open(stream=report_pdf()[0], filetype="pdf")
    words = pdf[0].search_for(WORDS)[0]
    y = (words.y0 + words.y1) / 2
    inside = point(layer, (words.x0 + words.x1) / 2, y)
    area = layer.rect_to_widget((words.x0, words.y0, words.x1, words.y1)).toRect()
    assert yellow_share(grab(viewer), area) < 0.05  # black text on white paper
    drag(qtbot, layer, [point(layer, words.x0 + 1, y), inside, point(layer, words.x1 - 1, y)])
    idle(qtbot, terminal_window.ctx)
    [note] = stored(terminal_window)
    assert note.kind is AnnotationKind.HIGHLIGHT and note.anchor_text == WORDS
    [rect] = note.geometry["rects"]
    assert abs(rect[0] - words.x0) < 1 and abs(rect[2] - words.x1) < 1
    assert yellow_share(grab(viewer), area) > 0.5  # the paper between the strokes is yellow


def test_text_note_is_saved_as_typed_and_the_eraser_removes_notes(
    qtbot: Any, terminal_window: Any
) -> None:
    viewer = open_reader(qtbot, terminal_window)
    controller, layer = viewer.annotations, viewer.annotations.layer
    tap(qtbot, controller.toolbar.tool_buttons["text"])
    where = point(layer, 400, 500)
    QTest.mouseClick(layer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert controller.editor.isVisible()
    type_text(controller.editor.edit, "这里的数字要核实")
    qtbot.waitUntil(
        lambda: [n.text for n in stored(terminal_window)] == ["这里的数字要核实"], timeout=WAIT_MS
    )  # fmt: skip  (autosaved after a short pause, no Done)
    tap(qtbot, controller.editor.done_button)
    assert not controller.editor.isVisible()
    icon = QPoint(where.x() + 17, where.y() + 4)
    assert is_red(grab(viewer).pixelColor(icon))

    # tapping the note again opens it with its text; an edit is saved too
    QTest.mouseClick(layer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert controller.editor.text() == "这里的数字要核实"
    type_text(controller.editor.edit, "，第三季度")
    tap(qtbot, controller.editor.done_button)
    idle(qtbot, terminal_window.ctx)
    [note] = stored(terminal_window)
    assert note.text == "这里的数字要核实，第三季度"

    tap(qtbot, controller.toolbar.tool_buttons["eraser"])
    QTest.mouseClick(layer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, icon)
    idle(qtbot, terminal_window.ctx)
    assert stored(terminal_window) == []
    assert not is_red(grab(viewer).pixelColor(icon))
    kinds = [op.kind for op in terminal_window.ctx.store.pending_ops()]
    assert kinds[-1] is OpKind.ANNOTATION_DELETE


def test_without_a_tool_the_page_still_turns_and_notes_are_private(
    qtbot: Any, terminal_window: Any
) -> None:
    viewer = open_reader(qtbot, terminal_window)
    controller = viewer.annotations
    assert controller.toolbar.tool == ""
    assert controller.layer.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    tap(qtbot, controller.toolbar.tool_buttons["pen"])
    layer = controller.layer
    drag(qtbot, layer, [point(layer, 100, 100), point(layer, 200, 200)])
    idle(qtbot, terminal_window.ctx)
    tap(qtbot, controller.toolbar.tool_buttons["pen"])  # tapped again: no tool
    assert controller.toolbar.tool == ""
    assert layer.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    with qtbot.waitSignal(viewer.page_changed, timeout=WAIT_MS):
        tap(qtbot, viewer.next_button)
    assert layer.notes == []  # page 2 has none
    viewer.close_document()  # the idle lock or sign-out: private notes leave the screen
    assert controller.notes == [] and layer.notes == []


class PaintCounter(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_a_page_turn_paints_the_page_and_its_notes_in_one_pass(
    qtbot: Any, terminal_window: Any
) -> None:
    viewer = open_reader(qtbot, terminal_window)
    controller, layer = viewer.annotations, viewer.annotations.layer
    canvas = viewer.page_view.page_label
    tap(qtbot, controller.toolbar.tool_buttons["pen"])
    stroke = [point(layer, 150 + 10 * i, 300) for i in range(11)]
    drag(qtbot, layer, stroke)
    tap(qtbot, controller.toolbar.tool_buttons["pen"])  # no tool: the page turns again
    idle(qtbot, terminal_window.ctx)
    with qtbot.waitSignal(viewer.page_changed, timeout=WAIT_MS):
        tap(qtbot, viewer.next_button)
    resizing = viewer.page_view._resize_timer  # the tool bar changed the page's width
    qtbot.waitUntil(lambda: not resizing.isActive() and not viewer.rendering, timeout=WAIT_MS)
    paints = PaintCounter(canvas)
    with qtbot.waitSignal(viewer.page_changed, timeout=WAIT_MS):
        tap(qtbot, viewer.prev_button)
    qtbot.waitUntil(lambda: paints.count > 0 and not viewer.rendering, timeout=WAIT_MS)
    QTest.qWait(100)
    # the transparent note layer used to make Qt paint the page beneath it a second time
    assert paints.count == 1
    assert len(layer.notes) == 1
    assert is_red(grab(viewer).pixelColor(stroke[5]))  # the note is on the page shown


def server_rows(store: Any) -> None:
    """What the server sends after a new version of doc1: what changed, a note it could place
    and one whose text is gone (unplaced)."""
    from congress_desktop import model as m
    from congress_desktop.protocol import Change, PullResponse

    def change(table: str, row_id: str, seq: int, **row: Any) -> Change:
        wire = m.row_to_wire(m.REPLICATED_TABLES[table], {"id": row_id, **row})
        return Change(table=table, id=row_id, seq=seq, row=wire)

    note = {
        "delegate_id": DELEGATE,
        "document_id": DOC,
        "document_version": 2,
        "document_sha256": "",
        "color": "#d00000",
        "text": "",
        "edited_at": m.utcnow(),
    }
    what_changed = {
        "document_id": DOC,
        "from_document_id": "doc0",
        "from_version": 1,
        "to_version": 2,
        "pages_before": 3,
        "pages_after": 3,
        "added_lines": 2,
        "removed_lines": 1,
        "changed_pages": [1, 2],
        "hunks": [{"op": "replace", "page": 1, "old": "增长5.0%", "new": "增长5.2%"}],
        "summary": "",
    }
    ink = {"strokes": [[[100, 100], [200, 100]]], "width": 2.0}
    changes = [
        change("document_changes", DOC, 100, **what_changed),
        change("annotations", "placed", 101, page=0, kind="ink", anchor_text=WORDS,
               geometry=ink, unplaced=False, **note),
        change("annotations", "lost", 102, page=1, kind="text", anchor_text="已删去的句子",
               geometry={"point": [300, 300]}, unplaced=True, **{**note, "text": "问财政局"}),
    ]  # fmt: skip
    now = m.utcnow()
    store.apply_pull(
        PullResponse(epoch="e1", changes=changes, next=102, has_more=False, server_time=now)
    )


def test_a_new_version_says_what_changed_and_keeps_unplaced_notes(
    qtbot: Any, terminal_window: Any
) -> None:
    server_rows(terminal_window.ctx.store)
    viewer = open_reader(qtbot, terminal_window)
    controller = viewer.annotations
    banner = controller.banner
    qtbot.waitUntil(banner.isVisible, timeout=WAIT_MS)
    assert banner.heading.text() == "第 2 版的修改内容（替换第 1 版）"
    assert banner.summary.text() == "新增 2 行，删除 1 行；有修改的页：第 1、2 页"
    assert "第 1 页：“增长5.0%”改为“增长5.2%”" in banner.details.text()
    assert controller.toolbar.list_button.text() == "我的批注（2），1 条待归位"
    assert [n.id for n in controller.layer.notes] == ["placed"]  # the unplaced one is not drawn
    assert is_red(grab(viewer).pixelColor(point(controller.layer, 150, 100)))

    tap(qtbot, banner.ok_button)
    assert not banner.isVisible()
    idle(qtbot, terminal_window.ctx)
    assert AnnotationStore(terminal_window.ctx.store).change_unseen(DELEGATE, DOC) is None
    tap(qtbot, controller.toolbar.changes_button)  # it can be read again on demand
    assert banner.isVisible()

    tap(qtbot, controller.toolbar.list_button)
    assert not banner.isVisible()  # the list beside the page takes the banner's room
    listed = controller.notes_list
    assert listed.isVisible() and listed.unplaced.isVisible()
    assert listed.unplaced.count() == 1 and listed.placed.count() == 1
    assert listed.unplaced.item(0).text() == "第 2 页 · 批注: 问财政局"
    listed.unplaced.setCurrentRow(0)
    tap(qtbot, listed.place_button)  # put it on the page shown (page 1)
    idle(qtbot, terminal_window.ctx)
    [moved] = [n for n in stored(terminal_window) if n.id == "lost"]
    assert moved.page == 0 and not moved.unplaced
    assert {n.id for n in controller.layer.notes} == {"placed", "lost"}
    assert controller.toolbar.list_button.text() == "我的批注（2）"

    # opened again later: the change was seen, no banner
    viewer.close_document()
    viewer2 = open_from_documents(qtbot, terminal_window, DOC_TITLE)
    qtbot.waitUntil(lambda: viewer2.annotations.layer.page_width_pt > 0, timeout=WAIT_MS)
    idle(qtbot, terminal_window.ctx)
    assert not viewer2.annotations.banner.isVisible()
    assert viewer2.annotations.toolbar.changes_button.isVisible()


def test_a_finger_draws_with_the_pen_instead_of_turning_the_page(
    qtbot: Any, terminal_window: Any
) -> None:
    from .test_reader import swipe

    viewer = open_reader(qtbot, terminal_window)
    controller = viewer.annotations
    area = viewer.page_view.viewport()
    middle = QPoint(250, 200)  # the offscreen screen is 800 x 800: stay near the top left
    tap(qtbot, controller.toolbar.tool_buttons["pen"])
    swipe(area, middle + QPoint(150, 0), middle - QPoint(150, 0), steps=10)
    assert viewer.page_indicator.text().startswith("第 1 /")  # drawn, not swiped
    idle(qtbot, terminal_window.ctx)
    [note] = stored(terminal_window)
    [stroke] = note.geometry["strokes"]
    assert len(stroke) >= 5 and stroke[0][0] > stroke[-1][0]  # right to left, as the finger
    on_screen = viewer.page_view.page_label.mapFrom(area, middle)
    assert is_red(grab(viewer).pixelColor(on_screen))

    tap(qtbot, controller.toolbar.tool_buttons["pen"])  # no tool: the finger turns pages
    swipe(area, middle + QPoint(200, 0), middle - QPoint(200, 0))
    assert viewer.page_indicator.text().startswith("第 2 /")

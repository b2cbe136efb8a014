"""The delegate's notes drawn over the page shown, and the finger or pen input that makes them.

A transparent child of the reader's page canvas, always exactly its size, that takes the input;
the canvas paints the notes in its own paint pass (:meth:`AnnotationLayer.paint_over`), so a
page turn paints the page once. Notes are stored in page coordinates (PDF points) and drawn at
the page's current scale, so they sit on the same words at every zoom level.

While no tool is chosen the layer lets every event through (the reader's swipe, pinch and
scroll work as before); with a tool it takes the touches and mouse drags itself and reports
finished gestures in page coordinates.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from congress_desktop.anchoring import Rect
from congress_desktop.model import AnnotationKind
from congress_desktop.store.annotations import Note
from congress_desktop.ui.widgets.page_view import PageCanvas

PagePoint = tuple[float, float]

TOOL_PEN = "pen"
TOOL_HIGHLIGHT = "highlight"
TOOL_TEXT = "text"
TOOL_ERASER = "eraser"

HIGHLIGHT_ALPHA = 90
TEXT_ICON_PX = 34  # a text note's marker on screen, whatever the zoom
HIT_SLOP_PX = 14  # how near a finger must come to a note to erase or open it
MIN_MOVE_PX = 2.0


def _distance_to_segment(p: PagePoint, a: PagePoint, b: PagePoint) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def note_hit(note: Note, point: PagePoint, slop: float, icon: float) -> bool:
    """Whether ``point`` (page coordinates) touches ``note``; ``slop`` and ``icon`` in points."""
    g = note.geometry
    if note.kind is AnnotationKind.INK:
        reach = slop + float(g.get("width", 2.0)) / 2
        for stroke in g.get("strokes", ()):
            pts = [(float(x), float(y)) for x, y in stroke]
            if len(pts) == 1 and math.hypot(point[0] - pts[0][0], point[1] - pts[0][1]) <= reach:
                return True
            for a, b in itertools.pairwise(pts):
                if _distance_to_segment(point, a, b) <= reach:
                    return True
        return False
    if note.kind is AnnotationKind.HIGHLIGHT:
        return any(
            r[0] - slop <= point[0] <= r[2] + slop and r[1] - slop <= point[1] <= r[3] + slop
            for r in g.get("rects", ())
        )
    x, y = g.get("point", (0.0, 0.0))
    return x - slop <= point[0] <= x + icon + slop and y - slop <= point[1] <= y + icon + slop


class AnnotationLayer(QWidget):
    stroke_finished = Signal(list)  # ink: [[x, y], …] in page coordinates
    highlight_dragged = Signal(tuple, tuple)  # highlighter: from, to (page coordinates)
    tapped = Signal(tuple)  # text tool (or no tool on a text note): where, page coordinates
    erase_at = Signal(tuple)  # eraser touched here (page coordinates)

    def __init__(self, canvas: PageCanvas) -> None:
        super().__init__(canvas)
        self.setObjectName("AnnotationLayer")
        self.canvas = canvas
        self.notes: list[Note] = []  # the placed notes of the page shown
        self.page_width_pt = 0.0  # width of the page shown, in points (0: no page)
        self.tool = ""
        self.color = "#d00000"
        self.pen_width_pt = 2.0
        self.preview: list[Rect] = []  # highlighter: the words under the drag so far
        # set by the controller: the words a highlighter drag covers (for the live preview)
        self.preview_words: Callable[[PagePoint, PagePoint], Sequence[Rect]] | None = None
        self._stroke: list[QPointF] = []
        self._drag_from: QPointF | None = None
        self._pressed = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.set_tool("")
        self.setGeometry(canvas.rect())
        canvas.installEventFilter(self)
        canvas.overlays.append(self.paint_over)

    # ------------------------------------------------------------------ coordinates

    def scale(self) -> float:
        """Screen pixels per page point at the current zoom (0 without a page)."""
        image = self.canvas.image
        if image.isNull() or self.page_width_pt <= 0:
            return 0.0
        return image.width() / self.page_width_pt

    def to_page(self, p: QPointF) -> PagePoint:
        s = self.scale() or 1.0
        origin = self.canvas.image_origin()
        return ((p.x() - origin.x()) / s, (p.y() - origin.y()) / s)

    def to_widget(self, x: float, y: float) -> QPointF:
        s = self.scale()
        origin = self.canvas.image_origin()
        return QPointF(origin.x() + x * s, origin.y() + y * s)

    def rect_to_widget(self, r: Sequence[float]) -> QRectF:
        top_left = self.to_widget(r[0], r[1])
        s = self.scale()
        return QRectF(top_left.x(), top_left.y(), (r[2] - r[0]) * s, (r[3] - r[1]) * s)

    # ------------------------------------------------------------------ state

    def set_tool(self, tool: str) -> None:
        self.tool = tool
        self._stroke, self._drag_from, self.preview = [], None, []
        # without a tool, taps, drags and swipes belong to the reader
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, not tool)
        self.setCursor(Qt.CursorShape.CrossCursor if tool else Qt.CursorShape.ArrowCursor)
        self.canvas.update()

    def set_notes(self, notes: list[Note], page_width_pt: float) -> None:
        self.notes = notes
        self.page_width_pt = page_width_pt
        self.canvas.update()

    def note_at(self, point: PagePoint) -> Note | None:
        s = self.scale() or 1.0
        for note in reversed(self.notes):  # the topmost first
            if note_hit(note, point, HIT_SLOP_PX / s, TEXT_ICON_PX / s):
                return note
        return None

    # ------------------------------------------------------------------ input

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.canvas.rect())
        return False

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        touch = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd)
        if kind in touch and self.tool:
            points = event.points()  # type: ignore[attr-defined]
            if points:
                position = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._press(position)
                elif kind == QEvent.Type.TouchUpdate:
                    self._move(position)
                else:
                    self._release(position)
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._move(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._release(event.position())
        event.accept()

    def _press(self, p: QPointF) -> None:
        if self.scale() <= 0:
            return
        self._pressed = True
        if self.tool == TOOL_PEN:
            self._stroke = [p]
        elif self.tool == TOOL_HIGHLIGHT:
            self._drag_from = p
        elif self.tool == TOOL_ERASER:
            self.erase_at.emit(self.to_page(p))
        self.canvas.update()

    def _move(self, p: QPointF) -> None:
        if not self._pressed:
            return
        if self.tool == TOOL_PEN and self._stroke:
            last = self._stroke[-1]
            if math.hypot(p.x() - last.x(), p.y() - last.y()) >= MIN_MOVE_PX:
                self._stroke.append(p)
                self.canvas.update()
        elif self.tool == TOOL_HIGHLIGHT and self._drag_from is not None:
            self.highlight_preview_requested(self.to_page(self._drag_from), self.to_page(p))
        elif self.tool == TOOL_ERASER:
            self.erase_at.emit(self.to_page(p))

    def _release(self, p: QPointF) -> None:
        if not self._pressed:
            return
        self._pressed = False
        if self.tool == TOOL_PEN and self._stroke:
            self._move(p)
            points = [list(self.to_page(q)) for q in self._stroke]
            self._stroke = []
            self.stroke_finished.emit(points)
        elif self.tool == TOOL_HIGHLIGHT and self._drag_from is not None:
            start, self._drag_from = self._drag_from, None
            self.preview = []
            self.highlight_dragged.emit(self.to_page(start), self.to_page(p))
        elif self.tool == TOOL_TEXT:
            self.tapped.emit(self.to_page(p))
        self.canvas.update()

    def highlight_preview_requested(self, a: PagePoint, b: PagePoint) -> None:
        if self.preview_words is not None:
            self.preview = list(self.preview_words(a, b))
            self.canvas.update()

    # ------------------------------------------------------------------ painting

    def paint_over(self, painter: QPainter, _exposed: QRectF) -> None:
        """Paint the notes, the highlighter preview and the stroke being drawn over the page
        (the canvas calls it in its own paint pass; this widget paints nothing itself)."""
        s = self.scale()
        if s <= 0:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for note in self.notes:
            self._paint_note(painter, note, s)
        if self.preview:
            fill = QColor(self.color)
            fill.setAlpha(HIGHLIGHT_ALPHA)
            for r in self.preview:
                painter.fillRect(self.rect_to_widget(r), fill)
        if len(self._stroke) > 1:
            pen = QPen(QColor(self.color), max(1.5, self.pen_width_pt * s))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            path = QPainterPath(self._stroke[0])
            for q in self._stroke[1:]:
                path.lineTo(q)
            painter.drawPath(path)

    def _paint_note(self, painter: QPainter, note: Note, s: float) -> None:
        color = QColor(note.color)
        g = note.geometry
        if note.kind is AnnotationKind.HIGHLIGHT:
            color.setAlpha(HIGHLIGHT_ALPHA)
            for r in g.get("rects", ()):
                painter.fillRect(self.rect_to_widget(r), color)
        elif note.kind is AnnotationKind.INK:
            pen = QPen(color, max(1.5, float(g.get("width", 2.0)) * s))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            for stroke in g.get("strokes", ()):
                if not stroke:
                    continue
                path = QPainterPath(self.to_widget(*stroke[0]))
                for x, y in stroke[1:]:
                    path.lineTo(self.to_widget(x, y))
                if len(stroke) == 1:
                    painter.drawPoint(self.to_widget(*stroke[0]))
                else:
                    painter.drawPath(path)
        else:
            x, y = g.get("point", (0.0, 0.0))
            corner = self.to_widget(x, y)
            box = QRectF(corner.x(), corner.y(), TEXT_ICON_PX, TEXT_ICON_PX)
            painter.setPen(QPen(color.darker(160), 2))
            painter.setBrush(color)
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(QPen(color.darker(220), 2))
            for i in range(3):  # three lines of "writing"
                y_line = box.top() + 10 + i * 7
                painter.drawLine(QPointF(box.left() + 7, y_line), QPointF(box.right() - 7, y_line))

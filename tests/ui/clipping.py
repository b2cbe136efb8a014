"""Finding text a person could not read in full: labels and buttons too small for their text.

:func:`clipped_texts` lays out every visible label's and button's text with the widget's own
font (after the stylesheet) the way Qt paints it (``QTextLayout``, word-wrapped where the
label wraps) and compares the space it needs with the widget's contents rectangle; it also
flags a widget that sticks out of its parent (cut off by it), except inside scrolling lists
whose content is meant to extend past the visible part.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

TOLERANCE_PX = 1


@dataclass(frozen=True)
class Clip:
    widget: QWidget
    text: str
    need: tuple[int, int]
    have: tuple[int, int]
    why: str

    def __str__(self) -> str:
        name = self.widget.objectName() or type(self.widget).__name__
        return (
            f"{name} {self.text[:60]!r}: {self.why} (needs {self.need[0]}x{self.need[1]}, "
            f"has {self.have[0]}x{self.have[1]})"
        )


def text_extent(text: str, font: QFont, width: int | None) -> tuple[int, int]:
    """(widest line, total height) of ``text`` laid out in ``font``; wrapped at ``width``
    (word boundaries, as QLabel does) when given, else one line per ``\\n``."""
    widest, height = 0, 0
    metrics = QFontMetrics(font)
    for paragraph in text.split("\n"):
        if not paragraph:
            height += metrics.height()
            continue
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(
            QTextOption.WrapMode.WordWrap if width is not None else QTextOption.WrapMode.NoWrap
        )
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width if width is not None else 1_000_000)
            widest = max(widest, round(line.naturalTextWidth()))
            height += round(line.height())
        layout.endLayout()
    return widest, height


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_clip(label: QLabel) -> Clip | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    ):
        return None  # rich text is laid out by QTextDocument; none on the terminal's screens
    rect = label.contentsRect()
    margin = label.margin()
    rect = rect.adjusted(margin, margin, -margin, -margin)
    need = text_extent(text, label.font(), rect.width() if label.wordWrap() else None)
    have = (rect.width(), rect.height())
    if need[0] > have[0] + TOLERANCE_PX:
        return Clip(label, text, need, have, "too narrow")
    if need[1] > have[1] + TOLERANCE_PX:
        return Clip(label, text, need, have, "too low")
    return None


def _button_clip(button: QAbstractButton) -> Clip | None:
    text = _plain(button.text())
    if not text or not isinstance(button, QPushButton):
        return None
    option = QStyleOptionButton()
    button.initStyleOption(option)
    rect = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    need_w, need_h = text_extent(text, button.font(), None)
    if not button.icon().isNull():
        need_w += button.iconSize().width() + 4
    have = (rect.width(), rect.height())
    if need_w > have[0] + TOLERANCE_PX:
        return Clip(button, text, (need_w, need_h), have, "too narrow")
    if need_h > have[1] + TOLERANCE_PX:
        return Clip(button, text, (need_w, need_h), have, "too low")
    return None


def _cut_by_parent(widget: QWidget, root: QWidget) -> Clip | None:
    """The widget sticks out of an ancestor that does not scroll it."""
    rect = QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        scrolls = isinstance(area, QScrollArea) and area.viewport() is parent
        screen = isinstance(area, QScrollArea) and area.objectName() == "ScreenScroll"
        if scrolls and (not screen or area.verticalScrollBar().maximum() > 0):
            return None  # a scrolling list or screen: content extends past what is seen
        bounds = QRect(parent.mapTo(root, parent.rect().topLeft()), parent.size())
        if not bounds.adjusted(-TOLERANCE_PX, -TOLERANCE_PX, TOLERANCE_PX, TOLERANCE_PX).contains(
            rect
        ):
            text = widget.property("text") or ""
            return Clip(
                widget,
                str(text),
                (rect.width(), rect.height()),
                (bounds.width(), bounds.height()),
                f"cut off by {parent.objectName() or type(parent).__name__}",
            )
        if parent is root:
            break
        parent = parent.parentWidget()
    return None


def clipped_texts(root: QWidget) -> list[Clip]:
    """Every visible label or push button under ``root`` whose text does not fit."""
    found: list[Clip] = []
    widgets: list[QWidget] = [*root.findChildren(QLabel), *root.findChildren(QAbstractButton)]
    for widget in widgets:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        clip = (
            _label_clip(widget) if isinstance(widget, QLabel) else _button_clip(widget)  # type: ignore[arg-type]
        )
        if clip is None and (widget.property("text") or ""):
            clip = _cut_by_parent(widget, root)
        if clip is not None:
            found.append(clip)
    return found


def visible_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    """The texts of the visible labels and buttons under ``root``."""
    texts: list[tuple[QWidget, str]] = []
    for widget in [*root.findChildren(QLabel), *root.findChildren(QAbstractButton)]:
        if widget.isVisible() and widget.text():
            texts.append((widget, widget.text()))
    return texts

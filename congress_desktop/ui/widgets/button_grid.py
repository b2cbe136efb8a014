"""A grid of buttons with as many columns (up to a maximum) as their texts allow.

Four short Chinese category names fit side by side. A longer language, or large type, first
breaks a button's text onto a second line, then takes fewer, wider columns, so a text is
never cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QSizePolicy, QWidget

MAX_LINES = 2


def wrap_lines(text: str, font: QFont, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` pixels (between words, or between any
    two characters of Chinese or of a word longer than a line)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return [line for line in lines if line] or [text]


class ButtonGrid(QWidget):
    def __init__(
        self, max_columns: int = 4, *, spacing: int = 12, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.max_columns = max_columns
        self.buttons: list[QAbstractButton] = []
        self.columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self._texts: dict[int, tuple[str, str]] = {}  # id(button) -> (its text, what is shown)
        self._pending = False

    def add_button(self, button: QAbstractButton) -> None:
        # the grid, not the button's text, decides the width (no minimum forcing the screen)
        button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.buttons.append(button)
        self.columns = 0
        self._schedule()

    def text_of(self, button: QAbstractButton) -> str:
        """The button's text as set (without the line breaks the grid added)."""
        original, shown = self._texts.get(id(button), ("", ""))
        return original if button.text() == shown else button.text()

    def _column_width(self, columns: int) -> int:
        spacing = self._grid.horizontalSpacing()
        return (self.width() - spacing * (columns - 1)) // columns

    def _padding(self, button: QAbstractButton) -> int:
        """Horizontal space the button's style takes around its text."""
        metrics = QFontMetrics(button.font())
        widest = max(metrics.horizontalAdvance(line) for line in button.text().split("\n"))
        return max(0, button.sizeHint().width() - widest)

    def _lines(self, button: QAbstractButton, width: int) -> list[str]:
        return wrap_lines(self.text_of(button), button.font(), width - self._padding(button))

    def columns_for(self) -> int:
        """The most columns (≤ the maximum) in which every text fits on two lines or less."""
        for columns in range(self.max_columns, 1, -1):
            width = self._column_width(columns)
            if all(len(self._lines(b, width)) <= MAX_LINES for b in self.buttons):
                return columns
        return 1

    def arrange(self) -> None:
        self._pending = False
        if not self.buttons or self.width() <= 0:
            return
        columns = self.columns_for()
        width = self._column_width(columns)
        for button in self.buttons:
            original = self.text_of(button)
            shown = "\n".join(self._lines(button, width))
            self._texts[id(button)] = (original, shown)
            if button.text() != shown:
                button.setText(shown)
        if columns == self.columns:
            return
        self.columns = columns
        for button in self.buttons:
            self._grid.removeWidget(button)
        for index, button in enumerate(self.buttons):
            self._grid.addWidget(button, index // columns, index % columns)
        for column in range(self.max_columns):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def _schedule(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.arrange)  # dropped if the grid is deleted

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (
            QEvent.Type.LayoutRequest,  # a button's text or font changed its size hint
            QEvent.Type.Resize,
            QEvent.Type.Show,
        ):
            self._schedule()
        return handled

"""An on-screen numeric PIN pad with big touch targets; also accepts the physical keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from congress_desktop.ui.theme import set_role

MAX_DIGITS = 8
MASK_CHAR = "●"
EMPTY_CHAR = "○"


class PinPad(QWidget):
    """Digits 0–9, clear and delete; the entered PIN is shown masked."""

    pin_changed = Signal(int)  # number of digits entered
    submitted = Signal(str)  # Enter on the keyboard

    def __init__(self, parent: QWidget | None = None, *, min_shown: int = 6) -> None:
        super().__init__(parent)
        self._pin = ""
        self._min_shown = min_shown
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.display = QLabel(objectName="PinDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(14)
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit_button(digit), index // 3, index % 3)
        self.clear_button = self._action_button(self.clear)
        self.delete_button = self._action_button(self.backspace)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._digit_button("0"), 3, 1)
        grid.addWidget(self.delete_button, 3, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        layout.addWidget(self.display)
        layout.addLayout(grid)
        self._retranslate()
        self._show_pin()

    # ------------------------------------------------------------------ public

    def pin(self) -> str:
        return self._pin

    def clear(self) -> None:
        self._set_pin("")

    def press(self, digit: str) -> None:
        if digit.isdigit() and len(self._pin) < MAX_DIGITS:
            self._set_pin(self._pin + digit)

    def backspace(self) -> None:
        self._set_pin(self._pin[:-1])

    # ------------------------------------------------------------------ internals

    def _digit_button(self, digit: str) -> QPushButton:
        button = QPushButton(digit)
        set_role(button, "pinkey")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.press(digit))
        self.digit_buttons[digit] = button
        return button

    def _action_button(self, slot: object) -> QPushButton:
        button = QPushButton()
        set_role(button, "pinaction")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    def _set_pin(self, pin: str) -> None:
        if pin != self._pin:
            self._pin = pin
            self._show_pin()
            self.pin_changed.emit(len(pin))

    def _show_pin(self) -> None:
        shown = max(self._min_shown, len(self._pin))
        self.display.setText(MASK_CHAR * len(self._pin) + EMPTY_CHAR * (shown - len(self._pin)))

    def _retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear"))
        self.delete_button.setText(self.tr("Delete"))
        self.display.setAccessibleName(self.tr("PIN"))

    # ------------------------------------------------------------------ Qt overrides

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if text.isdigit():
            self.press(text)
        elif key == Qt.Key.Key_Backspace:
            self.backspace()
        elif key == Qt.Key.Key_Escape:
            self.clear()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit(self._pin)
        else:
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

"""The kiosk shell's own panels: technician PIN, technician menu, the calm crash screen.

They cover the whole window (the main window's top-level stack), so nothing of the
delegate's screens stays reachable behind them.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from congress_desktop import __version__
from congress_desktop.keyboards import keyboard_mode
from congress_desktop.store.technician import check_technician_pin
from congress_desktop.store.views import DelegateView
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.theme import set_role
from congress_desktop.ui.widgets.cards import Card, MessageLabel, label
from congress_desktop.ui.widgets.pinpad import PinPad

log = logging.getLogger(__name__)

LOG_TAIL_LINES = 40
DEFAULT_IDLE_LOCK_S = 600.0


@dataclass(frozen=True)
class KioskSettings:
    """How the terminal shell behaves; from the command line and the environment."""

    kiosk: bool = False  # full-screen, frameless, leaving needs the technician PIN
    idle_lock_s: float = DEFAULT_IDLE_LOCK_S  # 0: never lock
    large_type: bool = False
    keyboard: str = "auto"  # the on-screen keyboard: auto (kiosk without keyboard), on, off

    @classmethod
    def from_env(
        cls,
        *,
        kiosk: bool | None = None,
        large_type: bool | None = None,
        keyboard: str | None = None,
    ) -> KioskSettings:
        env = os.environ
        try:
            idle = float(env.get("CONGRESS_DESKTOP_IDLE_LOCK_S", DEFAULT_IDLE_LOCK_S))
        except ValueError:
            idle = DEFAULT_IDLE_LOCK_S
        return cls(
            kiosk=kiosk if kiosk is not None else env.get("CONGRESS_DESKTOP_KIOSK") == "1",
            idle_lock_s=idle,
            large_type=(
                large_type
                if large_type is not None
                else env.get("CONGRESS_DESKTOP_LARGE_TYPE") == "1"
            ),
            keyboard=keyboard_mode(keyboard),
        )


def log_tail(log_dir: Path, lines: int = LOG_TAIL_LINES) -> str:
    path = log_dir / "terminal.log"
    try:
        with path.open("rb") as f:
            f.seek(max(0, path.stat().st_size - 64 * 1024))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def _centered(card: QWidget, width: int) -> QVBoxLayout:
    card.setFixedWidth(width)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card)
    row.addStretch(1)
    column = QVBoxLayout()
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(2)
    return column


class TechnicianPinPanel(QWidget):
    """Asks for the technician PIN; emits :attr:`accepted` with the action it guards."""

    accepted = Signal(str)  # the action: "menu", "exit", …
    cancelled = Signal()

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.ctx = ctx
        self.action = "menu"
        card = Card(spacing=18)
        self.title_label = label("", "title")
        self.prompt_label = label("", "muted")
        self.pin_pad = PinPad(min_shown=4)
        self.message = MessageLabel()
        self.ok_button = QPushButton()
        set_role(self.ok_button, "primary")
        self.cancel_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        for widget in (self.title_label, self.prompt_label, self.pin_pad, self.message):
            card.body.addWidget(widget)
        card.body.addLayout(buttons)
        self.setLayout(_centered(card, 600))
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.pin_pad.submitted.connect(self._on_ok_clicked)
        self.cancel_button.clicked.connect(self.cancelled)
        self.retranslate()

    def ask(self, action: str) -> None:
        self.action = action
        self.pin_pad.clear()
        self.message.clear_message()
        self.pin_pad.setFocus()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Technician"))
        self.prompt_label.setText(
            self.tr("This is for the technical staff. Delegates, please tap Cancel.")
        )
        self.ok_button.setText(self.tr("Continue"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _on_ok_clicked(self, *_args: object) -> None:
        pin, root = self.pin_pad.pin(), self.ctx.store.paths.root
        self.ctx.ops.run(lambda: check_technician_pin(root, pin), self._on_checked)

    def _on_checked(self, ok: bool) -> None:
        self.pin_pad.clear()
        if ok:
            log.warning("technician PIN accepted (%s)", self.action)
            self.accepted.emit(self.action)
        else:
            log.warning("wrong technician PIN")
            self.message.show_message(self.tr("Wrong technician PIN."), "bad")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class TechnicianMenu(QWidget):
    """Server, seat, terminal id, log tail; unlock sign-in, restart, exit."""

    restart_requested = Signal()
    exit_requested = Signal()
    closed = Signal()

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.ctx = ctx
        self._locked: list[DelegateView] = []
        card = Card(spacing=14)
        self.title_label = label("", "title")
        self.info_label = label("", "body")
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_caption = label("", "section")
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setObjectName("LogTail")
        self.unlock_message = MessageLabel()
        self.unlock_button = QPushButton()
        self.restart_button = QPushButton()
        self.exit_button = QPushButton()
        set_role(self.exit_button, "danger")
        self.back_button = QPushButton()
        set_role(self.back_button, "primary")
        buttons = QHBoxLayout()
        buttons.setSpacing(14)
        for button in (self.unlock_button, self.restart_button, self.exit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        for widget in (self.title_label, self.info_label, self.log_caption):
            card.body.addWidget(widget)
        card.body.addWidget(self.log_view, 1)
        card.body.addWidget(self.unlock_message)
        card.body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addWidget(card)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.restart_button.clicked.connect(self.restart_requested)
        self.exit_button.clicked.connect(self.exit_requested)
        self.back_button.clicked.connect(self.closed)
        self.retranslate()

    def open(self) -> None:
        identity, paths = self.ctx.identity, self.ctx.store.paths
        self.info_label.setText(
            self.tr(
                "Server: {server}\nTerminal: {terminal}\nSeat: {seat}\nData: {data}\n"
                "Version: {version}"
            ).format(
                server=identity.server_url,
                terminal=identity.terminal_id,
                seat=identity.seat_number if identity.seat_number is not None else "—",
                data=paths.root,
                version=__version__,
            )
        )
        self.unlock_message.clear_message()
        store = self.ctx.store
        self.ctx.ops.run(lambda: (log_tail(paths.logs), store.locked_delegates()), self._on_loaded)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Technician menu"))
        self.log_caption.setText(self.tr("Recent log"))
        self.unlock_button.setText(self.tr("Unlock PIN sign-in"))
        self.restart_button.setText(self.tr("Restart terminal"))
        self.exit_button.setText(self.tr("Exit to desktop"))
        self.back_button.setText(self.tr("Back to the delegate screen"))

    def _on_loaded(self, loaded: tuple[str, list[DelegateView]]) -> None:
        text, self._locked = loaded
        self.log_view.setPlainText(text)
        self.log_view.verticalScrollBar().setValue(self.log_view.verticalScrollBar().maximum())
        self.unlock_button.setEnabled(bool(self._locked))

    def _on_unlock_clicked(self) -> None:
        store, locked = self.ctx.store, list(self._locked)

        def work() -> list[str]:
            for delegate in locked:
                store.reset_pin_failures(delegate.id)
            return [d.name for d in locked]

        self.ctx.ops.run(work, self._on_unlocked)

    def _on_unlocked(self, names: list[str]) -> None:
        log.warning("technician unlocked PIN sign-in for %s", ", ".join(names))
        self._locked = []
        self.unlock_button.setEnabled(False)
        self.unlock_message.show_message(
            self.tr("PIN sign-in unlocked for: {names}").format(names="、".join(names)), "good"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class CrashPanel(QWidget):
    """Shown after an uncaught error: a calm sentence and one big restart button."""

    restart_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        card = Card(spacing=24)
        card.body.setContentsMargins(56, 48, 56, 48)
        self.title_label = label("", "title")
        self.body_label = label("", "subtitle")
        self.restart_button = QPushButton()
        set_role(self.restart_button, "primary")
        self.restart_button.setMinimumHeight(90)
        card.body.addWidget(self.title_label)
        card.body.addWidget(self.body_label)
        card.body.addWidget(self.restart_button)
        self.setLayout(_centered(card, 900))
        self.restart_button.clicked.connect(self.restart_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("The terminal needs to restart"))
        self.body_label.setText(
            self.tr(
                "Something went wrong on this terminal. Everything you entered is saved. "
                "Tap the button to restart; you will return to where you were."
            )
        )
        self.restart_button.setText(self.tr("Restart now"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

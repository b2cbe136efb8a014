"""Sign-in (签到): the delegate at this seat enters their PIN on the on-screen pad.

The PIN is verified offline against the hash replicated to this seat; the sign-in is committed
locally with its outbox op, so it works with the network down.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from congress_desktop.model import SignInMethod
from congress_desktop.store.terminal_store import MAX_PIN_FAILURES
from congress_desktop.store.views import SignInView
from congress_desktop.ui import messages
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.theme import set_role
from congress_desktop.ui.widgets.cards import Card, MessageLabel, label
from congress_desktop.ui.widgets.pinpad import MAX_DIGITS, PinPad

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignInOutcome:
    signin: SignInView | None  # None: wrong PIN
    failures: int


class SignInScreen(Screen):
    signed_in = Signal(object)  # SignInView

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title_label.hide()  # the session title is shown inside the card instead

        info = Card(spacing=16)
        info.body.setContentsMargins(64, 40, 64, 40)
        self.session_label = label("", "title")
        self.sitting_label = label("", "subtitle")
        self.seat_caption = label("", "section")
        self.name_label = label("", "hero")
        self.delegation_label = label("", "subtitle")
        self.number_label = label("", "muted")
        self.hint_label = label("", "muted")
        info.body.addWidget(self.session_label)
        info.body.addWidget(self.sitting_label)
        info.body.addStretch(1)
        for widget in (self.seat_caption, self.name_label, self.delegation_label):
            info.body.addWidget(widget)
        info.body.addWidget(self.number_label)
        info.body.addStretch(2)
        info.body.addWidget(self.hint_label)

        pad_card = Card(spacing=18)
        self.prompt_label = label("", "subtitle")
        self.pin_pad = PinPad()
        self.message = MessageLabel()
        self.sign_in_button = QPushButton()
        set_role(self.sign_in_button, "primary")
        self.sign_in_button.setMinimumHeight(84)
        pad_card.body.addWidget(self.prompt_label)
        pad_card.body.addWidget(self.pin_pad)
        pad_card.body.addWidget(self.message)
        pad_card.body.addWidget(self.sign_in_button)
        pad_card.setFixedWidth(600)

        row = QHBoxLayout()
        row.setSpacing(32)
        row.addWidget(info, 1)
        row.addWidget(pad_card, 0, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(row, 1)

        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self.pin_pad.submitted.connect(self._on_sign_in_clicked)
        self.pin_pad.pin_changed.connect(self._on_pin_changed)
        self._last_failures: int | None = None
        self.retranslate()
        self.render()

    # ------------------------------------------------------------------ public

    def retranslate(self) -> None:
        self.prompt_label.setText(self.tr("Enter your PIN"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.hint_label.setText(
            self.tr("If this is not you, or you forgot your PIN, please ask the staff.")
        )

    def render(self) -> None:
        seat = self.ctx.seat
        self.session_label.setText(seat.session.title if seat.session else self.tr("Congress"))
        self.sitting_label.setText(seat.sitting.title if seat.sitting else "")
        self.seat_caption.setText(
            self.tr("Seat {number}").format(number=self.ctx.identity.seat_number or "—")
        )
        delegate = seat.delegate
        if delegate is None:
            self.name_label.setText(self.tr("No delegate assigned"))
            self.delegation_label.setText(
                self.tr("This seat has no delegate yet. The list arrives with the next sync.")
            )
            self.number_label.setText("")
        else:
            self.name_label.setText(delegate.name)
            self.delegation_label.setText(delegate.delegation)  # e.g. 东城区代表团
            self.number_label.setText(
                self.tr("Delegate No. {number}").format(number=delegate.number)
            )
        if self._last_failures is not None:
            self._show_wrong_pin(self._last_failures)

    def reset(self) -> None:
        self.pin_pad.clear()
        self.message.clear_message()
        self._last_failures = None
        self.pin_pad.setFocus()

    def looks_like_badge(self, text: str) -> bool:
        """A fast burst of keys is a badge if it is this seat's badge or cannot be a PIN."""
        delegate = self.ctx.seat.delegate
        if delegate is not None and delegate.badge_id and text == delegate.badge_id:
            return True
        return not (text.isdigit() and len(text) <= MAX_DIGITS)

    def sign_in_with_badge(self, badge_id: str) -> None:
        """A badge read by the card reader: sign in if it is this seat's delegate's badge."""
        self.pin_pad.clear()  # the reader's keys also reached the PIN pad
        delegate, sitting = self.ctx.seat.delegate, self.ctx.seat.sitting
        if delegate is None or sitting is None:
            self._on_sign_in_clicked()  # says why sign-in is not possible
            return
        if not delegate.badge_id or badge_id != delegate.badge_id:
            log.info("badge %s is not the badge of the delegate at this seat", badge_id)
            self.message.show_message(
                self.tr("This badge does not belong to the delegate at this seat."), "bad"
            )
            return
        store = self.ctx.store
        self.ctx.ops.run(
            lambda: SignInOutcome(store.sign_in(delegate.id, sitting.id, SignInMethod.BADGE), 0),
            self._on_checked,
            on_error=self._on_check_failed,
        )

    # ------------------------------------------------------------------ slots

    def _on_pin_changed(self, length: int) -> None:
        if length and self._last_failures is not None:
            self._last_failures = None
            self.message.clear_message()

    def _on_sign_in_clicked(self) -> None:
        pin = self.pin_pad.pin()
        delegate, sitting = self.ctx.seat.delegate, self.ctx.seat.sitting
        if delegate is None:
            self.message.show_message(self.tr("No delegate is assigned to this seat."), "bad")
            return
        if sitting is None:
            self.message.show_message(
                self.tr("No sitting is scheduled yet, so sign-in is not open."), "bad"
            )
            return
        if not pin:
            self.message.show_message(self.tr("Please enter your PIN first."), "info")
            return
        store = self.ctx.store

        def work() -> SignInOutcome:
            if not store.check_pin(delegate, pin):
                return SignInOutcome(None, store.pin_failures(delegate.id))
            signin = store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
            return SignInOutcome(signin, 0)

        self.ctx.ops.run(
            work, self._on_checked, on_error=self._on_check_failed, busy=self.sign_in_button
        )

    def _on_checked(self, outcome: SignInOutcome) -> None:
        self.pin_pad.clear()
        if outcome.signin is None:
            self._last_failures = outcome.failures
            self._show_wrong_pin(outcome.failures)
            return
        log.info("delegate signed in (sign-in %s)", outcome.signin.id)
        self.message.clear_message()
        self._last_failures = None
        self.ctx.sync.nudge()
        self.signed_in.emit(outcome.signin)

    def _on_check_failed(self, error: Exception) -> None:
        self.pin_pad.clear()
        self.message.show_message(messages.describe(error), "bad")

    def _show_wrong_pin(self, failures: int) -> None:
        remaining = max(0, MAX_PIN_FAILURES - failures)
        if remaining == 0:
            text = self.tr(
                "Too many wrong PINs. Sign-in is locked; please ask the secretariat staff."
            )
        else:
            text = self.tr("Wrong PIN. %n tries left.", "", remaining)
        self.message.show_message(text, "bad")

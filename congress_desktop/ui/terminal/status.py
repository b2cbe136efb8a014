"""The status bar on every screen: network, last sync, unsent actions, documents, my sign-in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from congress_desktop.ui import labels
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.theme import set_role, set_tone

REFRESH_MS = 15_000


@dataclass(frozen=True)
class LocalStatus:
    """What the store knows, with or without a running engine."""

    outbox_pending: int
    documents_total: int
    documents_cached: int
    last_pull_at: dt.datetime | None
    signin_confirmed: bool | None  # None: not signed in for the current sitting
    signin_refused: bool = False  # the server did not accept the sign-in


def load_local_status(ctx: TerminalContext) -> LocalStatus:
    store, seat = ctx.store, ctx.seat
    docs = store.documents()
    signin = None
    if seat.delegate is not None and seat.sitting is not None:
        signin = store.my_signin(seat.delegate.id, seat.sitting.id)
    last = store.last_pull_at()
    return LocalStatus(
        outbox_pending=store.outbox_pending(),
        documents_total=len(docs),
        documents_cached=sum(1 for d in docs if d.available),
        last_pull_at=dt.datetime.fromisoformat(last) if last else None,
        signin_confirmed=None if signin is None else signin.confirmed,
        signin_refused=signin is not None and signin.rejection is not None,
    )


class StatusBar(QFrame):
    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusBar")
        self.ctx = ctx
        self._local: LocalStatus | None = None
        self._engine_status: Any | None = ctx.sync.status
        self.network_label = self._chip()
        self.sync_label = self._chip()
        self.outbox_label = self._chip()
        self.documents_label = self._chip()
        self.signin_label = self._chip()
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 8, 20, 8)
        row.setSpacing(12)
        for chip in (self.network_label, self.sync_label, self.outbox_label, self.documents_label):
            row.addWidget(chip)
        row.addStretch(1)
        row.addWidget(self.signin_label)
        ctx.sync.status_changed.connect(self._on_status_changed)
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.render()

    # ------------------------------------------------------------------ public

    def refresh(self) -> None:
        ctx = self.ctx
        ctx.ops.run(lambda: load_local_status(ctx), self._on_loaded)

    def render(self) -> None:
        status, local = self._engine_status, self._local
        online = bool(status is not None and status.online)
        self.network_label.setText(self.tr("● Online") if online else self.tr("● Offline"))
        set_tone(self.network_label, "good" if online else "bad")
        self.network_label.setToolTip(getattr(status, "last_error", None) or "")
        last = getattr(status, "last_sync", None) or (local.last_pull_at if local else None)
        self.sync_label.setText(
            self.tr("Last sync {time}").format(time=labels.local_time(last))
            if last
            else self.tr("Not synced yet")
        )
        pending = local.outbox_pending if local else getattr(status, "outbox_pending", 0)
        self.outbox_label.setText(self.tr("%n action(s) waiting to be sent", "", pending))
        self.outbox_label.setVisible(bool(pending))
        set_tone(self.outbox_label, "warn")
        total = local.documents_total if local else getattr(status, "documents_total", 0)
        cached = local.documents_cached if local else getattr(status, "documents_cached", 0)
        self.documents_label.setText(
            self.tr("Documents {cached}/{total} on this terminal").format(
                cached=cached, total=total
            )
        )
        set_tone(self.documents_label, "good" if cached >= total else "warn")
        if local is None:
            self._render_signin(None)
        else:
            self._render_signin(local.signin_confirmed, local.signin_refused)

    # ------------------------------------------------------------------ internals

    def _chip(self) -> QLabel:
        chip = QLabel()
        set_role(chip, "status")
        return chip

    def _render_signin(self, confirmed: bool | None, refused: bool = False) -> None:
        if refused:
            self.signin_label.setText(self.tr("Sign-in not accepted by the server"))
            set_tone(self.signin_label, "bad")
        elif confirmed is None:
            self.signin_label.setText(self.tr("Not signed in"))
            set_tone(self.signin_label, "")
        elif confirmed:
            self.signin_label.setText(self.tr("Sign-in confirmed by the server"))
            set_tone(self.signin_label, "good")
        else:
            self.signin_label.setText(self.tr("Signed in · waiting for the server"))
            set_tone(self.signin_label, "warn")

    def _on_loaded(self, local: LocalStatus) -> None:
        self._local = local
        self.render()

    def _on_status_changed(self, status: Any) -> None:
        self._engine_status = status
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.render()
        super().changeEvent(event)

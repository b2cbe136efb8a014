"""Notices (通知): the pushed notices, newest first, unread ones marked; opening one marks it
read for the signed-in delegate (``notice_reads`` in the local store)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QWidget

from congress_desktop.store.views import NoticeView
from congress_desktop.ui import labels
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.widgets.cards import Card, CardList, ListCard, label


@dataclass(frozen=True)
class NoticeList:
    notices: list[NoticeView]
    unread: frozenset[str]


class NoticesScreen(Screen):
    unread_changed = Signal(int)  # how many notices the delegate has not opened
    watched_tables = frozenset({"notices"})

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._data = NoticeList([], frozenset())
        self._selected_id: str | None = None

        self.notice_list = CardList()
        detail = Card(spacing=12)
        self.detail_time = label("", "muted")
        self.detail_title = label("", "title")
        self.detail_body = label("", "body")
        self.detail_body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.detail_hint = label("", "muted")
        for widget in (self.detail_time, self.detail_title, self.detail_body, self.detail_hint):
            detail.body.addWidget(widget)
        detail.body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        row = QHBoxLayout()
        row.setSpacing(28)
        row.addWidget(self.notice_list, 4)
        row.addWidget(scroll, 6)
        self.layout_.addLayout(row, 1)
        self.retranslate()
        self.render()

    # ------------------------------------------------------------------ public

    @property
    def unread_count(self) -> int:
        return len(self._data.unread)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Notices"))
        self.detail_hint.setText(self.tr("Tap a notice to read it."))

    def render(self) -> None:
        cards = []
        for notice in self._data.notices:
            unread = notice.id in self._data.unread
            card = ListCard(
                notice.title,
                labels.local_time(notice.published_at) if notice.published_at else "",
                self.tr("New") if unread else "",
                badge_tone="bad",
            )
            card.set_selected(notice.id == self._selected_id)
            card.clicked.connect(lambda n=notice: self.open_notice(n.id))
            cards.append(card)
        self.notice_list.set_items(cards, self.tr("No notices yet."))
        self._render_detail()

    def refresh(self) -> None:
        store, delegate = self.ctx.store, self.ctx.delegate

        def load() -> NoticeList:
            notices = store.notices()
            unread = store.unread_notices(delegate.id) if delegate is not None else set()
            return NoticeList(notices, frozenset(unread))

        self.ctx.ops.run(load, self._on_loaded, owner=self)

    def open_notice(self, notice_id: str) -> None:
        """Show the notice and mark it read (in the store, then in the unread badge)."""
        self._selected_id = notice_id
        delegate = self.ctx.delegate
        if delegate is not None and notice_id in self._data.unread:
            self._data = NoticeList(self._data.notices, self._data.unread - {notice_id})
            store = self.ctx.store
            self.ctx.ops.run(lambda: store.mark_notice_read(delegate.id, notice_id))
            self.unread_changed.emit(self.unread_count)
        self.render()

    def selected_notice(self) -> NoticeView | None:
        return next((n for n in self._data.notices if n.id == self._selected_id), None)

    # ------------------------------------------------------------------ internals

    def _on_loaded(self, data: NoticeList) -> None:
        self._data = data
        if self.selected_notice() is None:
            self._selected_id = None
        self.render()
        self.unread_changed.emit(self.unread_count)

    def _render_detail(self) -> None:
        notice = self.selected_notice()
        self.detail_hint.setVisible(notice is None and bool(self._data.notices))
        for widget in (self.detail_time, self.detail_title, self.detail_body):
            widget.setVisible(notice is not None)
        if notice is None:
            return
        self.detail_time.setText(
            self.tr("Published {time}").format(time=labels.local_time(notice.published_at))
            if notice.published_at
            else ""
        )
        self.detail_title.setText(notice.title)
        self.detail_body.setText(notice.body)

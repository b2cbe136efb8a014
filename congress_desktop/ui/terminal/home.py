"""Home: the current agenda item and its documents, my sign-in, unread notices, sync state
(online, last sync, unsent actions, documents cached, download progress) and quick links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from congress_desktop.store.views import AgendaItemView, DocumentView, NoticeView, SignInView
from congress_desktop.ui import labels, messages
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.terminal.status import LocalStatus, load_local_status
from congress_desktop.ui.terminal.sync_card import SyncCard
from congress_desktop.ui.theme import is_large_type, set_role, set_tone
from congress_desktop.ui.widgets.cards import Card, CardList, ListCard, label


@dataclass(frozen=True)
class HomeData:
    current_item: AgendaItemView | None
    signin: SignInView | None
    notice: NoticeView | None
    documents: list[DocumentView]
    local: LocalStatus | None = None


class HomeScreen(Screen):
    link_activated = Signal(str)  # the key of the screen to open
    document_chosen = Signal(object)  # DocumentView
    watched_tables = frozenset({"agendas", "agenda_items", "signins", "notices", "documents"})
    notices_requested = Signal()

    LINKS = ("agenda", "documents", "motions", "suggestions")

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._data = HomeData(None, None, None, [])
        self._unread = 0
        self.loaded = False  # the store's data has been shown once

        item_card = Card()
        self.item_caption = label("", "section")
        self.item_title = label("", "title")
        self.item_detail = label("", "muted")
        self.item_description = label("", "body")
        self.documents_caption = label("", "section")
        self.document_list = CardList(spacing=10)
        for widget in (
            self.item_caption,
            self.item_title,
            self.item_detail,
            self.item_description,
            self.documents_caption,
        ):
            item_card.body.addWidget(widget)
        item_card.body.addWidget(self.document_list, 1)

        signin_card = Card()
        self.signin_caption = label("", "section")
        self.signin_state = label("", "subtitle")
        self.signin_badge = label("", "badge", wrap=False)
        self.signin_note = label("", "muted")
        for widget in (self.signin_caption, self.signin_state):
            signin_card.body.addWidget(widget)
        signin_card.body.addWidget(self.signin_badge, 0, Qt.AlignmentFlag.AlignLeft)
        signin_card.body.addWidget(self.signin_note)

        notice_card = Card(spacing=8)
        self.notice_caption = label("", "section")
        self.unread_badge = label("", "badge", wrap=False)
        set_tone(self.unread_badge, "bad")
        self.notice_title = label("", "body")
        self.notices_button = QPushButton()
        self.notices_button.clicked.connect(self.notices_requested)
        heading = QHBoxLayout()
        heading.setSpacing(12)
        heading.addWidget(self.notice_caption)
        heading.addWidget(self.unread_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addStretch(1)
        heading.addWidget(self.notices_button)
        notice_card.body.addLayout(heading)
        notice_card.body.addWidget(self.notice_title)

        self.sync_card = SyncCard()
        ctx.sync.status_changed.connect(self._on_status_changed)
        side = QVBoxLayout()
        side.setSpacing(18)
        for card in (signin_card, notice_card, self.sync_card):
            side.addWidget(card)

        cards = QHBoxLayout()
        cards.setSpacing(24)
        cards.addWidget(item_card, 3)
        cards.addLayout(side, 2)
        self.layout_.addLayout(cards, 1)

        self.link_buttons: dict[str, QPushButton] = {}
        tiles = QGridLayout()
        tiles.setSpacing(24)
        for column, key in enumerate(self.LINKS):
            button = QPushButton()
            set_role(button, "tile")
            button.clicked.connect(lambda _=False, k=key: self.link_activated.emit(k))
            self.link_buttons[key] = button
            tiles.addWidget(button, 0, column)
        self.layout_.addLayout(tiles)
        self._fit_type()
        self.retranslate()
        self.render()

    # ------------------------------------------------------------------ public

    def retranslate(self) -> None:
        self.item_caption.setText(self.tr("Current agenda item"))
        self.signin_caption.setText(self.tr("My sign-in"))
        self.notice_caption.setText(self.tr("Notices"))
        self.notices_button.setText(self.tr("Open notices"))
        self.documents_caption.setText(self.tr("Documents for this item"))
        texts = {
            "agenda": self.tr("Agenda"),
            "documents": self.tr("Documents"),
            "motions": self.tr("Motions"),
            "suggestions": self.tr("Submit a suggestion"),
        }
        for key, button in self.link_buttons.items():
            button.setText(texts[key])

    def render(self) -> None:
        delegate = self.ctx.delegate
        self.title_label.setText(
            self.tr("Welcome, {name}").format(name=delegate.name) if delegate else self.tr("Home")
        )
        item = self._data.current_item
        if item is None:
            self.item_title.setText(self.tr("The sitting has not started yet"))
            self.item_detail.setText("")
            self.item_description.setText("")
        else:
            self.item_title.setText(
                self.tr("Item {position}: {title}").format(position=item.position, title=item.title)
            )
            self.item_detail.setText(
                self.tr("Presented by {presenter}").format(presenter=item.presenter)
                if item.presenter
                else ""
            )
            self.item_description.setText(item.description)
        self._render_documents(item)
        self._render_signin(self._data.signin)
        notice = self._data.notice
        self.notice_title.setText(
            self.tr("Latest: {title}").format(title=notice.title)
            if notice is not None
            else self.tr("No notices yet.")
        )
        self._render_unread()
        self.sync_card.set_status(self.ctx.sync.status, self._data.local)

    def set_unread_count(self, count: int) -> None:
        """How many notices the delegate has not opened (the window keeps it current)."""
        self._unread = count
        self._render_unread()

    def refresh(self) -> None:
        ctx = self.ctx
        store, seat = ctx.store, ctx.seat

        def load() -> HomeData:
            current = next((i for i in store.agenda() if i.is_current), None)
            signin = None
            if seat.delegate is not None and seat.sitting is not None:
                signin = store.my_signin(seat.delegate.id, seat.sitting.id)
            notices = store.notices()
            docs = store.documents(current.id) if current is not None else []
            local = load_local_status(ctx)
            return HomeData(current, signin, notices[0] if notices else None, docs, local)

        self.ctx.ops.run(load, self._on_loaded)

    # ------------------------------------------------------------------ slots

    def _on_loaded(self, data: HomeData) -> None:
        self._data = data
        self.loaded = True
        self.render()

    def _fit_type(self) -> None:
        """In large type the quick links (the navigation rail's own) make room for the
        larger text of the cards."""
        large = is_large_type(self)
        for button in self.link_buttons.values():
            button.setVisible(not large)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_type()
        super().changeEvent(event)

    def _on_status_changed(self, status: Any) -> None:
        self.sync_card.set_status(status, self._data.local)

    def _render_unread(self) -> None:
        self.unread_badge.setText(self.tr("%n unread", "", self._unread))
        self.unread_badge.setVisible(self._unread > 0)

    def _render_documents(self, item: AgendaItemView | None) -> None:
        self.documents_caption.setVisible(item is not None)
        self.document_list.setVisible(item is not None)
        cards = []
        for doc in self._data.documents:
            card = ListCard(doc.title, self.tr("%n page(s)", "", doc.pages))
            card.clicked.connect(lambda d=doc: self.document_chosen.emit(d))
            cards.append(card)
        self.document_list.set_items(cards, self.tr("No documents for this item."))

    def _render_signin(self, signin: SignInView | None) -> None:
        if signin is None:
            self.signin_state.setText(self.tr("Not signed in"))
            self.signin_badge.hide()
            self.signin_note.setText("")
            return
        self.signin_state.setText(
            self.tr("Signed in at {time}").format(time=labels.local_time(signin.signed_at))
        )
        self.signin_badge.show()
        if signin.rejection is not None:
            self.signin_badge.setText(self.tr("Not accepted by the server"))
            set_tone(self.signin_badge, "bad")
            self.signin_note.setText(
                self.tr("{reason} You are not counted as present yet.").format(
                    reason=messages.rejection(signin.rejection)
                )
            )
        elif signin.confirmed:
            self.signin_badge.setText(self.tr("Confirmed by the server"))
            set_tone(self.signin_badge, "good")
            self.signin_note.setText("")
        else:
            self.signin_badge.setText(self.tr("Saved on this terminal"))
            set_tone(self.signin_badge, "warn")
            self.signin_note.setText(self.tr("It will be sent to the secretariat automatically."))

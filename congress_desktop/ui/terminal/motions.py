"""Motions (议案): the list, and one motion's cause, grounds and proposal (案由/案据/方案)
with a link to its document (opens in the reader)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QWidget

from congress_desktop.store.views import DocumentView, MotionView
from congress_desktop.ui import labels
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.theme import set_tone
from congress_desktop.ui.widgets.cards import Card, CardList, ListCard, label


@dataclass(frozen=True)
class MotionsData:
    motions: list[MotionView]
    documents: dict[str, DocumentView]


class MotionsScreen(Screen):
    document_chosen = Signal(object)  # DocumentView
    watched_tables = frozenset({"motions", "delegates", "documents"})

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._motions: list[MotionView] = []
        self._documents: dict[str, DocumentView] = {}
        self._selected_id: str | None = None

        self.motion_list = CardList()
        detail = Card(spacing=10)
        self.detail_badge = label("", "badge", wrap=False)
        self.detail_number = label("", "muted")
        self.detail_title = label("", "title")
        self.lead_label = label("", "body")
        self.cosigners_label = label("", "muted")
        self.cause_caption = label("", "section")
        self.cause_text = label("", "body")
        self.grounds_caption = label("", "section")
        self.grounds_text = label("", "body")
        self.proposal_caption = label("", "section")
        self.proposal_text = label("", "body")
        self.detail_widgets = [
            self.detail_number, self.detail_title, self.lead_label, self.cosigners_label,
            self.cause_caption, self.cause_text, self.grounds_caption, self.grounds_text,
            self.proposal_caption, self.proposal_text,
        ]  # fmt: skip
        detail.body.addWidget(self.detail_badge, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in self.detail_widgets:
            detail.body.addWidget(widget)
        self.document_button = QPushButton()
        self.document_button.clicked.connect(self._on_document_clicked)
        self.document_note = label("", "muted")
        detail.body.addWidget(self.document_button, 0, Qt.AlignmentFlag.AlignLeft)
        detail.body.addWidget(self.document_note)
        detail.body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        self.detail_scroll = scroll

        row = QHBoxLayout()
        row.setSpacing(28)
        row.addWidget(self.motion_list, 4)
        row.addWidget(scroll, 6)
        self.layout_.addLayout(row, 1)
        self.retranslate()
        self.render()

    # ------------------------------------------------------------------ public

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Motions"))
        self.cause_caption.setText(self.tr("Cause"))
        self.grounds_caption.setText(self.tr("Grounds"))
        self.proposal_caption.setText(self.tr("Proposal"))

    def render(self) -> None:
        cards = []
        for motion in self._motions:
            card = ListCard(
                motion.title,
                self.tr("Motion No. {number} · led by {name}").format(
                    number=motion.number, name=motion.lead_name
                ),
            )
            card.set_selected(motion.id == self._selected_id)
            card.clicked.connect(lambda m=motion: self.select_motion(m.id))
            cards.append(card)
        self.motion_list.set_items(cards, self.tr("No motions yet."))
        self._render_detail()

    def refresh(self) -> None:
        store = self.ctx.store

        def load() -> MotionsData:
            return MotionsData(store.motions(), {d.id: d for d in store.documents()})

        self.ctx.ops.run(load, self._on_loaded, owner=self)

    def select_motion(self, motion_id: str) -> None:
        self._selected_id = motion_id
        self.render()
        self.detail_scroll.verticalScrollBar().setValue(0)

    def selected_motion(self) -> MotionView | None:
        return next((m for m in self._motions if m.id == self._selected_id), None)

    # ------------------------------------------------------------------ internals

    def linked_document(self) -> DocumentView | None:
        motion = self.selected_motion()
        return self._documents.get(motion.document_id or "") if motion else None

    def _on_loaded(self, data: MotionsData) -> None:
        motions = self._motions = data.motions
        self._documents = data.documents
        if self.selected_motion() is None:
            self._selected_id = motions[0].id if motions else None
        self.render()

    def _render_detail(self) -> None:
        motion = self.selected_motion()
        self.detail_badge.setVisible(motion is not None)
        for widget in self.detail_widgets:
            widget.setVisible(motion is not None)
        self._render_document()
        if motion is None:
            return
        self.detail_badge.setText(labels.motion_state_label(motion.state))
        set_tone(self.detail_badge, "gold")
        self.detail_number.setText(self.tr("Motion No. {number}").format(number=motion.number))
        self.detail_title.setText(motion.title)
        self.lead_label.setText(self.tr("Lead delegate: {name}").format(name=motion.lead_name))
        self.cosigners_label.setText(
            self.tr("Co-signed by %n delegate(s): {names}", "", len(motion.cosigner_names)).format(
                names=self.tr(", ").join(motion.cosigner_names)
            )
        )
        self.cause_text.setText(motion.cause)
        self.grounds_text.setText(motion.grounds)
        self.proposal_text.setText(motion.proposal)

    def _render_document(self) -> None:
        motion, doc = self.selected_motion(), self.linked_document()
        self.document_button.setVisible(doc is not None)
        self.document_button.setEnabled(doc is not None and doc.available)
        if doc is not None:
            self.document_button.setText(self.tr("Open document: {title}").format(title=doc.title))
        note = ""
        if motion is not None and motion.document_id and doc is None:
            note = self.tr("Its document is not on this terminal yet.")
        elif doc is not None and not doc.available:
            note = self.tr("The document is still downloading.")
        self.document_note.setText(note)
        self.document_note.setVisible(bool(note))

    def _on_document_clicked(self) -> None:
        doc = self.linked_document()
        if doc is not None and doc.available:
            self.document_chosen.emit(doc)

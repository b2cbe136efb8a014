"""The suggestion composer (提出建议): category, title, content and co-signers (附议代表);
drafts saved as you type.

A draft is written to the store at most half a second after a change (typing does not
postpone it) and restored when the form is opened again (after a restart too). Submitting
commits the suggestion and its outbox op locally and asks the engine to send it; the server
later assigns its number (第0001号). Co-signers are picked from a searchable list of the
session's delegates (:class:`CosignerPicker`); they confirm on their own terminals.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.model import SuggestionCategory, utcnow
from congress_desktop.store.views import DelegateView
from congress_desktop.ui import labels, messages
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.cosigner_picker import CosignerPicker
from congress_desktop.ui.theme import set_role
from congress_desktop.ui.widgets.button_grid import ButtonGrid
from congress_desktop.ui.widgets.cards import Card, MessageLabel, label

log = logging.getLogger(__name__)

AUTOSAVE_MS = 500
"""A draft is written at most this long after a change, even while typing goes on (a
crash or power cut loses at most the last half second or so)."""
TITLE_MAX = 300
CATEGORY_COLUMNS = 4


class SuggestionForm(QWidget):
    submitted = Signal(str)  # the new suggestion's id
    draft_saved = Signal()

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._restoring = False
        self._draft_loaded = False
        self.cosigner_ids: list[str] = []
        self._names: dict[str, str] = {}

        card = Card(spacing=12)
        self.category_caption = label("", "section")
        self.category_group = QButtonGroup(self)
        self.category_group.setExclusive(True)
        self.category_buttons: dict[str, QPushButton] = {}
        self.category_grid = grid = ButtonGrid(CATEGORY_COLUMNS, spacing=12)
        for category in SuggestionCategory:
            button = QPushButton()
            button.setCheckable(True)
            set_role(button, "choice")
            self.category_group.addButton(button)
            self.category_buttons[str(category)] = button
            grid.add_button(button)
        self.title_caption = label("", "section")
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(TITLE_MAX)
        self.content_caption = label("", "section")
        self.content_edit = QPlainTextEdit()
        self.content_edit.setMinimumHeight(120)
        self.cosigners_caption = label("", "section")
        self.cosigners_label = label("", "body")
        self.cosigners_button = QPushButton()
        self.cosigners_button.setMinimumWidth(240)
        cosigners_row = QHBoxLayout()
        cosigners_row.setSpacing(20)
        cosigners_row.addWidget(self.cosigners_caption)  # one row: the text box gets the height
        cosigners_row.addWidget(self.cosigners_label, 1)
        cosigners_row.addWidget(self.cosigners_button)
        self.message = MessageLabel()
        self.draft_label = label("", "muted")
        self.submit_button = QPushButton()
        set_role(self.submit_button, "primary")
        self.submit_button.setMinimumWidth(320)
        notes = QVBoxLayout()
        notes.addWidget(self.message)
        notes.addWidget(self.draft_label)
        actions = QHBoxLayout()
        actions.setSpacing(20)
        actions.addLayout(notes, 1)
        actions.addWidget(self.submit_button)

        card.body.addWidget(self.category_caption)
        card.body.addWidget(grid)
        card.body.addWidget(self.title_caption)
        card.body.addWidget(self.title_edit)
        card.body.addWidget(self.content_caption)
        card.body.addWidget(self.content_edit, 1)
        card.body.addLayout(cosigners_row)
        card.body.addLayout(actions)
        self.composer = card
        self.picker = CosignerPicker()
        self.pages = QStackedWidget()
        self.pages.addWidget(card)
        self.pages.addWidget(self.picker)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        self.title_edit.textChanged.connect(self._on_edited)
        self.content_edit.textChanged.connect(self._on_edited)
        self.category_group.buttonToggled.connect(self._on_edited)
        self.submit_button.clicked.connect(self._on_submit_clicked)
        self.cosigners_button.clicked.connect(self.open_picker)
        self.picker.done.connect(self._on_cosigners_picked)
        self._retranslate()

    # ------------------------------------------------------------------ public

    def category(self) -> str:
        for key, button in self.category_buttons.items():
            if button.isChecked():
                return key
        return ""

    def set_category(self, category: str) -> None:
        button = self.category_buttons.get(category)
        if button is not None:
            button.setChecked(True)
        else:
            self.category_group.setExclusive(False)
            for other in self.category_buttons.values():
                other.setChecked(False)
            self.category_group.setExclusive(True)

    def load_draft(self) -> None:
        """Restore the saved draft once per form (later refreshes keep what is typed)."""
        delegate = self.ctx.delegate
        if self._draft_loaded or delegate is None:
            return
        self._draft_loaded = True
        store = self.ctx.store

        def load() -> tuple[dict[str, object] | None, list[DelegateView]]:
            return store.load_draft(delegate.id), store.delegates()

        self.ctx.ops.run(load, self._on_draft_loaded)

    def open_picker(self) -> None:
        """Show the searchable list of delegates to choose co-signers from."""
        delegate = self.ctx.delegate
        if delegate is None:
            return
        store = self.ctx.store
        self.ctx.ops.run(
            lambda: [d for d in store.delegates() if d.id != delegate.id], self._on_people_loaded
        )

    def forget_fields(self) -> None:
        """Clear what is on screen (the draft stays saved); it is loaded again next time."""
        self._autosave.stop()
        self.pages.setCurrentWidget(self.composer)
        self._set_fields("", "", "", [])
        self.draft_label.setText("")
        self.message.clear_message()
        self._draft_loaded = False

    def flush_draft(self) -> None:
        """Save a pending draft now (when the screen is left)."""
        if self._autosave.isActive():
            self._autosave.stop()
            self._on_autosave_timeout()

    # ------------------------------------------------------------------ slots

    def _on_edited(self, *_args: object) -> None:
        if self._restoring:
            return
        if self.message.isVisible():  # "saved" or a problem with what was there: not this text
            self.message.clear_message()
        if not self._autosave.isActive():
            self._autosave.start()  # not restarted by later keys: typing never delays it

    def _on_autosave_timeout(self) -> None:
        delegate = self.ctx.delegate
        if delegate is None:
            return
        values = (self.title_edit.text(), self.content_edit.toPlainText(), self.category())
        cosigners = list(self.cosigner_ids)
        store = self.ctx.store
        self.ctx.ops.run(
            lambda: store.save_draft(delegate.id, *values, cosigners), self._on_draft_written
        )

    def _on_draft_written(self, _result: None) -> None:
        self.draft_label.setText(
            self.tr("Draft saved at {time}").format(time=labels.local_time(utcnow()))
        )
        self.draft_saved.emit()

    def _on_draft_loaded(self, loaded: tuple[dict[str, object] | None, list[DelegateView]]) -> None:
        draft, people = loaded
        self._names = {d.id: d.name for d in people}
        if draft is None or self._has_input():
            self._render_cosigners()
            return
        cosigners = [str(i) for i in draft.get("cosigner_ids") or []]  # type: ignore[attr-defined]
        self._set_fields(
            str(draft["title"]), str(draft["content"]), str(draft["category"]), cosigners
        )
        self.draft_label.setText(self.tr("Your unfinished draft has been restored."))

    def _on_people_loaded(self, people: list[DelegateView]) -> None:
        self._names.update({d.id: d.name for d in people})
        self.picker.open(people, self.cosigner_ids)
        self.pages.setCurrentWidget(self.picker)

    def _on_cosigners_picked(self, chosen: list[str]) -> None:
        self.pages.setCurrentWidget(self.composer)
        if chosen != self.cosigner_ids:
            self.cosigner_ids = list(chosen)
            self._render_cosigners()
            self._on_edited()

    def _on_submit_clicked(self) -> None:
        problem = self._validate()
        if problem:
            self.message.show_message(problem, "bad")
            return
        delegate = self.ctx.delegate
        assert delegate is not None  # _validate checked it
        self._autosave.stop()
        values = (self.title_edit.text(), self.content_edit.toPlainText(), self.category())
        cosigners = list(self.cosigner_ids)
        store = self.ctx.store
        self.ctx.ops.run(
            lambda: store.submit_suggestion(delegate.id, *values, cosigner_ids=cosigners),
            self._on_submitted,
            on_error=self._on_submit_failed,
            busy=self.submit_button,
        )

    def _on_submitted(self, suggestion_id: str) -> None:
        log.info("suggestion %s submitted", suggestion_id)
        self._set_fields("", "", "", [])
        self.draft_label.setText("")
        self.message.show_message(
            self.tr(
                "Your suggestion has been saved and will be sent to the secretariat. "
                "You can follow it under My suggestions."
            ),
            "good",
        )
        self.ctx.sync.nudge()
        self.submitted.emit(suggestion_id)

    def _on_submit_failed(self, error: Exception) -> None:
        self.message.show_message(messages.describe(error), "bad")

    # ------------------------------------------------------------------ internals

    def _validate(self) -> str:
        if self.ctx.delegate is None:
            return self.tr("Please sign in before submitting a suggestion.")
        if not self.category():
            return self.tr("Please choose a category.")
        if not self.title_edit.text().strip():
            return self.tr("Please enter a title.")
        if not self.content_edit.toPlainText().strip():
            return self.tr("Please write the content of your suggestion.")
        return ""

    def _has_input(self) -> bool:
        return bool(
            self.title_edit.text()
            or self.content_edit.toPlainText()
            or self.category()
            or self.cosigner_ids
        )

    def _set_fields(self, title: str, content: str, category: str, cosigner_ids: list[str]) -> None:
        self._restoring = True
        try:
            self.title_edit.setText(title)
            self.content_edit.setPlainText(content)
            self.set_category(category)
            self.cosigner_ids = list(cosigner_ids)
            self._render_cosigners()
        finally:
            self._restoring = False

    def _render_cosigners(self) -> None:
        if self.cosigner_ids:
            names = [self._names.get(i, i) for i in self.cosigner_ids]
            self.cosigners_label.setText(self.tr(", ").join(names))
            self.cosigners_button.setText(self.tr("Change co-signers…"))
        else:
            self.cosigners_label.setText(
                self.tr("None. Co-signers confirm on their own terminals.")
            )
            self.cosigners_button.setText(self.tr("Add co-signers…"))

    def _retranslate(self) -> None:
        self.category_caption.setText(self.tr("Category"))
        self.title_caption.setText(self.tr("Title"))
        self.content_caption.setText(self.tr("Content"))
        self.title_edit.setPlaceholderText(self.tr("A short title for your suggestion"))
        self.content_edit.setPlaceholderText(
            self.tr("Describe the problem, the reasons and what you propose.")
        )
        self.submit_button.setText(self.tr("Submit suggestion"))
        self.cosigners_caption.setText(self.tr("Co-signers (optional)"))
        self._render_cosigners()
        for key, button in self.category_buttons.items():
            button.setText(labels.category_label(key))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

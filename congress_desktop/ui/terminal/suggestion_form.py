"""The suggestion composer (提出建议): category, title, content; drafts saved as you type.

A draft is written to the store at most half a second after a change (typing does not
postpone it) and restored when the form is opened again (after a restart too). Submitting
commits the suggestion and its outbox op locally and asks the engine to send it; the server
later assigns its number (第0001号).
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
    QVBoxLayout,
    QWidget,
)

from congress_desktop.model import SuggestionCategory, utcnow
from congress_desktop.ui import labels, messages
from congress_desktop.ui.terminal.context import TerminalContext
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
        self.content_edit.setMinimumHeight(96)  # room for two-line categories (English)
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
        card.body.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(card)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        self.title_edit.textChanged.connect(self._on_edited)
        self.content_edit.textChanged.connect(self._on_edited)
        self.category_group.buttonToggled.connect(self._on_edited)
        self.submit_button.clicked.connect(self._on_submit_clicked)
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
        self.ctx.ops.run(lambda: store.load_draft(delegate.id), self._on_draft_loaded)

    def forget_fields(self) -> None:
        """Clear what is on screen (the draft stays saved); it is loaded again next time."""
        self._autosave.stop()
        self._set_fields("", "", "")
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
        if not self._restoring and not self._autosave.isActive():
            self._autosave.start()  # not restarted by later keys: typing never delays it

    def _on_autosave_timeout(self) -> None:
        delegate = self.ctx.delegate
        if delegate is None:
            return
        values = (self.title_edit.text(), self.content_edit.toPlainText(), self.category())
        store = self.ctx.store
        self.ctx.ops.run(lambda: store.save_draft(delegate.id, *values), self._on_draft_written)

    def _on_draft_written(self, _result: None) -> None:
        self.draft_label.setText(
            self.tr("Draft saved at {time}").format(time=labels.local_time(utcnow()))
        )
        self.draft_saved.emit()

    def _on_draft_loaded(self, draft: dict[str, str] | None) -> None:
        if draft is None or self._has_input():
            return
        self._set_fields(draft["title"], draft["content"], draft["category"])
        self.draft_label.setText(self.tr("Your unfinished draft has been restored."))

    def _on_submit_clicked(self) -> None:
        problem = self._validate()
        if problem:
            self.message.show_message(problem, "bad")
            return
        delegate = self.ctx.delegate
        assert delegate is not None  # _validate checked it
        self._autosave.stop()
        values = (self.title_edit.text(), self.content_edit.toPlainText(), self.category())
        store = self.ctx.store
        self.ctx.ops.run(
            lambda: store.submit_suggestion(delegate.id, *values),
            self._on_submitted,
            on_error=self._on_submit_failed,
            busy=self.submit_button,
        )

    def _on_submitted(self, suggestion_id: str) -> None:
        log.info("suggestion %s submitted", suggestion_id)
        self._set_fields("", "", "")
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
        return bool(self.title_edit.text() or self.content_edit.toPlainText() or self.category())

    def _set_fields(self, title: str, content: str, category: str) -> None:
        self._restoring = True
        try:
            self.title_edit.setText(title)
            self.content_edit.setPlainText(content)
            self.set_category(category)
        finally:
            self._restoring = False

    def _retranslate(self) -> None:
        self.category_caption.setText(self.tr("Category"))
        self.title_caption.setText(self.tr("Title"))
        self.content_caption.setText(self.tr("Content"))
        self.title_edit.setPlaceholderText(self.tr("A short title for your suggestion"))
        self.content_edit.setPlaceholderText(
            self.tr("Describe the problem, the reasons and what you propose.")
        )
        self.submit_button.setText(self.tr("Submit suggestion"))
        for key, button in self.category_buttons.items():
            button.setText(labels.category_label(key))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

"""Suggestions (代表建议): the composer, my suggestions and co-signing invitations, one tap
apart."""

from __future__ import annotations

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QStackedWidget, QWidget

from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.invitations import InvitationsList
from congress_desktop.ui.terminal.my_suggestions import MySuggestionsList
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.terminal.suggestion_form import SuggestionForm
from congress_desktop.ui.theme import set_role


class SuggestionsScreen(Screen):
    watched_tables = frozenset(
        {"suggestions", "suggestion_cosigners", "suggestion_events", "delegates"}
    )

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.form = SuggestionForm(ctx)
        self.my_list = MySuggestionsList(ctx)
        self.invitations = InvitationsList(ctx)
        self.open_invitations = 0
        self.new_button = QPushButton()
        self.mine_button = QPushButton()
        self.invitations_button = QPushButton()
        group = QButtonGroup(self)
        tabs = QHBoxLayout()
        tabs.setSpacing(12)
        for button in (self.new_button, self.mine_button, self.invitations_button):
            button.setCheckable(True)
            set_role(button, "choice")
            button.setMinimumWidth(240)
            group.addButton(button)
            tabs.addWidget(button)
        tabs.addStretch(1)
        self.new_button.setChecked(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.form)
        self.pages.addWidget(self.my_list)
        self.pages.addWidget(self.invitations)
        # the tabs sit beside the title: the composer needs the height (1920×1080)
        heading = QHBoxLayout()
        heading.setSpacing(36)
        self.layout_.removeWidget(self.title_label)
        heading.addWidget(self.title_label)
        heading.addLayout(tabs, 1)
        self.layout_.insertLayout(0, heading)
        self.layout_.addWidget(self.pages, 1)

        self.new_button.clicked.connect(self.show_form)
        self.mine_button.clicked.connect(self.show_mine)
        self.invitations_button.clicked.connect(self.show_invitations)
        self.form.submitted.connect(self._on_form_submitted)
        self.retranslate()

    # ------------------------------------------------------------------ public

    def show_form(self) -> None:
        self.new_button.setChecked(True)
        self.pages.setCurrentWidget(self.form)

    def show_mine(self) -> None:
        self.form.flush_draft()
        self.mine_button.setChecked(True)
        self.pages.setCurrentWidget(self.my_list)
        self.my_list.refresh()

    def show_invitations(self) -> None:
        self.form.flush_draft()
        self.invitations_button.setChecked(True)
        self.pages.setCurrentWidget(self.invitations)
        self.invitations.show_list()
        self.invitations.refresh()

    def set_open_invitations(self, count: int) -> None:
        """Invitations waiting for an answer (shown on the tab and the nav rail)."""
        self.open_invitations = count
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Suggestions"))
        self.new_button.setText(self.tr("New suggestion"))
        self.mine_button.setText(self.tr("My suggestions"))
        if self.open_invitations:
            self.invitations_button.setText(
                self.tr("Co-signing invitations ({count})").format(count=self.open_invitations)
            )
        else:
            self.invitations_button.setText(self.tr("Co-signing invitations"))

    def refresh(self) -> None:
        self.form.load_draft()
        self.my_list.refresh()
        self.invitations.refresh()

    # ------------------------------------------------------------------ slots

    def _on_form_submitted(self, _suggestion_id: str) -> None:
        self.my_list.refresh()

    # ------------------------------------------------------------------ Qt overrides

    def hideEvent(self, event: QHideEvent) -> None:
        self.form.flush_draft()
        super().hideEvent(event)

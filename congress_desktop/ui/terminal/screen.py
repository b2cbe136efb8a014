"""The base of every terminal screen: a page with a title, refreshed on data or language change.

Subclasses build their widgets in ``__init__``, set fixed texts in :meth:`retranslate` and
draw loaded data in :meth:`render` (both run again when the language changes), and load data
in :meth:`refresh` through ``ctx.ops`` (never on the GUI thread).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.widgets.cards import label

SCREEN_MARGIN = 36


class Screen(QWidget):
    #: replicated tables whose change makes this screen reload (see ``SyncBridge``)
    watched_tables: frozenset[str] = frozenset()

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.ctx = ctx
        self.title_label = label("", "title")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(SCREEN_MARGIN, 28, SCREEN_MARGIN, 20)
        self.layout_.setSpacing(20)
        self.layout_.addWidget(self.title_label)

    def retranslate(self) -> None:
        """Set fixed texts in the current language."""

    def render(self) -> None:
        """Show the loaded data (again) in the current language."""

    def refresh(self) -> None:
        """Reload data from the store (off the GUI thread) and render it."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.render()
        super().changeEvent(event)

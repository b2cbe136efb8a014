"""The console's main window: a navigation list of the screens the role may use, the screen,
and a status line. Pages are built only for actions in ``/me``; the rest do not exist."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.protocol import ConsoleRole
from congress_desktop.ui.common.i18n import current_language, switch_language
from congress_desktop.ui.console.context import ConsoleContext
from congress_desktop.ui.console.pages.agenda import AgendaPage
from congress_desktop.ui.console.pages.attendance import AttendancePage
from congress_desktop.ui.console.pages.base import Page
from congress_desktop.ui.console.pages.documents import DocumentsPage
from congress_desktop.ui.console.pages.motions import MotionsPage, NoticesPage
from congress_desktop.ui.console.pages.presenter import PresenterPageControl
from congress_desktop.ui.console.pages.reports import ReportsPage
from congress_desktop.ui.console.pages.roster import RosterPage
from congress_desktop.ui.console.pages.seats import SeatsPage
from congress_desktop.ui.console.pages.session import SessionPage
from congress_desktop.ui.console.pages.suggestions import SuggestionsPage
from congress_desktop.ui.console.pages.terminals import TerminalsPage

PAGES: tuple[type[Page], ...] = (
    SessionPage,
    RosterPage,
    SeatsPage,
    DocumentsPage,
    MotionsPage,
    NoticesPage,
    AgendaPage,
    PresenterPageControl,
    AttendancePage,
    TerminalsPage,
    SuggestionsPage,
    ReportsPage,
)


class ConsoleWindow(QMainWindow):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConsoleWindow")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Secretariat console"))
        self.resize(1400, 880)
        me = ctx.client.me
        roles = {
            ConsoleRole.SECRETARIAT: self.tr("secretariat"),
            ConsoleRole.HANDLING_UNIT: self.tr("handling unit"),
            ConsoleRole.TECHNICIAN: self.tr("technician"),
        }
        header = QFrame()
        header.setObjectName("Header")
        header_layout = QHBoxLayout(header)
        title = QLabel(self.tr("Secretariat console"))
        title.setObjectName("HeaderTitle")
        who = QLabel(
            self.tr("%1 (%2)")
            .replace("%1", me.username if me else "")
            .replace("%2", roles.get(me.role, "") if me else "")
        )
        who.setObjectName("HeaderUser")
        self.live = QLabel()
        self.live.setObjectName("HeaderLive")
        # names the language it switches to, in that language
        self.language_button = QPushButton("English" if current_language() != "en" else "中文")
        self.language_button.setObjectName("HeaderButton")
        self.language_button.clicked.connect(self.switch_language)
        self.replaced_by: ConsoleWindow | None = None
        logout = QPushButton(self.tr("Log out"))
        logout.setObjectName("HeaderButton")
        logout.clicked.connect(self.close)
        header_layout.addWidget(title)
        header_layout.addStretch(1)
        header_layout.addWidget(self.live)
        header_layout.addWidget(who)
        header_layout.addWidget(self.language_button)
        header_layout.addWidget(logout)

        self.nav = QListWidget()
        self.nav.setObjectName("Navigation")
        self.nav.setFixedWidth(230)
        self.stack = QStackedWidget()
        self.pages: list[Page] = []
        for page_type in PAGES:
            if page_type.allowed(ctx.may):
                page = page_type(ctx)
                self.pages.append(page)
                self.stack.addWidget(page)
                self.nav.addItem(page.title())
        self.empty = QLabel(self.tr("Your role has no screens in this console."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if not self.pages:
            self.stack.addWidget(self.empty)
        self.nav.currentRowChanged.connect(self._on_nav_changed)
        self.status = QLabel()
        self.status.setObjectName("StatusLine")
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        ctx.failed.connect(self.status.setText)
        ctx.events.received.connect(self._on_event)
        ctx.events.connected_changed.connect(self._on_connected)

    def start(self, row: int = 0) -> None:
        self.ctx.events.start()
        if self.pages:
            self.nav.setCurrentRow(min(max(row, 0), len(self.pages) - 1))

    def switch_language(self) -> ConsoleWindow:
        """zh_CN ⇄ English at run time: the window is built again in the other language, on
        the same screen and place, and this one closes (the session and the event stream
        stay)."""
        app = QApplication.instance()
        assert app is not None
        switch_language(app, "en" if current_language() != "en" else "zh_CN")
        window = ConsoleWindow(self.ctx)
        window.setGeometry(self.geometry())
        window.setWindowState(self.windowState())
        self.replaced_by = window
        self.ctx.failed.disconnect(self.status.setText)
        self.ctx.events.received.disconnect(self._on_event)
        self.ctx.events.connected_changed.disconnect(self._on_connected)
        window.show()
        window.start(self.nav.currentRow())
        if self.live.text():
            window._on_connected(self.live.text() == self.tr("● live"))
        self.close()
        return window

    def page(self, page_type: type[Page]) -> Page | None:
        return next((p for p in self.pages if isinstance(p, page_type)), None)

    def open_page(self, page_type: type[Page]) -> Page:
        page = self.page(page_type)
        if page is None:
            raise LookupError(f"{page_type.__name__} is not available to this role")
        self.nav.setCurrentRow(self.pages.index(page))
        return page

    def _on_nav_changed(self, row: int) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, Page) and hasattr(current, "stop"):
            current.stop()
        if 0 <= row < len(self.pages):
            self.stack.setCurrentWidget(self.pages[row])
            self.pages[row].refresh()

    def _on_event(self, kind: str, data: dict[str, object]) -> None:
        self.live.setText(self.tr("● live"))
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.on_event(kind, data)

    def _on_connected(self, connected: bool) -> None:
        self.live.setText(self.tr("● live") if connected else self.tr("○ reconnecting…"))

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages:
            if hasattr(page, "stop"):
                page.stop()
        if self.replaced_by is None:
            self.ctx.events.stop()
        super().closeEvent(event)

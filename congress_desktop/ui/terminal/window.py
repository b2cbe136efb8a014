"""The terminal's main window: header, navigation rail, the screens, the status bar.

It composes screens and routes between them; it owns no data. Data reloads when the sync
engine reports changed tables (only the screens that watch those tables reload).

The kiosk shell lives here too: full-screen and frameless with ``KioskSettings.kiosk``;
closing or minimising asks for the technician PIN; a hidden gesture on the header emblem (five
quick taps or a two-second press) opens the technician menu; an idle timer locks the terminal
back to sign-in; what is shown (screen, document, page) is written to the store on every
change and restored after a crash or power cut; an uncaught error shows a calm full-screen
message with a restart button.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.store.views import DocumentView, SignInView
from congress_desktop.ui import messages
from congress_desktop.ui.i18n import LanguageSwitcher
from congress_desktop.ui.terminal.context import SeatInfo, TerminalContext, load_seat
from congress_desktop.ui.terminal.home import HomeScreen
from congress_desktop.ui.terminal.kiosk import (
    CrashPanel,
    KioskSettings,
    TechnicianMenu,
    TechnicianPinPanel,
)
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.terminal.signin import SignInScreen
from congress_desktop.ui.terminal.status import StatusBar
from congress_desktop.ui.theme import apply_theme, set_tone
from congress_desktop.ui.touch_keyboard import KeyboardAwareScrollArea, set_keyboard_language
from congress_desktop.ui.widgets.cards import MessageLabel, label
from congress_desktop.ui.widgets.watchers import BadgeReader, IdleWatcher, SecretTapLabel

if TYPE_CHECKING:
    from congress_desktop.ui.terminal.agenda import AgendaScreen
    from congress_desktop.ui.terminal.documents import DocumentsScreen
    from congress_desktop.ui.terminal.motions import MotionsScreen
    from congress_desktop.ui.terminal.notices import NoticesScreen
    from congress_desktop.ui.terminal.suggestions import SuggestionsScreen
    from congress_desktop.ui.terminal.viewer import ViewerScreen

log = logging.getLogger(__name__)

SEAT_TABLES = frozenset({"congress_sessions", "sittings", "delegates", "delegations", "seats"})
NAV_KEYS = ("home", "agenda", "documents", "motions", "notices", "suggestions")
SCREEN_KEYS = frozenset({"signin", *NAV_KEYS})
LAZY_SCREENS = ("agenda", "documents", "motions", "notices", "suggestions")
"""Built on their first visit (or first use), not at start: the terminal starts to sign-in or
home, and the rest cost ~0.05 s of imports and widgets that the first screen does not need."""
BANNER_MS = 12_000


@dataclass(frozen=True)
class StartState:
    seat: SeatInfo
    signin: SignInView | None
    ui: dict[str, Any]
    documents: list[DocumentView]


class TerminalWindow(QMainWindow):
    def __init__(
        self,
        ctx: TerminalContext,
        languages: LanguageSwitcher | None = None,
        settings: KioskSettings | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("TerminalWindow")
        self.ctx = ctx
        self.settings = settings or KioskSettings()
        self.languages = languages or LanguageSwitcher(QApplication.instance())
        self.exit_action = ""  # "exit" or "restart" once the technician chose to leave
        self.unread_count = 0  # notices the signed-in delegate has not opened
        self._viewer: ViewerScreen | None = None
        self._leaving = False
        self._restored = False
        self._locked = False
        self.large_type = self.settings.large_type  # the theme was applied with it
        self.resize(1920, 1080)

        self.signin = SignInScreen(ctx)
        self.home = HomeScreen(ctx)
        self.screens: dict[str, Screen] = {"signin": self.signin, "home": self.home}
        self._open_invitations = 0
        self.stack = QStackedWidget()
        # the screen is the size it is: a tall screen is squeezed, the window never grows
        self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        for screen in self.screens.values():
            self.stack.addWidget(screen)

        self.status_bar = StatusBar(ctx)
        self.banner = MessageLabel()
        self._banner_timer = QTimer(self, singleShot=True, interval=BANNER_MS)
        self._banner_timer.timeout.connect(self.banner.clear_message)

        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(0)
        content.addWidget(self.banner)
        # the on-screen keyboard lifts the visible part of the screen above itself
        self.screen_scroll = KeyboardAwareScrollArea(self.stack)
        content.addWidget(self.screen_scroll, 1)
        middle = QHBoxLayout()
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(0)
        middle.addWidget(self._build_nav())
        middle.addLayout(content, 1)
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_header())
        layout.addLayout(middle, 1)
        layout.addWidget(self.status_bar)
        self.main_page = root
        self.technician_pin = TechnicianPinPanel(ctx)
        self.technician_menu = TechnicianMenu(ctx)
        self.crash_panel = CrashPanel()
        self.shell = QStackedWidget()
        for page in (root, self.technician_pin, self.technician_menu, self.crash_panel):
            self.shell.addWidget(page)
        self.setCentralWidget(self.shell)

        self.idle = IdleWatcher(self.settings.idle_lock_s or 1e9, self)
        self.idle.idle.connect(self.lock)
        self.badge_reader = BadgeReader(self)
        self.badge_reader.accepts = self.signin.looks_like_badge
        self.badge_reader.read.connect(self.signin.sign_in_with_badge)
        self.emblem.triggered.connect(lambda: self.ask_technician("menu"))
        self.technician_pin.accepted.connect(self._on_technician_accepted)
        self.technician_pin.cancelled.connect(self.show_main)
        self.technician_menu.closed.connect(self.show_main)
        self.technician_menu.restart_requested.connect(lambda: self.leave("restart"))
        self.technician_menu.exit_requested.connect(lambda: self.leave("exit"))
        self.crash_panel.restart_requested.connect(lambda: self.leave("restart"))
        ctx.sync.follow_received.connect(self._on_follow_received)

        self.signin.signed_in.connect(self._on_signed_in)
        self.home.link_activated.connect(self.show_screen)
        self.home.document_chosen.connect(self.open_document)
        self.home.notices_requested.connect(lambda: self.show_screen("notices"))
        ctx.sync.notice_received.connect(self._on_notice_received)
        self.language_button.clicked.connect(self._on_language_clicked)
        self.large_type_button.toggled.connect(self.set_large_type)
        ctx.ops.failed.connect(self._on_ops_failed)
        ctx.sync.tables_changed.connect(self._on_tables_changed)
        self._return_to = "documents"
        self.retranslate()
        self.show_screen("signin")

    # ------------------------------------------------------------------ public

    def start(self) -> None:
        """Load who sits here; go to home directly if already signed in for this sitting."""
        store, seat_number = self.ctx.store, self.ctx.identity.seat_number

        def load() -> StartState:
            seat = load_seat(store, seat_number)
            signin = None
            if seat.delegate is not None and seat.sitting is not None:
                signin = store.my_signin(seat.delegate.id, seat.sitting.id)
            return StartState(seat, signin, store.load_ui_state(), store.documents())

        self.ctx.ops.run(load, self._on_started)

    @property
    def agenda(self) -> AgendaScreen:
        return self._screen("agenda")  # type: ignore[return-value]

    @property
    def documents(self) -> DocumentsScreen:
        return self._screen("documents")  # type: ignore[return-value]

    @property
    def motions(self) -> MotionsScreen:
        return self._screen("motions")  # type: ignore[return-value]

    @property
    def notices(self) -> NoticesScreen:
        return self._screen("notices")  # type: ignore[return-value]

    @property
    def suggestions(self) -> SuggestionsScreen:
        return self._screen("suggestions")  # type: ignore[return-value]

    def built(self, key: str) -> bool:
        """Whether the screen ``key`` exists yet (see :data:`LAZY_SCREENS`)."""
        return key in self.screens

    def _screen(self, key: str) -> Screen:
        """The screen ``key``, built and wired on first use."""
        screen = self.screens.get(key)
        if screen is not None:
            return screen
        if key == "agenda":
            from congress_desktop.ui.terminal.agenda import AgendaScreen

            agenda = screen = AgendaScreen(self.ctx)
            agenda.document_chosen.connect(self.open_document)
        elif key == "documents":
            from congress_desktop.ui.terminal.documents import DocumentsScreen

            documents = screen = DocumentsScreen(self.ctx)
            documents.document_chosen.connect(self.open_document)
        elif key == "motions":
            from congress_desktop.ui.terminal.motions import MotionsScreen

            motions = screen = MotionsScreen(self.ctx)
            motions.document_chosen.connect(self.open_document)
        elif key == "notices":
            from congress_desktop.ui.terminal.notices import NoticesScreen

            notices = screen = NoticesScreen(self.ctx)
            notices.unread_changed.connect(self._set_unread)
        elif key == "suggestions":
            from congress_desktop.ui.terminal.suggestions import SuggestionsScreen

            suggestions = screen = SuggestionsScreen(self.ctx)
            suggestions.form.submitted.connect(self._on_suggestion_submitted)
            suggestions.invitations.answered.connect(lambda *_a: self.refresh_invitations())
            suggestions.set_open_invitations(self._open_invitations)
        elif key == "viewer":
            return self.viewer
        else:
            raise KeyError(key)
        self.screens[key] = screen
        self.stack.addWidget(screen)
        return screen

    @property
    def viewer(self) -> ViewerScreen:
        """The document viewer, built on first use (PyMuPDF is not needed to start)."""
        if self._viewer is None:
            from congress_desktop.ui.terminal.viewer import ViewerScreen

            viewer = self._viewer = ViewerScreen(self.ctx)
            self.stack.addWidget(viewer)
            self.screens["viewer"] = viewer
            viewer.page_changed.connect(self._save_ui_state)
            viewer.follow_button.toggled.connect(self._save_ui_state)
            viewer.presenter_requested.connect(self._on_presenter_requested)
            viewer.back_requested.connect(self._on_viewer_back_requested)
        return self._viewer

    @property
    def started(self) -> bool:
        """The first :meth:`start` has shown its screen (sign-in, or where it was)."""
        return self._restored

    def current_key(self) -> str:
        widget = self.stack.currentWidget()
        return next(k for k, s in self.screens.items() if s is widget)

    def show_screen(self, key: str) -> None:
        if key != "signin" and not self.ctx.signed_in:
            key = "signin"
        screen = self._screen(key)
        self.stack.setCurrentWidget(screen)
        self.nav_rail.setVisible(self.ctx.signed_in)
        nav_key = {"viewer": self._return_to, "signin": None}.get(key, key)
        for name, button in self.nav_buttons.items():
            button.setChecked(name == nav_key)
        self.badge_reader.enabled = key == "signin"
        if key == "signin":
            self.signin.reset()
        elif key != "viewer":
            screen.refresh()
        self._save_ui_state()

    def open_document(self, doc: DocumentView, page: int = 0) -> None:
        self._return_to = self.current_key() if self.current_key() != "viewer" else "documents"
        self.viewer.open_document(doc, page)
        self.show_screen("viewer")
        self.viewer.setFocus()

    # ------------------------------------------------------------------ kiosk shell

    def apply_kiosk(self) -> None:
        """Full-screen and frameless (kiosk), or a normal window (development)."""
        if self.settings.kiosk:
            self.setWindowFlags(
                self.windowFlags()
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )
            self.showFullScreen()
        else:
            self.show()

    def ask_technician(self, action: str) -> None:
        """Cover the screen with the technician PIN pad; ``action`` runs once it is right."""
        self.badge_reader.enabled = False
        self.technician_pin.ask(action)
        self.shell.setCurrentWidget(self.technician_pin)

    def show_main(self) -> None:
        self.shell.setCurrentWidget(self.main_page)
        self.badge_reader.enabled = self.current_key() == "signin"

    def show_crash(self) -> None:
        """The calm full-screen message after an uncaught error (work is saved already)."""
        if self.built("suggestions"):
            self.suggestions.form.flush_draft()
        self.badge_reader.enabled = False
        self.shell.setCurrentWidget(self.crash_panel)

    def leave(self, action: str) -> None:
        """Close for good: ``exit`` to the desktop or ``restart`` (``run_terminal`` re-execs)."""
        log.info("terminal %s requested", action)
        self.exit_action = action
        self._leaving = True
        self.close()

    def lock(self) -> None:
        """Idle lock: back to sign-in; nothing of the delegate's stays on screen."""
        if not self.ctx.signed_in:
            return
        log.info("idle lock after %.0f s", self.idle.seconds)
        if self.built("suggestions"):
            self.suggestions.form.flush_draft()
            self.suggestions.form.forget_fields()
            self.suggestions.my_list.show_list()  # no suggestion's details left open
            self.suggestions.invitations.show_list()
        if self._viewer is not None:
            self._viewer.close_document()
        self.ctx.signed_in = False
        self._locked = True
        self.idle.stop()
        self._render_header()
        self.show_main()
        self.show_screen("signin")
        self.status_bar.refresh()

    def ui_state(self) -> dict[str, Any]:
        state: dict[str, Any] = {
            "screen": self.current_key(),
            "locked": self._locked,
            "following": self._viewer is not None and self._viewer.following,
            "large_type": self.large_type,
        }
        doc = self._viewer.document if self._viewer is not None else None
        if state["screen"] == "viewer" and doc is not None:
            state.update(document_id=doc.id, page=self.viewer.page, back=self._return_to)
        return state

    def _save_ui_state(self, *_args: object) -> None:
        if not self._restored:
            return  # nothing to save before the saved state has been restored
        state, store = self.ui_state(), self.ctx.store
        self.ctx.ops.run(lambda: store.save_ui_state(state))

    def _restore(self, state: StartState) -> None:
        ui = state.ui
        if ui.get("following"):
            self.viewer.set_following(True)
        key = ui.get("screen", "home")
        if key == "viewer":
            doc = next((d for d in state.documents if d.id == ui.get("document_id")), None)
            if doc is not None:
                self._return_to = str(ui.get("back", "documents"))
                self.viewer.open_document(doc, int(ui.get("page", 0)))
                self.show_screen("viewer")
                log.info("restored %s at page %s", doc.title, ui.get("page", 0))
                return
            key = "home"
        self.show_screen(key if key in SCREEN_KEYS and key != "signin" else "home")

    def set_large_type(self, large: bool) -> None:
        """Large type on or off: every font of every screen grows (or shrinks back); kept in
        the saved UI state, so it survives a restart."""
        self.large_type_button.setChecked(large)
        if large == self.large_type:
            return
        self.large_type = large
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, large=large)
        log.info("large type %s", "on" if large else "off")
        self._save_ui_state()

    def show_banner(self, text: str, tone: str = "bad") -> None:
        self.banner.show_message(text, tone)
        self._banner_timer.start()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Delegate terminal"))
        texts = {
            "home": self.tr("Home"),
            "agenda": self.tr("Agenda"),
            "documents": self.tr("Documents"),
            "motions": self.tr("Motions"),
            "notices": self.tr("Notices"),
            "suggestions": self.tr("Suggestions"),
        }
        for key, button in self.nav_buttons.items():
            button.setText(texts[key])
        # the button names the language it switches TO, in that language
        self.language_button.setText("English" if self.languages.language != "en" else "中文")
        self.large_type_button.setText(self.tr("A+ Large text"))
        self._render_header()

    # ------------------------------------------------------------------ building

    def _build_header(self) -> QFrame:
        header = QFrame(objectName="Header")
        header.setFixedHeight(96)
        self.emblem = emblem = SecretTapLabel("★")
        emblem.setObjectName("HeaderEmblem")
        self.header_title = label("", wrap=False)
        self.header_title.setObjectName("HeaderTitle")
        self.header_delegate = label("", wrap=False)
        self.header_delegate.setObjectName("HeaderDelegate")
        self.language_button = QPushButton(objectName="LanguageButton")
        self.language_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.large_type_button = QPushButton(objectName="LargeTypeButton")
        self.large_type_button.setCheckable(True)
        self.large_type_button.setChecked(self.large_type)
        self.large_type_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(header)
        row.setContentsMargins(32, 0, 32, 0)
        row.setSpacing(18)
        row.addWidget(emblem)
        row.addWidget(self.header_title, 1)
        row.addWidget(self.header_delegate)
        row.addWidget(self.large_type_button)
        row.addWidget(self.language_button)
        return header

    def _build_nav(self) -> QFrame:
        self.nav_rail = QFrame(objectName="NavRail")
        # at least 250 px; wider when a language's labels need it (it never cuts a label)
        self.nav_rail.setMinimumWidth(250)
        self.nav_rail.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(self.nav_rail)
        column.setContentsMargins(0, 24, 0, 24)
        column.setSpacing(6)
        group = QButtonGroup(self)
        self.nav_buttons: dict[str, QPushButton] = {}
        for key in NAV_KEYS:
            button = QPushButton(objectName="NavButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.show_screen(k))
            group.addButton(button)
            self.nav_buttons[key] = button
            if key in ("notices", "suggestions"):
                badge = label("", "badge", wrap=False)
                badge.setObjectName("NavBadge")
                set_tone(badge, "bad")
                button.setProperty("badge", True)  # room on the right for the count
                badge.hide()
                inner = QHBoxLayout(button)
                inner.setContentsMargins(0, 0, 18, 0)
                inner.addStretch(1)
                inner.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
                if key == "notices":
                    self.notices_badge = badge
                else:
                    self.invitations_badge = badge  # co-signing invitations to answer
            column.addWidget(button)
        column.addStretch(1)
        return self.nav_rail

    def _render_header(self) -> None:
        seat = self.ctx.seat
        self.header_title.setText(seat.session.title if seat.session else self.tr("Congress"))
        delegate = seat.delegate
        if delegate is not None and self.ctx.signed_in:
            self.header_delegate.setText(
                self.tr("{name} · Seat {seat}").format(
                    name=delegate.name, seat=self.ctx.identity.seat_number
                )
            )
        else:
            self.header_delegate.setText(
                self.tr("Seat {seat}").format(seat=self.ctx.identity.seat_number or "—")
            )

    # ------------------------------------------------------------------ slots

    def _on_started(self, state: StartState) -> None:
        self.ctx.seat = state.seat
        self._render_header()
        self.signin.render()
        self.status_bar.refresh()
        first = not self._restored
        if first and "large_type" in state.ui:
            self.set_large_type(bool(state.ui["large_type"]))  # the delegate's last choice
        self._restored = True
        if first and state.ui.get("locked"):
            self._locked = True  # locked before the restart: sign in again
        elif state.signin is not None and not self.ctx.signed_in and not self._locked:
            self.ctx.signed_in = True
            self._render_header()
            self._start_idle()
            self.refresh_unread()
            self.refresh_invitations()
            if first:
                self._restore(state)
            else:
                self.show_screen("home")
        self._save_ui_state()

    def refresh_unread(self) -> None:
        """Count the notices the signed-in delegate has not opened (nav rail and home)."""
        store, delegate = self.ctx.store, self.ctx.delegate
        if delegate is None or not self.ctx.signed_in:
            return
        self.ctx.ops.run(
            lambda: len(store.unread_notices(delegate.id)), self._set_unread, owner=self
        )

    def refresh_invitations(self) -> None:
        """Count the co-signing invitations waiting for the delegate's answer (nav rail)."""
        store, delegate = self.ctx.store, self.ctx.delegate
        if delegate is None or not self.ctx.signed_in:
            return
        self.ctx.ops.run(
            lambda: store.open_invitations(delegate.id), self._set_invitations, owner=self
        )

    def _set_invitations(self, count: int) -> None:
        self.invitations_badge.setText(str(count) if count < 100 else "99+")
        self.invitations_badge.setVisible(count > 0)
        self._open_invitations = count
        if self.built("suggestions"):
            self.suggestions.set_open_invitations(count)

    def _set_unread(self, count: int) -> None:
        self.unread_count = count
        self.notices_badge.setText(str(count) if count < 100 else "99+")
        self.notices_badge.setVisible(count > 0)
        self.home.set_unread_count(count)

    def _on_notice_received(self, _notice_id: str, title: str) -> None:
        if self.ctx.signed_in:
            self.show_banner(self.tr("New notice: {title}").format(title=title), "info")

    def _on_signed_in(self, _signin: SignInView) -> None:
        self.ctx.signed_in = True
        self._locked = False
        self._render_header()
        self.status_bar.refresh()
        self.refresh_unread()
        self.refresh_invitations()
        self._start_idle()
        self.show_screen("home")

    def _start_idle(self) -> None:
        if self.settings.idle_lock_s > 0:
            self.idle.start()

    def _on_follow_received(self, document_id: str, page: int) -> None:
        """The presenter turned a page: follow if following and reading (never pull the
        delegate out of another screen; the viewer offers to go back to the presenter)."""
        viewer = self.viewer
        if viewer.follow(document_id, page):
            return
        if viewer.following and not viewer.away and self.current_key() == "viewer":
            self._on_presenter_requested(document_id, page)

    def _on_presenter_requested(self, document_id: str, page: int) -> None:
        viewer = self.viewer
        if viewer.document is not None and viewer.document.id == document_id:
            viewer.follow(document_id, page)
            return
        store = self.ctx.store

        def find() -> DocumentView | None:
            return next((d for d in store.documents() if d.id == document_id), None)

        def opened(doc: DocumentView | None) -> None:
            if doc is None:
                log.info("the presenter's document %s is not on this terminal", document_id)
                return
            self.open_document(doc, page)
            self.viewer.follow(document_id, page)

        self.ctx.ops.run(find, opened, owner=self)

    def _on_technician_accepted(self, action: str) -> None:
        if action in ("exit", "restart"):
            self.leave(action)
        else:
            self.technician_menu.open()
            self.shell.setCurrentWidget(self.technician_menu)

    def _on_suggestion_submitted(self, _suggestion_id: str) -> None:
        self.status_bar.refresh()

    def _on_viewer_back_requested(self) -> None:
        self.show_screen(self._return_to)

    def _on_language_clicked(self) -> None:
        self.languages.toggle()
        set_keyboard_language(self.languages.language)  # the on-screen keyboard follows
        self.retranslate()

    def _on_ops_failed(self, error: object) -> None:
        text = (
            messages.describe(error) if isinstance(error, BaseException) else messages.unexpected()
        )
        self.show_banner(text)

    def _on_tables_changed(self, tables: frozenset[str]) -> None:
        if tables & SEAT_TABLES:
            self.start()
        if "notices" in tables:
            self.refresh_unread()
        if tables & {"suggestions", "suggestion_cosigners"}:
            self.refresh_invitations()
        current = self.stack.currentWidget()
        for screen in self.screens.values():
            if screen is current and tables & screen.watched_tables:
                screen.refresh()
        self.status_bar.refresh()

    # ------------------------------------------------------------------ Qt overrides

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif (
            event.type() == QEvent.Type.WindowStateChange
            and self.settings.kiosk
            and self.isMinimized()
            and not self._leaving
        ):
            QTimer.singleShot(0, self.showFullScreen)  # a kiosk is never minimised
            QTimer.singleShot(0, lambda: self.ask_technician("menu"))
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings.kiosk and not self._leaving:
            event.ignore()  # Alt+F4, the window manager: only the technician may close
            self.ask_technician("exit")
            return
        if self.built("suggestions"):
            self.suggestions.form.flush_draft()
        if self._viewer is not None:
            self._viewer.close_document()
        self.idle.stop()
        super().closeEvent(event)

"""Login: username and password; a wrong password shows a translated message."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.console_client import ConsoleClient
from congress_desktop.protocol import MeResponse
from congress_desktop.ui.console.messages import describe
from congress_desktop.ui.ops import Ops


class LoginDialog(QDialog):
    def __init__(self, client: ConsoleClient, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        self._client = client
        self._ops = ops
        self.me: MeResponse | None = None
        self.setWindowTitle(self.tr("Secretariat console — log in"))
        self.setMinimumWidth(460)
        heading = QLabel(self.tr("Secretariat console"))
        heading.setObjectName("LoginTitle")
        server = QLabel(self.tr("Server: %1").replace("%1", client.server_url))
        server.setObjectName("LoginServer")
        self.username = QLineEdit()
        self.username.setObjectName("Username")
        self.password = QLineEdit()
        self.password.setObjectName("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.error = QLabel()
        self.error.setObjectName("LoginError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setObjectName("PrimaryButton")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        form = QFormLayout()
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(server)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.login_button)

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._show_error(self.tr("Enter your username and password."))
            return
        self.error.hide()
        self._ops.run(
            lambda: self._client.login(username, password),
            self._logged_in,
            on_error=lambda exc: self._show_error(describe(exc)),
            busy=self.login_button,
        )

    def _logged_in(self, me: MeResponse) -> None:
        self.me = me
        self.accept()

    def _show_error(self, text: str) -> None:
        self.password.clear()
        self.error.setText(text)
        self.error.show()

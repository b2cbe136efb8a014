"""Admin API errors as sentences staff can read (translated); the server's own English
reason is appended where it names what is wrong (a refused file, a bad row)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from congress_desktop.console_client import AdminApiError

log = logging.getLogger(__name__)


def describe(error: BaseException) -> str:
    """A translated sentence for ``error`` (each call spelled out for pyside6-lupdate)."""
    if not isinstance(error, AdminApiError):
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
        return QCoreApplication.translate(
            "ConsoleMessages", "Something went wrong in the console. Please try again."
        )
    if error.status == 0:
        return QCoreApplication.translate(
            "ConsoleMessages", "The server cannot be reached. Check the network and try again."
        )
    if error.status == 401:
        return QCoreApplication.translate(
            "ConsoleMessages", "Wrong username or password, or the login has expired."
        )
    if error.status == 403:
        return QCoreApplication.translate("ConsoleMessages", "Your role is not allowed to do this.")
    if error.status == 404:
        return QCoreApplication.translate(
            "ConsoleMessages", "This no longer exists on the server. Please refresh."
        )
    if error.status == 409:
        return QCoreApplication.translate(
            "ConsoleMessages", "This was changed elsewhere in the meantime: %1"
        ).replace("%1", error.server_message)
    if 400 <= error.status < 500:
        return QCoreApplication.translate("ConsoleMessages", "The server refused this: %1").replace(
            "%1", error.server_message
        )
    return QCoreApplication.translate(
        "ConsoleMessages", "The server had a problem (%1). Please try again."
    ).replace("%1", str(error.status))

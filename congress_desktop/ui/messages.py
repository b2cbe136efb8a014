"""The one place where an error becomes a sentence a delegate can read.

Screens never show ``str(error)``: that text is English and written for technicians (it goes
to the log). They show :func:`describe`, which picks a translated sentence by
:class:`~congress_desktop.errors.ErrorKind`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from congress_desktop.errors import CongressError, ErrorKind

log = logging.getLogger(__name__)


def for_kind(kind: ErrorKind) -> str:
    """The translated sentence shown for an error of ``kind``."""
    # Each call is spelled out so that pyside6-lupdate can find the source strings.
    match kind:
        case ErrorKind.OFFLINE:
            return QCoreApplication.translate(
                "Messages",
                "The server cannot be reached. Your action is saved on this terminal "
                "and will be sent automatically.",
            )
        case ErrorKind.AUTH:
            return QCoreApplication.translate(
                "Messages", "This terminal is not accepted by the server. Please call a technician."
            )
        case ErrorKind.LOCKED:
            return QCoreApplication.translate(
                "Messages",
                "Too many wrong PINs. Sign-in is locked; please ask the secretariat staff.",
            )
        case ErrorKind.INVALID_INPUT:
            return QCoreApplication.translate(
                "Messages", "Some information is missing or not valid. Please check and try again."
            )
        case ErrorKind.CONFLICT:
            return QCoreApplication.translate(
                "Messages", "This was changed elsewhere in the meantime. Please look again."
            )
        case ErrorKind.NOT_FOUND:
            return QCoreApplication.translate(
                "Messages", "This item is no longer available on this terminal."
            )
        case ErrorKind.CORRUPT:
            return QCoreApplication.translate(
                "Messages",
                "This document cannot be opened on this terminal. A fresh copy will be "
                "downloaded; please ask the staff if this persists.",
            )
        case ErrorKind.DISK_FULL:
            return QCoreApplication.translate(
                "Messages", "This terminal is out of storage space. Please call a technician."
            )
        case ErrorKind.NOT_PROVISIONED:
            return QCoreApplication.translate(
                "Messages",
                "This terminal has not been set up for a seat yet. Please call a technician.",
            )
        case _:
            return unexpected()


def unexpected() -> str:
    return QCoreApplication.translate(
        "Messages",
        "Something went wrong on this terminal. Your work is saved. "
        "If this happens again, please call a technician.",
    )


def describe(error: BaseException) -> str:
    """A translated sentence for any error; unexpected ones are logged with their traceback."""
    if isinstance(error, CongressError):
        log.info("%s: %s", error.kind, error)
        return for_kind(error.kind)
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return unexpected()

"""The one place where an error becomes a sentence a delegate can read.

Screens never show ``str(error)``: that text is English and written for technicians (it goes
to the log). They show :func:`describe`, which picks a translated sentence by
:class:`~congress_desktop.errors.ErrorKind`, and :func:`rejection`, which words why the server
rejected an op by its :class:`~congress_desktop.op_kinds.RejectCode`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from congress_desktop.errors import CongressError, ErrorKind
from congress_desktop.op_kinds import RejectCode
from congress_desktop.store.views import Rejection

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


def rejection(refused: Rejection) -> str:
    """Why the server did not accept an action, in the delegate's language. A code this
    terminal does not know (a newer server) or none (an older one) shows the server's own
    words, which are English."""
    text = _rejection_text(refused.code)
    if text is not None:
        return text
    log.info("server rejection without a known code (%s): %s", refused.code, refused.reason)
    return refused.reason or QCoreApplication.translate(
        "Messages", "The server did not accept this."
    )


def _rejection_text(code: str | None) -> str | None:
    try:
        known = RejectCode(code) if code is not None else None
    except ValueError:
        return None
    # Each call is spelled out so that pyside6-lupdate can find the source strings.
    match known:
        case RejectCode.INVALID:
            return QCoreApplication.translate(
                "Messages",
                "The terminal sent something the server could not read. Please call a technician.",
            )
        case RejectCode.UNSUPPORTED:
            return QCoreApplication.translate(
                "Messages", "The server does not support this yet. Please call a technician."
            )
        case RejectCode.NO_DELEGATE_AT_SEAT:
            return QCoreApplication.translate(
                "Messages",
                "No delegate is assigned to this seat. Please ask the secretariat staff.",
            )
        case RejectCode.NOT_YOUR_SEAT:
            return QCoreApplication.translate(
                "Messages", "You are not assigned to this seat. Please ask the secretariat staff."
            )
        case RejectCode.STAFF_ONLY:
            return QCoreApplication.translate(
                "Messages", "This sign-in can only be made by the secretariat staff."
            )
        case RejectCode.NO_SITTING:
            return QCoreApplication.translate(
                "Messages", "This sitting no longer exists. Please ask the secretariat staff."
            )
        case RejectCode.NO_SESSION:
            return QCoreApplication.translate(
                "Messages", "No congress session is open for suggestions."
            )
        case RejectCode.ID_IN_USE:
            return QCoreApplication.translate(
                "Messages", "This clashed with another record on the server. Please do it again."
            )
        case RejectCode.NOT_FOUND:
            return QCoreApplication.translate(
                "Messages", "This item no longer exists on the server."
            )
        case RejectCode.TITLE_EMPTY:
            return QCoreApplication.translate("Messages", "The title is empty.")
        case RejectCode.COSIGNER_TWICE:
            return QCoreApplication.translate("Messages", "A co-signer was chosen twice.")
        case RejectCode.LEAD_AS_COSIGNER:
            return QCoreApplication.translate("Messages", "You cannot co-sign your own suggestion.")
        case RejectCode.UNKNOWN_COSIGNER:
            return QCoreApplication.translate(
                "Messages", "One of the chosen co-signers is not a delegate of this session."
            )
        case RejectCode.NOT_INVITED:
            return QCoreApplication.translate(
                "Messages", "You were not invited to co-sign this suggestion."
            )
        case RejectCode.ALREADY_ANSWERED:
            return QCoreApplication.translate(
                "Messages", "You had already answered this invitation."
            )
        case RejectCode.COSIGNING_CLOSED:
            return QCoreApplication.translate(
                "Messages", "This suggestion is no longer open for co-signing."
            )
        case RejectCode.NOT_AUTHOR:
            return QCoreApplication.translate(
                "Messages", "Only the suggestion's author can give feedback on the reply."
            )
        case RejectCode.NOT_REPLIED:
            return QCoreApplication.translate(
                "Messages", "Feedback can be given only after a reply."
            )
        case RejectCode.NOTE_TOO_LARGE:
            return QCoreApplication.translate(
                "Messages", "This note is too large to be saved on the server."
            )
        case RejectCode.NOT_YOUR_NOTE:
            return QCoreApplication.translate("Messages", "This note belongs to another delegate.")
        case _:
            return None

"""The kinds and outcomes of terminal ops, why one is rejected, and the note limits: plain
enums and numbers.

Part of the wire protocol (:mod:`congress_desktop.protocol` re-exports them), kept apart so
the terminal's store can use them without importing pydantic and the protocol's models,
which the first screen does not need (see docs/terminal-performance.md).
"""

from __future__ import annotations

from enum import StrEnum


class OpKind(StrEnum):
    SIGNIN = "signin"
    SUGGESTION_SUBMIT = "suggestion.submit"
    SUGGESTION_COSIGN = "suggestion.cosign"  # an invited delegate confirms or declines
    SUGGESTION_FEEDBACK = "suggestion.feedback"  # the author rates the reply
    ANNOTATION_UPSERT = "annotation.upsert"
    ANNOTATION_DELETE = "annotation.delete"


class OpStatus(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"  # seen before: ``detail`` is the stored first result
    REJECTED = "rejected"  # an acknowledgement too: never retried


class RejectCode(StrEnum):
    """Why the server rejected an op, for the terminal to say in the delegate's language
    (``OpResult.code``; ``OpResult.reason`` is the server's own English text, for logs and
    for a code the terminal does not know yet)."""

    INVALID = "invalid"  # the payload does not parse: a terminal bug, not the delegate's
    UNSUPPORTED = "unsupported"  # an op kind this server does not know (an older server)
    NO_DELEGATE_AT_SEAT = "no_delegate_at_seat"
    NOT_YOUR_SEAT = "not_your_seat"  # the delegate is not assigned to this terminal's seat
    STAFF_ONLY = "staff_only"  # a staff sign-in (补签) from a terminal
    NO_SITTING = "no_sitting"
    NO_SESSION = "no_session"
    ID_IN_USE = "id_in_use"  # the op's row id (or the op id) belongs to something else
    NOT_FOUND = "not_found"  # the suggestion or document it refers to does not exist
    TITLE_EMPTY = "title_empty"
    COSIGNER_TWICE = "cosigner_twice"
    LEAD_AS_COSIGNER = "lead_as_cosigner"
    UNKNOWN_COSIGNER = "unknown_cosigner"
    NOT_INVITED = "not_invited"
    ALREADY_ANSWERED = "already_answered"  # an invitation answered the other way before
    COSIGNING_CLOSED = "cosigning_closed"
    NOT_AUTHOR = "not_author"
    NOT_REPLIED = "not_replied"  # feedback before the reply
    NOTE_TOO_LARGE = "note_too_large"
    NOT_YOUR_NOTE = "not_your_note"


ANNOTATION_TEXT_MAX = 5000
ANNOTATION_GEOMETRY_POINTS_MAX = 20000

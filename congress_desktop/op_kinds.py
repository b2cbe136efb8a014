"""The kinds and outcomes of terminal ops, and the note limits: plain enums and numbers.

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


ANNOTATION_TEXT_MAX = 5000
ANNOTATION_GEOMETRY_POINTS_MAX = 20000

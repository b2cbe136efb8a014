"""One error tree. Every error the user can meet has a kind; the UI turns kinds into
translated messages in one place (``ui/messages.py``), the CLI prints ``str(error)``."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    OFFLINE = "offline"  # server unreachable / network down
    AUTH = "auth"  # missing or invalid credential, wrong PIN
    LOCKED = "locked"  # too many wrong PINs
    INVALID_INPUT = "invalid_input"  # user or file input that cannot be accepted
    CONFLICT = "conflict"
    NOT_FOUND = "not_found"
    CORRUPT = "corrupt"  # a file that fails verification (hash, PDF structure)
    DISK_FULL = "disk_full"
    SERVER = "server"  # the server answered with an error it should not have
    NOT_PROVISIONED = "not_provisioned"


class CongressError(Exception):
    """Base of every error this program raises on purpose."""

    kind: ErrorKind = ErrorKind.SERVER

    def __init__(self, message: str, *, kind: ErrorKind | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind


class OfflineError(CongressError):
    kind = ErrorKind.OFFLINE

    @classmethod
    def reaching(cls, base_url: str, exc: BaseException) -> OfflineError:
        """The server at ``base_url`` could not be reached (or stopped answering): ``exc``."""
        reason = str(exc) or type(exc).__name__
        return cls(f"server unreachable at {base_url}: {reason}")


class AuthError(CongressError):
    kind = ErrorKind.AUTH


class InvalidInputError(CongressError):
    kind = ErrorKind.INVALID_INPUT


class CorruptFileError(CongressError):
    kind = ErrorKind.CORRUPT


class NotProvisionedError(CongressError):
    kind = ErrorKind.NOT_PROVISIONED

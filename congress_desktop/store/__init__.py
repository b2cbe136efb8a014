"""The terminal's offline-first local store (SQLite): replica, outbox, sync state, blobs."""

from congress_desktop.store.identity import Identity, load_identity, save_identity
from congress_desktop.store.terminal_store import PinLockedError, TerminalStore

__all__ = ["Identity", "PinLockedError", "TerminalStore", "load_identity", "save_identity"]

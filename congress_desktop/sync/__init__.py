"""Terminal ⇄ server synchronisation: HTTP client, blob downloads, the sync loop (no Qt)."""

from congress_desktop.sync.client import SyncClient, enroll
from congress_desktop.sync.engine import SyncEngine, SyncEvent, SyncStatus
from congress_desktop.sync.once import arun_sync_once, run_sync_once
from congress_desktop.sync.provision import aprovision, provision

__all__ = [
    "SyncClient",
    "SyncEngine",
    "SyncEvent",
    "SyncStatus",
    "aprovision",
    "arun_sync_once",
    "enroll",
    "provision",
    "run_sync_once",
]

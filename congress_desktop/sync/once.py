"""``congress-desktop sync --once --data DIR``: preload a terminal before the session.

Syncs until caught up, re-verifies every cached document against its hash, downloads what is
missing or damaged, and returns the store's summary for the technician to check.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from congress_desktop.config import TerminalPaths
from congress_desktop.errors import CongressError, ErrorKind
from congress_desktop.store.identity import load_identity
from congress_desktop.store.terminal_store import TerminalStore
from congress_desktop.sync.blobs import verify_cached
from congress_desktop.sync.engine import SyncEngine

log = logging.getLogger(__name__)

MAX_ROUNDS = 3


async def arun_sync_once(data_dir: Path, *, max_rounds: int = MAX_ROUNDS) -> dict[str, int]:
    """Sync ``data_dir``'s terminal completely once; return ``TerminalStore.summary()``.

    Raises NotProvisionedError (no identity), OfflineError (server unreachable: one line),
    AuthError (credential refused), CorruptFileError / CongressError when documents cannot be
    completed after ``max_rounds`` attempts.
    """
    identity = load_identity(data_dir)
    loop = asyncio.get_running_loop()
    store = await loop.run_in_executor(None, TerminalStore, TerminalPaths(data_dir))
    engine = SyncEngine(store, identity)
    try:
        bad = await loop.run_in_executor(None, verify_cached, store)
        if bad:
            log.warning("%d cached document(s) failed verification; downloading again", len(bad))
        for attempt in range(1, max_rounds + 1):
            try:
                await engine.sync_once(fetch_documents=True)
            except CongressError as exc:
                if exc.kind in (ErrorKind.OFFLINE, ErrorKind.AUTH) or attempt == max_rounds:
                    raise
                log.warning("sync round %d failed (%s); trying again", attempt, exc)
                continue
            missing = await loop.run_in_executor(None, store.documents_to_fetch)
            if not missing:
                break
            if attempt == max_rounds:
                raise CongressError(f"{len(missing)} document(s) could not be downloaded")
        return await loop.run_in_executor(None, store.summary)
    finally:
        await engine.aclose()
        await loop.run_in_executor(None, store.close)


def run_sync_once(data_dir: Path) -> dict[str, int]:
    """Blocking form of :func:`arun_sync_once` for the CLI (runs its own event loop)."""
    return asyncio.run(arun_sync_once(data_dir))

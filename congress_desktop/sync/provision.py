"""Provisioning: bind a terminal's data directory to a server with a one-time token.

``provision`` spends the token (``POST /enroll``), stores the returned credential in
``identity.json`` (mode 0600) and creates the local store. A data directory already bound to a
*different* server is refused unless ``force=True``, which then discards its local database
(replica and outbox belong to the other server; cached documents are kept — they are checked
against their hashes before reuse). Re-provisioning to the same server keeps the outbox and
reloads the replica, since the new terminal may see different rows (e.g. another seat).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from pathlib import Path

from congress_desktop import __version__
from congress_desktop.config import TerminalPaths
from congress_desktop.errors import CongressError, ErrorKind, NotProvisionedError
from congress_desktop.store.identity import Identity, load_identity, save_identity
from congress_desktop.store.terminal_store import TerminalStore
from congress_desktop.sync.client import enroll, normalize_url

log = logging.getLogger(__name__)


def current_identity(data_dir: Path) -> Identity | None:
    """The identity ``data_dir`` holds, or None when it is not (readably) provisioned."""
    try:
        return load_identity(data_dir)
    except NotProvisionedError:
        return None


def _wipe_database(paths: TerminalPaths) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = paths.database.with_name(paths.database.name + suffix)
        path.unlink(missing_ok=True)


def _prepare_store(paths: TerminalPaths, *, wipe: bool, reload: bool) -> None:
    if wipe:
        _wipe_database(paths)
    store = TerminalStore(paths)
    try:
        if reload:
            store.reset_replica()
    finally:
        store.close()


async def aprovision(
    server_url: str,
    token: str,
    data_dir: Path,
    name: str | None = None,
    *,
    force: bool = False,
    app_version: str = __version__,
) -> Identity:
    """Enroll this terminal with ``server_url`` using ``token``; return the saved Identity.

    Raises AuthError (unknown, used or expired token — the server's message), OfflineError
    (server unreachable), CongressError(CONFLICT) when ``data_dir`` belongs to another server
    and ``force`` is not set.
    """
    url = normalize_url(server_url)
    existing = current_identity(data_dir)
    other_server = existing is not None and normalize_url(existing.server_url) != url
    if other_server and not force:
        assert existing is not None
        raise CongressError(
            f"{data_dir} is already provisioned to {existing.server_url}; "
            f"use --force to re-provision it to {url} (its local data will be discarded)",
            kind=ErrorKind.CONFLICT,
        )
    response = await enroll(url, token, name or socket.gethostname(), app_version)
    identity = Identity(
        server_url=url,
        terminal_id=response.terminal_id,
        credential=response.credential,
        seat_number=response.seat_number,
        session_id=response.session_id,
    )
    paths = TerminalPaths(data_dir)
    loop = asyncio.get_running_loop()
    if other_server and existing is not None:
        log.warning("re-provisioning %s from %s to %s", data_dir, existing.server_url, url)
    await loop.run_in_executor(
        None,
        lambda: _prepare_store(paths, wipe=other_server, reload=existing is not None),
    )
    save_identity(data_dir, identity)
    log.info(
        "terminal %s provisioned to %s (seat %s)", identity.terminal_id, url, identity.seat_number
    )
    return identity


def provision(
    server_url: str,
    token: str,
    data_dir: Path,
    name: str | None = None,
    *,
    force: bool = False,
    app_version: str = __version__,
) -> Identity:
    """Blocking form of :func:`aprovision` for the CLI (runs its own event loop)."""
    return asyncio.run(
        aprovision(server_url, token, data_dir, name, force=force, app_version=app_version)
    )

"""The sync loop: push the outbox, pull until caught up, fetch documents, wait, repeat.

Runs on an asyncio loop (the GUI's qasync loop on a terminal, a plain loop in the CLI);
every blocking store call goes to the loop's default executor, so the loop thread never waits
on SQLite. Failures never stop the loop: it marks itself offline and retries with
exponential backoff and jitter (``backoff_initial`` → ``backoff_max``) on its own, and at
once on :meth:`SyncEngine.nudge`.

Documents download in a background task (current agenda item first, at most
``max_downloads`` at a time) so that a big file never delays the push of a sign-in.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import functools
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from congress_desktop import model
from congress_desktop.errors import CongressError, ErrorKind, InvalidInputError, OfflineError
from congress_desktop.model import utcnow
from congress_desktop.protocol import PUSH_BATCH_MAX, Op, OpResult, OpStatus
from congress_desktop.store.identity import Identity
from congress_desktop.store.terminal_store import TerminalStore
from congress_desktop.store.views import DocumentView
from congress_desktop.sync.blobs import fetch_blob
from congress_desktop.sync.client import SyncClient

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_RESETS = 3


@dataclass(frozen=True)
class SyncStatus:
    online: bool = False  # the last sync round reached the server and succeeded
    last_sync: dt.datetime | None = None  # end of the last successful round (UTC)
    outbox_pending: int = 0
    documents_total: int = 0
    documents_cached: int = 0
    last_error: str | None = None
    rejected: int = 0  # ops the server refused (the delegate is shown why)


@dataclass(frozen=True)
class SyncEvent:
    status: SyncStatus
    changed_tables: frozenset[str] = frozenset()  # replicated tables a pull/ack changed


Listener = Callable[[SyncEvent], None]


class SyncEngine:
    def __init__(
        self,
        store: TerminalStore,
        identity: Identity,
        *,
        poll_interval: float = 5.0,
        client: SyncClient | None = None,
        backoff_initial: float = 0.5,
        backoff_max: float = 30.0,
        pull_limit: int = 1000,
        max_downloads: int = 2,
    ) -> None:
        self.store = store
        self.identity = identity
        self.poll_interval = poll_interval
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.pull_limit = pull_limit
        self.max_downloads = max_downloads
        self._client = client
        self._owns_client = client is None
        self._status = SyncStatus()
        self._listeners: list[Listener] = []
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        self._round_lock: asyncio.Lock | None = None
        self._fetch_task: asyncio.Task[None] | None = None
        self._retry_blob_at: dict[str, float] = {}

    # ------------------------------------------------------------------ public

    @property
    def status(self) -> SyncStatus:
        return self._status

    @property
    def client(self) -> SyncClient:
        if self._client is None:
            self._client = SyncClient(self.identity)
        return self._client

    def add_listener(self, callback: Listener) -> Callable[[], None]:
        """Call ``callback(SyncEvent)`` on the loop thread on every change; returns a remover."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def nudge(self) -> None:
        """Run a round now (after a user action, an SSE event…); safe from any thread."""
        loop = self._loop
        if loop is None or loop.is_closed():
            self._wake.set()
        else:  # thread-safe, and fine on the loop thread too
            loop.call_soon_threadsafe(self._wake.set)

    def stop(self) -> None:
        self._stopping = True
        self.nudge()

    async def run(self) -> None:
        """Sync until :meth:`stop`; never raises for sync failures (they go to ``status``)."""
        self._bind_loop()
        delay = self.backoff_initial
        try:
            while not self._stopping:
                try:
                    await self._round()
                    self._start_fetch()
                    delay, wait = self.backoff_initial, self.poll_interval
                except CongressError as exc:
                    await self._failed(exc)
                    wait, delay = random.uniform(delay / 2, delay), min(delay * 2, self.backoff_max)
                except Exception as exc:  # a bug must not kill the loop: log it, retry later
                    log.exception("sync round failed unexpectedly")
                    await self._failed(exc)
                    wait, delay = random.uniform(delay / 2, delay), min(delay * 2, self.backoff_max)
                await self._sleep(wait)
        finally:
            self._stopping = False
            await self._stop_fetch()
            await self.aclose()

    async def sync_once(self, fetch_documents: bool = True) -> None:
        """One full round (push, pull until caught up, documents); raises on any failure."""
        self._bind_loop()
        try:
            await self._round()
            if fetch_documents:
                await self._stop_fetch()
                await self._fetch_documents(retry_all=True, raise_first=True)
        except Exception as exc:
            await self._failed(exc)
            raise

    async def aclose(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aclose()
            self._client = None

    # ------------------------------------------------------------------ one round

    def _bind_loop(self) -> None:
        """Loop-bound primitives belong to the loop that runs us (a new one in each test)."""
        loop = asyncio.get_running_loop()
        if self._loop is loop:
            return
        self._loop = loop
        nudged, self._wake = self._wake.is_set(), asyncio.Event()
        if nudged:
            self._wake.set()
        self._round_lock = asyncio.Lock()

    async def _round(self) -> None:
        assert self._round_lock is not None, "_bind_loop() first"
        async with self._round_lock:
            await self._push()
            await self._pull()
            counts = await self._db(self.store.status_counts)
            if not self._status.online:
                log.info("sync with %s is working", self.identity.server_url)
            self._update(
                online=True, last_sync=utcnow(), last_error=None, **dataclasses.asdict(counts)
            )

    async def _push(self) -> None:
        while True:
            ops = await self._db(self.store.pending_ops, PUSH_BATCH_MAX)
            if not ops:
                return
            results = await self._push_batch(ops)
            changed = await self._db(self.store.record_results, results)
            await self._refresh_counts(frozenset(changed))
            sent = {op.op_id for op in ops}
            if not sent & {r.op_id for r in results}:
                raise CongressError("the server acknowledged none of the ops sent")
            if len(ops) < PUSH_BATCH_MAX:
                return

    async def _push_batch(self, ops: list[Op]) -> list[OpResult]:
        try:
            return (await self.client.push(ops)).results
        except InvalidInputError as exc:
            if exc.kind is ErrorKind.NOT_FOUND:
                await self._db(self.store.record_failure, [op.op_id for op in ops], str(exc))
                raise
            if len(ops) > 1:  # find the op the server cannot take; the others go through
                results: list[OpResult] = []
                for op in ops:
                    results += await self._push_batch([op])
                return results
            log.warning("op %s (%s) refused by the server: %s", ops[0].op_id, ops[0].kind, exc)
            return [OpResult(op_id=ops[0].op_id, status=OpStatus.REJECTED, reason=str(exc))]
        except CongressError as exc:
            await self._db(self.store.record_failure, [op.op_id for op in ops], str(exc))
            raise

    async def _pull(self) -> None:
        resets = 0
        while True:
            epoch, since = await self._db(self.store.cursor)
            page = await self.client.pull(epoch, since, self.pull_limit)
            result = await self._db(self.store.apply_pull, page)
            if result.reset:
                resets += 1
                log.warning("server asked for a reset (epoch %s); reloading", page.epoch)
                if resets > MAX_RESETS:
                    raise CongressError("the server keeps resetting this terminal's cursor")
                await self._refresh_counts(frozenset(model.REPLICATED_TABLES))
                continue
            if result.tables:
                await self._refresh_counts(frozenset(result.tables))
            if not page.has_more:
                return
            if page.next <= since:
                raise CongressError(f"the server's pull cursor does not advance ({since})")

    # ------------------------------------------------------------------ documents

    def _start_fetch(self) -> None:
        if self._fetch_task is None or self._fetch_task.done():
            self._fetch_task = asyncio.create_task(
                self._fetch_documents(), name="congress-sync-documents"
            )

    async def _stop_fetch(self) -> None:
        task, self._fetch_task = self._fetch_task, None
        if task is not None and not task.done():
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                if not task.cancelled():  # we were cancelled ourselves
                    raise

    async def _fetch_documents(self, *, retry_all: bool = False, raise_first: bool = False) -> None:
        docs = await self._db(self.store.documents_to_fetch)
        now = time.monotonic()
        if not retry_all:
            docs = [d for d in docs if self._retry_blob_at.get(d.sha256, 0.0) <= now]
        if not docs:
            return
        queue: asyncio.Queue[DocumentView] = asyncio.Queue()
        for doc in docs:
            queue.put_nowait(doc)
        errors: list[Exception] = []
        workers = [self._download_worker(queue, errors) for _ in range(self.max_downloads)]
        await asyncio.gather(*workers)
        if errors and raise_first:
            raise errors[0]

    async def _download_worker(
        self, queue: asyncio.Queue[DocumentView], errors: list[Exception]
    ) -> None:
        while not queue.empty() and not self._stopping:
            doc = queue.get_nowait()
            try:
                await fetch_blob(self.client, self.store, doc.sha256, doc.size)
            except CongressError as exc:
                errors.append(exc)
                self._retry_blob_at[doc.sha256] = time.monotonic() + self.backoff_max
                log.warning("document %r not downloaded: %s", doc.title, exc)
                if isinstance(exc, OfflineError):
                    self._update(last_error=str(exc), online=False)
                else:
                    self._update(last_error=str(exc))
                if isinstance(exc, OfflineError) or exc.kind is ErrorKind.DISK_FULL:
                    while not queue.empty():  # the others would fail the same way
                        queue.get_nowait()
                continue
            self._retry_blob_at.pop(doc.sha256, None)
            await self._refresh_counts()

    # ------------------------------------------------------------------ plumbing

    async def _db(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, functools.partial(fn, *args))

    async def _refresh_counts(self, changed: frozenset[str] = frozenset()) -> None:
        counts = await self._db(self.store.status_counts)
        self._update(changed, **dataclasses.asdict(counts))

    async def _failed(self, exc: Exception) -> None:
        message = str(exc) or type(exc).__name__
        if self._status.online or self._status.last_error != message:
            log.warning("sync failed: %s", message)
        try:
            counts = dataclasses.asdict(await self._db(self.store.status_counts))
        except Exception:  # the status still has to go offline
            log.exception("cannot read the outbox counts")
            counts = {}
        self._update(online=False, last_error=message, **counts)

    def _update(self, changed: frozenset[str] = frozenset(), **fields: Any) -> None:
        new = dataclasses.replace(self._status, **fields)
        if new == self._status and not changed:
            return
        self._status = new
        event = SyncEvent(new, changed)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("sync listener %r failed", listener)

    async def _sleep(self, timeout: float) -> None:
        if not self._wake.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
        self._wake.clear()

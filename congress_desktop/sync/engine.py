"""The sync loop: push the outbox, pull until caught up, fetch documents, wait, repeat.

Runs on an asyncio loop (the GUI's qasync loop on a terminal, a plain loop in the CLI);
every blocking store call goes to the loop's default executor, so the loop thread never waits
on SQLite. Failures never stop the loop: it marks itself offline and retries with
exponential backoff and jitter (``backoff_initial`` → ``backoff_max``) on its own — a 503 or
a dropped connection is retried on this timer with no user action — and at once on
:meth:`SyncEngine.nudge`. Every round pushes the outbox first, so pending ops leave on every
nudge, every event-stream reconnect and every poll.

Real time (``GET /api/v1/events``, Server-Sent Events), alongside the loop while :meth:`run`
runs:

- ``changes {seq}``: a pull after a random 0–``pull_jitter`` s (default 0.3), skipped when the
  cursor has already reached ``seq``;
- ``current_item {seq, agenda_version, current_item_id}``: listeners get a
  :class:`SyncEvent` with ``current_item`` set at once (the screen may move before the pull),
  then the jittered pull brings the stored state; an event older than what the terminal has
  (lower agenda version or seq) is dropped, so the current item never goes backwards;
- ``follow {document_id, page, presenter}`` and ``notice {id, title}``: listeners get a
  :class:`SyncEvent` with ``follow`` / ``notice`` set.

The stream reconnects with backoff + jitter and ``Last-Event-ID``; every (re)connect runs a
round (push + catch-up pull). While it is down the loop polls every ``poll_interval`` s (60 by
default); while it is up, every ``stream_poll_interval`` s as a safety net. A server without
the endpoint (404) is polled, and asked again only every ``events_absent_retry`` s.

Heartbeats (``POST /api/v1/heartbeat``: app version, cached documents, outbox count, free
disk, terminal time) go outside the outbox, latest only: every ``heartbeat_interval`` s and
after sync rounds (at most one per ``heartbeat_min_gap`` s). A server without the endpoint
(404) is not asked again until restart. A heartbeat answer showing the server ahead of the
cursor triggers a pull (a poll that costs nothing when there is nothing new).

Documents download from a queue persisted in the store (the current agenda item's files
first, then the rest; see :mod:`congress_desktop.store.downloads`), at most
``max_downloads`` at a time, in a background task so a big file never delays a sign-in; an
interrupted file resumes from its ``.part`` after a restart. A file that would leave less than
``disk_reserve`` bytes free is not started: ``status.disk_full`` is set (with the reason in
``last_error`` / ``download_error``) and downloads wait ``download_retry`` s before trying
again; nothing partial is ever published. Files of superseded document versions are deleted
once no document row refers to them (after a complete pull).

The API for screens (backward compatible with the walking skeleton):
``status`` (a :class:`SyncStatus`), ``add_listener(callback) -> remover`` (callbacks get a
:class:`SyncEvent` on the loop thread), ``nudge()`` (any thread), ``stop()``, ``run()``,
``sync_once()``. Additions: ``SyncStatus.stream_connected``, ``bytes_total`` /
``bytes_cached`` / ``bytes_done`` (overall progress), ``downloads`` (per-file progress of the
files downloading now), ``downloads_queued``, ``disk_full``, ``download_error``,
``clock_offset_s``; ``SyncEvent.current_item`` / ``follow`` / ``notice`` (protocol event models;
None on ordinary status events — a listener that ignores them keeps working);
``SyncEngine.document_progress(sha256)``; the queue itself is
``TerminalStore.download_queue()``.

Async generators: the event stream closes its line iterator explicitly (``aclosing``), so
it does not depend on asyncio's async-generator hooks, which qasync does not install (see
STACK-NOTES); installing them in ``main()`` is still recommended for other libraries.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import functools
import logging
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from congress_desktop import __version__, clock, model
from congress_desktop.errors import (
    AuthError,
    CongressError,
    ErrorKind,
    InvalidInputError,
    OfflineError,
)
from congress_desktop.model import utcnow
from congress_desktop.protocol import (
    PUSH_BATCH_MAX,
    ChangesEvent,
    CurrentItemEvent,
    EventType,
    FollowEvent,
    HeartbeatRequest,
    NoticeEvent,
    Op,
    OpResult,
    OpStatus,
)
from congress_desktop.store.downloads import QueuedDownload
from congress_desktop.store.identity import Identity
from congress_desktop.store.replica import ClockSample
from congress_desktop.store.terminal_store import StatusCounts, TerminalStore
from congress_desktop.sync.blobs import DISK_RESERVE, fetch_blob, part_path
from congress_desktop.sync.client import SyncClient
from congress_desktop.sync.sse import ServerSentEvent, SSEParser

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_RESETS = 3
PROGRESS_EVERY_S = 0.25


@dataclass(frozen=True)
class DownloadProgress:
    """A document file downloading now."""

    sha256: str
    title: str
    bytes_done: int
    bytes_total: int


@dataclass(frozen=True)
class SyncStatus:
    online: bool = False  # the last sync round reached the server and succeeded
    last_sync: dt.datetime | None = None  # end of the last successful round (UTC)
    outbox_pending: int = 0
    documents_total: int = 0
    documents_cached: int = 0
    last_error: str | None = None
    rejected: int = 0  # ops the server refused (the delegate is shown why)
    stream_connected: bool = False  # the real-time event stream is open
    bytes_total: int = 0  # size of every document file of the session
    bytes_cached: int = 0  # of those, verified on disk
    downloads: tuple[DownloadProgress, ...] = ()  # files downloading now
    downloads_queued: int = 0  # files still to download (including those)
    disk_full: bool = False  # downloads stopped: the disk is (nearly) full
    download_error: str | None = None  # why the last download failed (None after a success)
    clock_offset_s: float | None = None  # server time minus this terminal's wall time

    @property
    def bytes_done(self) -> int:
        """Overall download progress: verified files plus what is in flight."""
        return self.bytes_cached + sum(d.bytes_done for d in self.downloads)


@dataclass(frozen=True)
class SyncEvent:
    status: SyncStatus
    changed_tables: frozenset[str] = frozenset()  # replicated tables a pull/ack changed
    current_item: CurrentItemEvent | None = None  # the agenda moved (before the pull)
    follow: FollowEvent | None = None  # follow the presenter (同步翻页)
    notice: NoticeEvent | None = None  # a notice was published (its row comes with a pull)


Listener = Callable[[SyncEvent], None]


class SyncEngine:
    def __init__(
        self,
        store: TerminalStore,
        identity: Identity,
        *,
        poll_interval: float = 60.0,
        client: SyncClient | None = None,
        backoff_initial: float = 0.5,
        backoff_max: float = 30.0,
        pull_limit: int = 1000,
        max_downloads: int = 2,
        events: bool = True,
        stream_poll_interval: float = 300.0,
        pull_jitter: float = 0.3,
        stream_backoff_max: float = 30.0,
        events_absent_retry: float = 300.0,
        heartbeat_interval: float | None = 30.0,
        heartbeat_min_gap: float = 10.0,
        download_retry: float | None = None,
        disk_reserve: int = DISK_RESERVE,
        app_version: str = __version__,
    ) -> None:
        self.store = store
        self.identity = identity
        self.poll_interval = poll_interval
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.pull_limit = pull_limit
        self.max_downloads = max_downloads
        self.events = events
        self.stream_poll_interval = stream_poll_interval
        self.pull_jitter = pull_jitter
        self.stream_backoff_max = stream_backoff_max
        self.events_absent_retry = events_absent_retry
        self.heartbeat_interval = heartbeat_interval
        self.heartbeat_min_gap = heartbeat_min_gap
        self.download_retry = backoff_max if download_retry is None else download_retry
        self.disk_reserve = disk_reserve
        self.app_version = app_version
        self._client = client
        self._owns_client = client is None
        self._status = SyncStatus()
        self._listeners: list[Listener] = []
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        self._round_lock: asyncio.Lock | None = None
        self._fetch_task: asyncio.Task[None] | None = None
        self._fetch_wake = asyncio.Event()
        self._pick_lock: asyncio.Lock | None = None
        self._busy: set[str] = set()
        self._progress: dict[str, DownloadProgress] = {}
        self._progress_emitted = 0.0
        # real time
        self._cursor = -1  # in memory, for skipping pulls; -1: not read yet
        self._wanted_seq = 0
        self._pull_timer: asyncio.TimerHandle | None = None
        self._poll_timer: asyncio.TimerHandle | None = None
        self._last_event_id: str | None = None
        self._sse_retry_s: float | None = None
        self._agenda_mark: tuple[int, int] = (-1, -1)  # (agenda version, agendas row seq)
        self._heartbeat_supported = True
        self._heartbeat_wake = asyncio.Event()
        self._last_beat = 0.0

    # ------------------------------------------------------------------ public

    @property
    def status(self) -> SyncStatus:
        return self._status

    @property
    def client(self) -> SyncClient:
        if self._client is None:
            self._client = SyncClient(self.identity, app_version=self.app_version)
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

    def document_progress(self, sha256: str) -> tuple[int, int] | None:
        """(bytes done, bytes total) of a file downloading now, else None."""
        progress = self._progress.get(sha256)
        return None if progress is None else (progress.bytes_done, progress.bytes_total)

    async def run(self) -> None:
        """Sync until :meth:`stop`; never raises for sync failures (they go to ``status``)."""
        self._bind_loop()
        helpers: list[asyncio.Task[None]] = []
        if self.events:
            helpers.append(asyncio.create_task(self._events_loop(), name="congress-sync-events"))
        if self.heartbeat_interval:
            helpers.append(asyncio.create_task(self._heartbeat_loop(), name="congress-heartbeat"))
        delay = self.backoff_initial
        try:
            while not self._stopping:
                try:
                    await self._round()
                    self._start_fetch()
                    delay = self.backoff_initial
                    wait = (
                        self.stream_poll_interval
                        if self._status.stream_connected
                        else self.poll_interval
                    )
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
            for handle in (self._pull_timer, self._poll_timer):
                if handle is not None:
                    handle.cancel()
            self._pull_timer = self._poll_timer = None
            for task in helpers:
                task.cancel()
            for task in helpers:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if self._status.stream_connected:
                self._update(stream_connected=False)
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
        self._pick_lock = asyncio.Lock()
        self._fetch_wake = asyncio.Event()
        self._heartbeat_wake = asyncio.Event()

    async def _round(self) -> None:
        assert self._round_lock is not None, "_bind_loop() first"
        async with self._round_lock:
            await self._push()
            await self._pull()
            counts = await self._db(self.store.status_counts)
            if not self._status.online:
                log.info("sync with %s is working", self.identity.server_url)
            # a full disk stays the terminal's problem until downloads work again
            still = self._status.download_error if self._status.disk_full else None
            self._update(online=True, last_sync=utcnow(), last_error=still, **_fields(counts))
        self._beat_soon()

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
        changed: set[str] = set()
        while True:
            epoch, since = await self._db(self.store.cursor)
            mono_before = clock.monotonic()
            page = await self.client.pull(epoch, since, self.pull_limit)
            sample = _midpoint(mono_before)
            result = await self._db(self.store.apply_pull, page, sample)
            self._cursor = max(page.next, 0) if result.reset else max(page.next, since)
            if result.reset:
                resets += 1
                log.warning("server asked for a reset (epoch %s); reloading", page.epoch)
                if resets > MAX_RESETS:
                    raise CongressError("the server keeps resetting this terminal's cursor")
                self._agenda_mark = (-1, -1)
                await self._refresh_counts(frozenset(model.REPLICATED_TABLES))
                continue
            offset = _offset(page.server_time, sample)
            if self._status.clock_offset_s is None or abs(offset) > 5 or result.tables:
                self._update(clock_offset_s=round(offset, 3))
            if result.tables:
                changed |= result.tables
                await self._refresh_counts(frozenset(result.tables))
            if not page.has_more:
                break
            if page.next <= since:
                raise CongressError(f"the server's pull cursor does not advance ({since})")
        if "agendas" in changed or self._agenda_mark == (-1, -1):
            self._agenda_mark = await self._db(self._read_agenda_mark)
        queued = await self._db(self.store.refresh_downloads)
        if "documents" in changed or resets:
            await self._collect_garbage()
        self._update(downloads_queued=queued)

    def _read_agenda_mark(self) -> tuple[int, int]:
        row = self.store.read(
            lambda c: c.execute(
                select(model.agendas.c.version, model.agendas.c.seq).limit(1)
            ).first()
        )
        return (-1, -1) if row is None else (int(row[0] or 0), int(row[1] or 0))

    # ------------------------------------------------------------------ real time

    async def _events_loop(self) -> None:
        """Keep the event stream open; reconnect with backoff + jitter and Last-Event-ID."""
        delay = self.backoff_initial
        while not self._stopping:
            opened = False

            def on_open() -> None:
                nonlocal opened
                opened = True
                self._stream_opened()

            parser = SSEParser(self._last_event_id)
            absent = False
            try:
                await self.client.stream_events(
                    self._last_event_id, self._on_sse, on_open=on_open, parser=parser
                )
                log.info("the server closed the event stream")
            except InvalidInputError as exc:
                absent = exc.kind is ErrorKind.NOT_FOUND
                log.info("no event stream (%s); polling every %s s", exc, self.poll_interval)
            except AuthError as exc:
                log.warning("event stream refused: %s", exc)
            except CongressError as exc:
                log.debug("event stream failed: %s", exc)
            except Exception:
                log.exception("event stream failed unexpectedly")
            finally:
                self._last_event_id = parser.last_event_id
                if parser.retry_ms is not None:
                    self._sse_retry_s = parser.retry_ms / 1000
                if opened:
                    self._stream_closed()
            if opened:
                delay = self.backoff_initial
            if absent:
                wait = self.events_absent_retry
            else:
                wait = max(random.uniform(delay / 2, delay), self._sse_retry_s or 0.0)
                delay = min(delay * 2, self.stream_backoff_max)
            await asyncio.sleep(wait)

    def _stream_opened(self) -> None:
        log.info("event stream open (Last-Event-ID %s)", self._last_event_id)
        self._update(stream_connected=True)
        if self._poll_timer is not None:
            self._poll_timer.cancel()
            self._poll_timer = None
        self._wake.set()  # push what waits and catch up what the stream did not say

    def _stream_closed(self) -> None:
        self._update(stream_connected=False)
        # the loop may be in a long stream-time sleep: make sure polling resumes in time
        if self._loop is not None and self._poll_timer is None and not self._stopping:
            self._poll_timer = self._loop.call_later(self.poll_interval, self._poll_due)

    def _poll_due(self) -> None:
        self._poll_timer = None
        self._wake.set()

    def _on_sse(self, event: ServerSentEvent) -> None:
        try:
            if event.event == EventType.CHANGES:
                self._want_pull(ChangesEvent.model_validate_json(event.data).seq)
            elif event.event == EventType.CURRENT_ITEM:
                current = CurrentItemEvent.model_validate_json(event.data)
                mark = (current.agenda_version, current.seq)
                if mark <= self._agenda_mark:
                    log.debug("stale current_item event %s ignored", mark)
                    return
                self._agenda_mark = mark
                self._emit(current_item=current)
                self._want_pull(current.seq)
            elif event.event == EventType.FOLLOW:
                self._emit(follow=FollowEvent.model_validate_json(event.data))
            elif event.event == EventType.NOTICE:
                self._emit(notice=NoticeEvent.model_validate_json(event.data))
            else:
                log.debug("unknown event %r ignored", event.event)
        except ValidationError as exc:
            log.warning("malformed %r event ignored: %s", event.event, exc.error_count())

    def _want_pull(self, seq: int) -> None:
        """Pull after a random jitter, unless the cursor is (by then) at ``seq`` already."""
        if seq <= self._cursor:
            return
        self._wanted_seq = max(self._wanted_seq, seq)
        if self._pull_timer is None and self._loop is not None:
            jitter = random.uniform(0.0, self.pull_jitter)
            self._pull_timer = self._loop.call_later(jitter, self._pull_due)

    def _pull_due(self) -> None:
        self._pull_timer = None
        if self._wanted_seq > self._cursor:
            self._wake.set()

    def _emit(self, **live: BaseModel) -> None:
        event = SyncEvent(self._status, frozenset(), **live)  # type: ignore[arg-type]
        self._notify(event)

    # ------------------------------------------------------------------ heartbeat

    def _beat_soon(self) -> None:
        if time.monotonic() - self._last_beat >= self.heartbeat_min_gap:
            self._heartbeat_wake.set()

    async def _heartbeat_loop(self) -> None:
        assert self.heartbeat_interval
        while not self._stopping and self._heartbeat_supported:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._heartbeat_wake.wait(), self.heartbeat_interval)
            self._heartbeat_wake.clear()
            if self._stopping:
                return
            await self.send_heartbeat()

    async def send_heartbeat(self) -> bool:
        """Send the terminal's health now (latest only; a failure is simply dropped)."""
        if not self._heartbeat_supported:
            return False
        self._last_beat = time.monotonic()
        status = self._status
        beat = HeartbeatRequest(
            app_version=self.app_version[:40],
            documents_total=status.documents_total,
            documents_cached=status.documents_cached,
            outbox_pending=status.outbox_pending,
            disk_free_bytes=await self._db(_free_bytes, self.store.paths.root),
            terminal_time=clock.wall(),
        )
        try:
            answer = await self.client.heartbeat(beat)
        except InvalidInputError as exc:
            if exc.kind is ErrorKind.NOT_FOUND:
                log.info("the server takes no heartbeats (%s); not sending them", exc)
                self._heartbeat_supported = False
            else:
                log.warning("heartbeat refused: %s", exc)
            return False
        except CongressError as exc:
            log.debug("heartbeat not sent: %s", exc)
            return False
        self._want_pull(answer.seq)
        return True

    # ------------------------------------------------------------------ documents

    def _start_fetch(self) -> None:
        self._fetch_wake.set()
        if self._fetch_task is None or self._fetch_task.done():
            self._fetch_task = asyncio.create_task(
                self._fetch_loop(), name="congress-sync-documents"
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

    async def _fetch_loop(self) -> None:
        """Download the queue; after failures, come back when the first retry is due.

        After a failure that stops every download (full disk, server gone) the next pass,
        ``download_retry`` s later, starts again from the head of the queue.
        """
        retry_all = False
        while not self._stopping:
            self._fetch_wake.clear()
            halted = await self._fetch_documents(retry_all=retry_all)
            queue = await self._db(self.store.download_queue)
            if not queue:
                return
            now = utcnow()
            due = [q.retry_at for q in queue if q.retry_at is not None]
            retry_all = halted
            if halted or len(due) < len(queue):
                wait = self.download_retry
            else:
                wait = max(0.05, min((d - now).total_seconds() for d in due))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._fetch_wake.wait(), wait)

    async def _fetch_documents(self, *, retry_all: bool = False, raise_first: bool = False) -> bool:
        """One pass over the persisted queue with ``max_downloads`` workers; True when a
        failure stopped it (full disk, offline)."""
        queued = await self._db(self.store.refresh_downloads)
        self._update(downloads_queued=queued)
        if not queued:
            if self._status.disk_full:
                self._update(disk_full=False)
            return False
        errors: list[Exception] = []
        tried: set[str] = set()
        halt: list[bool] = []
        workers = [
            self._download_worker(errors, tried, halt, retry_all)
            for _ in range(max(1, self.max_downloads))
        ]
        await asyncio.gather(*workers)
        counts = await self._db(self.store.status_counts)
        queued = len(await self._db(self.store.download_queue))
        self._update(downloads_queued=queued, **_fields(counts))
        if errors and raise_first:
            raise errors[0]
        return bool(halt)

    async def _download_worker(
        self, errors: list[Exception], tried: set[str], halt: list[bool], retry_all: bool
    ) -> None:
        assert self._pick_lock is not None
        while not self._stopping and not halt:
            async with self._pick_lock:
                item = await self._db(
                    self.store.next_download, self._busy | tried, None, ignore_retry_at=retry_all
                )
                if item is None:
                    return
                tried.add(item.sha256)
                self._busy.add(item.sha256)
            try:
                await self._download(item)
            except (CongressError, OSError) as exc:
                errors.append(exc)
                # the store first: a screen told of the failure finds the attempt recorded
                retry_at = utcnow() + dt.timedelta(seconds=self.download_retry)
                await self._db(self.store.download_failed, item.sha256, str(exc), retry_at)
                if self._download_failed(item, exc):
                    halt.append(True)
            finally:
                self._busy.discard(item.sha256)
                self._progress.pop(item.sha256, None)
            await self._refresh_counts()

    async def _download(self, item: QueuedDownload) -> None:
        def progress(done: int, total: int) -> None:
            self._progress[item.sha256] = DownloadProgress(
                item.sha256, item.title, done, total or item.size
            )
            now = time.monotonic()
            if now - self._progress_emitted >= PROGRESS_EVERY_S or done >= item.size:
                self._progress_emitted = now
                self._update(downloads=tuple(self._progress.values()))

        progress(0, item.size)
        await fetch_blob(
            self.client,
            self.store,
            item.sha256,
            item.size,
            progress=progress,
            reserve=self.disk_reserve,
        )
        self._progress.pop(item.sha256, None)
        fields: dict[str, Any] = {"downloads": tuple(self._progress.values())}
        if self._status.disk_full or self._status.download_error:
            fields.update(disk_full=False, download_error=None)
            if self._status.last_error == self._status.download_error:
                fields["last_error"] = None
        self._update(**fields)

    def _download_failed(self, item: QueuedDownload, exc: Exception) -> bool:
        """Report a failed download; True when the others would fail the same way."""
        message = str(exc) or type(exc).__name__
        log.warning("document %r not downloaded: %s", item.title, message)
        self._progress.pop(item.sha256, None)
        downloads = tuple(self._progress.values())
        if isinstance(exc, CongressError) and exc.kind is ErrorKind.DISK_FULL:
            self._update(
                disk_full=True, download_error=message, last_error=message, downloads=downloads
            )
            return True
        if isinstance(exc, OfflineError):
            self._update(online=False, last_error=message, downloads=downloads)
            return True
        self._update(download_error=message, last_error=message, downloads=downloads)
        return False

    async def _collect_garbage(self) -> None:
        """Delete files no document row refers to any more (superseded versions)."""
        busy = set(self._busy)
        removed = await self._db(_remove_unreferenced, self.store, busy)
        if removed:
            log.info("removed %d superseded document file(s)", removed)

    # ------------------------------------------------------------------ plumbing

    async def _db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, functools.partial(fn, *args, **kwargs))

    async def _refresh_counts(self, changed: frozenset[str] = frozenset()) -> None:
        counts = await self._db(self.store.status_counts)
        self._update(changed, **_fields(counts))

    async def _failed(self, exc: Exception) -> None:
        message = str(exc) or type(exc).__name__
        if self._status.online or self._status.last_error != message:
            log.warning("sync failed: %s", message)
        try:
            counts = _fields(await self._db(self.store.status_counts))
        except Exception:  # the status still has to go offline
            log.exception("cannot read the outbox counts")
            counts = {}
        self._update(online=False, last_error=message, **counts)

    def _update(self, changed: frozenset[str] = frozenset(), **fields: Any) -> None:
        new = dataclasses.replace(self._status, **fields)
        if new == self._status and not changed:
            return
        self._status = new
        self._notify(SyncEvent(new, changed))

    def _notify(self, event: SyncEvent) -> None:
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


def _fields(counts: StatusCounts) -> dict[str, Any]:
    return dataclasses.asdict(counts)


def _midpoint(mono_before: float) -> ClockSample:
    """The terminal's clocks halfway through a request that started at ``mono_before``."""
    mono_after, wall_after = clock.monotonic(), clock.wall()
    half = max(0.0, mono_after - mono_before) / 2
    return ClockSample(wall_after - dt.timedelta(seconds=half), mono_after - half, clock.boot_id())


def _offset(server_time: dt.datetime, sample: ClockSample) -> float:
    if server_time.tzinfo is None:
        server_time = server_time.replace(tzinfo=dt.UTC)
    return (server_time - sample.wall).total_seconds()


def _free_bytes(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def _remove_unreferenced(store: TerminalStore, busy: set[str]) -> int:
    """Forget and delete blobs (and ``.part`` files) that no document row refers to."""
    referenced = store.referenced_blobs()
    stale = store.unreferenced_blobs() - busy
    removed = 0
    root = store.paths.blobs
    if root.exists():
        for path in root.glob("*/*"):
            sha = path.name.removesuffix(".part")
            if len(sha) == 64 and sha not in referenced and sha not in busy:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    log.warning("cannot remove %s", path, exc_info=True)
    for sha in stale:
        final = store.paths.blob_path(sha)
        for path in (final, part_path(final)):
            path.unlink(missing_ok=True)
    store.forget_blobs(stale)
    return removed

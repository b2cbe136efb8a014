"""Background work for the screens: one helper, one busy state, one place errors go.

A call site is one line naming the work and what happens with its result::

    self._ops.run(lambda: store.sign_in(...), self._on_signed_in, busy=self._button)

The work runs on a worker thread (SQLite writes wait on the sync engine's transactions; argon2
PIN checks take tens of milliseconds; PyMuPDF renders). The result comes back to the GUI thread
through a queued Qt signal, so this works under the qasync loop of the running terminal and
under the plain Qt loop of a pytest-qt test alike. Store work goes through one worker, so
operations run in the order they were asked for (a draft save never overtakes a submit).

Errors are routed to ``on_error`` if given, else to :attr:`Ops.failed`, which the main window
shows with :func:`congress_desktop.ui.messages.describe`.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

T = TypeVar("T")


class Ops(QObject):
    """Runs blocking work off the GUI thread and delivers results back on it."""

    failed = Signal(object)  # an exception nobody handled
    busy_changed = Signal(bool)
    _finished = Signal(int, object, object)  # token, result, error (from a worker thread)

    def __init__(
        self, parent: QObject | None = None, *, workers: int = 1, name: str = "ops"
    ) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._tokens = itertools.count(1)
        self._closed = False
        self._pending: dict[
            int,
            tuple[
                Callable[[Any], None],
                Callable[[Exception], None] | None,
                QObject | None,
                QWidget | None,
            ],
        ] = {}
        self._finished.connect(self._on_finished)

    # ------------------------------------------------------------------ public

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        *,
        on_error: Callable[[Exception], None] | None = None,
        busy: QWidget | None = None,
        owner: QObject | None = None,
    ) -> Future[T]:
        """Run ``work()`` on the worker; call ``on_success(result)`` on the GUI thread.

        ``busy`` is disabled while the work runs (a button cannot be tapped twice). When
        ``owner`` (default: the bound object of ``on_success``) has been deleted by the time
        the work ends, the callbacks are skipped.
        """
        if self._closed:
            # a timer or late signal after the window closed: nothing left to load for
            future: Future[T] = Future()
            future.cancel()
            return future
        token = next(self._tokens)
        if owner is None:
            owner = getattr(on_success, "__self__", None)
            if not isinstance(owner, QObject):
                owner = None
        self._pending[token] = (on_success or _ignore, on_error, owner, busy)
        if busy is not None:
            busy.setEnabled(False)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        future = self._executor.submit(work)
        future.add_done_callback(lambda f: self._deliver(token, f))
        return future

    def shutdown(self) -> None:
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)

    # ------------------------------------------------------------------ internals

    def _deliver(self, token: int, future: Future[Any]) -> None:
        """Worker thread: hand the outcome to the GUI thread (queued signal)."""
        if future.cancelled():
            return
        error = future.exception()
        result = None if error is not None else future.result()
        if shiboken6.isValid(self):
            self._finished.emit(token, result, error)

    def _on_finished(self, token: int, result: object, error: object) -> None:
        on_success, on_error, owner, busy = self._pending.pop(token)
        if not self._pending:
            self.busy_changed.emit(False)
        if busy is not None and shiboken6.isValid(busy):
            busy.setEnabled(True)
        if owner is not None and not shiboken6.isValid(owner):
            return
        if error is None:
            on_success(result)
        elif on_error is not None and isinstance(error, Exception):
            on_error(error)
        else:
            self.failed.emit(error)


def _ignore(_result: object) -> None:
    pass

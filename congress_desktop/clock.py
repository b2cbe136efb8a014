"""Clocks for offline-first actions: wall time, monotonic time and the boot they belong to.

A monotonic reading only means something within the boot that produced it, so every action
records the boot id beside it; the sync client sends ``elapsed_s`` only in the same boot.

The clock is injectable: :func:`use` swaps in another :class:`Clock` (e.g. a
:class:`SkewedClock` whose wall clock is a day off, jumps backwards, or whose boot id says the
machine rebooted) so tests exercise clock trouble without touching the OS clock::

    with clock.use(clock.SkewedClock(wall_offset=dt.timedelta(days=1))):
        ...
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path


@cache
def system_boot_id() -> str:
    """Linux's per-boot id; elsewhere a per-process id (elapsed time then only within it)."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return f"process-{uuid.uuid4()}"


class Clock:
    """The real clocks of this machine."""

    def wall(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def boot_id(self) -> str:
        return system_boot_id()


class SkewedClock(Clock):
    """The real clocks, with a wall clock off by ``wall_offset`` (settable: a jump) and an
    optional other boot id (a reboot: earlier monotonic readings mean nothing)."""

    def __init__(
        self, wall_offset: dt.timedelta = dt.timedelta(0), boot_id: str | None = None
    ) -> None:
        self.wall_offset = wall_offset
        self._boot_id = boot_id

    def wall(self) -> dt.datetime:
        return super().wall() + self.wall_offset

    def boot_id(self) -> str:
        return self._boot_id or super().boot_id()


_current: Clock = Clock()


def current() -> Clock:
    return _current


@contextlib.contextmanager
def use(replacement: Clock) -> Iterator[Clock]:
    """Make ``replacement`` the clock of this process until the block ends."""
    global _current
    previous, _current = _current, replacement
    try:
        yield replacement
    finally:
        _current = previous


def boot_id() -> str:
    return _current.boot_id()


def monotonic() -> float:
    return _current.monotonic()


def wall() -> dt.datetime:
    return _current.wall()

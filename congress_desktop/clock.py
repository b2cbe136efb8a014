"""Clocks for offline-first actions: wall time, monotonic time and the boot they belong to.

A monotonic reading only means something within the boot that produced it, so every action
records the boot id beside it; the sync client sends ``elapsed_s`` only in the same boot.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from functools import cache
from pathlib import Path


@cache
def boot_id() -> str:
    """Linux's per-boot id; elsewhere a per-process id (elapsed time then only within it)."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return f"process-{uuid.uuid4()}"


def monotonic() -> float:
    return time.monotonic()


def wall() -> dt.datetime:
    return dt.datetime.now(dt.UTC)

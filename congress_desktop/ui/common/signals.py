"""``emit(signal, *args)``: ``SignalInstance.emit`` without PySide6 6.12.0's refcount bug.

PySide6-Essentials 6.12.0 returns ``True`` from ``emit()`` without taking a reference: every
Python-side emit takes one reference from ``True`` for good, and after some hundreds of emits
the interpreter aborts ("bool_dealloc: deallocating True or False"). This helper gives the
reference back. Remove it when the PySide6 pin moves past the bug.
"""

from __future__ import annotations

import ctypes
from typing import Any

import shiboken6
from PySide6.QtCore import SignalInstance

from congress_desktop.ui.ops import Ops

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def _emit_steals_a_reference() -> bool:
    import sys

    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        probed = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.probed.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):
        _incref(True)  # give back what the probe took
    return lost > 4


BROKEN = _emit_steals_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    result = signal.emit(*args)
    if BROKEN and isinstance(result, bool):
        _incref(result)


class SafeOps(Ops):
    """:class:`congress_desktop.ui.ops.Ops` whose worker-to-GUI hand-over uses :func:`emit`."""

    def _deliver(self, token: int, future: Any) -> None:
        if future.cancelled():
            return
        error = future.exception()
        result = None if error is not None else future.result()
        if shiboken6.isValid(self):
            emit(self._finished, token, result, error)

    def _on_finished(self, token: int, result: object, error: object) -> None:
        pending = len(self._pending)
        super()._on_finished(token, result, error)
        if pending == 1 and BROKEN:
            _incref(True)  # busy_changed.emit(False) inside took one

    def run(self, work: Any, on_success: Any = None, **kwargs: Any) -> Any:
        idle = not self._pending and not self._closed
        future = super().run(work, on_success, **kwargs)
        if idle and BROKEN:
            _incref(True)  # busy_changed.emit(True) inside took one
        return future

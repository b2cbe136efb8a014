"""What every console page needs: the API client, the worker pool, the event stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from congress_desktop.console_client import ConsoleClient
from congress_desktop.protocol import AdminAction
from congress_desktop.ui.common.events import EventListener
from congress_desktop.ui.console.messages import describe
from congress_desktop.ui.ops import Ops

T = TypeVar("T")


class ConsoleContext(QObject):
    """``call(work, on_success)`` runs an API call off the GUI thread; errors become
    :attr:`failed` (a translated sentence) unless the caller handles them."""

    failed = Signal(str)
    succeeded = Signal(str)

    def __init__(self, client: ConsoleClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.ops = Ops(self, workers=4, name="console")
        self.events = EventListener(client, self)
        self.ops.failed.connect(lambda exc: self.failed.emit(describe(exc)))

    def may(self, action: AdminAction) -> bool:
        return self.client.may(action)

    def call(
        self,
        work: Callable[[ConsoleClient], T],
        on_success: Callable[[T], None] | None = None,
        *,
        on_error: Callable[[Exception], None] | None = None,
        busy: QWidget | None = None,
    ) -> Any:
        client = self.client
        return self.ops.run(lambda: work(client), on_success, on_error=on_error, busy=busy)

    def close(self) -> None:
        self.events.stop()
        self.ops.shutdown()

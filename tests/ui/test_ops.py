"""The background-work helper and the one place errors become sentences."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from congress_desktop.errors import CongressError, ErrorKind, InvalidInputError
from congress_desktop.ui import messages
from congress_desktop.ui.ops import Ops


@pytest.fixture
def ops(ui_app: Any) -> Any:
    helper = Ops(name="test")
    yield helper
    helper.shutdown()


def test_work_runs_off_the_gui_thread_and_returns_on_it(qtbot: Any, ops: Ops) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    results: list[int] = []

    def on_success(value: int) -> None:
        seen["callback"] = threading.get_ident()
        results.append(value)

    ops.run(work, on_success)
    qtbot.waitUntil(lambda: results == [42], timeout=3000)
    assert seen["work"] != gui
    assert seen["callback"] == gui


def test_the_busy_widget_is_disabled_while_working(qtbot: Any, ops: Ops) -> None:
    button = QPushButton()
    qtbot.addWidget(button)
    release = threading.Event()
    ops.run(release.wait, busy=button)
    assert not button.isEnabled() and ops.busy
    release.set()
    qtbot.waitUntil(lambda: button.isEnabled() and not ops.busy, timeout=3000)


def test_errors_go_to_on_error_or_to_the_failed_signal(qtbot: Any, ops: Ops) -> None:
    def fail() -> None:
        raise InvalidInputError("bad")

    caught: list[Exception] = []
    ops.run(fail, on_error=caught.append)
    qtbot.waitUntil(lambda: len(caught) == 1, timeout=3000)
    assert isinstance(caught[0], InvalidInputError)

    with qtbot.waitSignal(ops.failed, timeout=3000) as blocker:
        ops.run(fail)
    assert isinstance(blocker.args[0], InvalidInputError)


def test_results_for_a_deleted_widget_are_dropped(qtbot: Any, ops: Ops) -> None:
    button = QPushButton()
    release = threading.Event()
    calls: list[object] = []
    ops.run(release.wait, lambda _r: calls.append(1), owner=button)
    button.deleteLater()
    qtbot.waitUntil(lambda: not _alive(button), timeout=3000)
    release.set()
    qtbot.waitUntil(lambda: not ops.busy, timeout=3000)
    assert calls == []


def _alive(obj: object) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_error_kind_has_a_chinese_sentence(ui_app: Any, kind: ErrorKind) -> None:
    text = messages.describe(CongressError("technical detail", kind=kind))
    assert text and "technical detail" not in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_unexpected_errors_are_logged_not_shown(ui_app: Any, caplog: Any) -> None:
    text = messages.describe(ZeroDivisionError("division by zero"))
    assert text == messages.unexpected()
    assert "division by zero" not in text
    assert "unexpected error" in caplog.text


def test_work_asked_after_shutdown_is_dropped(qtbot: Any, ui_app: Any) -> None:
    """A status-bar timer firing after the window closed must not raise in the event loop."""
    late = Ops(name="late")
    late.shutdown()
    delivered: list[object] = []
    future = late.run(lambda: 1, delivered.append)
    assert future.cancelled()
    qtbot.wait(50)
    assert delivered == [] and not late.busy

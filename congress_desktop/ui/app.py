"""Starting the delegate terminal: Qt application, font, translations, store, sync engine.

One event loop: qasync runs Qt and asyncio together; the sync engine is a task on it, the
screens' blocking work goes through :class:`~congress_desktop.ui.ops.Ops`.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import logging
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from congress_desktop.config import TerminalPaths
from congress_desktop.errors import CongressError, NotProvisionedError
from congress_desktop.logs import setup_logging

log = logging.getLogger(__name__)

DEMO_PIN = "123456"
"""PIN the screenshot tour signs in with (the demo session's); ``CONGRESS_SCREENSHOT_PIN``."""

ENGINE_STOP_TIMEOUT_S = 5.0
FIRST_SCREEN_WAIT_S = 2.0
"""The sync engine starts once the first screen is up and has loaded what it shows, or after
this long at the latest."""
EXIT_WHEN_READY_ENV = "CONGRESS_DESKTOP_EXIT_WHEN_READY"
"""Set to 1 to print ``READY <unix time>`` once the home screen is interactive and exit
(``benchmarks/startup.py``; the delegate must have signed in for the sitting already)."""


RESTART_EXIT_CODE = 75
"""``_main`` returns this when the technician (or the crash screen) asked for a restart."""


def run_terminal(
    data_dir: Path,
    *,
    language: str = "zh_CN",
    screenshots_dir: Path | None = None,
    screenshot_pin: str | None = None,
    kiosk: bool | None = None,
    large_type: bool | None = None,
    keyboard: str | None = None,
) -> int:
    """Run the delegate terminal on ``data_dir`` until its window closes; returns the exit code.

    With ``screenshots_dir`` it runs offscreen, waits (bounded) for the first sync, walks every
    screen writing ``NN-screen.png`` files and exits. ``kiosk`` (default: the
    ``CONGRESS_DESKTOP_KIOSK`` environment variable) runs full-screen and frameless.
    ``keyboard`` (auto/on/off, default ``CONGRESS_DESKTOP_KEYBOARD`` or auto) chooses the
    on-screen keyboard (see :mod:`congress_desktop.keyboards`).
    A restart asked for on screen re-executes this same command line.
    """
    # no cyclic garbage collection while starting: the imports and widgets allocate hundreds
    # of thousands of objects that all stay alive, and collecting passes over them cost ~10 %
    # of the start; collection resumes (those objects frozen) once the first screen is up
    gc.disable()
    os.environ.setdefault("QT_API", "pyside6")  # qasync picks the first Qt binding it finds
    if screenshots_dir is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    paths = TerminalPaths(data_dir)
    setup_logging(paths.logs, filename="terminal.log")

    # the store (SQLAlchemy) before Qt: once PySide6 is loaded it inspects every module
    # imported after it (its __feature__ import hook), ~0.1 s for SQLAlchemy's alone
    importlib.import_module("congress_desktop.store")
    import qasync
    from PySide6.QtWidgets import QApplication

    from congress_desktop.ui.i18n import LanguageSwitcher
    from congress_desktop.ui.terminal.kiosk import KioskSettings
    from congress_desktop.ui.theme import apply_theme

    settings = KioskSettings.from_env(kiosk=kiosk, large_type=large_type, keyboard=keyboard)
    if screenshots_dir is None:
        _choose_keyboard(settings, language)

    install_qt_message_handler()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("congress-desktop")
    app.setQuitOnLastWindowClosed(False)  # _main ends the loop itself, after cleaning up
    apply_theme(app, large=settings.large_type)
    languages = LanguageSwitcher(app)
    languages.set_language(language)

    pin = screenshot_pin or os.environ.get("CONGRESS_SCREENSHOT_PIN", DEMO_PIN)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        code = runner.run(_main(app, paths, languages, screenshots_dir, pin, settings))
    if code == RESTART_EXIT_CODE:
        restart()
    return code


def _choose_keyboard(settings: Any, language: str) -> None:
    """Select the on-screen keyboard before the QApplication exists, if it is wanted."""
    from congress_desktop.keyboards import ignored_names, read_devices, touch_keyboard_wanted
    from congress_desktop.ui.touch_keyboard import enable_touch_keyboard

    wanted = touch_keyboard_wanted(
        settings.keyboard, kiosk=settings.kiosk, devices=read_devices(), ignore=ignored_names()
    )
    if wanted:
        enable_touch_keyboard(language)


def restart() -> None:
    """Replace this process with a fresh copy of the same command (never returns)."""
    from congress_desktop.config import program_command

    argv = [*program_command(), *sys.argv[1:]]
    log.warning("restarting: %s", " ".join(argv))
    logging.shutdown()
    os.execv(argv[0], argv)


async def _main(
    app: Any,
    paths: TerminalPaths,
    languages: Any,
    screenshots_dir: Path | None,
    pin: str,
    settings: Any,
) -> int:
    loop = asyncio.get_running_loop()
    # qasync does not install asyncio's async-generator hooks (see docs/STACK-NOTES)
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
        finalizer=loop._asyncgen_finalizer_hook,  # type: ignore[attr-defined]
    )
    from congress_desktop.store import TerminalStore, load_identity
    from congress_desktop.ui import messages

    try:
        identity = load_identity(paths.root)
        store = TerminalStore(paths)
    except (NotProvisionedError, CongressError) as exc:
        log.error("terminal cannot start: %s", exc)
        resume_garbage_collection()
        return await _show_setup_needed(app, messages.describe(exc), str(exc), screenshots_dir)

    from congress_desktop.ui.ops import Ops
    from congress_desktop.ui.sync_bridge import SyncBridge
    from congress_desktop.ui.terminal.context import TerminalContext
    from congress_desktop.ui.terminal.window import TerminalWindow

    ops = Ops(name="store")
    ctx = TerminalContext(store, identity, ops, SyncBridge(None))
    window = TerminalWindow(ctx, languages, settings)
    install_excepthook(window)
    engine: Any | None = None
    engine_task: asyncio.Future[Any] | None = None

    async def start_engine() -> None:
        """The sync engine (httpx, pydantic, the protocol: ~0.5 s of imports) starts once
        the first screen is up and has loaded its data; its modules are imported on a worker
        thread, so the screen stays responsive meanwhile."""
        nonlocal engine, engine_task
        deadline = loop.time() + FIRST_SCREEN_WAIT_S
        while not (window.started and not ctx.ops.busy) and loop.time() < deadline:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.005)  # let Qt paint it
        resume_garbage_collection()
        engine = await _make_engine(store, identity)
        if engine is not None:
            ctx.sync.attach(engine)
            engine_task = asyncio.ensure_future(engine.run())

    starter = asyncio.ensure_future(start_engine())
    try:
        window.apply_kiosk()
        window.start()
        if os.environ.get(EXIT_WHEN_READY_ENV):
            return await _report_ready(app, window)
        if screenshots_dir is not None:
            from congress_desktop.ui.screenshots import ScreenshotTour

            tour = ScreenshotTour(window, screenshots_dir, pin=pin)
            return await tour.run()
        closed = loop.create_future()
        app.lastWindowClosed.connect(lambda: closed.done() or closed.set_result(None))
        await closed
        return RESTART_EXIT_CODE if window.exit_action == "restart" else 0
    finally:
        window.leave(window.exit_action or "exit")
        if not starter.done():
            starter.cancel()
        if engine is not None and engine_task is not None:
            engine.stop()
            try:
                await asyncio.wait_for(engine_task, ENGINE_STOP_TIMEOUT_S)
            except (TimeoutError, asyncio.CancelledError):
                log.warning("the sync engine did not stop in time")
            except Exception:
                log.exception("the sync engine failed while stopping")
        ops.shutdown()
        store.close()
        sys.excepthook = sys.__excepthook__
        resume_garbage_collection()


async def _report_ready(app: Any, window: Any, timeout: float = 60.0) -> int:
    """``READY`` once the home screen is interactive: shown (the delegate signed in for this
    sitting before the start), its data (current item, sign-in, notices, sync state) loaded
    and no background work pending, then painted."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (window.current_key() == "home" and window.home.loaded and not window.ctx.ops.busy):
        if loop.time() > deadline:
            log.error("the home screen was not shown within %.0f s", timeout)
            return 1
        await asyncio.sleep(0.002)
    window.repaint()  # paint the rendered screen now (a synchronous paint, no nested loop)
    sys.stdout.write(f"READY {time.time():.6f}\n")
    sys.stdout.flush()
    return 0


def resume_garbage_collection() -> None:
    """Collection back on after the start. What the start built lives as long as the
    process, so it is frozen first: never scanned again, which keeps later collection pauses
    (e.g. during a page turn) short. No full collection now: it would stall the screen just
    shown for tens of milliseconds to find the little cyclic garbage a start leaves."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


async def _make_engine(store: Any, identity: Any) -> Any | None:
    try:
        module = await asyncio.to_thread(importlib.import_module, "congress_desktop.sync.engine")
    except ImportError as exc:  # a build without the sync package: run offline
        log.error("sync engine unavailable, running offline: %s", exc)
        return None
    return module.SyncEngine(store, identity, poll_interval=5.0)


async def _show_setup_needed(
    app: Any, message: str, details: str, screenshots_dir: Path | None
) -> int:
    from congress_desktop.ui.terminal.setup_needed import SetupNeededWindow

    window = SetupNeededWindow(message, details)
    window.show()
    if screenshots_dir is not None:
        screenshots_dir.mkdir(parents=True, exist_ok=True)
        await asyncio.sleep(0.2)
        window.grab().save(str(screenshots_dir / "00-not-ready.png"))
        window.close()
        return 1
    closed = asyncio.get_running_loop().create_future()
    app.lastWindowClosed.connect(lambda: closed.done() or closed.set_result(None))
    await closed
    return 1


HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)
"""Qt warnings that say nothing a technician could act on (offscreen platform noise)."""


def install_qt_message_handler() -> None:
    """Route Qt's own messages into the log file instead of stderr."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(msg_type: Any, _context: Any, message: str) -> None:
        level = levels.get(msg_type, logging.WARNING)
        if message in HARMLESS_QT_MESSAGES:
            level = logging.DEBUG
        qt_log.log(level, "%s", message)

    qInstallMessageHandler(handler)


def install_excepthook(window: Any) -> None:
    """Log any uncaught error and show the calm full-screen message with a restart button;
    never a traceback."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("uncaught error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        try:
            window.show_crash()
        except Exception:  # the hook must never raise
            log.exception("could not show the error message")

    sys.excepthook = hook

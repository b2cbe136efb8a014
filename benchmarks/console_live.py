"""The console's live attendance board while a hall signs in.

A 3,000-delegate session (one open session and sitting, delegates at seats 1..N, N enrolled
terminals: ``_common.prepare_hall``) on a real server process; the console's attendance page
runs offscreen in this process, logged in as a secretariat account, fed by the admin event
stream. A separate load-generator process pushes N sign-ins through ``/api/v1/sync/push``
(one per terminal, spread evenly over ``--seconds``). Prints one JSON object:

- ``max_ui_stall_ms``: the longest gap between two ticks of a 2 ms Qt timer while the
  sign-ins arrive and until the final count shows (goal: ≤ 100 ms);
- ``seconds_to_final_count``: from the last sign-in's acknowledgement to the page showing
  实到 = N (goal: ≤ 1 s).

    .venv/bin/python benchmarks/console_live.py [--delegates 3000] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    HttpError,
    RawConnection,
    Servers,
    database,
    prepare_hall,
    raise_nofile,
)

PASSWORD = "benchmark password"
CONCURRENCY = 64
PUSH_ATTEMPTS = 5


# --------------------------------------------------------------------------- load generator


async def _push_all(port: int, hall: dict[str, Any], seconds: float) -> dict[str, Any]:
    """Every terminal pushes its sign-in once, at its slot; a failed push is retried (as a
    terminal's outbox does) and counted, so a lost sign-in shows in the result instead of
    ending the run with a traceback (which left the board short of N with no final count)."""
    from signin_storm import signin_op

    terminals = hall["terminals"]
    gate = asyncio.Semaphore(CONCURRENCY)
    start = time.monotonic()
    last_ack = 0.0
    retries = 0
    failed = 0
    errors: list[str] = []

    async def one(index: int, bearer: str, delegate_id: str) -> None:
        nonlocal last_ack, retries, failed
        await asyncio.sleep(max(0.0, start + index * seconds / len(terminals) - time.monotonic()))
        op = signin_op(delegate_id, hall["sitting_id"])
        for attempt in range(PUSH_ATTEMPTS):
            if attempt:
                retries += 1
                await asyncio.sleep(0.1 * 2**attempt)
            async with gate:
                conn = RawConnection(port, bearer)
                try:
                    await conn.json("POST", "/api/v1/sync/push", {"ops": [op]})
                except (HttpError, OSError, asyncio.IncompleteReadError) as exc:
                    if len(errors) < 5:
                        errors.append(f"{type(exc).__name__}: {exc}"[:200])
                    continue
                finally:
                    conn.close()
            last_ack = max(last_ack, time.time())
            return
        failed += 1

    await asyncio.gather(*(one(i, bearer, d) for i, (_t, bearer, d) in enumerate(terminals)))
    return {
        "last_ack": last_ack,
        "push_retries": retries,
        "signins_failed": failed,
        "errors": errors,
    }


def pusher_main(port: int, hall_file: Path, seconds: float) -> None:
    hall = json.loads(hall_file.read_text())
    outcome = asyncio.run(_push_all(port, hall, seconds))
    sys.stdout.write(json.dumps(outcome) + "\n")


# --------------------------------------------------------------------------- the console


def watch(url: str, n: int, pusher: list[str], timeout: float) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from congress_desktop.console_client import ConsoleClient
    from congress_desktop.ui.console.context import ConsoleContext
    from congress_desktop.ui.console.pages.attendance import AttendancePage

    _app = QApplication.instance() or QApplication([])
    client = ConsoleClient(url)
    client.login("mishu", PASSWORD)
    ctx = ConsoleContext(client)
    page = AttendancePage(ctx)
    page.resize(1400, 900)
    page.show()
    ctx.events.received.connect(page.on_event)
    ctx.events.start()
    page.refresh()
    loop = QEventLoop()
    # the first load (no processEvents() loop: PySide6 6.12.0 leaks a None reference per call)
    first = QEventLoop()
    page.feed.updated.connect(first.quit)
    QTimer.singleShot(30_000, first.quit)
    first.exec()
    clock = QElapsedTimer()
    state: dict[str, Any] = {"last": None, "max_gap": 0.0, "shown_at": None, "pusher_done": None}

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        if state["last"] is not None:
            state["max_gap"] = max(state["max_gap"], now - state["last"])
        state["last"] = now
        if state["shown_at"] is None and page.present.value.text() == str(n):
            state["shown_at"] = time.time()
        finished = proc.poll() is not None
        if finished and state["pusher_done"] is None:
            state["pusher_done"] = time.monotonic()
        done = state["shown_at"] is not None and finished
        # the pusher gave up on some sign-ins: N will never show, do not wait for the timeout
        short = finished and time.monotonic() > state["pusher_done"] + 10
        if done or short or time.monotonic() > stop_at:
            loop.quit()

    ticker = QTimer()
    ticker.setInterval(2)
    ticker.timeout.connect(tick)
    proc = subprocess.Popen(pusher, stdout=subprocess.PIPE, text=True)
    stop_at = time.monotonic() + timeout
    try:
        clock.start()
        ticker.start()
        loop.exec()
        ticker.stop()
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        ctx.close()
        page.close()
        client.close()
    pushed = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    last_ack = pushed.get("last_ack")
    shown = state["shown_at"]
    return {
        "delegates": n,
        "present_shown": int(page.present.value.text() or 0) if page.data else 0,
        "max_ui_stall_ms": round(state["max_gap"], 1),
        "seconds_to_final_count": (
            round(shown - last_ack, 3) if shown is not None and last_ack is not None else None
        ),
        "push_retries": pushed.get("push_retries"),
        "signins_failed": pushed.get("signins_failed", n),
        **({"push_errors": pushed["errors"]} if pushed.get("errors") else {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--db", default=None, help="pg (throwaway cluster) or a database URL")
    parser.add_argument("--pusher", nargs=2, metavar=("PORT", "HALL_JSON"), help=argparse.SUPPRESS)
    parser.add_argument("--watch", nargs=2, metavar=("URL", "PUSHER_JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pusher:
        pusher_main(int(args.pusher[0]), Path(args.pusher[1]), args.seconds)
        return
    if args.watch:
        pusher_cmd = json.loads(Path(args.watch[1]).read_text())
        result = watch(args.watch[0], args.delegates, pusher_cmd, args.seconds + 60)
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        # PySide6 6.12.0 loses references to None/True (see ui/common/signals.py); the
        # interpreter's final garbage collection can then abort
        os._exit(0)
    raise_nofile()
    from congress_desktop.server.users import add_user

    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as db_url:
        root = Path(tmp)
        (root / "server").mkdir(exist_ok=True)
        hall = prepare_hall(db_url, args.delegates)
        add_user(db_url, "mishu", PASSWORD, "secretariat")
        hall_file = root / "hall.json"
        hall_file.write_text(
            json.dumps({"sitting_id": hall.sitting_id, "terminals": hall.terminals})
        )
        with Servers(root, db_url, 1) as servers:
            port = servers.ports[0]
            pusher = [sys.executable, __file__, "--seconds", str(args.seconds)]
            pusher += ["--pusher", str(port), str(hall_file)]
            pusher_file = root / "pusher.json"
            pusher_file.write_text(json.dumps(pusher))
            # the console runs in its own process: if Qt aborts it, the server still stops here
            watcher = [sys.executable, __file__, "--delegates", str(args.delegates)]
            watcher += ["--seconds", str(args.seconds), "--watch", f"http://127.0.0.1:{port}"]
            done = subprocess.run(
                [*watcher, str(pusher_file)], capture_output=True, text=True, timeout=600
            )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if lines:
        result = json.loads(lines[-1])
    else:
        result = {"error": f"the console process exited with {done.returncode}"}
        result["stderr_tail"] = done.stderr.strip().splitlines()[-3:]
    result["db"] = "sqlite" if args.db in (None, "sqlite") else "postgresql"
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

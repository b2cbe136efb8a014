"""Terminal start-up: process start to an interactive home screen (offscreen), cold and warm.

Sets up a demo server and a provisioned, preloaded terminal whose delegate has already signed
in for the current sitting (as after a restart during a sitting: the terminal goes straight
back to home), then starts ``congress-desktop terminal`` repeatedly with
``CONGRESS_DESKTOP_EXIT_WHEN_READY=1``. "Interactive" means: the home screen is the current
screen, its data (current agenda item and documents, my sign-in, unread notices, sync state)
has been loaded from the store and rendered, no background work is pending, and the window
has been painted; the terminal then prints ``READY <unix time>`` and quits. The time runs
from just before the process is spawned (interpreter start and every import included). The
sync engine starts right after that first paint and is not waited for.

``cold_s`` is the first start after dropping the OS page cache (when this
user may; see ``cold_cache_dropped``), ``warm_s`` the median of the following starts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from congress_desktop.config import ServerPaths
from congress_desktop.launcher import ServerProcess
from congress_desktop.server.tokens import create_enrollment_token
from congress_desktop.sync.once import run_sync_once
from congress_desktop.sync.provision import provision


def drop_page_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def sign_in_delegate(terminal: Path) -> None:
    """The seat's delegate signs in for the current sitting (recorded in the local store)."""
    from congress_desktop.config import TerminalPaths
    from congress_desktop.model import SignInMethod
    from congress_desktop.store import TerminalStore, load_identity

    identity = load_identity(terminal)
    store = TerminalStore(TerminalPaths(terminal))
    try:
        delegate = store.seat_delegate(identity.seat_number)
        sitting = store.current_sitting()
        if delegate is None or sitting is None:
            raise RuntimeError("the demo terminal has no delegate or sitting to sign in to")
        store.sign_in(delegate.id, sitting.id, SignInMethod.PIN)
    finally:
        store.close()


def start_once(terminal: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONGRESS_DESKTOP_EXIT_WHEN_READY="1")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "congress_desktop", "terminal", "--data", str(terminal)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    for line in out.stdout.splitlines():
        if line.startswith("READY "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"the terminal never reported READY:\n{out.stdout}\n{out.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        terminal = root / "terminal"
        with ServerProcess(root / "server", demo=True) as server:
            token = create_enrollment_token(ServerPaths(server.data_dir).default_db_url, 1)
            provision(server.url, token, terminal, name="bench-startup")
            run_sync_once(terminal)
            sign_in_delegate(terminal)
            dropped = drop_page_cache()
            cold = start_once(terminal)
            warm = [start_once(terminal) for _ in range(args.runs)]
    print(
        json.dumps(
            {
                "cold_s": round(cold, 3),
                "warm_s": round(statistics.median(warm), 3),
                "cold_cache_dropped": dropped,
                "runs": args.runs,
            }
        )
    )


if __name__ == "__main__":
    main()

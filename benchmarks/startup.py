"""Terminal start-up: process start to the agenda shown (offscreen), cold and warm.

Sets up a demo server and a provisioned, preloaded terminal, then starts
``congress-desktop terminal`` repeatedly with ``CONGRESS_DESKTOP_EXIT_WHEN_READY=1``: the
terminal prints ``READY <unix time>`` once its first screen with the session's agenda data is
shown, then quits. ``cold_s`` is the first start after dropping the OS page cache (when this
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

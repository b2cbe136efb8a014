"""Initial sync of the demo session into an empty terminal: ``sync --once`` wall time.

Starts a real demo server (its own process), provisions a fresh terminal, then times the
``congress-desktop sync --once`` process from start to exit (rows and every document
downloaded and verified). Prints one JSON object: ``seconds``, ``mb_per_s`` (document bytes
per second), plus context (``documents``, ``mb``, ``runs``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from congress_desktop.config import ServerPaths
from congress_desktop.launcher import ServerProcess
from congress_desktop.server.tokens import create_enrollment_token
from congress_desktop.sync.provision import provision


def one_run(server: ServerProcess, root: Path, index: int) -> tuple[float, dict[str, int]]:
    terminal = root / f"terminal-{index}"
    token = create_enrollment_token(ServerPaths(server.data_dir).default_db_url, None)
    provision(server.url, token, terminal, name=f"bench-{index}")
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "congress_desktop", "sync", "--once", "--data", str(terminal)],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with ServerProcess(root / "server", demo=True) as server:
            server.wait_healthy(300)
            blob_bytes = sum(
                p.stat().st_size for p in (root / "server" / "blobs").rglob("*") if p.is_file()
            )
            times, summary = [], {}
            for i in range(args.runs):
                seconds, summary = one_run(server, root, i)
                times.append(seconds)
    seconds = statistics.median(times)
    mb = blob_bytes / 1e6
    print(
        json.dumps(
            {
                "seconds": round(seconds, 3),
                "mb_per_s": round(mb / seconds, 2),
                "mb": round(mb, 2),
                "documents": summary.get("documents_verified"),
                "runs": args.runs,
            }
        )
    )


if __name__ == "__main__":
    main()

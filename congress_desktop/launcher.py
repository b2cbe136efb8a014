"""Starting and stopping a server process: used by the demo and the benchmarks.

The server always runs as its own process (as in a real hall), so a demo or a benchmark
measures the real thing and can stop it by PID.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

from congress_desktop.config import program_command
from congress_desktop.errors import OfflineError


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """``congress-desktop server`` in a subprocess, on 127.0.0.1."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        db_url: str | None = None,
        demo: bool = False,
        extra_args: list[str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.db_url = db_url
        self.demo = demo
        self.extra_args = extra_args or []
        self.process: subprocess.Popen[bytes] | None = None
        self.console_log = data_dir / "logs" / "console.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, timeout: float = 180.0) -> ServerProcess:
        self.console_log.parent.mkdir(parents=True, exist_ok=True)
        cmd = [*program_command(), "server", "--data", str(self.data_dir)]
        cmd += ["--host", "127.0.0.1", "--port", str(self.port), *self.extra_args]
        if self.db_url:
            cmd += ["--db", self.db_url]
        if self.demo:
            cmd.append("--demo")
        with self.console_log.open("ab") as log:
            self.process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise OfflineError(
                    f"the server exited with code {self.process.returncode}; "
                    f"see {self.console_log}:\n{self._log_tail()}"
                )
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise OfflineError(
            f"the server did not answer within {timeout:.0f} s; see {self.console_log}"
        )

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM, then SIGKILL if it does not exit in time."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def _log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

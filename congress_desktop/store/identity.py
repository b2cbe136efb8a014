"""The terminal's enrolled identity: server URL, terminal id and credential, seat.

Kept in ``identity.json`` (mode 0600) in the data directory, written atomically.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from congress_desktop.errors import NotProvisionedError

FILENAME = "identity.json"


@dataclass(frozen=True)
class Identity:
    server_url: str
    terminal_id: str
    credential: str
    seat_number: int | None
    session_id: str | None

    @property
    def bearer(self) -> str:
        return f"{self.terminal_id}.{self.credential}"


def save_identity(data_dir: Path, identity: Identity) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / FILENAME
    tmp = target.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(asdict(identity), f, ensure_ascii=False, indent=2)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def load_identity(data_dir: Path) -> Identity:
    target = data_dir / FILENAME
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotProvisionedError(
            f"this terminal is not provisioned (no {FILENAME} in {data_dir}); "
            "run: congress-desktop provision --server URL --token TOKEN --data DIR"
        ) from None
    except (OSError, ValueError) as exc:
        raise NotProvisionedError(f"{target} is unreadable ({exc}); provision again") from exc
    return Identity(**data)

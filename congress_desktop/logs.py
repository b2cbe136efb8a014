"""Logging: named loggers, a rotating file in the data directory, nothing on stdout."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_console_level = logging.WARNING


def setup_logging(
    log_dir: Path | None,
    *,
    level: int = logging.INFO,
    filename: str = "app.log",
    console_level: int | None = None,
) -> None:
    """Log ``level`` and above to a rotating file in ``log_dir``; warnings (or
    ``console_level``) and above to stderr. Calling it again replaces the earlier set-up."""
    global _console_level
    if console_level is not None:
        _console_level = console_level
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_congress", False):
            root.removeHandler(handler)
    handlers: list[logging.Handler] = []
    stream = logging.StreamHandler()
    stream.setLevel(_console_level)
    handlers.append(stream)
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / filename, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
            )
        )
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._congress = True  # type: ignore[attr-defined]
        root.addHandler(handler)

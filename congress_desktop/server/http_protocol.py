"""uvicorn's httptools protocol with one socket write per answer instead of two.

uvicorn writes a response's status line and headers as soon as the app sends
``http.response.start`` and the body with ``http.response.body``; uvloop sends each write at
once, so every pull answer cost two ``send`` system calls, and its client usually two
wake-ups and reads. When 3,000 terminals pull on the same nudge, that is 3,000 extra system
calls on the server's one event-loop core and as many extra wake-ups on the clients.

:class:`CoalescingHttpToolsProtocol` gives uvicorn a transport whose ``write`` collects what
is written during one turn of the event loop and sends it with one write at the end of that
turn (``loop.call_soon``): an answer's head and body go out together, nothing waits longer
than the current turn, the order of bytes never changes, and ``close()`` sends what is
pending first. Everything else (flow control, ``get_extra_info``, ``abort``) is the real
transport's. Event streams keep their behaviour: each chunk is sent in the turn it was
written.

Used by ``server/run.py`` (``uvicorn.Config(http=...)``) when httptools is installed.
"""

from __future__ import annotations

import asyncio
from typing import Any

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - uvicorn[standard] brings httptools
    HttpToolsProtocol = None  # type: ignore[assignment,misc]


class CoalescingTransport:
    """A transport that sends everything written in one loop turn with one write."""

    __slots__ = ("_loop", "_pending", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        chunk = data if isinstance(data, bytes) else bytes(data)  # held: must not change
        if self._pending is None:
            self._pending = [chunk]
            self._loop.call_soon(self.flush)
        else:
            self._pending.append(chunk)

    def writelines(self, chunks: list[bytes]) -> None:
        for chunk in chunks:
            self.write(chunk)

    def flush(self) -> None:
        pending, self._pending = self._pending, None
        if pending and not self._transport.is_closing():
            self._transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        self._pending = None
        self._transport.abort()

    def get_write_buffer_size(self) -> int:
        pending = sum(len(chunk) for chunk in self._pending or ())
        return self._transport.get_write_buffer_size() + pending

    def __getattr__(self, name: str) -> Any:  # is_closing, get_extra_info, pause_reading…
        return getattr(self._transport, name)


if HttpToolsProtocol is not None:

    class CoalescingHttpToolsProtocol(HttpToolsProtocol):  # type: ignore[misc,valid-type]
        """uvicorn's httptools protocol on a :class:`CoalescingTransport`."""

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            # (uvloop's transports are not asyncio.Transport subclasses: no isinstance check)
            coalescing = CoalescingTransport(transport, self.loop)  # type: ignore[arg-type]
            super().connection_made(coalescing)  # type: ignore[arg-type]

    HTTP_PROTOCOL: type[asyncio.Protocol] | str = CoalescingHttpToolsProtocol
else:  # pragma: no cover
    HTTP_PROTOCOL = "auto"
"""What to pass as ``uvicorn.Config(http=...)``."""

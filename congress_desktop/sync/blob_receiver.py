"""Receiving a blob's bytes with little per-byte work: one plain HTTP/1.1 request on a
connection of its own, the body read in large reads from asyncio's stream reader.

Why not httpx, which does everything else: for a 50 MB document httpx hands its caller
~1,500 pieces of ~33 KB, each through several layers of Python (anyio, httpcore, h11, httpx),
which costs about one core for 350 MB/s here — the terminal's whole download budget on a
2-core machine whose other core hashes and writes. Read straight from the socket's reader in
blocks of up to :data:`READ_BYTES`, the same body costs a fraction of that (see
docs/server-performance.md, "blob_throughput").

This path takes only the plain case: a ``200`` with a ``Content-Length`` body, or the ``206``
answering our ``Range``, with no transfer or content encoding. Anything else — an error
status, a chunked body, a redirect — is handed back (:func:`receive_blob` returns ``None``
before touching the sink) and :class:`~congress_desktop.sync.client.SyncClient` asks again
through httpx, which maps every answer to the usual errors. Failures on the way (no
connection, a silent or cut connection, a malformed answer) raise :class:`OfflineError` or
``CongressError(SERVER)`` just as the httpx path does; bytes already given to the sink stay
there, so the download resumes after them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from congress_desktop.errors import CongressError, ErrorKind, OfflineError

log = logging.getLogger(__name__)

READ_BYTES = 1 << 20
"""The most one read asks of the stream reader (it returns what has arrived, up to this)."""
CLOSE_TIMEOUT = 2.0
"""Seconds to wait for the connection to close after the body (TLS: the peer's close_notify)."""
HEAD_LIMIT = 64 << 10
"""An answer whose status line and headers are longer than this is not a blob answer."""


class BlobSink(Protocol):
    """Where a blob's bytes go (:meth:`SyncClient.stream_blob
    <congress_desktop.sync.client.SyncClient.stream_blob>`, :func:`receive_blob`)."""

    def begin(self, offset: int) -> None:
        """Called once before any data: the byte offset the server's answer starts at
        (the requested offset, or 0 when the server sends the whole file)."""

    def write(self, data: bytes) -> None: ...

    # optional: ``async def drain(self) -> None``, awaited after each write (back-pressure
    # for a sink that writes in a thread of its own, e.g. sync.blobs.PartWriter)


@dataclass(frozen=True)
class BlobServer:
    """Where blobs come from: the server's host, port, scheme and path prefix."""

    host: str
    port: int
    netloc: str  # the Host header: host[:port], IPv6 in brackets
    prefix: str  # the path before /api/v1, usually ""
    tls: ssl.SSLContext | None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls is not None else 'http'}://{self.netloc}{self.prefix}"

    @classmethod
    def from_url(cls, base_url: str, tls: ssl.SSLContext | None) -> BlobServer | None:
        """The server of ``http(s)://host[:port][/prefix]``; None for anything else."""
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
            return None
        https = parts.scheme == "https"
        if https and tls is None:
            return None
        try:
            port = parts.port or (443 if https else 80)
        except ValueError:
            return None
        return cls(
            parts.hostname, port, parts.netloc, parts.path.rstrip("/"), tls if https else None
        )


@dataclass(frozen=True)
class _Head:
    status: int
    headers: dict[str, str]


async def receive_blob(
    server: BlobServer,
    path: str,
    headers: Mapping[str, str],
    dest: BlobSink,
    offset: int,
    *,
    connect_timeout: float,
    read_timeout: float,
) -> int | None:
    """``GET path`` and feed the body to ``dest``; return the bytes received, or None
    (``dest`` untouched) when the answer is not a plain body this path takes."""
    drain = getattr(dest, "drain", None)
    try:
        async with asyncio.timeout(connect_timeout):
            reader, writer = await asyncio.open_connection(
                server.host,
                server.port,
                ssl=server.tls,
                server_hostname=server.host if server.tls is not None else None,
                limit=HEAD_LIMIT,
            )
    except (OSError, TimeoutError) as exc:
        raise OfflineError.reaching(server.url, exc) from exc
    try:
        writer.write(_request(server, path, headers))
        try:
            async with asyncio.timeout(read_timeout):
                await writer.drain()
                raw_head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            closed = ConnectionError("the server closed the connection")
            raise OfflineError.reaching(server.url, closed) from exc
        except asyncio.LimitOverrunError:
            return None  # not an answer this path understands
        except (OSError, TimeoutError) as exc:
            raise OfflineError.reaching(server.url, exc) from exc
        head = _parse_head(raw_head)
        length = _plain_length(head)
        if head is None or length is None or head.status not in (200, 206):
            return None
        start = 0
        if head.status == 206:
            start = content_range_start(head.headers.get("content-range", ""))
            if start != offset:
                raise CongressError(
                    f"server resumed at byte {start}, asked for {offset}", kind=ErrorKind.SERVER
                )
        dest.begin(start)
        received = 0
        while received < length:
            try:
                async with asyncio.timeout(read_timeout):
                    block = await reader.read(min(READ_BYTES, length - received))
            except (OSError, TimeoutError) as exc:
                raise OfflineError.reaching(server.url, exc) from exc
            if not block:
                cut = ConnectionError(f"connection closed after {received} of {length} bytes")
                raise OfflineError.reaching(server.url, cut)
            dest.write(block)
            received += len(block)
            if drain is not None:
                await drain()
        return received
    finally:
        writer.close()
        # the server may have dropped it; a TLS peer that never answers the close must not
        # hold the download worker (asyncio would wait up to 30 s for it)
        with contextlib.suppress(OSError, ssl.SSLError, TimeoutError):
            async with asyncio.timeout(CLOSE_TIMEOUT):
                await writer.wait_closed()


def _request(server: BlobServer, path: str, headers: Mapping[str, str]) -> bytes:
    lines = [
        f"GET {server.prefix}{path} HTTP/1.1",
        f"Host: {server.netloc}",
        "Accept-Encoding: identity",
        "Connection: close",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _parse_head(raw: bytes) -> _Head | None:
    try:
        text = raw.decode("latin-1")
        status_line, *header_lines = text.split("\r\n")
        version, status, *_reason = status_line.split(" ", 2)
        if not version.startswith("HTTP/1."):
            return None
        headers: dict[str, str] = {}
        for line in header_lines:
            if not line:
                continue
            name, sep, value = line.partition(":")
            if not sep:
                return None
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
        return _Head(int(status), headers)
    except ValueError:
        return None


def _plain_length(head: _Head | None) -> int | None:
    """The body's length when it is sent plainly (no transfer or content encoding)."""
    if head is None or "transfer-encoding" in head.headers:
        return None
    if head.headers.get("content-encoding", "identity").lower() != "identity":
        return None
    try:
        length = int(head.headers["content-length"])
    except (KeyError, ValueError):
        return None
    return length if length >= 0 else None


def content_range_start(value: str) -> int:
    """``bytes 100-999/1000`` → 100; -1 when it cannot be read."""
    try:
        unit, _, spec = value.strip().partition(" ")
        if unit.lower() != "bytes":
            return -1
        return int(spec.split("-", 1)[0])
    except ValueError:
        return -1

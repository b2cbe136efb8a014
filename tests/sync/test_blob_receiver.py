"""The blob body reader (``sync.blob_receiver``) against scripted HTTP servers on loopback:
what it takes itself, what it hands back to httpx, and how a cut, a silent server or an
untrusted certificate end. The whole download path against the real server is in
test_blobs.py and tests/faults."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from congress_desktop.errors import AuthError, CongressError, ErrorKind, OfflineError
from congress_desktop.store.identity import Identity
from congress_desktop.sync.blob_receiver import BlobServer, receive_blob
from congress_desktop.sync.client import SyncClient

pytestmark = pytest.mark.asyncio

SHA = "ab" * 32
BODY = bytes(range(256)) * 4000  # ~1 MB


class Sink:
    def __init__(self) -> None:
        self.offset: int | None = None
        self.data = bytearray()

    def begin(self, offset: int) -> None:
        assert self.offset is None, "begin() twice"
        self.offset = offset

    def write(self, data: bytes) -> None:
        assert self.offset is not None, "data before begin()"
        self.data += data


Answer = Callable[[bytes, asyncio.StreamWriter], Awaitable[None]]


class ScriptedServer:
    """A TCP server answering each request with ``answer(request head, writer)``."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests: list[bytes] = []
        self.port = 0
        self.handlers: set[asyncio.Task[None]] = set()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.handlers.add(task)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                self.requests.append(head)
                await self.answer(head, writer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@contextlib.asynccontextmanager
async def scripted(
    answer: Answer, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None
) -> AsyncIterator[ScriptedServer]:
    server = ScriptedServer(answer)
    listener = await asyncio.start_server(server._serve, host, 0, ssl=tls)
    server.port = listener.sockets[0].getsockname()[1]
    try:
        yield server
    finally:
        for task in server.handlers:
            task.cancel()
        listener.close()
        await listener.wait_closed()


def plain(body: bytes, status: str = "200 OK", extra: str = "") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    return head.encode() + body


def client(port: int, host: str = "127.0.0.1", scheme: str = "http") -> SyncClient:
    netloc = f"[{host}]" if ":" in host else host
    return SyncClient(Identity(f"{scheme}://{netloc}:{port}", "t1", "secret", 1, None))


async def test_a_plain_answer_is_read_directly_with_the_terminals_headers() -> None:
    async def answer(_head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(plain(BODY))

    async with scripted(answer) as server, client(server.port) as c:
        sink = Sink()
        assert await c.stream_blob(SHA, sink) == len(BODY)
    assert sink.offset == 0 and bytes(sink.data) == BODY
    [request] = server.requests
    assert request.startswith(f"GET /api/v1/blobs/{SHA} HTTP/1.1\r\n".encode())
    assert b"Authorization: Bearer t1.secret\r\n" in request
    assert b"Connection: close\r\n" in request  # a connection of its own, closed after


async def test_a_resumed_answer_starts_where_asked_and_a_wrong_start_is_refused() -> None:
    async def answer(head: bytes, writer: asyncio.StreamWriter) -> None:
        start = 1000 if b"Range: bytes=1000-" in head else 999
        rest = BODY[start:]
        writer.write(plain(rest, "206 Partial Content", f"Content-Range: bytes {start}-/*\r\n"))

    async with scripted(answer) as server, client(server.port) as c:
        sink = Sink()
        assert await c.stream_blob(SHA, sink, 1000) == len(BODY) - 1000
        assert sink.offset == 1000 and bytes(sink.data) == BODY[1000:]
        assert f'If-Range: "{SHA}"'.encode() in server.requests[0]
        with pytest.raises(CongressError) as caught:
            await c.stream_blob(SHA, Sink(), 500)
    assert caught.value.kind is ErrorKind.SERVER


async def test_a_chunked_answer_is_handed_to_httpx_untouched() -> None:
    async def answer(_head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        for start in range(0, len(BODY), 300_000):
            piece = BODY[start : start + 300_000]
            writer.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        writer.write(b"0\r\n\r\n")

    async with scripted(answer) as server:
        blob_server = BlobServer.from_url(f"http://127.0.0.1:{server.port}", None)
        assert blob_server is not None
        sink = Sink()
        got = await receive_blob(blob_server, "/x", {}, sink, 0, connect_timeout=3, read_timeout=3)
        assert got is None and sink.offset is None  # nothing given to the sink
        async with client(server.port) as c:
            assert await c.stream_blob(SHA, sink) == len(BODY)
    assert bytes(sink.data) == BODY
    assert len(server.requests) == 3  # the direct try above, its try here, then httpx


async def test_an_error_answer_gets_the_usual_error_through_httpx() -> None:
    async def answer(_head: bytes, writer: asyncio.StreamWriter) -> None:
        body = b'{"error": {"code": "unauthorized", "message": "terminal revoked"}}'
        writer.write(plain(body, "401 Unauthorized", "Content-Type: application/json\r\n"))

    async with scripted(answer) as server, client(server.port) as c:
        with pytest.raises(AuthError, match="terminal revoked"):
            await c.stream_blob(SHA, Sink())


async def test_a_cut_body_keeps_what_arrived_and_says_offline() -> None:
    async def answer(_head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(f"HTTP/1.1 200 OK\r\nContent-Length: {len(BODY)}\r\n\r\n".encode())
        writer.write(BODY[:400_000])
        await writer.drain()
        writer.close()

    async with scripted(answer) as server, client(server.port) as c:
        sink = Sink()
        with pytest.raises(OfflineError, match="closed after 400000 of"):
            await c.stream_blob(SHA, sink)
    assert bytes(sink.data) == BODY[:400_000]  # kept: the download resumes after it


async def test_a_silent_server_times_out_as_offline() -> None:
    async def answer(_head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(f"HTTP/1.1 200 OK\r\nContent-Length: {len(BODY)}\r\n\r\n".encode())
        await asyncio.sleep(30)

    async with scripted(answer) as server:
        blob_server = BlobServer.from_url(f"http://127.0.0.1:{server.port}", None)
        assert blob_server is not None
        with pytest.raises(OfflineError):
            await receive_blob(
                blob_server, "/x", {}, Sink(), 0, connect_timeout=3, read_timeout=0.3
            )


async def test_nothing_listening_is_offline() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    async with client(port) as c:
        with pytest.raises(OfflineError, match="unreachable"):
            await c.stream_blob(SHA, Sink())


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not ipv6_loopback(), reason="no IPv6 loopback on this machine")
async def test_an_ipv6_server_is_reached_with_its_address_in_brackets() -> None:
    async def answer(_head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(plain(BODY))

    async with scripted(answer, host="::1") as server, client(server.port, "::1") as c:
        sink = Sink()
        assert await c.stream_blob(SHA, sink) == len(BODY)
    assert f"Host: [::1]:{server.port}\r\n".encode() in server.requests[0]


def self_signed(tmp: Path) -> ssl.SSLContext:
    """A server TLS context with a certificate for 127.0.0.1 in ``tmp/cert.pem``."""
    key, cert = tmp / "key.pem", tmp / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def test_an_untrusted_certificate_is_refused_like_httpx_does(tmp_path: Path) -> None:
    async def answer(_head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(plain(BODY))

    tls = self_signed(tmp_path)
    async with scripted(answer, tls=tls) as server, client(server.port, scheme="https") as c:
        assert c._blob_server is not None and c._blob_server.tls is not None
        sink = Sink()
        with pytest.raises(OfflineError):
            await c.stream_blob(SHA, sink)
        with pytest.raises(OfflineError):
            await c.health()  # httpx, with the same trust, refuses it too
    assert sink.offset is None and server.requests == []


async def test_a_trusted_certificate_is_read_directly_over_tls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def answer(_head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(plain(BODY))

    tls = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "cert.pem"))  # as a pinned hall CA
    async with scripted(answer, tls=tls) as server, client(server.port, scheme="https") as c:
        sink = Sink()
        assert await c.stream_blob(SHA, sink) == len(BODY)
    assert bytes(sink.data) == BODY
    [request] = server.requests
    assert b"Connection: close\r\n" in request  # the direct reader, not httpx


async def test_only_http_and_https_urls_are_taken() -> None:
    assert BlobServer.from_url("http://hall.local", None) == BlobServer(
        "hall.local", 80, "hall.local", "", None
    )
    prefixed = BlobServer.from_url("http://10.0.0.5:8000/congress/", None)
    assert prefixed is not None and (prefixed.port, prefixed.prefix) == (8000, "/congress")
    assert BlobServer.from_url("https://hall.local", None) is None  # no TLS context given
    assert BlobServer.from_url("ftp://hall.local", None) is None
    assert BlobServer.from_url("http://user:pw@hall.local", None) is None

"""The terminal's HTTP client for the sync API (httpx, async, keep-alive).

Every failure leaves here as an error of :mod:`congress_desktop.errors`:

- no connection, timeouts, DNS, a dropped connection → :class:`OfflineError` (transient)
- 401 → :class:`AuthError` carrying the server's own message
- 5xx, 408, 429 → :class:`CongressError` of kind ``SERVER`` (transient)
- any other 4xx → :class:`InvalidInputError` with the server's message (kind ``NOT_FOUND``
  for a 404)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from congress_desktop import __version__
from congress_desktop.errors import (
    AuthError,
    CongressError,
    ErrorKind,
    InvalidInputError,
    OfflineError,
)
from congress_desktop.protocol import (
    API,
    EVENTS_HEARTBEAT_S,
    PULL_LIMIT_MAX,
    EnrollRequest,
    EnrollResponse,
    HealthResponse,
    HeartbeatRequest,
    HeartbeatResponse,
    Op,
    PullResponse,
    PushRequest,
    PushResponse,
)
from congress_desktop.store.identity import Identity
from congress_desktop.sync.blob_receiver import (
    BlobServer,
    BlobSink,
    content_range_start,
    receive_blob,
)
from congress_desktop.sync.sse import ServerSentEvent, SSEParser

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 30.0
TRANSIENT_STATUS = {408, 429}


def default_timeout() -> httpx.Timeout:
    return httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)


def normalize_url(server_url: str) -> str:
    """``http://host:port`` without a trailing slash (and with a scheme if it was left out)."""
    url = server_url.strip().rstrip("/")
    if "://" not in url:
        url = "http://" + url
    return url


def _server_message(response: httpx.Response) -> str:
    try:
        body = response.json()
        message = body["error"]["message"]
        if isinstance(message, str) and message:
            return message
    except (ValueError, KeyError, TypeError):
        pass
    text = response.text.strip()[:200]
    return text or response.reason_phrase or f"HTTP {response.status_code}"


def raise_for_response(response: httpx.Response) -> None:
    """Turn an error answer into the matching :class:`CongressError`."""
    status = response.status_code
    if status < 400:
        return
    message = _server_message(response)
    if status == 401:
        raise AuthError(message)
    if status >= 500 or status in TRANSIENT_STATUS:
        raise CongressError(f"server error {status}: {message}", kind=ErrorKind.SERVER)
    if status == 404:
        raise InvalidInputError(message, kind=ErrorKind.NOT_FOUND)
    raise InvalidInputError(message)


def _parse(model: type[M], response: httpx.Response) -> M:
    raise_for_response(response)
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise CongressError(
            f"unexpected answer from the server ({model.__name__}): {exc.error_count()} errors",
            kind=ErrorKind.SERVER,
        ) from exc


class SyncClient:
    """One keep-alive HTTP connection pool to the server, authenticated as this terminal."""

    def __init__(
        self,
        identity: Identity,
        *,
        timeout: httpx.Timeout | None = None,
        app_version: str = __version__,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """``transport``: another httpx transport (tests put faults in the way with it);
        blobs then go through it too instead of :mod:`~congress_desktop.sync.blob_receiver`."""
        self.identity = identity
        self.base_url = normalize_url(identity.server_url)
        self._timeout = timeout or default_timeout()
        # one TLS setup for both paths: httpx's own (its CA bundle), so they trust the same
        tls = httpx.create_ssl_context() if self.base_url.startswith("https://") else None
        self._blob_server = BlobServer.from_url(self.base_url, tls) if transport is None else None
        self._headers = {
            "Authorization": f"Bearer {identity.bearer}",
            "User-Agent": f"congress-desktop/{app_version}",
            "X-App-Version": app_version,
        }
        self._http = httpx.AsyncClient(
            base_url=self.base_url + API,
            timeout=self._timeout,
            limits=httpx.Limits(max_connections=8, max_keepalive_connections=4),
            headers=self._headers,
            transport=transport or httpx.AsyncHTTPTransport(retries=1, verify=tls or True),
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> SyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return await self._http.request(method, url, **kwargs)
        except httpx.TransportError as exc:
            raise OfflineError.reaching(self.base_url, exc) from exc

    # ------------------------------------------------------------------ API

    async def health(self) -> HealthResponse:
        return _parse(HealthResponse, await self._request("GET", "/health"))

    async def pull(self, epoch: str | None, since: int, limit: int = 1000) -> PullResponse:
        params: dict[str, Any] = {"since": since, "limit": max(1, min(limit, PULL_LIMIT_MAX))}
        if epoch:
            params["epoch"] = epoch
        return _parse(PullResponse, await self._request("GET", "/sync/pull", params=params))

    async def push(self, ops: list[Op]) -> PushResponse:
        body = PushRequest(ops=ops).model_dump(mode="json")
        return _parse(PushResponse, await self._request("POST", "/sync/push", json=body))

    async def heartbeat(self, beat: HeartbeatRequest) -> HeartbeatResponse:
        body = beat.model_dump(mode="json")
        return _parse(HeartbeatResponse, await self._request("POST", "/heartbeat", json=body))

    async def stream_events(
        self,
        last_event_id: str | None,
        on_event: Callable[[ServerSentEvent], None],
        *,
        on_open: Callable[[], None] | None = None,
        parser: SSEParser | None = None,
        idle_timeout: float = EVENTS_HEARTBEAT_S * 3,
    ) -> None:
        """Hold ``GET /events`` open and call ``on_event`` for each event, until it ends.

        Sends ``Last-Event-ID`` when given. Returns when the server closes the stream; raises
        OfflineError when the connection fails or stays silent (no heartbeat) for
        ``idle_timeout`` seconds, the usual errors for an error answer (a 404: the server has
        no event stream). Cancelling the task closes the connection. The line iterator is
        closed explicitly, so leaving early needs no async-generator hooks (qasync has none).
        """
        parser = parser or SSEParser(last_event_id)
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if parser.last_event_id:
            headers["Last-Event-ID"] = parser.last_event_id
        timeout = httpx.Timeout(CONNECT_TIMEOUT, read=idle_timeout)
        try:
            async with self._http.stream(
                "GET", "/events", headers=headers, timeout=timeout
            ) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise_for_response(response)
                if on_open is not None:
                    on_open()
                lines = response.aiter_lines()
                try:
                    async for line in lines:
                        event = parser.feed(line)
                        if event is not None:
                            on_event(event)
                finally:
                    aclose = getattr(lines, "aclose", None)
                    if aclose is not None:  # close the generator here, not in a finalizer
                        await aclose()
        except httpx.TransportError as exc:
            raise OfflineError.reaching(self.base_url, exc) from exc

    async def stream_blob(self, sha256: str, dest: BlobSink, offset: int = 0) -> int:
        """Download blob ``sha256`` into ``dest``, from byte ``offset`` when the server allows.

        Sends ``Range`` with ``If-Range`` (the blob's ETag is its hash), so a server that
        cannot resume answers with the whole file and ``dest.begin(0)`` is called. Returns the
        number of bytes received. The body is read by
        :func:`~congress_desktop.sync.blob_receiver.receive_blob` (a fraction of httpx's CPU
        per byte); an answer it does not take (an error, a chunked body) is asked for again
        through httpx.
        """
        headers: dict[str, str] = {}
        if offset > 0:
            headers = {"Range": f"bytes={offset}-", "If-Range": f'"{sha256}"'}
        url = f"/blobs/{sha256}"
        if self._blob_server is not None:
            received = await receive_blob(
                self._blob_server,
                f"{API}{url}",
                {**self._headers, **headers},
                dest,
                offset,
                connect_timeout=self._timeout.connect or CONNECT_TIMEOUT,
                read_timeout=self._timeout.read or READ_TIMEOUT,
            )
            if received is not None:
                return received
        try:
            async with self._http.stream("GET", url, headers=headers) as response:
                if response.status_code == 416 and offset > 0:
                    log.info("blob %s: range %d- not satisfiable, starting over", sha256, offset)
                else:
                    return await self._receive(response, sha256, dest, offset)
            async with self._http.stream("GET", url) as response:
                return await self._receive(response, sha256, dest, 0)
        except httpx.TransportError as exc:
            raise OfflineError.reaching(self.base_url, exc) from exc

    async def _receive(
        self, response: httpx.Response, sha256: str, dest: BlobSink, offset: int
    ) -> int:
        if response.status_code >= 400:
            await response.aread()
            raise_for_response(response)
        start = 0
        if response.status_code == 206:
            start = content_range_start(response.headers.get("content-range", ""))
            if start != offset:
                raise CongressError(
                    f"blob {sha256[:12]}: server resumed at byte {start}, asked for {offset}",
                    kind=ErrorKind.SERVER,
                )
        dest.begin(start)
        received = 0
        drain = getattr(dest, "drain", None)  # a sink that works in a thread of its own
        async for chunk in response.aiter_bytes():
            dest.write(chunk)
            received += len(chunk)
            if drain is not None:
                await drain()
        return received


async def enroll(
    server_url: str,
    token: str,
    name: str = "",
    app_version: str = __version__,
    *,
    timeout: httpx.Timeout | None = None,
) -> EnrollResponse:
    """Spend a one-time enrollment token; a used/expired one raises AuthError saying so."""
    base_url = normalize_url(server_url)
    try:
        body = EnrollRequest(token=token.strip(), name=name[:100], app_version=app_version[:40])
    except ValidationError:
        raise AuthError("enrollment token is not valid (malformed)") from None
    async with httpx.AsyncClient(
        base_url=base_url + API, timeout=timeout or default_timeout()
    ) as http:
        try:
            response = await http.post("/enroll", json=body.model_dump(mode="json"))
        except httpx.TransportError as exc:
            raise OfflineError.reaching(base_url, exc) from exc
    return _parse(EnrollResponse, response)

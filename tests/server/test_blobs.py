"""Blobs: content-addressed, immutable, with Range and If-Range."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from congress_desktop.config import ServerPaths
from congress_desktop.server.blobs import store_blob

pytestmark = pytest.mark.asyncio

DATA = bytes(range(256)) * 1000  # 256,000 bytes


@pytest.fixture
def blob(paths: ServerPaths, tmp_path: Path) -> str:
    src = tmp_path / "source.bin"
    src.write_bytes(DATA)
    return store_blob(paths, src)


async def test_store_blob_is_content_addressed(
    paths: ServerPaths, blob: str, tmp_path: Path
) -> None:
    assert blob == hashlib.sha256(DATA).hexdigest()
    assert paths.blob_path(blob).read_bytes() == DATA
    copy = tmp_path / "copy.bin"
    copy.write_bytes(DATA)
    assert store_blob(paths, copy) == blob  # storing again is a no-op
    assert not list(paths.blobs.glob("*.part"))


async def test_full_download_with_etag(
    client: httpx.AsyncClient, blob: str, seat1: dict[str, str]
) -> None:
    response = await client.get(f"/api/v1/blobs/{blob}", headers=seat1)
    assert response.status_code == 200
    assert response.content == DATA
    assert response.headers["etag"] == f'"{blob}"'
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["content-length"] == str(len(DATA))
    head = await client.head(f"/api/v1/blobs/{blob}", headers=seat1)
    assert head.status_code == 200 and head.headers["content-length"] == str(len(DATA))


async def test_range_resumes_a_download(
    client: httpx.AsyncClient, blob: str, seat1: dict[str, str]
) -> None:
    url = f"/api/v1/blobs/{blob}"
    part = await client.get(url, headers={**seat1, "Range": "bytes=1000-"})
    assert part.status_code == 206
    assert part.content == DATA[1000:]
    assert part.headers["content-range"] == f"bytes 1000-{len(DATA) - 1}/{len(DATA)}"
    middle = await client.get(url, headers={**seat1, "Range": "bytes=10-19"})
    assert middle.status_code == 206 and middle.content == DATA[10:20]
    for if_range in (f'"{blob}"', blob):  # quoted ETag, or the bare hash
        ok = await client.get(url, headers={**seat1, "Range": "bytes=5-", "If-Range": if_range})
        assert ok.status_code == 206 and ok.content == DATA[5:]
    stale = await client.get(url, headers={**seat1, "Range": "bytes=5-", "If-Range": '"old"'})
    assert stale.status_code == 200 and stale.content == DATA  # changed: the whole blob


async def test_bad_ranges_and_missing_blobs_use_the_error_shape(
    client: httpx.AsyncClient, blob: str, seat1: dict[str, str]
) -> None:
    url = f"/api/v1/blobs/{blob}"
    beyond = await client.get(url, headers={**seat1, "Range": f"bytes={len(DATA)}-"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(DATA)}"
    assert beyond.json()["error"]["code"] == "bad_request"
    malformed = await client.get(url, headers={**seat1, "Range": "pages=1-2"})
    assert malformed.status_code == 400 and malformed.json()["error"]["code"] == "bad_request"
    for name in ("0" * 64, "not-a-hash", blob.upper()[:-1] + "Z"):
        missing = await client.get(f"/api/v1/blobs/{name}", headers=seat1)
        assert missing.status_code == 404
        assert missing.json()["error"]["code"] == "not_found"

"""The API describes itself: the console engineer and technicians read /api/v1/openapi.json."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.asyncio
async def test_openapi_document_lists_the_sync_and_blob_routes(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/sync/pull", "/api/v1/sync/push", "/api/v1/blobs/{sha256}"):
        assert path in paths

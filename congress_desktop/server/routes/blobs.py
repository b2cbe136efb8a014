"""``GET /api/v1/blobs/{sha256}``: immutable content by hash, with Range and If-Range."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from congress_desktop.protocol import ErrorCode
from congress_desktop.server.blobs import BlobResponse, check_range, is_sha256
from congress_desktop.server.deps import StateDep, TerminalDep
from congress_desktop.server.errors import ApiError

router = APIRouter()


# response_class and status_code describe the route for OpenAPI (FastAPI cannot infer them
# from BlobResponse's signature); a 206 is answered for Range requests.
@router.head("/blobs/{sha256}", include_in_schema=False)
@router.get("/blobs/{sha256}", response_class=FileResponse, status_code=200)
def get_blob(sha256: str, request: Request, state: StateDep, _t: TerminalDep) -> BlobResponse:
    sha256 = sha256.lower()
    if not is_sha256(sha256):
        raise ApiError(404, ErrorCode.NOT_FOUND, "no such blob")
    path = state.paths.blob_path(sha256)
    try:
        stat_result = path.stat()
    except FileNotFoundError:
        raise ApiError(404, ErrorCode.NOT_FOUND, f"no blob {sha256}") from None
    range_header = request.headers.get("range")
    if range_header is not None:
        problem = check_range(range_header, stat_result.st_size)
        if problem is not None:
            status, message = problem
            headers = {"content-range": f"bytes */{stat_result.st_size}"} if status == 416 else None
            raise ApiError(status, ErrorCode.BAD_REQUEST, message, headers)
    return BlobResponse(path, sha256, stat_result)

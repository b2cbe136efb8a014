"""``GET /api/v1/health``: no auth; for technicians, load balancers and tests."""

from __future__ import annotations

from fastapi import APIRouter

from congress_desktop import __version__
from congress_desktop.model import utcnow
from congress_desktop.protocol import HealthResponse
from congress_desktop.server.db import current_seq, read_connection
from congress_desktop.server.deps import StateDep

router = APIRouter()


@router.get("/health")
def health(state: StateDep) -> HealthResponse:
    with read_connection(state.engine) as conn:
        seq = current_seq(conn)
    return HealthResponse(
        version=__version__,
        epoch=state.epoch,
        seq=seq,
        server_time=utcnow(),
        database=state.database,
    )

"""``POST /api/v1/enroll``: spend a one-time token, get a terminal credential."""

from __future__ import annotations

from fastapi import APIRouter

from congress_desktop.protocol import EnrollRequest, EnrollResponse
from congress_desktop.server.auth import enroll
from congress_desktop.server.deps import StateDep

router = APIRouter()


@router.post("/enroll")
def enroll_terminal(request: EnrollRequest, state: StateDep) -> EnrollResponse:
    with state.engine.begin() as conn:
        return enroll(conn, request)

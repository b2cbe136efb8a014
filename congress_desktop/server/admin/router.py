"""All admin routes under one router: ``app.include_router(router, prefix=API)``."""

from __future__ import annotations

from fastapi import APIRouter

from congress_desktop.server.admin import (
    agenda_routes,
    attendance_live,
    attendance_routes,
    auth_routes,
    content_routes,
    documents,
    reports,
    suggestions,
    terminals,
)

router = APIRouter(prefix="/admin", tags=["admin"])
for _module in (
    auth_routes,
    content_routes,
    documents,
    agenda_routes,
    attendance_live,
    attendance_routes,
    terminals,
    suggestions,
    reports,
):
    router.include_router(_module.router)

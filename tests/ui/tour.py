"""Walking every terminal screen as a delegate would, for checks that look at each one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fixtures.ui import DOC_TITLE, PIN

from .helpers import WAIT_MS, idle, sign_in, tap

SCREENS = (
    "signin",
    "home",
    "agenda",
    "documents",
    "viewer",
    "motions",
    "motion-detail",
    "notices",
    "suggestion-form",
    "my-suggestions",
)


def settle(qtbot: Any, window: Any) -> None:
    idle(qtbot, window.ctx)
    qtbot.wait(30)  # layouts and polish run on posted events


def visit_screens(qtbot: Any, window: Any) -> Iterator[str]:
    """Shows each of :data:`SCREENS` in turn (signing in after the first) and yields its name
    while it is on screen."""
    window.show_screen("signin")
    settle(qtbot, window)
    yield "signin"
    sign_in(qtbot, window, PIN)
    settle(qtbot, window)
    yield "home"
    for key in ("agenda", "documents"):
        tap(qtbot, window.nav_buttons[key])
        settle(qtbot, window)
        yield key
    documents = window.documents
    qtbot.waitUntil(lambda: documents.card_for(DOC_TITLE) is not None, timeout=WAIT_MS)
    tap(qtbot, documents.card_for(DOC_TITLE))
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.page_view.has_page() and not viewer.rendering, timeout=WAIT_MS)
    settle(qtbot, window)
    yield "viewer"
    tap(qtbot, window.nav_buttons["motions"])
    settle(qtbot, window)
    yield "motions"
    motions = window.motions
    if len(motions._motions) > 1:
        motions.select_motion(motions._motions[1].id)
        settle(qtbot, window)
    yield "motion-detail"
    tap(qtbot, window.nav_buttons["notices"])
    settle(qtbot, window)
    yield "notices"
    tap(qtbot, window.nav_buttons["suggestions"])
    window.suggestions.show_form()
    settle(qtbot, window)
    yield "suggestion-form"
    window.suggestions.show_mine()
    settle(qtbot, window)
    yield "my-suggestions"

"""Walking every terminal screen as a delegate would, for checks that look at each one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fixtures.ui import DOC_TITLE, PIN

from .helpers import WAIT_MS, idle, sign_in, tap
from .suggestion_rows import invitation_from_li, replied_suggestion, server_rows

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
    "cosigner-picker",
    "my-suggestions",
    "suggestion-detail",
    "invitations",
    "invitation-detail",
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
    form = window.suggestions.form
    tap(qtbot, form.cosigners_button)
    settle(qtbot, window)
    yield "cosigner-picker"
    tap(qtbot, form.picker.done_button)
    # the server's side of the workflow: a reply to my suggestion, an invitation for me
    server_rows(window.ctx.store, *replied_suggestion(), *invitation_from_li())
    window.ctx.sync.tables_changed.emit(frozenset({"suggestions", "suggestion_cosigners"}))
    window.suggestions.show_mine()
    my_list = window.suggestions.my_list
    my_list.show_list()  # a second walk finds the detail still open
    qtbot.waitUntil(lambda: len(my_list.card_list.items) == 1, timeout=WAIT_MS)
    settle(qtbot, window)
    yield "my-suggestions"
    tap(qtbot, my_list.card_list.items[0])
    qtbot.waitUntil(lambda: my_list.detail.detail is not None, timeout=WAIT_MS)
    settle(qtbot, window)
    yield "suggestion-detail"
    window.suggestions.show_invitations()
    invitations = window.suggestions.invitations
    qtbot.waitUntil(lambda: len(invitations.card_list.items) == 1, timeout=WAIT_MS)
    settle(qtbot, window)
    yield "invitations"
    tap(qtbot, invitations.card_list.items[0])
    settle(qtbot, window)
    yield "invitation-detail"

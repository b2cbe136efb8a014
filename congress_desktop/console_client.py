"""An httpx client for the admin API (``/api/v1/admin``): the console and the hall display.

No Qt here: the console calls these blocking methods on worker threads (``ui/ops.Ops``).
Every answer is parsed into the pydantic models of :mod:`congress_desktop.protocol`; every
failure becomes an :class:`AdminApiError` with the HTTP status, the server's error code and,
for a rejected roster, the row errors::

    client = ConsoleClient("http://127.0.0.1:8765")
    me = client.login("mishu", "secret")
    client.publish_agenda()
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter

from congress_desktop.errors import CongressError, ErrorKind
from congress_desktop.protocol import (
    ADMIN,
    AdminAction,
    AgendaOut,
    AssignmentOut,
    AttendanceOut,
    AuditEntryOut,
    DelegateOut,
    DisplayOut,
    DocumentOut,
    EnrollTokenOut,
    LeaveOut,
    LoginResponse,
    MeResponse,
    MotionOut,
    NoticeOut,
    PresenterPage,
    RosterImportResult,
    RosterRowError,
    SeatOut,
    SessionOut,
    SignInOut,
    SittingOut,
    SuggestionDetailOut,
    SuggestionOut,
    TerminalOut,
)

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
TIMEOUT = httpx.Timeout(30.0, connect=5.0)
EVENTS_READ_TIMEOUT_S = 60.0  # the server pings every 15 s


class AdminApiError(CongressError):
    """An admin API call that failed: ``status`` 0 when the server could not be reached."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 0,
        code: str = "",
        row_errors: list[RosterRowError] | None = None,
    ) -> None:
        super().__init__(message, kind=_kind(status))
        self.status = status
        self.code = code
        self.server_message = message
        self.row_errors = row_errors or []


def _kind(status: int) -> ErrorKind:
    if status == 0:
        return ErrorKind.OFFLINE
    if status in (401, 403):
        return ErrorKind.AUTH
    if status == 404:
        return ErrorKind.NOT_FOUND
    if status == 409:
        return ErrorKind.CONFLICT
    if 400 <= status < 500:
        return ErrorKind.INVALID_INPUT
    return ErrorKind.SERVER


def _error_from(response: httpx.Response) -> AdminApiError:
    code, message, rows = "", response.reason_phrase, None
    try:
        body = response.json()
        code = str(body["error"]["code"])
        message = str(body["error"]["message"])
        if "errors" in body:
            rows = TypeAdapter(list[RosterRowError]).validate_python(body["errors"])
    except (ValueError, KeyError, TypeError):
        pass
    return AdminApiError(message, status=response.status_code, code=code, row_errors=rows)


class ConsoleClient:
    """One console login against one server; thread-safe (one httpx connection pool)."""

    def __init__(self, server_url: str, *, transport: httpx.BaseTransport | None = None) -> None:
        self.server_url = server_url.rstrip("/")
        self._http = httpx.Client(base_url=self.server_url, timeout=TIMEOUT, transport=transport)
        self.token: str | None = None
        self.me: MeResponse | None = None

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------------ plumbing

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """``method`` on ``ADMIN + path``; raises :class:`AdminApiError` on any failure."""
        try:
            response = self._http.request(
                method, f"{ADMIN}{path}", headers=self._headers(), **kwargs
            )
        except httpx.HTTPError as exc:
            raise AdminApiError(f"the server cannot be reached: {exc}") from exc
        if response.status_code >= 400:
            error = _error_from(response)
            log.info("%s %s → %s %s", method, path, response.status_code, error.server_message)
            raise error
        return response

    def _get(self, model: type[M], path: str, **params: Any) -> M:
        return model.model_validate_json(self.request("GET", path, params=_clean(params)).content)

    def _list(self, model: type[M], path: str, **params: Any) -> list[M]:
        content = self.request("GET", path, params=_clean(params)).content
        return TypeAdapter(list[model]).validate_json(content)  # type: ignore[valid-type]

    def _send(self, model: type[M], method: str, path: str, body: Any = None, **kw: Any) -> M:
        response = self.request(method, path, json=body, **kw)
        return model.model_validate_json(response.content)

    # ------------------------------------------------------------------ login

    def login(self, username: str, password: str) -> MeResponse:
        response = self.request("POST", "/login", json={"username": username, "password": password})
        self.token = LoginResponse.model_validate_json(response.content).token
        self.me = self._get(MeResponse, "/me")
        return self.me

    def logout(self) -> None:
        if self.token is not None:
            try:
                self.request("POST", "/logout")
            finally:
                self.token = None
                self.me = None

    def may(self, action: AdminAction) -> bool:
        return self.me is not None and action in self.me.actions

    # ------------------------------------------------------------------ session, people

    def sessions(self) -> list[SessionOut]:
        return self._list(SessionOut, "/sessions")

    def update_session(self, session_id: str, **changes: Any) -> SessionOut:
        return self._send(SessionOut, "PATCH", f"/sessions/{session_id}", _jsonable(changes))

    def sittings(self) -> list[SittingOut]:
        return self._list(SittingOut, "/sittings")

    def add_sitting(self, number: int, title: str, **times: dt.datetime | None) -> SittingOut:
        body = {"number": number, "title": title, **_jsonable(times)}
        return self._send(SittingOut, "POST", "/sittings", body)

    def update_sitting(self, sitting_id: str, **changes: Any) -> SittingOut:
        return self._send(SittingOut, "PATCH", f"/sittings/{sitting_id}", _jsonable(changes))

    def import_roster(self, path: Path) -> RosterImportResult:
        files = {"file": (path.name, path.read_bytes())}
        return RosterImportResult.model_validate_json(
            self.request("POST", "/roster", files=files).content
        )

    def delegates(self) -> list[DelegateOut]:
        return self._list(DelegateOut, "/delegates")

    def seats(self) -> list[SeatOut]:
        return self._list(SeatOut, "/seats")

    def assign_seat(self, number: int, delegate_id: str | None) -> SeatOut:
        return self._send(SeatOut, "PUT", f"/seats/{number}", {"delegate_id": delegate_id})

    # ------------------------------------------------------------------ documents etc.

    def documents(self) -> list[DocumentOut]:
        return self._list(DocumentOut, "/documents")

    def upload_document(
        self,
        path: Path,
        *,
        title: str | None = None,
        classification: str | None = None,
        supersedes_id: str | None = None,
    ) -> DocumentOut:
        form = _clean(
            {"title": title, "classification": classification, "supersedes_id": supersedes_id}
        )
        files = {"file": (path.name, path.read_bytes(), "application/pdf")}
        response = self.request("POST", "/documents", files=files, data=form)
        return DocumentOut.model_validate_json(response.content)

    def update_document(self, document_id: str, **changes: Any) -> DocumentOut:
        return self._send(DocumentOut, "PATCH", f"/documents/{document_id}", changes)

    def motions(self) -> list[MotionOut]:
        return self._list(MotionOut, "/motions")

    def add_motion(self, title: str, **fields: Any) -> MotionOut:
        return self._send(MotionOut, "POST", "/motions", {"title": title, **fields})

    def notices(self) -> list[NoticeOut]:
        return self._list(NoticeOut, "/notices")

    def publish_notice(self, title: str, body: str) -> NoticeOut:
        return self._send(NoticeOut, "POST", "/notices", {"title": title, "body": body})

    def withdraw_notice(self, notice_id: str) -> None:
        self.request("DELETE", f"/notices/{notice_id}")

    # ------------------------------------------------------------------ agenda

    def agenda(self) -> AgendaOut:
        return self._get(AgendaOut, "/agenda")

    def add_draft_item(self, title: str, **fields: Any) -> AgendaOut:
        body = {"title": title, **_jsonable(fields)}
        return self._send(AgendaOut, "POST", "/agenda/draft/items", body)

    def update_draft_item(self, item_id: str, **changes: Any) -> AgendaOut:
        return self._send(AgendaOut, "PATCH", f"/agenda/draft/items/{item_id}", _jsonable(changes))

    def delete_draft_item(self, item_id: str) -> AgendaOut:
        return self._send(AgendaOut, "DELETE", f"/agenda/draft/items/{item_id}")

    def reorder_draft(self, item_ids: list[str]) -> AgendaOut:
        return self._send(AgendaOut, "PUT", "/agenda/draft/order", {"item_ids": item_ids})

    def publish_agenda(self, reason: str = "") -> AgendaOut:
        return self._send(AgendaOut, "POST", "/agenda/publish", {"reason": reason})

    def set_current(self, move: str, item_id: str | None = None) -> AgendaOut:
        body = {"move": move, "item_id": item_id}
        return self._send(AgendaOut, "POST", "/agenda/current", body)

    def presenter(self) -> PresenterPage | None:
        content = self.request("GET", "/agenda/presenter").content
        return None if content in (b"", b"null") else PresenterPage.model_validate_json(content)

    def set_presenter(self, document_id: str, page: int) -> PresenterPage:
        body = {"document_id": document_id, "page": page}
        return self._send(PresenterPage, "PUT", "/agenda/presenter", body)

    # ------------------------------------------------------------------ attendance

    def attendance(self, sitting_id: str | None = None) -> AttendanceOut:
        return self._get(AttendanceOut, "/attendance", sitting_id=sitting_id)

    def staff_signin(self, sitting_id: str, delegate_id: str, reason: str) -> SignInOut:
        body = {"sitting_id": sitting_id, "delegate_id": delegate_id, "reason": reason}
        return self._send(SignInOut, "POST", "/attendance/staff-signin", body)

    def record_leave(self, sitting_id: str, delegate_id: str, reason: str) -> LeaveOut:
        body = {"sitting_id": sitting_id, "delegate_id": delegate_id, "reason": reason}
        return self._send(LeaveOut, "POST", "/attendance/leaves", body)

    def display(self) -> DisplayOut:
        return self._get(DisplayOut, "/display")

    # ------------------------------------------------------------------ suggestions

    def suggestions(self) -> list[SuggestionOut]:
        return self._list(SuggestionOut, "/suggestions")

    def suggestion(self, suggestion_id: str) -> SuggestionDetailOut:
        """One suggestion with its co-signers, assignments and history timeline."""
        return self._get(SuggestionDetailOut, f"/suggestions/{suggestion_id}")

    def assign_suggestion(
        self, suggestion_id: str, unit: str, reason: str = "", kind: str = "lead"
    ) -> AssignmentOut:
        body = {"unit": unit, "reason": reason, "kind": kind}
        return self._send(AssignmentOut, "POST", f"/suggestions/{suggestion_id}/assign", body)

    def review_suggestion(
        self, suggestion_id: str, accept: bool, reason: str = ""
    ) -> SuggestionDetailOut:
        """审核: accept (立案), or return it to the delegate with ``reason``."""
        body = {"decision": "accept" if accept else "return", "reason": reason}
        return self._send(SuggestionDetailOut, "POST", f"/suggestions/{suggestion_id}/review", body)

    def close_cosigning(self, suggestion_id: str) -> SuggestionDetailOut:
        """截止附议: stop waiting for the co-signers who have not answered."""
        return self._send(
            SuggestionDetailOut, "POST", f"/suggestions/{suggestion_id}/close-cosigning", None
        )

    def reply_suggestion(self, suggestion_id: str, text: str) -> SuggestionDetailOut:
        """答复 (handling units, for suggestions assigned to their unit)."""
        return self._send(
            SuggestionDetailOut, "POST", f"/suggestions/{suggestion_id}/reply", {"text": text}
        )

    # ------------------------------------------------------------------ terminals, reports

    def terminals(self) -> list[TerminalOut]:
        return self._list(TerminalOut, "/terminals")

    def enroll_token(self, seat_number: int | None) -> EnrollTokenOut:
        body = {"seat_number": seat_number}
        return self._send(EnrollTokenOut, "POST", "/terminals/enroll-token", body)

    def audit(self, limit: int = 200) -> list[AuditEntryOut]:
        return self._list(AuditEntryOut, "/audit", limit=limit)

    def report(self, kind: str, **params: Any) -> bytes:
        """The PDF bytes of report ``kind`` (attendance | agenda | audit)."""
        return self.request("GET", f"/reports/{kind}", params=_clean(params)).content

    # ------------------------------------------------------------------ events

    def events(self, stop: Callable[[], bool]) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(event type, data)`` from ``GET /admin/events`` until ``stop()`` or an error."""
        timeout = httpx.Timeout(EVENTS_READ_TIMEOUT_S, connect=5.0)
        url = f"{ADMIN}/events"
        try:
            with self._http.stream("GET", url, headers=self._headers(), timeout=timeout) as r:
                if r.status_code >= 400:
                    r.read()
                    raise _error_from(r)
                kind, data = "message", ""
                for line in r.iter_lines():
                    if stop():
                        return
                    if not line:
                        if data:
                            yield kind, _json_or_empty(data)
                        kind, data = "message", ""
                    elif line.startswith("event:"):
                        kind = line[6:].strip()
                    elif line.startswith("data:"):
                        data += line[5:].strip()
        except httpx.HTTPError as exc:
            raise AdminApiError(f"the event stream ended: {exc}") from exc


def _json_or_empty(data: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _clean(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in values.items()}

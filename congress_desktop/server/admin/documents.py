"""Document upload (multipart PDF), versions and edits.

An upload is checked with :func:`congress_desktop.documents.inspect_pdf` before anything is
stored: a corrupt, truncated, encrypted or non-PDF file is refused (422) with the reason and
nothing is written. Uploading with ``supersedes_id`` makes a new version (version + 1,
``supersedes_id`` set) and tombstones the old row, so terminals show only the newest
version; the server keeps the old row's payload (and its blob) for the version chain.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from sqlalchemy import func, select

from congress_desktop.documents import inspect_pdf
from congress_desktop.errors import CorruptFileError
from congress_desktop.model import Classification, agenda_items, document_changes, documents
from congress_desktop.protocol import AdminAction, DocumentOut, DocumentPatch
from congress_desktop.server import audit
from congress_desktop.server.admin import rows
from congress_desktop.server.admin.deps import bad_request, require, session_or_active, writing
from congress_desktop.server.annotations import Prepared, carry_to_new_version, prepare_carry
from congress_desktop.server.blobs import store_blob
from congress_desktop.server.changes import delete_row, next_seq, write_row
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.users import ConsoleUser
from congress_desktop.versions import VersionDiff, diff_documents

log = logging.getLogger(__name__)
router = APIRouter()

Viewer = Annotated[ConsoleUser, Depends(require(AdminAction.CONTENT_VIEW))]
Editor = Annotated[ConsoleUser, Depends(require(AdminAction.DOCUMENTS_EDIT))]
MAX_UPLOAD_BYTES = 512 * 1024 * 1024
_UNSAFE = re.compile(r"[\\/\x00-\x1f]")


def safe_filename(name: str | None) -> str:
    cleaned = _UNSAFE.sub("_", (name or "").strip()).lstrip(".")[:200]
    return cleaned or "document.pdf"


@router.get("/documents")
def list_documents(
    state: StateDep,
    _user: Viewer,
    session_id: Annotated[str | None, Query(max_length=36)] = None,
) -> list[DocumentOut]:
    with read_connection(state.engine) as conn:
        sid = session_or_active(conn, session_id)
        query = select(documents).where(
            documents.c.session_id == sid, documents.c.deleted.is_(False)
        )
        found = conn.execute(query.order_by(documents.c.position, documents.c.title)).mappings()
        return [DocumentOut.model_validate(dict(r)) for r in found]


@router.post("/documents", status_code=201)
def upload_document(
    state: StateDep,
    user: Editor,
    file: Annotated[UploadFile, File(description="the PDF")],
    title: Annotated[str | None, Form(max_length=300)] = None,
    classification: Annotated[Classification | None, Form()] = None,
    agenda_item_id: Annotated[str | None, Form(max_length=36)] = None,
    supersedes_id: Annotated[str | None, Form(max_length=36)] = None,
    reason: Annotated[str, Form(max_length=1000)] = "",
) -> DocumentOut:
    filename = safe_filename(file.filename)
    with tempfile.TemporaryDirectory(dir=state.paths.root, prefix=".upload-") as tmp:
        path = Path(tmp) / filename
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out, 1 << 20)
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise bad_request(f"{filename} is larger than {MAX_UPLOAD_BYTES} bytes")
        try:
            info = inspect_pdf(path)
        except CorruptFileError as exc:
            log.info("upload of %s refused: %s", filename, exc)
            raise bad_request(f"the document was refused: {exc}") from None
        # outside the write lock (reading long documents takes seconds)
        diff = _version_diff(state, supersedes_id, path)
        prepared = prepare_carry(state.engine, supersedes_id, path) if supersedes_id else {}
        with writing(state) as conn:
            next_seq(conn)  # hold the write lock for the checks below
            values = _new_version(conn, supersedes_id, title, filename)
            values.update(filename=filename, sha256=info.sha256, size=info.size, pages=info.pages)
            if classification is not None:
                values["classification"] = classification.value
            if agenda_item_id is not None:
                rows.get_row(conn, agenda_items, agenda_item_id, "agenda item")
                values["agenda_item_id"] = agenda_item_id or None
            values.setdefault("session_id", session_or_active(conn, None))
            if values.get("position") is None:
                values["position"] = _next_position(conn, values["session_id"])
            sha = store_blob(state.paths, path)  # idempotent: a rollback leaves a harmless blob
            if sha != info.sha256:
                raise bad_request(f"{filename} changed while it was being uploaded")
            write_row(conn, documents, values)
            after = rows.get_row(conn, documents, values["id"], "document")
            before = None
            if supersedes_id:
                before = rows.get_row(conn, documents, supersedes_id, "document")
                delete_row(conn, documents, supersedes_id)
                _record_new_version(conn, before, after, diff, path, prepared)
            action = "document.new_version" if supersedes_id else "document.upload"
            audit.record(
                conn,
                user,
                action,
                "documents",
                values["id"],
                before=before,
                after=after,
                reason=reason,
            )
            log.info("document %s uploaded as %s (%d pages)", filename, values["id"], info.pages)
            return DocumentOut.model_validate(after)


def _version_diff(state: Any, supersedes_id: str | None, new_pdf: Path) -> VersionDiff | None:
    """The text diff of the superseded version and the upload (None: no old file to read)."""
    if not supersedes_id:
        return None
    with read_connection(state.engine) as conn:
        old = conn.execute(
            select(documents.c.sha256).where(documents.c.id == supersedes_id)
        ).scalar()
    old_path = state.paths.blob_path(old) if old else None
    if old_path is None or not old_path.exists():
        return None
    try:
        return diff_documents(old_path, new_pdf)
    except Exception:  # never refuse an upload for want of a diff
        log.warning("could not compare %s with its new version", supersedes_id, exc_info=True)
        return None


def _record_new_version(
    conn: Any,
    before: dict[str, Any],
    after: dict[str, Any],
    diff: VersionDiff | None,
    new_pdf: Path,
    prepared: Prepared,
) -> None:
    """What changed (``document_changes``) and the delegates' notes carried over."""
    if diff is not None:
        write_row(
            conn,
            document_changes,
            {
                "id": after["id"],
                "document_id": after["id"],
                "from_document_id": before["id"],
                "from_version": before["version"],
                "to_version": after["version"],
                **diff.as_row(),
            },
        )
    carry_to_new_version(conn, before["id"], after, new_pdf, prepared)


def _new_version(
    conn: Any, supersedes_id: str | None, title: str | None, filename: str
) -> dict[str, Any]:
    values: dict[str, Any] = {"id": str(uuid.uuid4()), "version": 1, "supersedes_id": None}
    if supersedes_id:
        old = rows.get_row(conn, documents, supersedes_id, "document")
        values.update(
            session_id=old["session_id"],
            title=old["title"],
            classification=old["classification"],
            agenda_item_id=old["agenda_item_id"],
            position=old["position"],
            version=old["version"] + 1,
            supersedes_id=supersedes_id,
        )
    else:
        values["classification"] = Classification.PUBLIC.value
    if title and title.strip():
        values["title"] = title.strip()
    values.setdefault("title", Path(filename).stem)
    return values


def _next_position(conn: Any, session_id: str) -> int:
    last = conn.execute(
        select(func.max(documents.c.position)).where(documents.c.session_id == session_id)
    ).scalar()
    return 0 if last is None else int(last) + 1


@router.patch("/documents/{document_id}")
def update_document(
    document_id: str, body: DocumentPatch, state: StateDep, user: Editor
) -> DocumentOut:
    with writing(state) as conn:
        changes = body.model_dump(mode="json", exclude_unset=True)
        if changes.get("agenda_item_id"):
            rows.get_row(conn, agenda_items, changes["agenda_item_id"], "agenda item")
        row = rows.patch(conn, user, documents, document_id, changes, "document.update", "document")
        return DocumentOut.model_validate(row)


@router.delete("/documents/{document_id}", status_code=204)
def withdraw_document(document_id: str, state: StateDep, user: Editor) -> None:
    with writing(state) as conn:
        rows.remove(conn, user, documents, document_id, "document.withdraw", "document")

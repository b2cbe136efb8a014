"""PDF documents with PyMuPDF: validation on import, page rendering for the reader.

No Qt here: rendering returns raw pixel buffers that the UI wraps in a QImage.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from congress_desktop.errors import CorruptFileError


@dataclass(frozen=True)
class PdfInfo:
    sha256: str
    size: int
    pages: int


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def inspect_pdf(path: Path) -> PdfInfo:
    """Check that ``path`` is a readable, unencrypted PDF; raise CorruptFileError saying why."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorruptFileError(f"cannot read {path.name}: {exc.strerror}") from exc
    if not data.startswith(b"%PDF-"):
        raise CorruptFileError(f"{path.name} is not a PDF file")
    try:
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            if doc.needs_pass or doc.is_encrypted:
                raise CorruptFileError(f"{path.name} is encrypted (password protected)")
            pages = doc.page_count
            if pages < 1:
                raise CorruptFileError(f"{path.name} has no pages")
            # a damaged file may open yet fail on its first page
            doc[0].get_text("text")
    except CorruptFileError:
        raise
    except Exception as exc:  # PyMuPDF raises several types for damaged files
        raise CorruptFileError(f"{path.name} is damaged and cannot be opened: {exc}") from exc
    return PdfInfo(sha256=hashlib.sha256(data).hexdigest(), size=len(data), pages=pages)

"""What a new version of a document changed: a line diff of the two PDFs' text.

Computed once by the server when the new version is uploaded (``document_changes`` row) and
shown by the reader to a delegate opening the document after the new version arrived.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf

HUNKS_MAX = 40
"""Changed passages kept (the reader lists them; the rest is counted)."""
EXCERPT_MAX = 160
"""Characters kept of each side of a changed passage."""


@dataclass
class VersionDiff:
    pages_before: int
    pages_after: int
    added_lines: int = 0
    removed_lines: int = 0
    changed_pages: list[int] = field(default_factory=list)  # 1-based, in the new version
    hunks: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""

    @property
    def unchanged(self) -> bool:
        return not self.added_lines and not self.removed_lines

    def as_row(self) -> dict[str, Any]:
        return {
            "pages_before": self.pages_before,
            "pages_after": self.pages_after,
            "added_lines": self.added_lines,
            "removed_lines": self.removed_lines,
            "changed_pages": self.changed_pages,
            "hunks": self.hunks,
            "summary": self.summary,
        }


def document_lines(doc: pymupdf.Document) -> list[tuple[int, str]]:
    """(1-based page, line) of every non-blank line, whitespace collapsed."""
    lines: list[tuple[int, str]] = []
    for number in range(1, doc.page_count + 1):
        for line in doc[number - 1].get_text("text").splitlines():
            cleaned = " ".join(line.split())
            if cleaned:
                lines.append((number, cleaned))
    return lines


def _excerpt(lines: list[tuple[int, str]]) -> str:
    text = " ".join(t for _p, t in lines)
    return text if len(text) <= EXCERPT_MAX else text[: EXCERPT_MAX - 1] + "…"


def diff_lines(old: list[tuple[int, str]], new: list[tuple[int, str]]) -> VersionDiff:
    old_pages = max((p for p, _t in old), default=0)
    new_pages = max((p for p, _t in new), default=0)
    result = VersionDiff(pages_before=old_pages, pages_after=new_pages)
    matcher = difflib.SequenceMatcher(None, [t for _p, t in old], [t for _p, t in new], False)
    pages: set[int] = set()
    summary: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        result.removed_lines += len(removed)
        result.added_lines += len(added)
        if added:
            page = added[0][0]
        elif j1 < len(new):
            page = new[j1][0]
        else:
            page = new[-1][0] if new else 1
        pages.update(p for p, _t in added)
        pages.add(page)
        if len(result.hunks) < HUNKS_MAX:
            hunk = {"op": tag, "page": page, "old": _excerpt(removed), "new": _excerpt(added)}
            result.hunks.append(hunk)
            if len(summary) < 5:
                parts = [f"p.{page}:"]
                if hunk["old"]:
                    parts.append(f"- {hunk['old']}")
                if hunk["new"]:
                    parts.append(f"+ {hunk['new']}")
                summary.append(" ".join(parts))
    result.changed_pages = sorted(pages)
    result.summary = "\n".join(summary)
    return result


def diff_documents(old_path: Path, new_path: Path) -> VersionDiff:
    """The text diff of two PDF files (pages compared as one stream of lines)."""
    with pymupdf.open(old_path) as old, pymupdf.open(new_path) as new:
        return diff_lines(document_lines(old), document_lines(new))

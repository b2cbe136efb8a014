"""What a new document version changed: the line diff of two real PDFs."""

from __future__ import annotations

from pathlib import Path

from fixtures.versioned_pdfs import REWRITTEN, budget_v1, budget_v2

from congress_desktop.versions import diff_documents, diff_lines


def test_diff_of_two_versions(tmp_path: Path) -> None:
    old, new = tmp_path / "v1.pdf", tmp_path / "v2.pdf"
    old.write_bytes(budget_v1())
    new.write_bytes(budget_v2())
    diff = diff_documents(old, new)
    assert diff.pages_before == 2 and diff.pages_after >= 2
    assert diff.added_lines > 0 and diff.removed_lines > 0 and not diff.unchanged
    ops = {h["op"] for h in diff.hunks}
    assert "replace" in ops or "insert" in ops
    assert any(REWRITTEN in h["old"] for h in diff.hunks)
    assert any("附则" in h["old"] and not h["new"] for h in diff.hunks)  # dropped paragraph
    assert diff.changed_pages[0] == 1
    assert REWRITTEN in diff.summary
    same = diff_documents(old, old)
    assert same.unchanged and same.hunks == [] and same.summary == ""


def test_hunks_are_capped_and_excerpts_short() -> None:
    old = [(1, f"line {i}") for i in range(200)]
    new = [(1 + i // 50, f"line {i}" if i % 2 else f"changed {i} " + "x" * 400) for i in range(200)]
    diff = diff_lines(old, new)
    assert len(diff.hunks) == 40
    assert all(len(h["new"]) <= 160 for h in diff.hunks)
    assert diff.added_lines == diff.removed_lines == 100
    assert diff.changed_pages == [1, 2, 3, 4]

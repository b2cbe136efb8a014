"""Carrying delegates' notes over to a new version of a 300-page Chinese document.

When the secretariat uploads a new version, the server moves every note of the old version
to where its anchor text is in the new one (server/annotations.py). Reading a long document's
text takes seconds, so it is done before the upload takes the database write lock
(``prepare_s``); inside the lock only the rows are written (``in_lock_s``). ``cold_in_lock_s``
is the same move without the prepared placements (what the lock would be held for otherwise).
``diff_s`` is the "what changed" text diff of the two versions (also outside the lock).
Half the notes' anchors exist in the new version, half are gone (the slow case: every page is
looked at). Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _reader import PAGES, chinese_document

NOTES = 200


def main() -> None:
    from congress_desktop.model import annotations_table, utcnow
    from congress_desktop.server.annotations import carry_to_new_version, prepare_carry
    from congress_desktop.server.changes import write_row
    from congress_desktop.server.db import migrate, open_engine
    from congress_desktop.versions import diff_documents

    pdf = chinese_document()
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'server.sqlite3'}")
        migrate(engine)
        with engine.begin() as conn:
            for n in range(NOTES):
                section = n // 2 + 1
                anchor = f"第{section}部分的情况如下" if n % 2 else f"已删去的第{n}段文字内容"
                values = {
                    "id": f"note-{n}",
                    "delegate_id": "delegate-1",
                    "document_id": "old",
                    "page": min(section * 3, PAGES - 1),
                    "kind": "text",
                    "geometry": {"point": [100.0, 200.0], "anchor_rect": [90, 190, 300, 210]},
                    "anchor_text": anchor,
                    "edited_at": utcnow(),
                }
                write_row(conn, annotations_table, values)
        target = {"id": "new", "version": 2, "sha256": "0" * 64}

        started = time.perf_counter()
        prepared = prepare_carry(engine, "old", pdf)
        prepare_s = time.perf_counter() - started

        started = time.perf_counter()
        with engine.begin() as conn:
            placed, unplaced = carry_to_new_version(conn, "old", target, pdf, prepared)
            in_lock_s = time.perf_counter() - started
            conn.rollback()

        started = time.perf_counter()
        with engine.begin() as conn:
            carry_to_new_version(conn, "old", target, pdf)
            cold_in_lock_s = time.perf_counter() - started
            conn.rollback()
        engine.dispose()

    started = time.perf_counter()
    diff_documents(pdf, pdf)
    diff_s = time.perf_counter() - started
    print(
        json.dumps(
            {
                "pages": PAGES,
                "notes": NOTES,
                "placed": placed,
                "unplaced": unplaced,
                "prepare_s": round(prepare_s, 3),
                "in_lock_s": round(in_lock_s, 3),
                "cold_in_lock_s": round(cold_in_lock_s, 3),
                "diff_s": round(diff_s, 3),
            }
        )
    )


if __name__ == "__main__":
    main()

"""The persisted document download queue, and the removal of superseded document files.

The queue holds one row per document file (by hash) that a document row references and that
is not verified on disk yet: the current agenda item's files first (priority 0), then the rest
in agenda/document order. :func:`refresh` rebuilds it from the replica after every pull (so
a new current item moves its files to the front), and it lives in SQLite, so a restarted
terminal carries on in the same order — with each interrupted download resumed from its
``.part`` file. Failures are remembered per file (attempts, last error, not before when).

:func:`unreferenced_blobs` lists the blobs no document row refers to any more (a superseded
version, a withdrawn document): their files are removed once the replica is caught up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from congress_desktop import model as m
from congress_desktop.model import utcnow
from congress_desktop.store.schema import blobs, download_queue


@dataclass(frozen=True)
class QueuedDownload:
    sha256: str
    size: int
    title: str
    priority: int  # 0: a document of the current agenda item
    attempts: int
    last_error: str | None
    retry_at: dt.datetime | None


def _current_item(conn: Connection) -> str | None:
    return conn.execute(select(m.agendas.c.current_item_id).limit(1)).scalar()


def refresh(conn: Connection) -> int:
    """Bring the queue in line with the replica; return how many files it holds."""
    current = _current_item(conn)
    available = set(
        conn.execute(select(blobs.c.sha256).where(blobs.c.state == "available")).scalars()
    )
    item_position = dict(conn.execute(select(m.agenda_items.c.id, m.agenda_items.c.position)).all())
    rows = conn.execute(
        select(
            m.documents.c.sha256,
            m.documents.c.size,
            m.documents.c.title,
            m.documents.c.agenda_item_id,
            m.documents.c.position,
        )
    ).all()

    def order(row: tuple[str, int, str, str | None, int]) -> tuple[int, int, int, str]:
        _sha256, _size, title, item_id, position = row
        priority = 0 if current is not None and item_id == current else 1
        return (priority, item_position.get(item_id, 1 << 30), position or 0, title or "")

    wanted: dict[str, tuple[int, int, int, str]] = {}  # sha → (priority, position, size, title)
    for index, row in enumerate(sorted(rows, key=order)):
        sha256, size, title = row[0], row[1], row[2]
        if sha256 not in available and sha256 not in wanted:
            wanted[sha256] = (order(row)[0], index, int(size), title or "")
    queued = {
        sha: (priority, position)
        for sha, priority, position in conn.execute(
            select(download_queue.c.sha256, download_queue.c.priority, download_queue.c.position)
        ).all()
    }
    gone = set(queued) - set(wanted)
    if gone:
        conn.execute(delete(download_queue).where(download_queue.c.sha256.in_(gone)))
    now = utcnow()
    for sha, (priority, position, size, title) in wanted.items():
        if sha not in queued:
            conn.execute(
                insert(download_queue).values(
                    sha256=sha,
                    size=size,
                    title=title[:300],
                    priority=priority,
                    position=position,
                    attempts=0,
                    enqueued_at=now,
                )
            )
        elif queued[sha] != (priority, position):
            conn.execute(
                update(download_queue)
                .where(download_queue.c.sha256 == sha)
                .values(priority=priority, position=position, size=size, title=title[:300])
            )
    return len(wanted)


def queue(conn: Connection) -> list[QueuedDownload]:
    rows = conn.execute(
        select(download_queue).order_by(
            download_queue.c.priority, download_queue.c.position, download_queue.c.sha256
        )
    ).mappings()
    return [
        QueuedDownload(
            r["sha256"],
            int(r["size"]),
            r["title"],
            int(r["priority"]),
            int(r["attempts"]),
            r["last_error"],
            r["retry_at"],
        )
        for r in rows
    ]


def next_download(
    conn: Connection, busy: set[str], now: dt.datetime, *, ignore_retry_at: bool = False
) -> QueuedDownload | None:
    """The first queued file not being downloaded and not waiting after a failure."""
    for item in queue(conn):
        if item.sha256 in busy:
            continue
        if not ignore_retry_at and item.retry_at is not None and item.retry_at > now:
            continue
        return item
    return None


def failed(conn: Connection, sha256: str, error: str, retry_at: dt.datetime | None) -> None:
    conn.execute(
        update(download_queue)
        .where(download_queue.c.sha256 == sha256)
        .values(attempts=download_queue.c.attempts + 1, last_error=error, retry_at=retry_at)
    )


def done(conn: Connection, sha256: str) -> None:
    conn.execute(delete(download_queue).where(download_queue.c.sha256 == sha256))


def referenced(conn: Connection) -> set[str]:
    return set(conn.execute(select(m.documents.c.sha256)).scalars())


def unreferenced_blobs(conn: Connection) -> set[str]:
    """Blobs known to the store that no document row refers to any more."""
    known = set(conn.execute(select(blobs.c.sha256)).scalars())
    return known - referenced(conn)


def forget_blobs(conn: Connection, hashes: set[str]) -> None:
    if hashes:
        conn.execute(delete(blobs).where(blobs.c.sha256.in_(hashes)))
        conn.execute(delete(download_queue).where(download_queue.c.sha256.in_(hashes)))

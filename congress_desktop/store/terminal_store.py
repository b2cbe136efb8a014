"""The terminal's offline-first store: one object the sync engine and the screens share.

Every user action is committed locally together with its outbox row, in one transaction,
before anything touches the network. Screens read only from here. Thread-safe: each call
takes its own pooled connection (SQLite in WAL mode), so the sync engine's executor threads
and the GUI thread can use it at once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, delete, func, insert, select, update

from congress_desktop import model as m
from congress_desktop.config import TerminalPaths
from congress_desktop.errors import CongressError, ErrorKind, InvalidInputError
from congress_desktop.model import SuggestionCategory, SuggestionPeriod, utcnow
from congress_desktop.op_kinds import OpKind, OpStatus
from congress_desktop.store import downloads, outbox, replica, views
from congress_desktop.store.downloads import QueuedDownload
from congress_desktop.store.replica import ClockSample
from congress_desktop.store.schema import blobs, drafts, notice_reads, open_engine, ui_state
from congress_desktop.store.schema import outbox as outbox_table

if TYPE_CHECKING:
    from congress_desktop.protocol import Op, OpResult, PullResponse

T = TypeVar("T")

MAX_PIN_FAILURES = 5


@dataclass(frozen=True)
class StatusCounts:
    outbox_pending: int
    documents_total: int  # distinct document files (by hash)
    documents_cached: int  # of those, verified on disk
    rejected: int  # ops the server refused
    bytes_total: int = 0  # size of all those files
    bytes_cached: int = 0  # size of the verified ones


class PinLockedError(CongressError):
    kind = ErrorKind.LOCKED


class TerminalStore:
    def __init__(self, paths: TerminalPaths) -> None:
        self.paths = paths.create()
        self.engine = open_engine(paths.database)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ plumbing

    def read(self, fn: Callable[[Connection], T]) -> T:
        with self.engine.connect() as conn:
            return fn(conn)

    def write(self, fn: Callable[[Connection], T]) -> T:
        with self.engine.begin() as conn:
            return fn(conn)

    # ------------------------------------------------------------------ sync state

    def cursor(self) -> tuple[str | None, int]:
        return self.read(
            lambda c: (replica.get_state(c, "epoch"), int(replica.get_state(c, "cursor", 0)))
        )

    def last_pull_at(self) -> str | None:
        return self.read(lambda c: replica.get_state(c, "last_pull_at"))

    def apply_pull(
        self, response: PullResponse, sample: ClockSample | None = None
    ) -> replica.ApplyResult:
        """Apply a pull page, its cursor and (given ``sample``) the clock comparison at once."""
        return self.write(lambda c: replica.apply_pull(c, response, sample))

    def clock_offset(self) -> float | None:
        """Server time minus this terminal's wall time at the last pull (seconds), if known."""
        return self.read(replica.last_offset)

    def estimate_clock_offset(self, sample: ClockSample) -> float | None:
        return self.read(lambda c: replica.estimate_offset(c, sample))

    def reset_replica(self) -> None:
        """Forget all downstream data and the cursor (the next pull reloads); keep the outbox."""

        def _reset(conn: Connection) -> None:
            replica.reset_replica(conn)
            replica.set_state(conn, "cursor", 0)

        self.write(_reset)

    def pending_ops(self, limit: int = 100) -> list[Op]:
        return self.read(lambda c: outbox.pending_ops(c, limit))

    def record_results(self, results: list[OpResult]) -> set[str]:
        """Acknowledge ops; rows they no longer protect catch up with held-back pulls.

        Returns the replicated tables that changed.
        """

        def _record(conn: Connection) -> set[str]:
            outbox.record_results(conn, results)
            return replica.apply_deferred(conn)

        return self.write(_record)

    def record_failure(self, op_ids: list[str], error: str) -> None:
        self.write(lambda c: outbox.record_failure(c, op_ids, error))

    def outbox_pending(self) -> int:
        return self.read(outbox.pending_count)

    def rejected_ops(self) -> list[dict[str, Any]]:
        return self.read(outbox.rejected)

    # ------------------------------------------------------------------ blobs

    def blob_available(self, sha256: str) -> bool:
        state = self.read(
            lambda c: c.execute(select(blobs.c.state).where(blobs.c.sha256 == sha256)).scalar()
        )
        return state == "available" and self.paths.blob_path(sha256).exists()

    def mark_blob(self, sha256: str, size: int, state: str) -> None:
        def _mark(conn: Connection) -> None:
            values = {"size": size, "state": state, "verified_at": utcnow()}
            done = conn.execute(update(blobs).where(blobs.c.sha256 == sha256).values(**values))
            if done.rowcount == 0:
                conn.execute(insert(blobs).values(sha256=sha256, **values))
            if state == "available":
                downloads.done(conn, sha256)

        self.write(_mark)

    def available_blobs(self) -> list[tuple[str, int]]:
        """(sha256, size) of every blob marked available."""
        rows = self.read(
            lambda c: c.execute(
                select(blobs.c.sha256, blobs.c.size).where(blobs.c.state == "available")
            ).all()
        )
        return [(sha, int(size)) for sha, size in rows]

    # ------------------------------------------------------------------ download queue

    def refresh_downloads(self) -> int:
        """Rebuild the persisted download queue from the replica; the number queued."""
        return self.write(downloads.refresh)

    def download_queue(self) -> list[QueuedDownload]:
        """Files still to download, in download order (current agenda item first)."""
        return self.read(downloads.queue)

    def next_download(
        self, busy: set[str], now: dt.datetime | None = None, *, ignore_retry_at: bool = False
    ) -> QueuedDownload | None:
        return self.read(
            lambda c: downloads.next_download(
                c, busy, now or utcnow(), ignore_retry_at=ignore_retry_at
            )
        )

    def download_failed(self, sha256: str, error: str, retry_at: dt.datetime | None) -> None:
        self.write(lambda c: downloads.failed(c, sha256, error, retry_at))

    def unreferenced_blobs(self) -> set[str]:
        """Blobs no document row refers to any more (superseded or withdrawn documents)."""
        return self.read(downloads.unreferenced_blobs)

    def referenced_blobs(self) -> set[str]:
        return self.read(downloads.referenced)

    def forget_blobs(self, hashes: set[str]) -> None:
        self.write(lambda c: downloads.forget_blobs(c, hashes))

    def status_counts(self) -> StatusCounts:
        """What the sync status line shows, in one read."""

        def _counts(conn: Connection) -> StatusCounts:
            sizes = dict(conn.execute(select(m.documents.c.sha256, m.documents.c.size)).all())
            hashes = set(sizes)
            available = set(
                conn.execute(select(blobs.c.sha256).where(blobs.c.state == "available")).scalars()
            )
            rejected = conn.execute(
                select(func.count())
                .select_from(outbox_table)
                .where(outbox_table.c.state == OpStatus.REJECTED.value)
            ).scalar_one()
            return StatusCounts(
                outbox_pending=outbox.pending_count(conn),
                documents_total=len(hashes),
                documents_cached=len(hashes & available),
                rejected=int(rejected),
                bytes_total=sum(int(v or 0) for v in sizes.values()),
                bytes_cached=sum(int(sizes[h] or 0) for h in hashes & available),
            )

        return self.read(_counts)

    def documents_to_fetch(self) -> list[views.DocumentView]:
        """Documents with no verified local copy: the current item's first, one per hash."""

        def _query(conn: Connection) -> list[views.DocumentView]:
            current = conn.execute(select(m.agendas.c.current_item_id).limit(1)).scalar()
            missing = [d for d in views.documents(conn) if not d.available]
            missing.sort(key=lambda d: d.agenda_item_id != current)
            seen: set[str] = set()
            unique = []
            for doc in missing:
                if doc.sha256 not in seen:
                    seen.add(doc.sha256)
                    unique.append(doc)
            return unique

        return self.read(_query)

    # ------------------------------------------------------------------ reads for screens

    def session(self) -> views.SessionView | None:
        return self.read(views.session)

    def current_sitting(self) -> views.SittingView | None:
        return self.read(views.current_sitting)

    def seat_delegate(self, seat_number: int | None) -> views.DelegateView | None:
        return self.read(lambda c: views.seat_delegate(c, seat_number))

    def agenda(self) -> list[views.AgendaItemView]:
        return self.read(views.agenda)

    def agenda_version(self) -> int:
        return self.read(views.agenda_version)

    def documents(self, agenda_item_id: str | None = None) -> list[views.DocumentView]:
        return self.read(lambda c: views.documents(c, agenda_item_id))

    def motions(self) -> list[views.MotionView]:
        return self.read(views.motions)

    def notices(self) -> list[views.NoticeView]:
        return self.read(views.notices)

    def my_suggestions(self, delegate_id: str) -> list[views.SuggestionView]:
        return self.read(lambda c: views.my_suggestions(c, delegate_id))

    def my_signin(self, delegate_id: str, sitting_id: str) -> views.SignInView | None:
        return self.read(lambda c: views.my_signin(c, delegate_id, sitting_id))

    def summary(self) -> dict[str, int]:
        """Counts a technician checks after preloading a terminal (``sync --once``)."""
        docs = self.documents()
        hashes = {d.sha256 for d in docs}
        cached = {h for h in hashes if self.paths.blob_path(h).exists()}
        verified = {d.sha256 for d in docs if d.available and d.sha256 in cached}
        return {
            "cursor": self.cursor()[1],
            "agenda_items": len(self.agenda()),
            "documents": len(docs),
            "documents_cached": sum(1 for d in docs if d.sha256 in cached),
            "documents_verified": sum(1 for d in docs if d.sha256 in verified),
            "motions": len(self.motions()),
            "outbox_pending": self.outbox_pending(),
        }

    # ------------------------------------------------------------------ delegate actions

    def check_pin(self, delegate: views.DelegateView, pin: str) -> bool:
        """Verify a PIN offline; five wrong PINs in a row lock the delegate until reset."""
        key = f"pin_failures:{delegate.id}"
        failures = int(self.read(lambda c: replica.get_state(c, key, 0)))
        if failures >= MAX_PIN_FAILURES:
            raise PinLockedError("too many wrong PINs; ask the staff to unlock")
        from congress_desktop import security  # argon2: imported on the first PIN, not at start

        ok = security.verify_secret(delegate.pin_hash, pin)
        self.write(lambda c: replica.set_state(c, key, 0 if ok else failures + 1))
        return ok

    def pin_failures(self, delegate_id: str) -> int:
        return int(self.read(lambda c: replica.get_state(c, f"pin_failures:{delegate_id}", 0)))

    def reset_pin_failures(self, delegate_id: str) -> None:
        self.write(lambda c: replica.set_state(c, f"pin_failures:{delegate_id}", 0))

    def sign_in(
        self, delegate_id: str, sitting_id: str, method: m.SignInMethod
    ) -> views.SignInView:
        """Record a sign-in locally with its outbox op; a second tap returns the first. One the
        server refused does not count: signing in again is a new attempt (say, once the staff
        have fixed the seat assignment)."""

        def _sign_in(conn: Connection) -> views.SignInView:
            existing = views.my_signin(conn, delegate_id, sitting_id)
            if existing is not None and existing.rejection is None:
                return existing
            if existing is not None:  # refused: its local row goes, the op stays as a record
                conn.execute(
                    delete(m.signins).where(m.signins.c.id == existing.id, m.signins.c.seq == 0)
                )
            session = views.session(conn)
            signin_id = str(uuid.uuid4())
            sample = outbox.now_sample()
            offset = replica.estimate_offset(conn, sample)  # shown until the server's row
            now = sample.wall + dt.timedelta(seconds=offset or 0.0)
            conn.execute(
                insert(m.signins).values(
                    id=signin_id,
                    session_id=session.id if session else "",
                    sitting_id=sitting_id,
                    delegate_id=delegate_id,
                    method=str(method),
                    terminal_wall=sample.wall,
                    signed_at=now,
                    received_at=now,
                    time_estimated=True,
                    seq=0,
                    deleted=False,
                )
            )
            outbox.enqueue(
                conn,
                OpKind.SIGNIN,
                {
                    "signin_id": signin_id,
                    "delegate_id": delegate_id,
                    "sitting_id": sitting_id,
                    "method": str(method),
                },
                row_table="signins",
                row_id=signin_id,
            )
            return views.SignInView(signin_id, sitting_id, now, False)

        return self.write(_sign_in)

    def submit_suggestion(
        self,
        delegate_id: str,
        title: str,
        content: str,
        category: str,
        period: SuggestionPeriod = SuggestionPeriod.IN_SESSION,
        cosigner_ids: list[str] | None = None,
    ) -> str:
        title, content = title.strip(), content.strip()
        if not title:
            raise InvalidInputError("the suggestion needs a title")
        if not content:
            raise InvalidInputError("the suggestion needs content")
        if len(title) > 300:
            raise InvalidInputError("the title is longer than 300 characters")
        try:
            category = SuggestionCategory(category)
        except ValueError:
            raise InvalidInputError("choose a category") from None
        cosigners = list(dict.fromkeys(cosigner_ids or []))  # in order, each once
        if delegate_id in cosigners:
            raise InvalidInputError("you cannot co-sign your own suggestion")

        def _submit(conn: Connection) -> str:
            session = views.session(conn)
            suggestion_id = str(uuid.uuid4())
            conn.execute(
                insert(m.suggestions).values(
                    id=suggestion_id,
                    session_id=session.id if session else "",
                    number=None,
                    title=title,
                    content=content,
                    category=str(category),
                    period=str(period),
                    lead_delegate_id=delegate_id,
                    cosigner_ids=cosigners,
                    state=str(
                        m.SuggestionState.COSIGNING if cosigners else m.SuggestionState.SUBMITTED
                    ),
                    submitted_at=utcnow(),
                    seq=0,
                    deleted=False,
                )
            )
            outbox.enqueue(
                conn,
                OpKind.SUGGESTION_SUBMIT,
                {
                    "suggestion_id": suggestion_id,
                    "title": title,
                    "content": content,
                    "category": str(category),
                    "period": str(period),
                    "lead_delegate_id": delegate_id,
                    "cosigner_ids": cosigners,
                },
                row_table="suggestions",
                row_id=suggestion_id,
            )
            conn.execute(delete(drafts).where(drafts.c.delegate_id == delegate_id))
            return suggestion_id

        return self.write(_submit)

    def save_draft(
        self,
        delegate_id: str,
        title: str,
        content: str,
        category: str,
        cosigner_ids: list[str] | None = None,
    ) -> None:
        def _save(conn: Connection) -> None:
            values: dict[str, Any] = {
                "title": title,
                "content": content,
                "category": category,
                "updated_at": utcnow(),
            }
            if cosigner_ids is not None:
                values["cosigner_ids"] = list(cosigner_ids)
            done = conn.execute(
                update(drafts).where(drafts.c.delegate_id == delegate_id).values(**values)
            )
            if done.rowcount == 0:
                conn.execute(
                    insert(drafts).values(id=str(uuid.uuid4()), delegate_id=delegate_id, **values)
                )

        self.write(_save)

    def load_draft(self, delegate_id: str) -> dict[str, Any] | None:
        row = self.read(
            lambda c: (
                c.execute(select(drafts).where(drafts.c.delegate_id == delegate_id))
                .mappings()
                .first()
            )
        )
        if row is None:
            return None
        return {
            "title": row["title"],
            "content": row["content"],
            "category": row["category"],
            "cosigner_ids": list(row["cosigner_ids"] or []),
        }

    # ------------------------------------------------------------------ suggestion workflow

    def suggestion_detail(self, suggestion_id: str) -> views.SuggestionDetailView | None:
        return self.read(lambda c: views.suggestion_detail(c, suggestion_id))

    def invitations(self, delegate_id: str) -> list[views.InvitationView]:
        return self.read(lambda c: views.invitations(c, delegate_id))

    def open_invitations(self, delegate_id: str) -> int:
        return self.read(lambda c: views.open_invitations(c, delegate_id))

    def answer_invitation(self, delegate_id: str, suggestion_id: str, confirm: bool) -> None:
        """Confirm (确认附议) or decline an invitation: saved locally with its outbox op."""
        row_id = m.cosigner_row_id(suggestion_id, delegate_id)

        def _answer(conn: Connection) -> None:
            row = (
                conn.execute(
                    select(m.suggestion_cosigners).where(m.suggestion_cosigners.c.id == row_id)
                )
                .mappings()
                .first()
            )
            if row is None:
                raise InvalidInputError("there is no such invitation")
            if row["state"] != m.CosignState.INVITED.value:
                raise InvalidInputError("this invitation has already been answered")
            wanted = m.CosignState.CONFIRMED if confirm else m.CosignState.DECLINED
            conn.execute(
                update(m.suggestion_cosigners)
                .where(m.suggestion_cosigners.c.id == row_id)
                .values(state=wanted.value, answered_at=utcnow())
            )
            outbox.enqueue(
                conn,
                OpKind.SUGGESTION_COSIGN,
                {"suggestion_id": suggestion_id, "delegate_id": delegate_id, "confirm": confirm},
                row_table="suggestion_cosigners",
                row_id=row_id,
            )

        self.write(_answer)

    def give_feedback(
        self, delegate_id: str, suggestion_id: str, rating: m.FeedbackRating | str, comment: str
    ) -> str:
        """The author's feedback on the reply (满意/基本满意/不满意): a local timeline entry
        and its outbox op, in one transaction; the entry's id."""
        try:
            rating = m.FeedbackRating(rating)
        except ValueError:
            raise InvalidInputError("choose how satisfied you are with the reply") from None
        comment = comment.strip()
        if len(comment) > 2000:
            raise InvalidInputError("the comment is longer than 2000 characters")

        def _give(conn: Connection) -> str:
            detail = views.suggestion_detail(conn, suggestion_id)
            if detail is None:
                raise InvalidInputError("there is no such suggestion")
            if not detail.can_give_feedback(delegate_id):
                raise InvalidInputError("feedback can be given once, after a reply arrived")
            event_id = str(uuid.uuid4())
            sample = outbox.now_sample()
            offset = replica.estimate_offset(conn, sample)
            names = views.delegate_names(conn)
            conn.execute(
                insert(m.suggestion_events).values(
                    id=event_id,
                    suggestion_id=suggestion_id,
                    kind=m.SuggestionEventKind.FEEDBACK.value,
                    actor=names.get(delegate_id, ""),
                    text=comment,
                    data={"rating": rating.value},
                    at=sample.wall + dt.timedelta(seconds=offset or 0.0),
                    audience=[delegate_id],
                    seq=0,
                    deleted=False,
                )
            )
            outbox.enqueue(
                conn,
                OpKind.SUGGESTION_FEEDBACK,
                {
                    "suggestion_id": suggestion_id,
                    "event_id": event_id,
                    "delegate_id": delegate_id,
                    "rating": rating.value,
                    "comment": comment,
                },
                row_table="suggestion_events",
                row_id=event_id,
            )
            return event_id

        return self.write(_give)

    # ------------------------------------------------------------------ terminal-only state

    def delegates(self) -> list[views.DelegateView]:
        return self.read(views.delegates)

    def delegate_by_badge(self, badge_id: str) -> views.DelegateView | None:
        return self.read(lambda c: views.delegate_by_badge(c, badge_id))

    def save_ui_state(self, state: dict[str, Any]) -> None:
        """Remember what the terminal shows (screen, document, page, …) for a crash restart."""

        def _save(conn: Connection) -> None:
            values = {"value": state, "updated_at": utcnow()}
            done = conn.execute(update(ui_state).where(ui_state.c.key == "ui").values(**values))
            if done.rowcount == 0:
                conn.execute(insert(ui_state).values(key="ui", **values))

        self.write(_save)

    def load_ui_state(self) -> dict[str, Any]:
        value = self.read(
            lambda c: c.execute(select(ui_state.c.value).where(ui_state.c.key == "ui")).scalar()
        )
        return dict(value) if isinstance(value, dict) else {}

    def unread_notices(self, delegate_id: str) -> set[str]:
        """Ids of the notices ``delegate_id`` has not opened on this terminal."""

        def _unread(conn: Connection) -> set[str]:
            read = set(
                conn.execute(
                    select(notice_reads.c.notice_id).where(
                        notice_reads.c.delegate_id == delegate_id
                    )
                ).scalars()
            )
            return {n.id for n in views.notices(conn)} - read

        return self.read(_unread)

    def mark_notice_read(self, delegate_id: str, notice_id: str) -> None:
        def _mark(conn: Connection) -> None:
            exists = conn.execute(
                select(func.count())
                .select_from(notice_reads)
                .where(notice_reads.c.delegate_id == delegate_id)
                .where(notice_reads.c.notice_id == notice_id)
            ).scalar_one()
            if not exists:
                conn.execute(
                    insert(notice_reads).values(
                        delegate_id=delegate_id, notice_id=notice_id, read_at=utcnow()
                    )
                )

        self.write(_mark)

    def locked_delegates(self) -> list[views.DelegateView]:
        """Delegates whose PIN sign-in is locked after too many wrong PINs (staff reset)."""
        return [d for d in self.delegates() if self.pin_failures(d.id) >= MAX_PIN_FAILURES]

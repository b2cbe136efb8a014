"""Home's sync card: online or offline, last sync, unsent actions, documents on this terminal
and the download in progress (from the engine's ``SyncStatus``, else from the store)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from congress_desktop.ui import labels
from congress_desktop.ui.terminal.status import LocalStatus
from congress_desktop.ui.theme import set_tone
from congress_desktop.ui.widgets.cards import Card, label

MB = 1024 * 1024


def megabytes(size: int) -> str:
    return f"{size / MB:.1f}"


class SyncCard(Card):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, spacing=8)
        self.status: Any | None = None  # the engine's SyncStatus (None without an engine)
        self.local: LocalStatus | None = None
        self.caption = label("", "section")
        self.network_label = label("", "badge", wrap=False)
        self.sync_label = label("", "muted")
        self.outbox_label = label("", "body")
        self.documents_label = label("", "body")
        self.download_label = label("", "muted")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(10)
        heading = QHBoxLayout()
        heading.setSpacing(12)
        heading.addWidget(self.caption)
        heading.addWidget(self.network_label, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addStretch(1)
        self.body.addLayout(heading)
        for widget in (self.sync_label, self.outbox_label, self.documents_label):
            self.body.addWidget(widget)
        self.body.addWidget(self.download_label)
        self.body.addWidget(self.progress)
        self.render()

    def set_status(self, status: Any | None, local: LocalStatus | None) -> None:
        self.status, self.local = status, local
        self.render()

    def render(self) -> None:
        status, local = self.status, self.local
        self.caption.setText(self.tr("Sync"))
        online = bool(status is not None and status.online)
        self.network_label.setText(self.tr("Online") if online else self.tr("Offline"))
        set_tone(self.network_label, "good" if online else "bad")
        last = getattr(status, "last_sync", None) or (local.last_pull_at if local else None)
        self.sync_label.setText(
            self.tr("Last sync {time}").format(time=labels.local_time(last))
            if last
            else self.tr("Not synced yet")
        )
        # the engine's counts once it has finished a round, else what the store holds
        fresh = status if status is not None and status.last_sync is not None else None
        pending = fresh.outbox_pending if fresh else (local.outbox_pending if local else 0)
        self.outbox_label.setText(
            self.tr("%n action(s) waiting to be sent", "", pending)
            if pending
            else self.tr("Everything has been sent")
        )
        total = fresh.documents_total if fresh else (local.documents_total if local else 0)
        cached = fresh.documents_cached if fresh else (local.documents_cached if local else 0)
        self.documents_label.setText(
            self.tr("Documents cached: {cached} of {total}").format(cached=cached, total=total)
        )
        self._render_download(status)

    def _render_download(self, status: Any | None) -> None:
        bytes_total = getattr(status, "bytes_total", 0) or 0
        downloading = bool(status is not None and (status.downloads or status.downloads_queued))
        self.progress.setVisible(bytes_total > 0 and downloading)
        if bytes_total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(1000 * min(status.bytes_done, bytes_total) / bytes_total))
        if status is not None and status.disk_full:
            self.download_label.setText(self.tr("Downloads stopped: the disk is full"))
        elif downloading:
            current = status.downloads[0].title if status.downloads else ""
            self.download_label.setText(
                self.tr("Downloading {title}: {done} of {total} MB").format(
                    title=current, done=megabytes(status.bytes_done), total=megabytes(bytes_total)
                )
                if current
                else self.tr("%n file(s) waiting to download", "", status.downloads_queued)
            )
        elif bytes_total > 0:
            self.download_label.setText(
                self.tr("{cached} of {total} MB on this terminal").format(
                    cached=megabytes(status.bytes_cached), total=megabytes(bytes_total)
                )
            )
        else:
            self.download_label.setText("")
        self.download_label.setVisible(bool(self.download_label.text()))

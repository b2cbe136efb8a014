"""What every terminal screen shares: the store, the identity, background ops, sync events."""

from __future__ import annotations

from dataclasses import dataclass, field

from congress_desktop.store import Identity, TerminalStore
from congress_desktop.store.views import DelegateView, SessionView, SittingView
from congress_desktop.ui.ops import Ops
from congress_desktop.ui.sync_bridge import SyncBridge


@dataclass(frozen=True)
class SeatInfo:
    """Who this terminal serves, loaded from the store (any field may be missing before sync)."""

    session: SessionView | None
    sitting: SittingView | None
    delegate: DelegateView | None


def load_seat(store: TerminalStore, seat_number: int | None) -> SeatInfo:
    return SeatInfo(store.session(), store.current_sitting(), store.seat_delegate(seat_number))


@dataclass
class TerminalContext:
    store: TerminalStore
    identity: Identity
    ops: Ops
    sync: SyncBridge
    seat: SeatInfo = field(default_factory=lambda: SeatInfo(None, None, None))
    signed_in: bool = False

    @property
    def delegate(self) -> DelegateView | None:
        return self.seat.delegate

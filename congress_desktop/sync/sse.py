"""A Server-Sent Events parser (the WHATWG ``text/event-stream`` rules), fed line by line.

Handles what a real stream brings: comment lines (``: ping`` heartbeats), multi-line
``data:``, fields with or without the space after the colon, ``id:`` that persists until the
next one (the ``Last-Event-ID`` to reconnect with), ``retry:`` (reconnection delay, ms),
unknown fields (ignored), and an event left unterminated when the stream is cut (dropped: an
event counts only once its blank line arrived).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServerSentEvent:
    event: str  # "message" when the stream named none
    data: str
    id: str | None  # the last event id in effect when this event was dispatched


class SSEParser:
    def __init__(self, last_event_id: str | None = None) -> None:
        self.last_event_id = last_event_id
        self.retry_ms: int | None = None
        self._event = ""
        self._data: list[str] = []
        self._has_data = False

    def feed(self, line: str) -> ServerSentEvent | None:
        """One line without its line ending; returns the event a blank line completes."""
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment (heartbeat)
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
            self._has_data = True
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self.last_event_id = value or None
        elif name == "retry" and value.isdigit():
            self.retry_ms = int(value)
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        event, self._event = self._event or "message", ""
        data, has_data = "\n".join(self._data), self._has_data
        self._data, self._has_data = [], False
        if not has_data:
            return None
        return ServerSentEvent(event, data, self.last_event_id)

"""An ordered, human-readable log of what users and the bot did."""

from __future__ import annotations

from dataclasses import dataclass, field

# Arrow per event kind: users ▶, bot sends ▷, edits ✎, deletes ✗, pins 📌, answers ↩.
_USER_KINDS = {
    "text": "▶",
    "contact": "▶",
    "file": "▶",
    "press": "▶",
    "inline": "▶",
    "status": "▶",
    "other": "▶",
}
_BOT_KINDS = {"send": "▷", "edit": "✎", "delete": "✗", "pin": "📌", "answer": "↩"}


@dataclass(frozen=True)
class Event:
    """One transcript line: who did what in which chat."""

    kind: str
    actor: str
    chat_id: int
    chat_name: str
    text: str
    buttons: list[list[str]] = field(default_factory=list)
    in_group: bool = False

    def render(self) -> str:
        """Readable form, e.g. 'Ana ▶ /start' or 'bot ▷ Ana: Welcome' plus a button line."""
        if self.kind in _USER_KINDS:
            where = f"{self.chat_name}: " if self.in_group else ""
            head = f"{self.actor} {_USER_KINDS[self.kind]} {where}"
        else:
            head = f"bot {_BOT_KINDS[self.kind]} {self.chat_name}: "
        body = self.text.replace("\n", "\n" + " " * len(head))
        lines = [head + body]
        lines.extend(
            " " * len(head) + " ".join(f"[ {label} ]" for label in row) for row in self.buttons
        )
        return "\n".join(lines)


class Transcript:
    """The global list of events, rendered on demand."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, event: Event) -> None:
        """Append an event."""
        self.events.append(event)

    def render(self, *, chat_id: int | None = None, last: int | None = None) -> str:
        """Render all events (or one chat's, or only the last N) as text."""
        events = [e for e in self.events if chat_id is None or e.chat_id == chat_id]
        if last is not None:
            events = events[-last:]
        return "\n".join(event.render() for event in events)

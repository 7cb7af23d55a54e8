"""What a member receives: text (Telegram HTML), optional media and buttons, per language.

Plain data, no Telegram: services build these and hand them to the delivery engine
(bot/delivery/), which turns them into Bot API calls.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    data: str  # callback data, built with bot.callbacks.pack


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message as members will see it, in one language.

    `text` is Telegram HTML: escape anything a person typed (bot.i18n.t does for values).
    With a photo or document, `text` is the caption.
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)
    photo: str | None = None  # Telegram file_id
    document: str | None = None  # Telegram file_id

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outgoing:
        buttons = tuple(tuple(Button(**b) for b in row) for row in data.get("buttons", ()))
        return cls(data["text"], buttons, data.get("photo"), data.get("document"))


def payload(messages: dict[str, Outgoing]) -> dict[str, Any]:
    """Serialise per-language messages for the outbox."""
    return {language: message.to_json() for language, message in messages.items()}


def message_for(stored: dict[str, Any], language: str, fallback: str) -> Outgoing:
    """The message in `language`, else the fallback language's, else any."""
    for choice in (language, fallback, next(iter(stored))):
        if choice in stored:
            return Outgoing.from_json(stored[choice])
    raise KeyError(language)

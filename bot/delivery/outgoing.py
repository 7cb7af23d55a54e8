"""What a member receives: text (Telegram HTML), optional media and buttons, per language."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message


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

    def markup(self) -> InlineKeyboardMarkup | None:
        if not self.buttons:
            return None
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(b.text, callback_data=b.data) for b in row]
                for row in self.buttons
            ]
        )


async def send(bot: Bot, chat_id: int, message: Outgoing, **extra: Any) -> Message:
    """Send one message as text, photo or document, whichever it is."""
    markup = message.markup()
    if message.photo:
        return await bot.send_photo(
            chat_id, message.photo, caption=message.text, reply_markup=markup, **extra
        )
    if message.document:
        return await bot.send_document(
            chat_id, message.document, caption=message.text, reply_markup=markup, **extra
        )
    return await bot.send_message(chat_id, message.text, reply_markup=markup, **extra)


def payload(messages: dict[str, Outgoing]) -> dict[str, Any]:
    """Serialise per-language messages for the outbox."""
    return {language: message.to_json() for language, message in messages.items()}


def message_for(stored: dict[str, Any], language: str, fallback: str) -> Outgoing:
    """The message in `language`, else the fallback language's, else any."""
    for choice in (language, fallback, next(iter(stored))):
        if choice in stored:
            return Outgoing.from_json(stored[choice])
    raise KeyError(language)

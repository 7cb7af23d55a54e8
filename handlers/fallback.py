"""Replies for anything no feature handled: unknown commands, stray text, and every other
kind of message (photos, stickers, locations, voice notes, ...): nothing goes unanswered."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from bot.i18n import Safe, t
from bot.runtime.context import BotContext
from handlers.common import person_of, refuse_in_group, reply


async def cancel(update: Update, context: BotContext) -> None:
    """/cancel outside any flow: nothing to stop (called by handlers.typed)."""
    person = await person_of(update, context)
    await reply(update, t(person.language, "cancel.nothing"))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Say the command is unknown and where to look."""
    person = await person_of(update, context)
    if await refuse_in_group(update, context, person):
        return
    assert update.effective_message is not None and update.effective_message.text
    command = update.effective_message.text.split()[0].split("@")[0]
    await reply(update, t(person.language, "unknown.command", command=command))


async def unknown_text(update: Update, context: BotContext) -> None:
    """Plain text from someone not verified (handlers.typed answers members' questions)."""
    person = await person_of(update, context)
    await reply(update, t(person.language, "unknown.text"))


# Message fields, checked in order, and the kind of message each means.
_KINDS = (
    ("sticker", "sticker"),
    ("photo", "photo"),
    ("animation", "animation"),
    ("video_note", "video"),
    ("video", "video"),
    ("voice", "voice"),
    ("audio", "audio"),
    ("document", "document"),
    ("venue", "location"),
    ("location", "location"),
    ("contact", "contact"),
    ("poll", "poll"),
    ("dice", "sticker"),
)


def kind_of(message: Message) -> str:
    """What kind of message this is, as the catalog names it ('other' when unknown)."""
    for field, kind in _KINDS:
        if getattr(message, field, None):
            return kind
    return "other"


async def unsupported_message(update: Update, context: BotContext) -> None:
    """A kind of message nothing here reads: say so, and what the bot expects instead."""
    message = update.effective_message
    assert message is not None
    person = await person_of(update, context)
    expected = "media.expect_member" if person.verified else "media.expect_guest"
    lang = person.language
    await reply(update, Safe(t(lang, f"media.{kind_of(message)}") + "\n" + t(lang, expected)))


async def stale_button(update: Update, context: BotContext) -> None:
    """A button no feature recognised (old, forged or from a removed feature)."""
    assert update.callback_query is not None
    person = await person_of(update, context)
    await update.callback_query.answer(t(person.language, "button.expired"), show_alert=True)


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Register last, so these only see what every feature passed over."""
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    # Group chatter is not for the bot; in a private chat every message gets an answer.
    other = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ~filters.COMMAND
    other = other & ~filters.StatusUpdate.ALL
    application.add_handler(MessageHandler(other & ~filters.TEXT, unsupported_message))
    application.add_handler(CallbackQueryHandler(stale_button))

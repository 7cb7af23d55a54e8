"""Replies for anything no feature handled: unknown commands and stray text."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from bot.i18n import t
from bot.services import BotContext
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


async def stale_button(update: Update, context: BotContext) -> None:
    """A button no feature recognised (old, forged or from a removed feature)."""
    assert update.callback_query is not None
    person = await person_of(update, context)
    await update.callback_query.answer(t(person.language, "button.expired"), show_alert=True)


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Register last, so these only see what every feature passed over."""
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(CallbackQueryHandler(stale_button))

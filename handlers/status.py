"""/status: the same health report as `unionbot status`, for admins in chat."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.health import telegram_ok
from bot.i18n import Safe, t
from bot.runtime.context import BotContext
from handlers.common import gate, reply
from storage.members import Role


async def status(update: Update, context: BotContext) -> None:
    """Show whether the bot is healthy (admins only)."""
    person = await gate(update, context, Role.ADMIN, private_only=True)
    if person is None:
        return
    # This message arrived, so Telegram reaches the bot and the token works.
    report = await context.services.health([telegram_ok(context.bot.username)])
    language = person.language
    head = (
        t(language, "status.healthy")
        if report.healthy
        else t(language, "status.attention", count=len(report.attention))
    )
    lines = [t(language, "status.title"), head, ""]
    lines += [t(language, f"status.{check.key}", **check.params) for check in report.checks]
    await reply(update, Safe("\n".join(lines)))


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("status", status))

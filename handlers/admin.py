"""Admin commands that keep the bot's data safe."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.backups import backup_now, human_size
from bot.i18n import t
from bot.runtime.context import BotContext
from handlers.common import gate, reply
from storage.members import Role

log = logging.getLogger(__name__)


async def backup(update: Update, context: BotContext) -> None:
    """Make a database backup now (admins only)."""
    person = await gate(update, context, Role.ADMIN, private_only=True)
    if person is None:
        return
    try:
        result = await backup_now(context.services, actor=person.actor)
    except OSError:
        log.exception("backup requested by %s failed", person.actor)
        await reply(update, t(person.language, "backup.failed"))
        return
    await reply(
        update,
        t(
            person.language,
            "backup.done",
            name=result.path.name,
            size=human_size(result.size_bytes),
            kept=result.kept,
        ),
    )


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("backup", backup))

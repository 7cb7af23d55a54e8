"""/start and /help: the welcome, and what this person may do."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.commands import commands_for
from bot.i18n import Safe, t
from bot.services import BotContext
from handlers.common import person_of, refuse_in_group, reply
from handlers.menus import publish_own_menu


async def start(update: Update, context: BotContext) -> None:
    """Welcome the person and tell them what happens next."""
    person = await person_of(update, context)
    if await refuse_in_group(update, context, person):
        return
    if person.member is not None:
        await publish_own_menu(context.bot, context.services, person.member)
    union = context.services.settings.union_name
    next_step = "start.next_member" if person.verified else "start.next_unverified"
    await reply(
        update,
        Safe(
            t(person.language, "start.welcome", union=union)
            + "\n\n"
            + t(person.language, next_step)
        ),
    )


async def help_command(update: Update, context: BotContext) -> None:
    """List the commands this person's role may use."""
    person = await person_of(update, context)
    lines = [t(person.language, "help.title"), ""]
    for command in commands_for(person.role):
        lines.append(f"/{command.name} — {t(person.language, command.description_key)}")
    lines += ["", t(person.language, "help.footer")]
    await reply(update, Safe("\n".join(lines)))


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))

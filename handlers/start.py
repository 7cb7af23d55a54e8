"""/start and /help: the welcome, verification's first step, the home menu, and help."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.commands import help_groups
from bot.i18n import Safe, t
from bot.runtime.context import BotContext
from handlers.common import person_of, refuse_in_group, reply
from handlers.home import send_home, verify_keyboard
from handlers.membership.verify import redeem_invite
from handlers.menus import publish_own_menu
from storage.members import Role


async def start(update: Update, context: BotContext) -> None:
    """Welcome the person; redeem an invite link; show the next step or the home menu."""
    person = await person_of(update, context)
    if await refuse_in_group(update, context, person):
        return
    if context.args and not person.verified:
        await redeem_invite(update, context, person, context.args[0])
        return
    if person.member is not None:
        await publish_own_menu(context.bot, context.services, person.member)
    welcome = t(person.language, "start.welcome", union=context.services.settings.union_name)
    if person.verified:
        await reply(update, welcome)
        await send_home(context.bot, person)
        return
    await reply(
        update,
        Safe(welcome + "\n\n" + t(person.language, "start.why_verify")),
        reply_markup=verify_keyboard(person.language),
    )


def help_text(language: str, role: Role | None) -> Safe:
    """The commands `role` may use, grouped: for you, then stewards', leaders', admins'.

    Only the groups the stored role reaches; one short line a command, for a phone.
    """
    lines = [t(language, "help.title")]
    for group, commands in help_groups(role):
        lines += ["", t(language, f"help.group.{group}")]
        lines += [f"/{c.name} — {t(language, c.description_key)}" for c in commands]
    lines += ["", t(language, "help.footer" if role is not None else "help.footer_guest")]
    return Safe("\n".join(lines))


async def help_command(update: Update, context: BotContext) -> None:
    """List the commands this person's role may use (in a group: the same for everyone)."""
    person = await person_of(update, context)
    if await refuse_in_group(update, context, person):
        return  # a list by role would show the group who is a steward or a leader
    await reply(update, help_text(person.language, person.role))


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))

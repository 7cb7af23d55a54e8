"""Per-role command menus, published with setMyCommands scopes."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScope, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.commands import commands_for
from bot.i18n import LANGUAGES, t
from bot.services import Services
from storage.members import Member, Role


def menu(role: Role | None, language: str) -> list[BotCommand]:
    """The command menu a person with `role` sees, in `language`."""
    return [BotCommand(c.name, t(language, c.description_key)) for c in commands_for(role)]


async def publish_scope(
    bot: Bot, scope: BotCommandScope, role: Role | None, default_language: str
) -> None:
    """Set one scope's menu in the default language, and per language code for the rest."""
    await bot.set_my_commands(menu(role, default_language), scope=scope)
    for language in LANGUAGES:
        if language != default_language:
            await bot.set_my_commands(menu(role, language), scope=scope, language_code=language)


async def publish_menus(bot: Bot, services: Services) -> None:
    """Members' menu for everyone, then one per chat for every steward, leader and admin."""
    default = services.settings.default_language
    await publish_scope(bot, BotCommandScopeDefault(), Role.MEMBER, default)
    for member in await services.accounts.with_role_at_least(Role.STEWARD):
        await publish_own_menu(bot, services, member)


async def publish_own_menu(bot: Bot, services: Services, member: Member) -> None:
    """Set a staff member's menu in their own chat (members use the default one)."""
    if member.telegram_id is None or not member.role.at_least(Role.STEWARD):
        return
    try:
        await publish_scope(
            bot,
            BotCommandScopeChat(member.telegram_id),
            member.role,
            services.settings.default_language,
        )
    except TelegramError:
        # Staff who never started the bot have no chat yet; /start sets it then.
        return


async def refresh_menu(bot: Bot, services: Services, member: Member) -> None:
    """After a role change: staff get their own menu, members fall back to the default."""
    if member.telegram_id is None:
        return
    if member.role.at_least(Role.STEWARD):
        await publish_own_menu(bot, services, member)
        return
    scope = BotCommandScopeChat(member.telegram_id)
    try:
        await bot.delete_my_commands(scope=scope)
        for language in LANGUAGES:
            await bot.delete_my_commands(scope=scope, language_code=language)
    except TelegramError:
        return

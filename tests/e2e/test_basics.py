"""A stranger, a member and an admin meet the bot: /start, /help, unknown input, groups."""

from __future__ import annotations

from telegram import BotCommandScope, BotCommandScopeChat, BotCommandScopeDefault

from bot.commands import commands_for
from sandbox.harness import Sandbox
from storage.members import Role
from tests.e2e.conftest import ADMIN_ID


async def test_stranger_is_welcomed_and_told_the_next_step(sandbox: Sandbox) -> None:
    ana = sandbox.user("Ana")
    await ana.send("/start")
    reply = await ana.next_message()
    assert "Welcome to Local 1199's member bot" in reply.text
    assert "Only union members can use this bot" in reply.text
    assert reply.reply_keyboard == [["📱 Share my phone number"], ["🪪 Use my member ID"]]
    assert reply.request_contact == [[True], [False]]


async def test_admin_from_settings_is_all_set(sandbox: Sandbox) -> None:
    boss = sandbox.user("Rosa", user_id=ADMIN_ID)
    await boss.send("/start")
    assert "Welcome" in (await boss.next_message()).text
    home = await boss.next_message()
    assert "You're signed in as staff, not as a member on the roster" in home.text  # not a member
    assert home.buttons == [["📰 Latest updates"], ["👤 My details", "🌐 Language"]]
    await boss.press("📰 Latest updates", home)
    assert "No bargaining updates yet" in (await boss.next_message()).text
    await boss.send("/vote")  # staff are not on any roll, and are told why
    assert "You're signed in as staff, not as a member" in (await boss.next_message()).text


async def test_help_lists_only_what_the_role_may_use(sandbox: Sandbox) -> None:
    ana = sandbox.user("Ana")
    boss = sandbox.user("Rosa", user_id=ADMIN_ID)
    await ana.send("/help")
    await boss.send("/help")
    stranger_help = (await ana.next_message()).text
    admin_help = (await boss.next_message()).text
    for text in (stranger_help, admin_help):
        assert "/start" in text and "/cancel" in text
        assert "/help —" not in text  # they just typed it
    assert "/verify" in stranger_help and "/verify" in admin_help  # ballot receipts, later
    assert "/me" in admin_help and "/promote" in admin_help
    assert "/backup" not in stranger_help and "/me" not in stranger_help
    assert "/backup — Back up the database now" in admin_help


async def test_spanish_phone_gets_spanish(sandbox: Sandbox) -> None:
    lucia = sandbox.user("Lucía", language_code="es-MX")
    await lucia.send("/start")
    assert (
        "Te damos la bienvenida al bot de miembros de Local 1199"
        in (await lucia.next_message()).text
    )
    await lucia.send("/help")
    assert "Lo que puedes hacer aquí" in (await lucia.next_message()).text


async def test_unknown_command_gets_a_pointer_to_help(sandbox: Sandbox) -> None:
    ana = sandbox.user("Ana")
    await ana.send("/frobnicate now")
    reply = await ana.next_message()
    assert reply.text == "I don't know the command /frobnicate. Tap /help to see what you can do."


async def test_typed_html_is_escaped_not_rejected(sandbox: Sandbox) -> None:
    ana = sandbox.user("Ana")
    await ana.send("/x<b>&<i")
    reply = await ana.next_message()
    assert "/x<b>&<i" in reply.text
    assert "&lt;b&gt;&amp;&lt;i" in reply.html


async def test_plain_text_from_a_stranger_points_to_verification(sandbox: Sandbox) -> None:
    ana = sandbox.user("Ana")
    await ana.send("when is strike pay?")
    assert "Tap /start to verify" in (await ana.next_message()).text


async def test_cancel_with_nothing_to_cancel(sandbox: Sandbox) -> None:
    ana = sandbox.user("Ana")
    await ana.send("/cancel")
    assert "nothing to cancel" in (await ana.next_message()).text


async def test_group_chat_points_to_a_private_chat(sandbox: Sandbox) -> None:
    ana = sandbox.user("Ana")
    ben = sandbox.user("Ben")
    group = sandbox.emulator.add_group("Picket captains", members=[ana, ben])
    await ana.send("/start", chat=group)
    reply = await group.next_message()
    assert "Let's talk in private" in reply.text and "@unionbot_test" in reply.text
    await ben.send("just chatting", chat=group)
    await sandbox.settle()
    assert group.inbox == [reply]  # the bot stays quiet in group small talk


async def menu_of(
    sandbox: Sandbox, scope: BotCommandScope, language: str | None = None
) -> list[str]:
    """The command names Telegram would show for a scope and language."""
    bot = sandbox.application.bot  # type: ignore[union-attr]
    return [c.command for c in await bot.get_my_commands(scope=scope, language_code=language)]


async def test_menus_are_published_per_role_and_language(sandbox: Sandbox) -> None:
    member_menu = [c.name for c in commands_for(Role.MEMBER)]
    assert {"start", "help", "me", "language", "forgetme"} <= set(member_menu)
    assert await menu_of(sandbox, BotCommandScopeDefault()) == member_menu
    assert await menu_of(sandbox, BotCommandScopeDefault(), "es") == member_menu
    # The admin had not talked to the bot yet, so their own menu is set at their first /start.
    admin_chat = BotCommandScopeChat(ADMIN_ID)
    boss = sandbox.user("Rosa", user_id=ADMIN_ID)
    await boss.send("/start")
    await sandbox.settle()
    admin_menu = await menu_of(sandbox, admin_chat)
    assert admin_menu == [c.name for c in commands_for(Role.ADMIN)]
    assert {"promote", "backup"} <= set(admin_menu) - set(member_menu)
    spanish = await sandbox.application.bot.get_my_commands(  # type: ignore[union-attr]
        scope=admin_chat, language_code="es"
    )
    assert spanish[-1].description == "Hacer una copia de seguridad ahora"

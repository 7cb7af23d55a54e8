"""A member's own controls, and admins changing roles, through the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import BotCommandScopeChat

from sandbox import SimUser
from sandbox.harness import Sandbox
from storage.members import Role
from tests.e2e.membership import Union, approve_request_of, build_union, verify_by_contact

ADMIN = 9100


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path, admin_ids=(ADMIN,)) as sandbox:
        yield await build_union(sandbox)


async def member(union: Union, name: str, member_id: str, **kwargs: str) -> SimUser:
    user = union.sandbox.user(name, **kwargs)
    await verify_by_contact(union.sandbox, user, member_id)
    user.mark_read()
    return user


async def test_me_shows_what_the_bot_holds(union: Union) -> None:
    ana = await member(union, "Ana", "A1")
    await ana.send("/me")
    text = (await ana.next_message()).text
    for line in (
        "Member ID: A1",
        "Name: Ana Reyes",
        "Worksite: Downey",
        "Classification: Psychologist",
        "Standing: good standing",
        "Role: member",
        "Language: English",
        "Phone number: not stored",
    ):
        assert line in text
    assert "555" not in text


async def test_spanish_speaker_sees_spanish_everywhere(union: Union) -> None:
    lucia = union.sandbox.user("Lucía", language_code="es")
    await lucia.send("/start")
    assert "Solo los miembros del sindicato" in (await lucia.next_message()).text
    await lucia.share_contact("213-555-0166")
    assert (await lucia.next_message()).text.startswith("Gracias. Se lo pasamos")
    await union.sandbox.settle()
    await approve_request_of(union.sandbox, lucia)
    welcome = "✅ Tu representante sindical confirmó tu membresía. ¡Te damos la bienvenida!"
    assert (await lucia.next_message()).text == welcome
    assert "Tu membresía está verificada en Irvine" in (await lucia.next_message()).text
    await lucia.send("/me")
    assert "Centro de trabajo: Irvine" in (await lucia.next_message()).text


async def test_member_switches_language(union: Union) -> None:
    ana = await member(union, "Ana", "A1")
    await ana.send("/language")
    choice = await ana.next_message()
    assert choice.buttons == [["English", "Español"]]
    await ana.press("Español", choice)
    assert (await ana.next_edit(choice)).text == "Listo: te hablaré en español."
    await ana.send("/mute")
    assert "silenciados" in (await ana.next_message()).text
    assert (await union.member("A1")).language == "es"


async def test_mute_and_unmute(union: Union) -> None:
    ana = await member(union, "Ana", "A1")
    await ana.send("/mute")
    assert "muted" in (await ana.next_message()).text
    assert (await union.member("A1")).muted is True
    await ana.send("/unmute")
    assert "on again" in (await ana.next_message()).text
    assert (await union.member("A1")).muted is False


async def test_strangers_cannot_use_member_controls(union: Union) -> None:
    eve = union.sandbox.user("Eve")
    for command in ("/mute", "/language", "/forgetme"):
        await eve.send(command)
        assert "verify as a member first" in (await eve.next_message()).text
    await eve.send("/me")
    assert "not verified" in (await eve.next_message()).text


async def test_forget_me_removes_personal_data(union: Union) -> None:
    sandbox = union.sandbox
    ana = await member(union, "Ana", "A1")
    await ana.send("/forgetme")
    question = await ana.next_message()
    await ana.press("Keep my data", question)
    assert "nothing was deleted" in (await ana.next_edit(question)).text
    assert (await union.member("A1")).telegram_id == ana.id
    await ana.send("/forgetme")
    question = await ana.next_message()
    await ana.press("🗑 Yes, forget me", question)
    assert "forgotten you" in (await ana.next_edit(question)).text
    row = await sandbox.services.db.fetchone("SELECT * FROM members WHERE member_id = 'A1'")
    assert row["telegram_id"] is None and row["first_name"] is None
    assert row["last_name"] is None and row["phone_hash"] is None and row["verified_at"] is None
    audit = await sandbox.services.audit.recent(100)
    assert all(str(ana.id) not in f"{e.actor} {e.subject} {e.detail}" for e in audit)
    await ana.send("/me")
    assert "not verified" in (await ana.next_message()).text


async def test_blocking_the_bot_marks_member_unreachable(union: Union) -> None:
    sandbox = union.sandbox
    ana = await member(union, "Ana", "A1")
    await ana.block()
    await sandbox.settle()
    assert (await union.member("A1")).reachable is False
    await ana.unblock()
    await sandbox.settle()
    assert (await union.member("A1")).reachable is True


async def test_group_chats_get_a_pointer_to_private(union: Union) -> None:
    ana = await member(union, "Ana", "A1")
    group = union.sandbox.emulator.add_group("Downey strikers", members=[ana])
    await ana.send("/me", chat=group)
    assert "Let's talk in private" in (await group.next_message()).text


async def test_non_admin_promote_does_nothing(union: Union) -> None:
    sam = union.sam  # a steward, not an admin
    await sam.send("/promote A2 leader")
    assert (await sam.next_message()).text == "Sorry, you don't have permission to do that."
    assert (await union.member("A2")).role is Role.MEMBER
    await sam.send("/help")
    await sam.next_message()
    await sam.press_data("v1:role:set:2:admin", sam.inbox[-1])  # a forged button
    await union.sandbox.settle()
    assert sam.callback_answers[-1] == ("Sorry, you don't have permission to do that.", True)
    assert (await union.member("A2")).role is Role.MEMBER


async def test_admin_promotes_with_buttons_and_menus_follow(union: Union) -> None:
    sandbox = union.sandbox
    boss = sandbox.user("Rosa", user_id=ADMIN)
    await boss.send("/start")
    await sandbox.settle()
    boss.mark_read()
    ben = await member(union, "Ben", "A2")
    await boss.send("/promote A2")
    card = await boss.next_message()
    assert "Ben Okafor (A2) · Downey" in card.text and "Role now: member" in card.text
    assert card.buttons == [["member", "steward"], ["leader", "admin"]]
    await boss.press("steward", card)
    done = await boss.next_message()
    assert done.text == "✅ Ben Okafor (A2) is now: steward\nSteward for: Downey."
    assert (await union.member("A2")).role is Role.STEWARD
    bot = sandbox.application.bot  # type: ignore[union-attr]
    assert await bot.get_my_commands(scope=BotCommandScopeChat(ben.id))
    await boss.send("/promote A2 member")
    assert "is now: member" in (await boss.next_message()).text
    assert await bot.get_my_commands(scope=BotCommandScopeChat(ben.id)) == ()
    grants = await sandbox.services.audit.recent(action="role.grant")
    assert [e.subject for e in grants][:2] == ["A2", "A2"] and grants[0].actor == f"tg:{ADMIN}"


async def test_promote_bad_input(union: Union) -> None:
    sandbox = union.sandbox
    boss = sandbox.user("Rosa", user_id=ADMIN)
    for text, expected in (
        ("/promote", "Usage: /promote MEMBER_ID"),
        ("/promote ZZ9", "No member with ID ZZ9."),
        ("/promote A2 emperor", "Usage: /promote MEMBER_ID"),
        (f"/promote tg:{ADMIN} member", "is the last admin"),
        (
            "/promote A2 steward Downy",
            "“Downy” isn't a worksite on the roster. Did you mean “Downey”?",
        ),
        ("/promote A2 steward Mars", "The roster has: Downey"),
    ):
        await boss.send(text)
        await sandbox.settle()
        assert expected in boss.inbox[-1].text, text
    assert (await union.member("A2")).role is Role.MEMBER


async def test_promote_refusals_in_spanish(union: Union) -> None:
    """An admin who reads Spanish gets every refusal in Spanish, not the command line's
    English, and nothing changes."""
    sandbox = union.sandbox
    jefa = sandbox.user("Rosa", user_id=ADMIN, language_code="es")
    for text, expected in (
        ("/promote ZZ9", "No hay ningún miembro con el número ZZ9."),
        ("/promote A2 representante Downy", "“Downy” no es un centro de trabajo de la lista"),
        ("/promote A2 representante Downy", "¿Quisiste decir “Downey”?"),
        (f"/promote tg:{ADMIN} miembro", "es la última persona con rol de admin del bot"),
    ):
        await jefa.send(text)
        await sandbox.settle()
        shown = jefa.inbox[-1].text
        assert expected in shown, (text, shown)
        assert "roster" not in shown and "admin first" not in shown, shown
    assert (await union.member("A2")).role is Role.MEMBER
    grants = await sandbox.services.audit.recent(action="role.grant")
    assert [e for e in grants if e.actor == f"tg:{ADMIN}"] == []


async def test_admin_from_settings_keeps_role_after_verifying(union: Union) -> None:
    sandbox = union.sandbox
    boss = sandbox.user("Rosa", user_id=ADMIN)
    lucia = await union.member("A4")
    await sandbox.services.members.link(lucia.id, boss.id)  # she verifies her roster entry
    merged = await union.member("A4")
    assert merged.role is Role.ADMIN and merged.telegram_id == ADMIN  # the higher role wins
    rows = "SELECT COUNT(*) FROM members WHERE telegram_id = ?"
    assert await sandbox.services.db.fetchval(rows, (ADMIN,)) == 1


async def test_admin_from_settings_can_link_their_roster_entry(union: Union) -> None:
    sandbox = union.sandbox
    boss = sandbox.user("Rosa", user_id=ADMIN)
    await verify_by_contact(sandbox, boss, "A4")
    assert "confirmó tu membresía" in boss.inbox[-2].text  # A4's roster language, at once
    assert (await union.member("A4")).role is Role.ADMIN

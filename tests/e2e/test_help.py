"""/help by role: grouped (for you, then stewards, leaders, admins), only the groups the
stored role reaches, short enough for a phone, in English and Spanish."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox import SimUser
from sandbox.harness import Sandbox
from storage.members import Role
from tests.e2e.membership import Union, build_union, verify_by_contact

ADMIN = 9100
GROUPS_EN = ("👤 For you", "🦺 Stewards", "📣 Leaders", "🔧 Admins")
GROUPS_ES = (
    "👤 Para ti",
    "🦺 Representantes sindicales",
    "📣 Liderazgo",
    "🔧 Equipo admin del bot",
)
PHONE_LINE = 64  # characters: one line on a phone held upright, in Telegram's font


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path, admin_ids=(ADMIN,)) as sandbox:
        yield await build_union(sandbox)


async def help_of(user: SimUser) -> str:
    user.mark_read()
    await user.send("/help")
    return (await user.next_message()).text


def groups_in(text: str, names: tuple[str, ...]) -> list[str]:
    """The group headings present, in the order they appear."""
    found = [(text.index(name), name) for name in names if name in text]
    return [name for _, name in sorted(found)]


def assert_fits_a_phone(text: str) -> None:
    assert len(text) < 1600, len(text)
    for line in text.splitlines():
        assert len(line) <= PHONE_LINE, line


async def test_member_sees_only_their_own_commands(union: Union) -> None:
    ana = union.sandbox.user("Ana")
    await verify_by_contact(union.sandbox, ana, "A1")
    text = await help_of(ana)
    assert groups_in(text, GROUPS_EN) == ["👤 For you"]
    assert "/vote — Vote in an open ballot" in text and "/surveys" in text and "/ask" in text
    for staff_only in ("/broadcast", "/tickets", "/newvote", "/votes ", "/promote", "/backup"):
        assert staff_only not in text
    # members' everyday commands first, everyone's after them
    assert text.index("/vote") < text.index("/me ") < text.index("/start") < text.index("/cancel")
    assert "/help" not in text  # they just typed it
    assert text.rstrip().endswith("Questions? Just type them — or ask your steward.")
    assert_fits_a_phone(text)


async def test_steward_sees_the_stewards_group(union: Union) -> None:
    text = await help_of(union.sam)
    assert groups_in(text, GROUPS_EN) == ["👤 For you", "🦺 Stewards"]
    stewards = text[text.index("🦺 Stewards") :]
    for command in ("/broadcast", "/scheduled", "/reach", "/tickets", "/faqgaps", "/results"):
        assert f"{command} — " in stewards
    assert "/newvote" not in text and "/promote" not in text
    assert "/vote — " in text[: text.index("🦺 Stewards")]  # their member commands come first
    assert_fits_a_phone(text)


async def test_leader_sees_stewards_and_leaders(union: Union) -> None:
    text = await help_of(union.lee)
    assert groups_in(text, GROUPS_EN) == ["👤 For you", "🦺 Stewards", "📣 Leaders"]
    leaders = text[text.index("📣 Leaders") :]
    for command in ("/votes", "/newvote", "/correct", "/retract", "/pin", "/faqadmin"):
        assert f"{command} — " in leaders
    assert "/broadcast — " in text[: text.index("📣 Leaders")]
    assert "/promote" not in text and "/backup" not in text
    assert_fits_a_phone(text)


async def test_admin_sees_every_group_in_order(union: Union) -> None:
    boss = union.sandbox.user("Rosa", user_id=ADMIN)
    await boss.send("/start")
    await union.sandbox.settle()
    text = await help_of(boss)
    assert groups_in(text, GROUPS_EN) == list(GROUPS_EN)
    admins = text[text.index("🔧 Admins") :]
    for command in ("/promote", "/stewardgroup", "/status", "/backup"):
        assert f"{command} — " in admins
    assert "/backup — Back up the database now" in admins
    assert_fits_a_phone(text)


async def test_stranger_is_pointed_to_verification(union: Union) -> None:
    stranger = union.sandbox.user("Zed")
    text = await help_of(stranger)
    assert groups_in(text, GROUPS_EN) == ["👤 For you"]
    for command in ("/start", "/verify", "/cancel"):
        assert f"{command} — " in text
    assert "/vote " not in text and "/me " not in text
    assert "once you've verified that you're a member: tap /start" in text


async def test_help_follows_the_stored_role(union: Union) -> None:
    ana = union.sandbox.user("Ana")
    await verify_by_contact(union.sandbox, ana, "A1")
    assert "🦺 Stewards" not in await help_of(ana)
    member = await union.member("A1")
    await union.sandbox.services.roles.grant("cli", member, Role.STEWARD, worksite="Downey")
    assert groups_in(await help_of(ana), GROUPS_EN) == ["👤 For you", "🦺 Stewards"]


@pytest.mark.parametrize("who", ["member", "steward", "leader", "admin"])
async def test_help_in_spanish_for_every_role(union: Union, who: str) -> None:
    sandbox = union.sandbox
    if who == "member":
        user = sandbox.user("Lucía", language_code="es")
        await verify_by_contact(sandbox, user, "A4")
        expected = GROUPS_ES[:1]
    else:
        user = {"steward": union.iris, "leader": union.lee}.get(who) or sandbox.user(
            "Rosa", user_id=ADMIN
        )
        user.mark_read()
        await user.send("/language")
        await sandbox.settle()
        await user.press("Español")
        await sandbox.settle()
        expected = GROUPS_ES[: {"steward": 2, "leader": 3, "admin": 4}[who]]
    text = await help_of(user)
    assert text.startswith("Lo que puedes hacer aquí")
    assert groups_in(text, GROUPS_ES) == list(expected)
    assert groups_in(text, GROUPS_EN) == []
    assert "/vote — Votar en una votación abierta" in text
    assert_fits_a_phone(text)

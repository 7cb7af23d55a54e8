"""Membership the union controls (issue 11), tried as an informant or a compromised steward.

No account takeover by a steward; removal that really removes; a phone path and groups
that reveal nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.membership.roster import import_roster, parse_roster
from sandbox import SimUser
from sandbox.harness import SANDBOX_SECRET, Sandbox
from storage.members import Role
from tests.e2e.membership import PHONES, ROSTER, Union, build_union, verify_by_contact
from tests.e2e.voting import create_vote, run_job

ADMIN = 9300


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path, admin_ids=(ADMIN,)) as sandbox:
        yield await build_union(sandbox)


async def admin(union: Union) -> SimUser:
    rosa = union.sandbox.user("Rosa", user_id=ADMIN)
    await rosa.send("/start")
    await union.sandbox.settle()
    rosa.mark_read()
    return rosa


async def actions(union: Union, action: str) -> list[str | None]:
    return [e.subject for e in await union.sandbox.services.audit.recent(100, action=action)]


async def reimport(union: Union, roster: str, *, deactivate_missing: bool = False) -> None:
    services = union.sandbox.services
    await import_roster(
        services.roster, parse_roster(roster, SANDBOX_SECRET), deactivate_missing=deactivate_missing
    )


async def request_as(sandbox: Sandbox, user: SimUser, member_id: str, last_name: str) -> None:
    for text in ("/verify", member_id, last_name):
        await user.send(text)
    await sandbox.settle()


# -- moving a Telegram link ---------------------------------------------------------------------


async def test_a_steward_approving_a_relink_of_a_leaders_row_is_stopped(union: Union) -> None:
    sandbox, iris, lee = union.sandbox, union.iris, union.lee
    rosa = await admin(union)
    mallory = sandbox.user("Mallory")
    await request_as(sandbox, mallory, "L1", "Leader")
    card = await iris.next_message()  # Irvine's steward, who may be compromised
    assert "Role in the bot: leader" in card.text
    assert "already linked to another Telegram account" in card.text
    assert "🔒 Only an admin can approve this" in card.text
    await iris.press("✅ Approve", card)
    await sandbox.settle()
    assert iris.callback_answers[-1] == (
        "Only an admin can approve this request: it moves a Telegram link or hands over a "
        "role. The member's account has been told.",
        True,
    )
    assert "Someone asked to link your union membership" in lee.inbox[-1].text  # alerted
    leader = await union.member("L1")
    assert leader.telegram_id == lee.id and leader.role is Role.LEADER  # nothing moved
    assert await sandbox.services.members.by_telegram_id(mallory.id) is None
    request = await sandbox.services.verification.requests.pending_for(mallory.id)
    assert request is not None and request.state == "pending"  # held for an admin
    assert await actions(union, "verify.relink_refused") == [str(request.id)]
    assert "Role in the bot: leader" in rosa.inbox[-1].text  # the admin has the same card


async def test_a_steward_cannot_link_an_unlinked_row_that_holds_a_role(union: Union) -> None:
    sandbox, sam = union.sandbox, union.sam
    services = sandbox.services
    ben_row = await union.member("A2")
    await services.roles.grant("cli", ben_row, Role.STEWARD)  # a steward not yet in the bot
    mallory = sandbox.user("Mallory")
    await request_as(sandbox, mallory, "A2", "Okafor")
    card = await sam.next_message()
    assert "Role in the bot: steward" in card.text and "Steward for: Downey" in card.text
    await sam.press("✅ Approve", card)
    await sandbox.settle()
    assert sam.callback_answers[-1][0].startswith("Only an admin can approve this request")
    assert (await union.member("A2")).telegram_id is None


async def test_an_admin_moves_a_link_and_this_wasnt_me_freezes_the_row(union: Union) -> None:
    sandbox = union.sandbox
    rosa = await admin(union)
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    ana.mark_read()
    rosa.mark_read()
    thief = sandbox.user("Ana (new phone)")
    await request_as(sandbox, thief, "A1", "Reyes")
    await rosa.press("✅ Approve", rosa.inbox[-1])
    await sandbox.settle()
    assert (await union.member("A1")).telegram_id == thief.id
    told = ana.inbox[-1]  # the old account is told at once
    assert "linked to a different Telegram account" in told.text
    assert told.buttons == [["🚫 This wasn't me"]]
    not_me = told.button_data[0][0] or ""

    # Someone else cannot dispute it for her, with a forged button.
    await thief.press_data(not_me, thief.last)
    await sandbox.settle()
    assert thief.callback_answers[-1][0].startswith("This button no longer works")
    assert not (await union.member("A1")).frozen

    await ana.press("🚫 This wasn't me", told)
    await sandbox.settle()
    assert (await union.member("A1")).frozen
    assert "The membership is on hold" in ana.inbox[-1].text
    alert = rosa.inbox[-1]
    assert "Disputed link move" in alert.text and "member A1" in alert.text
    assert "link.disputed" in [e.action for e in await sandbox.services.audit.recent(100)]

    # The frozen row has no powers: the new account gets nothing but the explanation.
    thief.mark_read()
    for command in ("/vote", "/updates", "/me", "/ask why"):
        await thief.send(command)
        assert "on hold while an admin checks" in (await thief.next_message()).text, command
    await ana.press_data(not_me, told)  # twice changes nothing
    await sandbox.settle()
    assert ana.callback_answers[-1][0].startswith("This button no longer works")


# -- removal that really removes -----------------------------------------------------------------

WITHOUT_STAFF = "\n".join(
    line for line in ROSTER.splitlines() if not line.startswith(("S1,", "L1,"))
)


async def test_deactivated_leader_and_steward_lose_every_command_and_button(
    union: Union,
) -> None:
    sandbox, sam, lee = union.sandbox, union.sam, union.lee
    services = sandbox.services
    ben = sandbox.user("Ben")
    await request_as(sandbox, ben, "A2", "Okafor")
    card = await sam.next_message()  # Sam could approve this a moment ago
    await reimport(union, WITHOUT_STAFF + "\n", deactivate_missing=True)

    for user, command in (
        (lee, "/votes"),
        (lee, "/broadcast"),
        (lee, "/newvote"),
        (lee, "/faqadmin"),
        (sam, "/tickets"),
        (sam, "/broadcast"),
        (sam, "/reach 1"),
        (sam, "/vote"),
    ):
        user.mark_read()
        await user.send(command)
        reply = await user.next_message()
        assert "Your membership isn't active in the bot" in reply.text, command
    await sam.press("✅ Approve", card)  # the button still shown on his phone
    await sandbox.settle()
    assert sam.callback_answers[-1][0].startswith("Your membership isn't active")
    await lee.press_data("v1:verify:approve:1", lee.inbox[-1])  # a forged press
    await sandbox.settle()
    assert lee.callback_answers[-1][0].startswith("Your membership isn't active")
    assert (await union.member("A2")).telegram_id is None  # nothing changed
    request = await services.verification.requests.get(1)
    assert request is not None and request.state == "pending"

    # Their roles and steward worksites are gone too (re-activation restores membership only).
    for member_id in ("S1", "L1"):
        row = await union.member(member_id)
        assert row.role is Role.MEMBER and not row.active
        assert await services.members.steward_worksites(row.id) == []
    await reimport(union, ROSTER)
    assert (await union.member("L1")).role is Role.MEMBER
    lee.mark_read()
    await lee.send("/votes")
    assert "don't have permission" in (await lee.next_message()).text
    await lee.send("/updates")
    assert "No bargaining updates yet" in (await lee.next_message()).text


async def test_a_lapsed_member_is_off_the_next_roll_and_out_of_tickets(union: Union) -> None:
    sandbox = union.sandbox
    services = sandbox.services
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    ana.mark_read()
    early = await create_vote(sandbox)
    await run_job(sandbox, "vote.open", str(early.id))
    await ana.wait_for(lambda m: "Vote now" in m.text, timeout=10)
    assert await services.votes.repo.on_roll(early.id, (await union.member("A1")).id)
    lapsed = ROSTER.replace(
        "A1,Ana,Reyes,(213) 555-0142,Downey,Psychologist,good_standing,",
        "A1,Ana,Reyes,(213) 555-0142,Downey,Psychologist,lapsed,",
    )
    await reimport(union, lapsed)
    row = await union.member("A1")
    assert not await services.votes.repo.on_roll(early.id, row.id)  # had not voted: off it
    later = await create_vote(sandbox)
    await run_job(sandbox, "vote.open", str(later.id))
    assert not await services.votes.repo.on_roll(later.id, row.id)
    await sandbox.settle()
    ana.mark_read()
    for command, answer in (
        ("/vote", "for members in good standing"),
        ("/ask Is there strike pay?", "for members in good standing"),
        ("/surveys", "for members in good standing"),
        ("/updates", "No bargaining updates yet"),  # updates and the FAQ stay theirs
    ):
        await ana.send(command)
        assert answer in (await ana.next_message()).text, command
    assert await services.db.fetchval("SELECT COUNT(*) FROM tickets") == 0


# -- the phone path and groups reveal nothing -----------------------------------------------------


async def test_the_phone_path_replies_the_same_whatever_the_roster_says(union: Union) -> None:
    sandbox = union.sandbox
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    cases = {
        "not on the roster": "+1 310 555 0000",
        "lapsed": PHONES["A3"],
        "already linked": PHONES["A1"],
        "would verify": PHONES["A2"],
    }
    replies = {}
    for case, phone in cases.items():
        holder = sandbox.user(f"Holder {case}")
        await holder.send("/start")
        await sandbox.settle()
        before = len(holder.inbox)
        await holder.share_contact(phone)
        await sandbox.settle()
        replies[case] = [(m.html, m.reply_keyboard, m.buttons) for m in holder.inbox[before:]]
    assert len({repr(r) for r in replies.values()}) == 1, replies
    [(html, keyboard, _)] = replies["would verify"]
    assert "Ben" not in html and keyboard == [["🪪 Use my member ID"]]
    assert (await union.member("A2")).telegram_id is None  # a steward decides


async def test_help_in_a_group_is_the_same_for_a_member_and_an_admin(union: Union) -> None:
    sandbox = union.sandbox
    rosa = await admin(union)
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    stranger = sandbox.user("Stranger")
    group = sandbox.emulator.add_group("Picket line", members=[ana, rosa, union.lee, stranger])
    for user in (ana, rosa, union.lee, stranger):
        await user.send("/help", chat=group)
        await sandbox.settle()
    helps = [(m.html, m.buttons) for m in group.inbox]
    assert len(helps) == 4 and len(set(map(repr, helps))) == 1
    assert "/promote" not in helps[0][0] and "@" in helps[0][0]
    for user in (ana, union.lee):  # a refusal in a group is the same words for everyone
        await user.send("/votes", chat=group)
        await sandbox.settle()
    assert group.inbox[-1].html == group.inbox[-2].html


# -- names typed in chat -------------------------------------------------------------------------


async def test_the_vote_wizard_refuses_a_worksite_not_on_the_roster(union: Union) -> None:
    sandbox, lee = union.sandbox, union.lee
    for text in ("/newvote", "Authorize a strike?", "Same as English", "Yes / No"):
        await lee.send(text)
        await lee.next_message()
    await lee.send("Downy\nIrvine")
    assert (await lee.next_message()).text == (
        "“Downy” isn't on the roster. Did you mean “Downey”? "
        "Type it as the roster spells it, or tap Everyone."
    )
    await lee.send("Downey\nIrvine")
    assert "which classifications" in (await lee.next_message()).text
    await lee.send("Therapists")
    assert "Did you mean “Therapist”?" in (await lee.next_message()).text
    assert await sandbox.services.db.fetchval("SELECT COUNT(*) FROM votes") == 0


async def test_promote_to_a_worksite_not_on_the_roster_is_refused(union: Union) -> None:
    rosa = await admin(union)
    await rosa.send("/promote A1 steward Nowhere")
    assert "“Nowhere” isn't a worksite on the roster" in (await rosa.next_message()).text
    assert (await union.member("A1")).role is Role.MEMBER

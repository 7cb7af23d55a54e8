"""Becoming a verified member, as a person on a phone would: contact, invite, steward review."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from sandbox.harness import Sandbox
from tests.e2e.membership import PHONES, Union, build_union, verify_by_contact


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


async def audit_actions(union: Union) -> list[str]:
    return [f"{e.action}:{e.subject}" for e in await union.sandbox.services.audit.recent(100)]


async def test_member_verifies_with_their_own_phone(union: Union) -> None:
    ana = union.sandbox.user("Ana")
    await ana.send("/start")
    welcome = await ana.next_message()
    assert welcome.request_contact[0] == [True]
    await ana.share_contact(PHONES["A1"])
    assert (await ana.next_message()).text.startswith("Thanks. We've passed this on to a steward")
    assert (await union.member("A1")).telegram_id is None  # a steward confirms first
    request = await union.sam.next_message()
    assert "📱 Shared their own phone number, which matches this roster entry." in request.text
    assert "Roster: Ana Reyes · Downey · good standing" in request.text
    assert "Role in the bot: member" in request.text
    await union.sam.press("✅ Approve", request)
    assert (await ana.next_message()).text == "✅ A steward confirmed your membership. Welcome!"
    home = await ana.next_message()
    assert "You're a verified member at Downey" in home.text
    member = await union.member("A1")
    assert member.telegram_id == ana.id and member.verified_at
    assert "verify.contact:request" in await audit_actions(union)


async def test_forwarded_or_typed_contact_is_refused(union: Union) -> None:
    eve = union.sandbox.user("Eve")
    await eve.send("/start")
    await eve.share_contact(PHONES["A1"], own=False)  # Ana's contact card, not Eve's own
    replies = [await eve.next_message(), await eve.next_message()]
    assert "share <b>your own</b> number" in replies[1].html
    assert (await union.member("A1")).telegram_id is None


async def test_a_lapsed_members_phone_goes_to_the_steward_who_sees_the_standing(
    union: Union,
) -> None:
    cy = union.sandbox.user("Cy")
    await cy.send("/start")
    await cy.share_contact(PHONES["A3"])
    await union.sandbox.settle()
    assert cy.inbox[-1].text.startswith("Thanks. We've passed this on to a steward")
    assert "Roster: Cy Lapsed · Downey · lapsed" in union.sam.inbox[-1].text
    assert (await union.member("A3")).telegram_id is None


async def test_unknown_number_leads_to_the_steward_review(union: Union) -> None:
    sandbox, sam, lee, iris = union.sandbox, union.sam, union.lee, union.iris
    ben = sandbox.user("Benny")
    await ben.send("/start")
    await ben.share_contact("+1 310 555 0000")  # a new phone the roster doesn't know
    await sandbox.settle()
    assert ben.inbox[-1].text.startswith("Thanks. We've passed this on to a steward")
    assert ben.inbox[-1].reply_keyboard == [["🪪 Use my member ID"]]
    assert not any("Verification request" in m.text for m in sam.inbox + lee.inbox)  # nobody
    await ben.send("🪪 Use my member ID")
    assert "Type your member ID" in (await ben.wait_for()).text
    await ben.send("A2")
    assert "last name" in (await ben.wait_for()).text
    await ben.send("okafor")
    assert "A steward will check" in (await ben.wait_for()).text

    request = await sam.next_message()  # Downey's steward
    assert "Verification request #2" in request.text
    assert "member ID A2, last name okafor" in request.text
    assert "Roster: Ben Okafor · Downey · good standing" in request.text
    assert "✅ Last name matches the roster." in request.text
    assert request.buttons == [["✅ Approve", "❌ Reject"]]
    assert "Verification request #2" in (await lee.next_message()).text  # leaders see all
    assert not any("Verification request" in m.text for m in iris.inbox)  # other worksite

    await sam.press("✅ Approve", request)
    assert (await ben.wait_for()).text == "✅ A steward confirmed your membership. Welcome!"
    await sandbox.settle()
    assert request.text.endswith("✅ Approved by Sam.") and request.buttons == []
    assert lee.inbox[-1].text.endswith("✅ Approved by Sam.")
    assert (await union.member("A2")).telegram_id == ben.id
    assert "verify.approved:2" in await audit_actions(union)
    await lee.press_data("v1:verify:reject:2", lee.inbox[-1])  # too late: already decided
    await sandbox.settle()
    assert lee.callback_answers[-1] == ("Someone already decided this request.", True)
    assert (await union.member("A2")).telegram_id == ben.id


async def test_steward_rejects_and_the_person_is_told(union: Union) -> None:
    sandbox, sam = union.sandbox, union.sam
    mal = sandbox.user("Mal")
    await mal.send("/verify")
    await mal.send("A2")
    await mal.send("Smith")
    await sandbox.settle()
    request = await sam.next_message()
    assert "⚠️ Last name does not match the roster." in request.text
    await sam.press("❌ Reject", request)
    await sandbox.settle()
    assert "couldn't confirm your membership" in mal.inbox[-1].text
    assert (await union.member("A2")).telegram_id is None
    assert request.text.endswith("❌ Rejected by Sam.")


async def test_steward_cannot_decide_for_another_worksite(union: Union) -> None:
    sandbox, sam, iris = union.sandbox, union.sam, union.iris
    ben = sandbox.user("Ben")
    for text in ("/verify", "A2", "Okafor"):
        await ben.send(text)
    await sandbox.settle()
    await sam.next_message()
    # Iris stewards Irvine; she forges Downey's Approve button.
    await iris.send("/help")
    await sandbox.settle()
    await iris.press_data("v1:verify:approve:1", iris.inbox[-1])
    await sandbox.settle()
    assert iris.callback_answers[-1] == ("You can't decide this request.", True)
    assert (await union.member("A2")).telegram_id is None
    request = await sandbox.services.verification.requests.get(1)
    assert request is not None and request.state == "pending"
    assert "verify.review_refused:1" in await audit_actions(union)


async def test_typed_html_reaches_stewards_as_text(union: Union) -> None:
    sandbox, sam = union.sandbox, union.sam
    troll = sandbox.user("Troll")
    sam_had = len(sam.inbox)
    for text in ("/verify", "<b>A9</b>", "<script>x</script>"):
        await troll.send(text)
    await sandbox.settle()
    lee_request = union.lee.inbox[-1]
    assert "member ID <b>A9</b>, last name <script>x</script>" in lee_request.text
    assert "No active roster member has that ID" in lee_request.text
    assert lee_request.buttons == [["❌ Reject"]]  # nobody to approve
    assert len(sam.inbox) == sam_had  # no roster match, so no worksite: stewards not bothered


async def test_one_pending_request_at_a_time(union: Union) -> None:
    sandbox = union.sandbox
    ben = sandbox.user("Ben")
    for text in ("/verify", "A2", "Okafor", "/verify", "A2", "Okafor"):
        await ben.send(text)
    await sandbox.settle()
    assert "already have a request waiting" in ben.inbox[-1].text
    assert await sandbox.services.db.fetchval("SELECT COUNT(*) FROM verification_requests") == 1


async def test_form_rejects_over_long_input_and_can_be_cancelled(union: Union) -> None:
    sandbox = union.sandbox
    ben = sandbox.user("Ben")
    await ben.send("/verify")
    await ben.send("9" * 100)
    await sandbox.settle()
    assert "That's too long" in ben.inbox[-1].text and "member ID" in ben.inbox[-1].text
    await ben.send("/cancel")
    await sandbox.settle()
    assert "Cancelled" in ben.inbox[-1].text
    assert await sandbox.services.db.fetchval("SELECT COUNT(*) FROM verification_requests") == 0


async def test_invite_link_works_once(union: Union) -> None:
    sandbox = union.sandbox
    [code] = await sandbox.services.verification.create_invites(
        member_id="A2", worksite=None, count=1, lifetime=timedelta(days=14), created_by="cli"
    )
    ben = sandbox.user("Ben")
    await ben.send(f"/start {code}")
    assert (await ben.next_message()).text == "✅ You're verified, Ben. Welcome!"
    assert (await union.member("A2")).telegram_id == ben.id
    other = sandbox.user("Other")
    await other.send(f"/start {code}")
    assert "already been used" in (await other.next_message()).text
    await other.send("/start not-a-real-code")
    assert "isn't valid" in (await other.next_message()).text


async def test_worksite_invite_and_expired_invite(union: Union, tmp_path: Path) -> None:
    sandbox = union.sandbox
    codes = await sandbox.services.verification.create_invites(
        member_id=None, worksite="Irvine", count=2, lifetime=timedelta(hours=1), created_by="cli"
    )
    new = sandbox.user("Newcomer")
    await new.send(f"/start {codes[0]}")
    assert "A steward will confirm you here" in (await new.next_message()).text
    assert await sandbox.services.members.by_telegram_id(new.id) is None  # on no roll yet
    request = await union.iris.next_message()  # Irvine's steward
    assert "Opened a worksite invite for Irvine. Telegram name: Newcomer" in request.text
    await union.iris.press("✅ Approve", request)
    assert "A steward confirmed your membership" in (await new.next_message()).text
    person = await sandbox.services.members.by_telegram_id(new.id)
    assert person is not None and person.worksite == "Irvine" and person.member_id is None
    with sqlite3.connect(sandbox.database_path) as conn:  # an hour passes
        conn.execute("UPDATE invites SET expires_at = ?", (int(time.time()) - 1,))
    late = sandbox.user("Late")
    await late.send(f"/start {codes[1]}")
    assert "has expired" in (await late.next_message()).text


async def test_attempts_are_rate_limited(union: Union) -> None:
    sandbox = union.sandbox
    prober = sandbox.user("Prober")
    for n in range(5):
        await prober.share_contact(f"+1 310 555 01{n:02d}")
    await prober.share_contact(PHONES["A1"])  # even a right answer is refused now
    await sandbox.settle()
    assert "Too many tries" in prober.inbox[-1].text
    assert (await union.member("A1")).telegram_id is None
    assert "verify.rate_limited:None" in await audit_actions(union)


async def test_membership_links_to_one_account(union: Union) -> None:
    sandbox = union.sandbox
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    impostor = sandbox.user("Ana2")  # same number on a second Telegram account
    await impostor.share_contact(PHONES["A1"])
    await sandbox.settle()
    assert impostor.inbox[-1].text.startswith("Thanks. We've passed this on to a steward")
    request = union.sam.inbox[-1]
    assert "already linked to another Telegram account" in request.text
    await union.sam.press("✅ Approve", request)
    await sandbox.settle()
    assert union.sam.callback_answers[-1][0].startswith("Only an admin can approve this request")
    assert (await union.member("A1")).telegram_id == ana.id


async def test_relinking_needs_an_admin(union: Union) -> None:
    sandbox, sam = union.sandbox, union.sam
    old_phone = sandbox.user("Ana")
    await verify_by_contact(sandbox, old_phone, "A1")
    new_phone = sandbox.user("Ana (new phone)")
    for text in ("/verify", "A1", "Reyes"):
        await new_phone.send(text)
    await sandbox.settle()
    request = await sam.next_message()
    assert "already linked to another Telegram account; approving moves the link" in request.text
    assert "🔒 Only an admin can approve this" in request.text
    assert (await union.member("A1")).telegram_id == old_phone.id  # nothing moves before review
    await sam.press("✅ Approve", request)
    await sandbox.settle()
    assert (await union.member("A1")).telegram_id == old_phone.id  # a steward cannot move it
    assert "Someone asked to link your union membership" in old_phone.inbox[-1].text


async def test_member_id_form_survives_a_restart(union: Union) -> None:
    sandbox = union.sandbox
    ben = sandbox.user("Ben")
    await ben.send("/verify")
    await ben.send("A2")
    await sandbox.settle()
    await sandbox.restart()
    await ben.send("Okafor")
    assert "A steward will check" in (await ben.wait_for()).text
    assert "Verification request #1" in (await union.sam.next_message()).text

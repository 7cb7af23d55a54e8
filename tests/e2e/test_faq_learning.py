"""The FAQ learns from members: stewards link what it missed to the entry that answers it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox.harness import Sandbox
from tests.e2e.questions import Members, build_members

MISSED = "the money hasnt shown up in my account yet"


@pytest.fixture
async def members(tmp_path: Path) -> AsyncIterator[Members]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_members(sandbox)


async def test_suggestions_are_buttons_and_a_tap_shows_the_answer(members: Members) -> None:
    ana = members.ana
    await ana.send("strike money")
    suggestions = await ana.next_message()
    assert suggestions.text == "I'm not sure I understood. Did you mean one of these?"
    assert 2 <= len(suggestions.buttons) <= 4  # up to three entries, then Ask a steward
    assert suggestions.buttons[-1] == ["🙋 Ask a steward"]
    assert ["When is strike pay paid out?"] in suggestions.buttons
    await ana.press("When is strike pay paid out?", suggestions)
    answer = await ana.next_message()
    assert "Every Friday" in answer.text and answer.buttons == [["👍", "👎"]]


async def test_steward_links_a_gap_and_the_next_member_gets_the_answer(members: Members) -> None:
    ana, ben, sam, sandbox = members.ana, members.ben, members.union.sam, members.sandbox
    await ana.send(MISSED)
    first = await ana.next_message()
    assert "Every Friday" not in first.text  # not answered outright yet

    await sam.send("/faqgaps")  # a steward may link gaps (clearing stays with leaders)
    gaps = await sam.next_message()
    assert f"1. {MISSED} (unsure)" in gaps.text.splitlines()
    assert gaps.buttons == [["🔗 1"]]
    await sam.press("🔗 1", gaps)
    picker = await sam.wait_for(lambda m: m.text.startswith("🔗 Which entry answers"))
    assert picker.buttons[-1] == ["🔎 Search the FAQ"]
    await sam.press("🔎 Search the FAQ", picker)
    assert (await sam.wait_for(lambda m: m.force_reply)).text.startswith("🔎 Type a few words")
    await sam.send("paid out")
    found = await sam.wait_for(
        lambda m: m.text.startswith("🔗 Which entry answers") and m is not picker
    )
    assert found.buttons[0] == ["When is strike pay paid out?"]
    pressed = found.button_data[0][0] or ""
    await sam.press("When is strike pay paid out?", found)
    await sandbox.settle()
    assert found.text.startswith(f"🔗 Linked. Members asking “{MISSED}” now get")

    await ben.send(MISSED)
    answer = await ben.next_message()
    assert "Every Friday" in answer.text and answer.buttons == [["👍", "👎"]]
    entry = sandbox.services.faq.entry("pay-day")
    assert entry is not None and MISSED in entry.alternates
    [linked] = await sandbox.services.audit.recent(10, action="faq.link")
    assert linked.actor == f"tg:{sam.id}"
    assert await sandbox.services.faq.repo.gaps() == []  # dealt with

    # The same link pressed again, or forged by a plain member, changes nothing.
    await sam.press_data(pressed, found)
    await sandbox.settle()
    assert sam.callback_answers[-1] == ("That question was already dealt with.", True)
    await ana.press_data("v1:faqlnk:pick:g:1", first)
    await sandbox.settle()
    assert ana.callback_answers[-1] == ("Sorry, you don't have permission to do that.", True)
    assert sandbox.services.faq.entry("pay-day").alternates.count(MISSED) == 1


async def test_steward_links_an_answered_ticket_to_an_entry(members: Members) -> None:
    ana, ben, sam, sandbox = members.ana, members.ben, members.union.sam, members.sandbox
    question = "do they still cover my therapy visits if we walk out"
    await ana.send(f"/ask {question}")
    card = await sam.wait_for(lambda m: "Ticket #1" in m.text and m.buttons)
    await sam.press("✍️ Answer", card)
    await sam.wait_for(lambda m: m.force_reply)
    await sam.send("Yes: medical coverage continues to the end of the month.")
    await sandbox.settle()
    card = sam.inbox[-1] if "Ticket #1" in sam.inbox[-1].text else card
    assert ["📚 Add to FAQ", "🔗 Answered by an FAQ entry"] in card.buttons
    await sam.press("🔗 Answered by an FAQ entry", card)
    picker = await sam.wait_for(lambda m: m.text.startswith("🔗 Which entry answers"))
    assert ["Do I keep my health insurance during the strike?"] in picker.buttons
    await sam.press("Do I keep my health insurance during the strike?", picker)
    await sandbox.settle()
    assert picker.text.startswith("🔗 Linked.")
    await ben.send(question)
    assert "Medical and dental coverage continue" in (await ben.next_message()).text
    [linked] = await sandbox.services.audit.recent(10, action="faq.link")
    assert linked.subject == "health-insurance"

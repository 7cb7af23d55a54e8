"""Leaders keep the FAQ in chat: /faqadmin and /faqgaps, as a leader would on a phone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from handlers.faq.keys import short_key
from sandbox.harness import Sandbox
from sandbox.users import SentMessage
from tests.e2e.questions import Members, build_members


@pytest.fixture
async def members(tmp_path: Path) -> AsyncIterator[Members]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_members(sandbox)


async def prompted(members: Members) -> SentMessage:
    return await members.union.lee.wait_for(lambda m: m.force_reply)


async def test_faqgaps_lists_unmatched_questions_for_leaders(members: Members) -> None:
    ana, lee, sam, sandbox = members.ana, members.union.lee, members.union.sam, members.sandbox
    await ana.send("Is the <cafeteria> open during the strike?")
    await ana.send("When do we get paid?")
    await ana.press("👎", await ana.wait_for(lambda m: "Every Friday" in m.text))
    await sandbox.settle()

    await ana.send("/faqgaps")  # members are not stewards
    assert (await ana.next_message()).text == "Sorry, you don't have permission to do that."
    await sam.send("/faqgaps")  # stewards see the gaps and may link them, not clear them
    assert [b for row in (await sam.next_message()).buttons for b in row] == ["🔗 1", "🔗 2"]
    await lee.send("/faqgaps")
    gaps = await lee.next_message()
    lines = gaps.text.splitlines()
    assert lines[:3] == [
        "🕳 What the FAQ could not answer (newest first):",
        "",
        "1. When do we get paid? (👎 on pay-day)",
    ]
    assert lines[3].startswith("2. Is the <cafeteria> open during the strike?")
    assert lines[5:7] == ["Answers marked 👎", "• pay-day: 👍 0 · 👎 1"]
    assert gaps.buttons == [["🔗 1", "🔗 2"], ["🧹 Mark all as dealt with"]]
    assert "&lt;cafeteria&gt;" in gaps.html
    await sam.press_data(gaps.button_data[1][0] or "", gaps)  # clear, forged by a steward
    await sandbox.settle()
    assert len(await sandbox.services.faq.repo.gaps()) == 2
    await lee.press("🧹 Mark all as dealt with", gaps)
    await sandbox.settle()
    assert gaps.text == "🧹 Cleared 2 questions."
    assert await sandbox.services.faq.repo.gaps() == []
    await lee.send("/faqgaps")
    assert (await lee.wait_for()).text == "No unanswered questions. 🎉"


async def test_a_half_typed_entry_survives_a_restart(members: Members) -> None:
    """The question typed, the bot restarted (a deploy), then the answer: one entry."""
    lee, sandbox = members.union.lee, members.sandbox
    await lee.send("/faqadmin")
    await lee.press("➕ Add an entry", await lee.next_message())
    await prompted(members)
    await lee.send("Can I bring my kids to the picket?")
    await prompted(members)
    await sandbox.restart()
    await lee.send("Yes, on the family line at the main gate.")
    await prompted(members)
    await lee.send("picket")
    card = await lee.wait_for(lambda m: m.text.startswith("✅ Added."))
    assert "can-i-bring-my-kids-to-the-picket · en · topics: picket" in card.text
    entry = [e for e in await sandbox.services.faq.entries() if e.id.startswith("can-i-bring")]
    assert [e.answer for e in entry] == ["Yes, on the family line at the main gate."]


async def test_leader_adds_edits_and_removes_an_entry(members: Members) -> None:
    ana, lee, sandbox = members.ana, members.union.lee, members.sandbox
    await lee.send("/faqadmin")
    listing = await lee.next_message()
    assert listing.text == "📚 FAQ: 6 entries (page 1 of 1). Tap one to edit it."
    assert listing.buttons[0] == ["strike-pay"] and listing.buttons[-1] == ["➕ Add an entry"]

    await lee.press("➕ Add an entry", listing)
    await prompted(members)
    await lee.send("Where do I park at the picket?")
    await prompted(members)
    await lee.send("x" * 3801)  # too long: asked again, nothing saved
    await sandbox.settle()
    assert "up to 3,800 characters" in lee.inbox[-1].text
    await lee.send("Park on Elm Street; the lot is closed to strikers.")
    await prompted(members)
    await lee.send("Picket, parking")
    card = await lee.wait_for(lambda m: m.text.startswith("✅ Added."))
    assert "where-do-i-park-at-the-picket · en · topics: picket, parking" in card.text

    await ana.send("where do i park at the picket")
    assert "Park on Elm Street" in (await ana.next_message()).text

    await lee.press("✏️ Answer", card)
    await prompted(members)
    await lee.send("Park on Oak Street now.")
    saved = await lee.wait_for(lambda m: m.text.startswith("✅ Saved."))
    assert saved.text.endswith("Park on Oak Street now.")
    await ana.send("where do i park at the picket")
    assert "Park on Oak Street now." in (await ana.next_message()).text

    await lee.press("🗑 Remove", saved)
    confirm = await lee.wait_for(lambda m: "Remove where-do-i-park-at-the-picket" in m.text)
    await lee.press("🗑 Yes, remove it", confirm)
    await sandbox.settle()
    assert confirm.text == "🗑 Removed where-do-i-park-at-the-picket."
    assert len(await sandbox.services.faq.entries()) == 6
    audit = [(e.action, e.subject) for e in await sandbox.services.audit.recent(10)]
    for action in ("faq.add", "faq.update", "faq.remove"):
        assert (action, "where-do-i-park-at-the-picket") in audit


async def test_members_and_forged_buttons_change_nothing(members: Members) -> None:
    ana, lee, sandbox = members.ana, members.union.lee, members.sandbox
    await ana.send("/faqadmin")
    assert (await ana.next_message()).text == "Sorry, you don't have permission to do that."
    await lee.send("/faqadmin")
    listing = await lee.next_message()
    await ana.press_data("v1:faqadm:add", ana.inbox[-1])
    await ana.press_data("v1:faqadm:delok:" + (listing.button_data[0][0] or "").split(":")[-1])
    await lee.press_data("v1:faqadm:delok:0123456789ab", listing)  # no such entry
    await lee.press_data("v1:faqadm:edit:0123456789ab:answer", listing)
    await sandbox.settle()
    assert ana.callback_answers == [("Sorry, you don't have permission to do that.", True)] * 2
    assert (
        lee.callback_answers[-2:]
        == [("That FAQ entry no longer exists. Just type your question.", True)] * 2
    )
    assert len(await sandbox.services.faq.entries()) == 6
    assert sandbox.application is not None
    assert "typing" not in sandbox.application.user_data.get(ana.id, {})  # nothing to type

    await lee.press("strike-pay", listing)
    card = await lee.wait_for(lambda m: m.text.startswith("strike-pay · en"))
    await lee.press("🏷 Topics", card)
    await prompted(members)
    await lee.send("money, <b>bold</b>")
    await sandbox.settle()
    assert "Topics are single words" in lee.inbox[-1].text
    entry = next(e for e in await sandbox.services.faq.entries() if e.id == "strike-pay")
    assert entry.tags == ("money",)


async def test_leader_pairs_an_entry_with_its_translation(members: Members) -> None:
    """A Spanish entry added in chat, then paired: each member sees it once, in their language."""
    ana, lucia, lee, sandbox = members.ana, members.lucia, members.union.lee, members.sandbox
    await lee.send("/faqadmin")
    await lee.press("➕ Add an entry", await lee.next_message())
    await prompted(members)
    await lee.send("¿Dónde están las líneas de piquete?")
    await prompted(members)
    await lee.send("Afuera de cada clínica y centro médico.")
    await prompted(members)
    await lee.send("picket")
    card = await lee.wait_for(lambda m: m.text.startswith("✅ Added."))
    spanish = "donde-estan-las-lineas-de-piquete"
    assert f"{spanish} · es · topics: picket · 🌐 —" in card.text
    await ana.send("/faq picket")  # unpaired: two entries under the topic, one per language
    assert len((await ana.next_message()).buttons) == 2

    await lee.press("🌐 Translation", card)
    picker = await lee.wait_for(lambda m: m.text.startswith("🌐 Which entry says"))
    # The closest English entry first; Spanish entries and taken ones are not offered.
    assert picker.buttons[0] == ["Where are the picket lines?"]
    offered = [b for row in picker.buttons for b in row]
    assert "Do I keep my health insurance during the strike?" not in offered  # seguro's
    assert "✖ No translation" not in offered
    await lee.press("Where are the picket lines?", picker)
    await sandbox.settle()
    assert picker.text.startswith("✅ Saved.")
    assert f"{spanish} · es · topics: picket · 🌐 picket-sites" in picker.text

    await ana.send("/faq picket")
    assert (await ana.next_message()).buttons == [["Where are the picket lines?"]]
    await lucia.send("/faq picket")
    assert (await lucia.next_message()).buttons == [["¿Dónde están las líneas de piquete?"]]
    audit = [(e.action, e.subject) for e in await sandbox.services.audit.recent(10)]
    assert ("faq.pair", spanish) in audit

    await lee.press("🌐 Translation", picker)
    again = await lee.wait_for(lambda m: m.text.startswith("🌐 Which entry says"))
    await lee.press("✖ No translation", again)
    await sandbox.settle()
    assert f"{spanish} · es · topics: picket · 🌐 —" in again.text
    assert sandbox.services.faq.translation("picket-sites") is None
    assert ("faq.unpair", spanish) in [
        (e.action, e.subject) for e in await sandbox.services.audit.recent(10)
    ]


async def test_a_pair_that_cannot_be_refuses_and_changes_nothing(members: Members) -> None:
    """Forged or stale 🌐 buttons: same language, a taken entry, a member pressing."""
    ana, lee, sandbox = members.ana, members.union.lee, members.sandbox
    faq = sandbox.services.faq
    await lee.send("/faqadmin")
    listing = await lee.next_message()
    await lee.press("retaliation", listing)
    card = await lee.wait_for(lambda m: m.text.startswith("retaliation · en"))
    own = short_key("retaliation")
    await lee.press_data(f"v1:faqadm:trto:{own}:{short_key('strike-pay')}", card)  # both English
    await lee.press_data(f"v1:faqadm:trto:{own}:{short_key('seguro')}", card)  # seguro is taken
    await lee.press_data(f"v1:faqadm:trto:{own}:0123456789ab", card)  # no such entry
    await lee.press_data(f"v1:faqadm:trto:{own}", card)  # no entry named at all
    await ana.press_data(f"v1:faqadm:trnone:{short_key('seguro')}", card)  # a member
    await sandbox.settle()
    assert lee.callback_answers[-4:] == [
        ("Those two are in the same language. A translation is in the other one.", True),
        ("That entry is already another entry's translation. Unpair it there first.", True),
        ("That FAQ entry no longer exists. Just type your question.", True),
        ("This button no longer works. Tap /start to begin again.", True),
    ]
    assert ana.callback_answers == [("Sorry, you don't have permission to do that.", True)]
    assert faq.translation("retaliation") is None
    assert faq.translation("seguro") == "health-insurance"
    assert [e.action for e in await sandbox.services.audit.recent(5)].count("faq.pair") == 0


async def test_a_spanish_speaking_leader_pairs_in_spanish(members: Members) -> None:
    lee, sandbox = members.union.lee, members.sandbox
    await sandbox.services.members.set_language((await members.union.member("L1")).id, "es")
    await lee.send("/faqadmin")
    await lee.press("seguro", await lee.next_message())
    card = await lee.wait_for(lambda m: m.text.startswith("seguro · es"))
    assert "temas: benefits · 🌐 health-insurance" in card.text
    await lee.press("🌐 Traducción", card)
    picker = await lee.wait_for(lambda m: m.text.startswith("🌐 ¿Qué entrada dice"))
    assert picker.buttons[0] == ["Do I keep my health insurance during the strike?"]
    await lee.press("✖ Sin traducción", picker)
    await sandbox.settle()
    assert picker.text.startswith("✅ Se guardó.")
    assert "temas: benefits · 🌐 —" in picker.text

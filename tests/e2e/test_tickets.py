"""Ask a steward, as members and stewards would on their phones: tickets end to end."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox import SimUser
from sandbox.harness import Sandbox
from sandbox.users import SentMessage
from storage.members import Role
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.l10n import WHEN_EN
from tests.e2e.questions import Members, build_members


@pytest.fixture
async def members(tmp_path: Path) -> AsyncIterator[Members]:
    async with Sandbox(tmp_path, admin_ids=(ADMIN_ID,)) as sandbox:
        yield await build_members(sandbox)


def is_card(number: int) -> object:
    return lambda m: f"Ticket #{number}" in m.text and m.buttons


async def ask_unknown(members: Members, user: SimUser, question: str) -> SentMessage:
    """Type a question the FAQ cannot answer and tap Ask a steward; the confirmation."""
    await user.send(question)
    unknown = await user.next_message()
    assert unknown.text in (
        "🤔 I don't know that yet. A steward can answer you:",
        "I'm not sure I understood. Did you mean one of these?",
    )
    assert unknown.buttons[-1] == ["🙋 Ask a steward"]
    await user.press("🙋 Ask a steward", unknown)
    return await user.next_message()


async def answer_ticket(members: Members, steward: SimUser, card: SentMessage, text: str) -> None:
    """Tap Answer on a ticket card and type the answer as a reply to the prompt."""
    await steward.press("✍️ Answer", card)
    chat = members.sandbox.emulator.world.chat_of(card)
    prompt = await chat.wait_for(lambda m: m.force_reply)
    await steward.send(text, chat=None if chat is steward else chat, reply_to=prompt)  # type: ignore[arg-type]
    await members.sandbox.settle()


async def test_unknown_question_opens_a_ticket_a_steward_answers(members: Members) -> None:
    ana, sam, iris, sandbox = members.ana, members.union.sam, members.union.iris, members.sandbox
    opened = await ask_unknown(members, ana, "Can we bring dogs to the cafeteria?")
    assert opened.text.startswith("📨 Your question went to the stewards at Downey (ticket #1).")
    gaps = await sandbox.services.faq.repo.gaps()
    assert [(g.text, g.reason) for g in gaps] == [
        ("Can we bring dogs to the cafeteria?", "unknown")
    ]

    card = await sam.wait_for(is_card(1))
    title, asked, blank, question = card.text.splitlines()[:4]
    assert (title, blank, question) == (
        "🎫 Ticket #1 · Downey · open",
        "",
        "❓ Ana R.: Can we bring dogs to the cafeteria?",
    )
    assert re.fullmatch(rf"From: Ana R\. · asked {WHEN_EN}", asked), asked
    assert card.buttons == [["✍️ Answer", "✅ Close"]]
    assert not any("Ticket #1" in m.text for m in iris.inbox)  # another worksite's steward

    await answer_ticket(members, sam, card, "Only service dogs, sorry.")
    assert "Your answer to ticket #1 was sent" in sam.inbox[-1].text
    relayed = ana.inbox[-1]
    assert relayed.text == (
        "💬 Sam (steward) answered your question #1:\n\nOnly service dogs, sorry."
    )
    assert relayed.buttons == [["↩️ Reply", "✅ Close"]]
    assert "Downey · answered" in card.text
    assert card.text.endswith("💬 Sam (steward): Only service dogs, sorry.")
    assert card.buttons == [
        ["✍️ Answer", "✅ Close"],
        ["📚 Add to FAQ", "🔗 Answered by an FAQ entry"],
    ]

    # The member writes back; the stewards get the thread again, open.
    await ana.press("↩️ Reply", relayed)
    assert (await ana.wait_for(lambda m: m.force_reply)).text.startswith("↩️ Type your reply")
    await ana.send("What about emotional support dogs?")
    await sandbox.settle()
    assert "Your reply went to the stewards (ticket #1)" in ana.inbox[-1].text
    again = sam.inbox[-1]
    assert again is not card and "Downey · open" in again.text
    assert again.text.endswith("❓ Ana R.: What about emotional support dogs?")

    await sam.press("✅ Close", again)
    await sandbox.settle()
    assert sam.callback_answers[-1] == ("Ticket #1 is closed.", False)
    assert "Downey · closed" in card.text and card.buttons == [] and again.buttons == []
    assert "A steward closed your question #1" in ana.inbox[-1].text
    ticket = await sandbox.services.tickets.repo.get(1)
    assert ticket is not None and ticket.state == "closed"
    actions = [e.action for e in await sandbox.services.audit.recent(20)]
    assert {"ticket.open", "ticket.answer", "ticket.close"} <= set(actions)


async def test_steward_of_another_worksite_cannot_see_or_answer(members: Members) -> None:
    ana, iris, sandbox = members.ana, members.union.iris, members.sandbox
    await ask_unknown(members, ana, "Is the cafeteria open during the strike?")
    await iris.send("/tickets")
    assert (await iris.next_message()).text == "No open questions from your worksites. 🎉"
    for action in ("view", "answer", "close", "tofaq"):
        await iris.press_data(f"v1:ticket:{action}:1", iris.inbox[-1])
    await sandbox.settle()
    assert iris.callback_answers[-4:] == [("You can't see or answer this question.", True)] * 4
    assert not any("cafeteria" in m.text for m in iris.inbox)
    assert sandbox.application is not None
    assert "typing" not in sandbox.application.user_data.get(iris.id, {})  # nothing to type
    ticket = await sandbox.services.tickets.repo.get(1)
    assert ticket is not None and ticket.state == "open"
    audit = await sandbox.services.audit.recent(20)
    refused = [e.action for e in audit if e.actor == f"tg:{iris.id}"]
    assert "ticket.read_refused" in refused and "ticket.close_refused" in refused

    # A plain member cannot read someone else's ticket either; a leader can.
    await members.ben.press_data("v1:ticket:view:1", members.ben.inbox[-1])
    lee = members.union.lee
    await lee.send("/tickets")
    listing = await lee.next_message()
    assert "#1 · Downey · open · Is the cafeteria open during the strike?" in listing.text
    await lee.press("#1", listing)
    await sandbox.settle()
    assert members.ben.callback_answers[-1] == ("You can't see or answer this question.", True)
    assert "Ticket #1 · Downey · open" in lee.inbox[-1].text


async def test_fourth_open_ticket_is_refused(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    for n in range(3):
        await ana.send(f"/ask question number {n}")
    await ana.send("/ask one too many")
    await sandbox.settle()
    assert ana.inbox[-1].text == (
        "You already have 3 questions open with the stewards. "
        "Close one in /mytickets before asking another."
    )
    ana_pk = (await members.union.member("A1")).id
    assert [t.id for t in await sandbox.services.tickets.repo.of_member(ana_pk, 9)] == [3, 2, 1]

    # Closing one of them makes room again.
    await ana.send("/mytickets")
    mine = await ana.wait_for(lambda m: "Your questions to the stewards" in m.text)
    assert mine.text.splitlines()[2] == "#3 · open · question number 2"
    await ana.press("#2", mine)
    view = await ana.wait_for(lambda m: "Your question #2" in m.text)
    assert view.text.endswith("🙋 You: question number 1")
    assert re.fullmatch(f"Asked {WHEN_EN}", view.text.splitlines()[1]), view.text
    await ana.press("✅ Close", view)
    await ana.send("/ask now it fits")
    await sandbox.settle()
    assert "(ticket #4)" in ana.inbox[-1].text


async def test_html_in_a_question_is_shown_literally(members: Members) -> None:
    ana, sam = members.ana, members.union.sam
    question = '<b>Is</b> the <a href="http://evil">café</a> open & safe?'
    await ana.send(f"/ask {question}")
    card = await sam.wait_for(is_card(1))
    assert card.text.endswith(f"❓ Ana R.: {question}")
    assert "&lt;b&gt;Is&lt;/b&gt;" in card.html and "&amp; safe" in card.html
    await ana.send("/mytickets")
    assert question[:30] in (await ana.wait_for(lambda m: "#1 · open" in m.text)).text


async def test_too_long_texts_are_refused_and_change_nothing(members: Members) -> None:
    ana, sam, sandbox = members.ana, members.union.sam, members.sandbox
    await ana.send("/ask")
    await ana.send("x" * 1001)
    await sandbox.settle()
    assert "Please keep it to 1,000 characters — nothing was sent." in ana.inbox[-1].text
    assert await sandbox.services.tickets.repo.get(1) is None
    await ana.send("Short enough?")  # still the question they were asked for
    card = await sam.wait_for(is_card(1))

    await sam.press("✍️ Answer", card)
    await sam.wait_for(lambda m: m.force_reply)
    await sam.send("y" * 2001)
    await sandbox.settle()
    assert "Please keep it to 2,000 characters" in sam.inbox[-1].text
    ticket = await sandbox.services.tickets.repo.get(1)
    assert ticket is not None and ticket.state == "open"
    await sam.send("Yes.")
    await sandbox.settle()
    assert ana.inbox[-1].text.endswith("Yes.")


async def test_a_closed_ticket_cannot_be_answered(members: Members) -> None:
    ana, sam, sandbox = members.ana, members.union.sam, members.sandbox
    await ana.send("/ask Will there be a march on Friday?")
    card = await sam.wait_for(is_card(1))
    await sam.press("✍️ Answer", card)  # Sam starts typing…
    await ana.press_data("v1:ticket:close:1", ana.inbox[-1])  # …and Ana closes it meanwhile
    await sandbox.settle()
    await sam.send("Yes, at noon.")
    await sandbox.settle()
    assert sam.inbox[-1].text == "This question is closed."
    await sam.press_data("v1:ticket:answer:1", card)
    await sandbox.settle()
    assert sam.callback_answers[-1] == ("This question is closed.", True)
    assert [m.author_role for m in await sandbox.services.tickets.repo.messages(1)] == ["member"]
    assert not any("Yes, at noon" in m.text for m in ana.inbox)


async def test_stewards_group_gets_and_answers_tickets(members: Members) -> None:
    ana, sam, sandbox = members.ana, members.union.sam, members.sandbox
    rosa = sandbox.user("Rosa", user_id=ADMIN_ID)
    group = sandbox.emulator.add_group("Downey stewards", members=[rosa, sam])
    await sam.send("/stewardgroup Downey", chat=group)  # a steward is not an admin
    await rosa.send("/stewardgroup Dwney", chat=group)
    await rosa.send("/stewardgroup downey", chat=group)
    await rosa.send("/stewardgroup Downey")  # in private: it has to be sent in the group
    await sandbox.settle()
    assert [m.text for m in group.inbox] == [
        "Let's talk in private: open a chat with me to use this.",  # a group is never told why
        "There's no worksite called Dwney on the roster. Check the spelling.",
        "✅ Members' questions from Downey now come to this group. "
        "Stewards answer them with the buttons.",
    ]
    assert "in the stewards' group chat itself" in rosa.inbox[-1].text

    sam_had = len(sam.inbox)
    await ana.send("/ask Do we get paid for the training day?")
    card = await group.wait_for(is_card(1))
    assert len(sam.inbox) == sam_had  # the group, not each steward privately
    await sam.press("✍️ Answer", card)
    prompt = await group.wait_for(lambda m: m.force_reply)
    assert prompt.text.startswith("✍️ Sam, type your answer to ticket #1")
    await rosa.send("Rosa chatting in the group", chat=group)
    await sam.send("Not a reply to the prompt", chat=group)
    await sam.send("Yes, training days are paid.", chat=group, reply_to=prompt)
    await sandbox.settle()
    assert ana.inbox[-1].text.endswith("Yes, training days are paid.")
    assert "Downey · answered" in card.text
    assert group.inbox[-1].text == "✅ Your answer to ticket #1 was sent to the member."


async def test_steward_turns_an_answer_into_an_faq_entry(members: Members) -> None:
    ana, ben, sam, sandbox = members.ana, members.ben, members.union.sam, members.sandbox
    await ana.send("/ask Can we bring dogs to the picket?")
    card = await sam.wait_for(is_card(1))
    await answer_ticket(members, sam, card, "Yes, dogs on a leash are welcome on the picket.")
    await sam.press("📚 Add to FAQ", card)
    confirm = await sam.wait_for(lambda m: "Add this to the FAQ" in m.text)
    assert confirm.text.endswith(
        "Can we bring dogs to the picket?\n\nYes, dogs on a leash are welcome on the picket."
    )
    await sam.press("✅ Add to FAQ", confirm)
    await sandbox.settle()
    assert confirm.text.startswith("📚 Added to the FAQ as can-we-bring-dogs-to-the-picket.")
    await sam.press_data("v1:ticket:tofaq_ok:1", confirm)  # again: nothing more is added
    await sandbox.settle()
    assert len(await sandbox.services.faq.entries()) == 7

    await ben.send("can we bring dogs to the picket?")
    assert "dogs on a leash are welcome" in (await ben.next_message()).text
    audit = await sandbox.services.audit.recent(10, action="faq.add")
    assert audit[0].subject == "can-we-bring-dogs-to-the-picket"
    assert audit[0].detail == {"source": "ticket:1"}


async def test_a_pending_answer_survives_a_restart(members: Members) -> None:
    ana, sam, sandbox = members.ana, members.union.sam, members.sandbox
    await ana.send("/ask Is the strike fund audited?")
    card = await sam.wait_for(is_card(1))
    await sam.press("✍️ Answer", card)
    await sam.wait_for(lambda m: m.force_reply)
    await sandbox.restart()
    await sam.send("Yes, every quarter.")
    await sandbox.settle()
    assert ana.inbox[-1].text.endswith("Yes, every quarter.")


async def test_cancel_drops_what_was_being_typed(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    await ana.send("/ask")
    await ana.send("/cancel")
    await sandbox.settle()
    assert ana.inbox[-1].text == "Cancelled — nothing was sent."
    await ana.send("where are the picket lines?")  # a question for the FAQ again
    assert "Outside every clinic" in (await ana.wait_for(lambda m: "👍" in str(m.buttons))).text
    await ana.send("/cancel")
    await sandbox.settle()
    assert "There's nothing to cancel" in ana.inbox[-1].text
    assert await sandbox.services.tickets.repo.get(1) is None


async def test_forgetme_deletes_the_members_tickets(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    await ana.send("/ask Something private")
    await ana.send("/forgetme")
    await sandbox.settle()
    await ana.press("🗑 Yes, forget me")
    await sandbox.settle()
    assert await sandbox.services.tickets.repo.get(1) is None
    assert await sandbox.services.db.fetchval("SELECT COUNT(*) FROM ticket_messages") == 0


async def test_without_stewards_leaders_get_the_question_in_spanish_back(
    members: Members,
) -> None:
    lucia, iris, lee = members.lucia, members.union.iris, members.union.lee
    sandbox = members.sandbox
    irvine_steward = await members.union.member("S2")
    await sandbox.services.roles.revoke("cli", irvine_steward, Role.STEWARD, "Irvine")
    # Her Spanish comes from her Telegram app, not a stored choice: the ticket remembers it.
    await sandbox.services.db.execute("UPDATE members SET language = NULL WHERE member_id = 'A4'")
    await lucia.send("/ask ¿Hay guardería durante la huelga?")
    confirmation = await lucia.wait_for()
    assert confirmation.text.startswith(
        "📨 Tu pregunta se envió a representantes sindicales de Irvine"
    )
    card = await lee.wait_for(is_card(1))
    assert not any("Ticket #1" in m.text for m in iris.inbox)
    await answer_ticket(members, lee, card, "Sí, en el local del sindicato.")
    assert lucia.inbox[-1].text == (
        "💬 Lee (representante sindical) respondió tu consulta #1:\n\n"
        "Sí, en el local del sindicato."
    )
    assert lucia.inbox[-1].buttons == [["↩️ Contestar", "✅ Cerrar"]]

"""Members ask the FAQ in chat, as on a phone: answers, 👍/👎, suggestions, topics, inline."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox.harness import Sandbox
from tests.e2e.questions import Members, build_members


@pytest.fixture
async def members(tmp_path: Path) -> AsyncIterator[Members]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_members(sandbox)


async def test_member_asks_and_gets_the_answer(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    await ana.send("How much strike pay do we get?")
    answer = await ana.next_message()
    assert answer.text.startswith("How much strike pay do we get for a picket shift?")
    assert "Strike pay is $100 for each completed four-hour picket shift." in answer.text
    assert answer.text.endswith("Was this helpful?")
    assert answer.buttons == [["👍", "👎"]]
    assert answer.raw["reply_to_message"]["text"] == "How much strike pay do we get?"

    await ana.press("👍", answer)
    await sandbox.settle()
    assert ana.callback_answers[-1] == ("Thanks for the feedback!", False)
    assert answer.buttons == []
    # The same vote again, forged on the same message, is not counted twice.
    await ana.press_data(answer.edits[0].button_data[0][0] or "", answer)
    await sandbox.settle()
    assert ana.callback_answers[-1][1] is True
    tallies = await sandbox.services.faq.repo.feedback()
    assert [(f.entry_id, f.helpful, f.unhelpful) for f in tallies] == [("strike-pay", 1, 0)]


async def test_misspelled_question_is_answered(members: Members) -> None:
    await members.ana.send("how do i reprot retalation")
    answer = await members.ana.next_message()
    assert "Tell a steward at once" in answer.text


async def test_spanish_question_gets_the_spanish_answer(members: Members) -> None:
    lucia = members.lucia
    await lucia.send("¿Sigo teniendo seguro médico durante la huelga?")
    answer = await lucia.next_message()
    assert "la cobertura médica y dental sigue" in answer.text
    assert answer.text.endswith("¿Te sirvió?")


async def test_thumbs_down_logs_the_question_and_offers_a_steward(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    await ana.send("When do we get paid?")
    answer = await ana.next_message()
    await ana.press("👎", answer)
    await sandbox.settle()
    assert answer.buttons == [["🙋 Ask a steward"]]
    gaps = await sandbox.services.faq.repo.gaps()
    assert [(g.text, g.reason, g.entry_id) for g in gaps] == [
        ("When do we get paid?", "unhelpful", "pay-day")
    ]
    assert (await sandbox.services.faq.repo.feedback())[0].unhelpful == 1


async def test_close_call_offers_suggestions(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    await ana.send("money for the strike")
    suggestions = await ana.next_message()
    assert suggestions.text == "I'm not sure I understood. Did you mean one of these?"
    assert suggestions.buttons[:2] == [
        ["How much strike pay do we get for a picket shift?"],
        ["When is strike pay paid out?"],
    ]
    assert len(suggestions.buttons) <= 4 and suggestions.buttons[-1] == ["🙋 Ask a steward"]
    await ana.press("When is strike pay paid out?", suggestions)
    answer = await ana.next_message()
    assert "Every Friday" in answer.text and answer.buttons == [["👍", "👎"]]
    # A close call is logged for stewards to link (text only, never who asked).
    assert [(g.text, g.reason) for g in await sandbox.services.faq.repo.gaps()] == [
        ("money for the strike", "suggested")
    ]


async def test_too_long_a_question_is_refused_and_not_logged(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    await ana.send("why " * 300)
    assert "up to 1,000 characters" in (await ana.next_message()).text
    assert await sandbox.services.faq.repo.gaps() == []


async def test_faq_topics_and_their_questions(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    await ana.send("/faq")
    topics = await ana.next_message()
    # "benefits" holds a translated pair: one entry for a member in either language.
    assert topics.buttons == [["benefits (1)", "money (2)"], ["picket (1)", "rights (1)"]]
    await ana.press("money (2)", topics)
    topic = await ana.next_message()
    assert topic.text == "📚 money"
    await ana.press("When is strike pay paid out?", topic)
    assert "Every Friday" in (await ana.next_message()).text

    await ana.send("/faq parking")
    assert "There's no topic called “parking”" in (await ana.next_message()).text
    # A translated pair is listed once, in the member's own language.
    await ana.send("/faq benefits")
    assert (await ana.next_message()).buttons == [
        ["Do I keep my health insurance during the strike?"]
    ]
    await members.lucia.send("/faq benefits")
    assert (await members.lucia.next_message()).buttons == [
        ["¿Sigo teniendo seguro médico durante la huelga?"]
    ]
    await ana.send("/faq Picket")
    assert "Where are the picket lines?" in (await ana.next_message()).buttons[0][0]
    await ana.press_data("v1:faq:tag:0123456789ab", topics)  # a forged topic key
    await ana.press_data("v1:faq:show:0123456789ab", topics)  # a forged entry key
    await ana.press_data("v1:faq:vote:<script>:1", topics)  # malformed
    await sandbox.settle()
    assert ana.callback_answers[-3:] == [
        ("That topic no longer exists. Tap /faq for the current ones.", True),
        ("That FAQ entry no longer exists. Just type your question.", True),
        ("This button no longer works. Tap /start to begin again.", True),
    ]


async def test_inline_answers_only_for_verified_members(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    await ana.inline_query("where are the picket lines")
    await sandbox.settle()
    [result] = ana.inline_results
    assert result["title"] == "Where are the picket lines?"
    content = result["input_message_content"]
    assert content["message_text"] == (
        "<b>Where are the picket lines?</b>\n\nOutside every clinic and medical center."
    )
    call = sandbox.emulator.calls_to("answerInlineQuery")[-1]
    assert call.params["cache_time"] == 0 and call.params["is_personal"] is True

    stranger = sandbox.user("Mallory")
    await stranger.inline_query("where are the picket lines")
    await sandbox.settle()
    assert stranger.inline_results == []


async def test_group_chats_get_no_member_flows(members: Members) -> None:
    ana, sandbox = members.ana, members.sandbox
    group = sandbox.emulator.add_group("Downey strikers", members=[ana])
    await ana.send("How much strike pay do we get?", chat=group)
    await ana.send("/faq", chat=group)
    await ana.send("/ask what about parking?", chat=group)
    await sandbox.settle()
    assert [m.text for m in group.inbox] == [
        "Let's talk in private: open a chat with me, @unionbot_test, to use this."
    ] * 2
    assert await sandbox.services.tickets.repo.get(1) is None

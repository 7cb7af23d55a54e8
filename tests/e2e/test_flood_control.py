"""Flood control in the middle of a flow: a reply or edit that meets Telegram's 429 waits
`retry_after` and is sent, so no step is left half-done.

The emulator is told to answer 429 (retry_after 1) on the Nth call of a method from a
given moment; everything else about the flow is what a member or steward does on a phone.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox import SimUser
from sandbox.harness import Sandbox
from storage.surveys import StoredSurvey
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.membership import Union, build_union, verify_by_contact
from tests.e2e.questions import Members, build_members
from tests.e2e.surveys import load_survey, press_and_edit
from tests.e2e.test_outbound import no_tracebacks


def flood(sandbox: Sandbox, method: str, nth: int = 1) -> None:
    """The `nth` call to `method` from now is answered 429, retry_after 1."""
    sandbox.emulator.faults.inject(method, status=429, retry_after=1, nth=nth)


def flooded(sandbox: Sandbox, method: str) -> list[str]:
    """The texts of the calls to `method` that were answered 429."""
    calls = sandbox.emulator.calls_to(method)
    return [str(call.params.get("text", "")) for call in calls if call.status == 429]


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


async def surveyed_member(union: Union) -> tuple[SimUser, StoredSurvey]:
    """Ana, verified, with the survey's announcement just arrived."""
    ana = union.sandbox.user("Ana")
    await verify_by_contact(union.sandbox, ana, "A1")
    ana.mark_read()
    return ana, await load_survey(union.sandbox)


async def test_survey_intro_and_first_question_both_arrive(
    union: Union, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    sandbox = union.sandbox
    ana, _ = await surveyed_member(union)
    announcement = await ana.next_message()
    flood(sandbox, "sendMessage", nth=2)  # the intro goes out; the question meets 429
    await ana.press("▶️ Start", announcement)
    intro = await ana.next_message()
    assert "Quick questions about your week." in intro.text
    question = await ana.next_message()
    assert "1 of up to 7" in question.text and "Protected hours a week?" in question.text
    [refused] = flooded(sandbox, "sendMessage")  # the question met the 429, and came anyway
    assert "1 of up to 7" in refused
    no_tracebacks(caplog)


def answers_to(sandbox: Sandbox, question: int) -> list[tuple[object, ...]]:
    """The stored answers to the question at index `question` (0 is the first)."""
    with sqlite3.connect(sandbox.database_path) as conn:
        return conn.execute(
            "SELECT value FROM survey_answers WHERE question = ?", (question,)
        ).fetchall()


async def test_an_answered_question_is_followed_by_the_next_and_stored_once(
    union: Union, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    sandbox = union.sandbox
    ana, survey = await surveyed_member(union)
    await ana.press("▶️ Start", await ana.next_message())
    await ana.next_message()  # the intro
    await ana.next_message()  # "Protected hours a week?"
    flood(sandbox, "sendMessage")  # the next question meets 429
    await ana.send("10")
    question = await ana.next_message()
    assert "2 of up to 7" in question.text and "Active caseload?" in question.text
    await ana.send("40")  # typed for the survey, not a question for the FAQ
    question = await ana.next_message()
    assert "3 of up to 7" in question.text
    # A button's answer edits the question in place: the edit meets 429 and still lands.
    flood(sandbox, "editMessageText")
    question = await press_and_edit(ana, "Under 2 weeks", question)
    assert "4 of up to 7" in question.text
    flood(sandbox, "answerCallbackQuery")  # even the button's spinner answer waits
    for label in ("Calls", "✅ Done", "2", "Skip ▶️"):
        question = await press_and_edit(ana, label, question)
    thanks = await press_and_edit(ana, "📨 Submit", question)
    assert "Thank you!" in thanks.text
    [refused] = flooded(sandbox, "sendMessage")
    assert "2 of up to 7" in refused
    [refused] = flooded(sandbox, "editMessageText")
    assert "4 of up to 7" in refused
    assert len(flooded(sandbox, "answerCallbackQuery")) == 1
    assert await sandbox.services.surveys.close(survey.pk)
    with sqlite3.connect(sandbox.database_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM survey_responses").fetchall() == [(1,)]
    assert answers_to(sandbox, 0) == [(10.0,)]  # hours
    assert answers_to(sandbox, 1) == [(40.0,)]  # caseload
    assert not any("I don't know that yet" in m.text for m in ana.inbox)
    no_tracebacks(caplog)


@pytest.fixture
async def members(tmp_path: Path) -> AsyncIterator[Members]:
    async with Sandbox(tmp_path, admin_ids=(ADMIN_ID,)) as sandbox:
        yield await build_members(sandbox)


async def test_the_add_to_faq_confirmation_arrives(
    members: Members, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    ana, sam, sandbox = members.ana, members.union.sam, members.sandbox
    await ana.send("/ask Can we bring dogs to the picket?")
    card = await sam.wait_for(lambda m: "Ticket #1" in m.text and bool(m.buttons))
    await sam.press("✍️ Answer", card)
    prompt = await sam.wait_for(lambda m: m.force_reply)
    await sam.send("Yes, dogs on a leash are welcome.", reply_to=prompt)
    await sandbox.settle()
    flood(sandbox, "sendMessage")  # the question "Add this to the FAQ?" meets 429
    await sam.press("📚 Add to FAQ", card)
    confirm = await sam.wait_for(lambda m: "Add this to the FAQ" in m.text)
    flood(sandbox, "editMessageText")  # and so does the "Added" edit
    await sam.press("✅ Add to FAQ", confirm)
    await sam.next_edit(confirm)
    assert confirm.text.startswith("📚 Added to the FAQ as can-we-bring-dogs-to-the-picket.")
    [refused] = flooded(sandbox, "sendMessage")
    assert "Add this to the FAQ" in refused
    [refused] = flooded(sandbox, "editMessageText")
    assert "Added to the FAQ" in refused
    assert len(await sandbox.services.faq.entries()) == 7
    no_tracebacks(caplog)

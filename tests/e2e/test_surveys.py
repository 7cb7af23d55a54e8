"""A member takes a survey on their phone: every question type, Back, Skip, wrong input,
stopping and resuming across a restart, conditions, and only one submission."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox import SimUser
from sandbox.harness import Sandbox
from tests.e2e.membership import Union, build_union, verify_by_contact
from tests.e2e.surveys import answer_low_caseload, load_survey, press_and_edit


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


async def member(union: Union, member_id: str, **kwargs: object) -> SimUser:
    user = union.sandbox.user(f"M{member_id}", **kwargs)
    await verify_by_contact(union.sandbox, user, member_id)
    user.mark_read()
    return user


def db_rows(sandbox: Sandbox, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(sandbox.database_path) as conn:
        return conn.execute(sql).fetchall()


async def test_member_completes_every_question_type(union: Union, tmp_path: Path) -> None:
    sandbox = union.sandbox
    ana = await member(union, "A1")
    stored = await load_survey(sandbox)

    announcement = await ana.next_message()
    assert "▶️ Start" in announcement.buttons[0]
    await ana.press("▶️ Start", announcement)
    intro = await ana.next_message()
    assert "Quick questions about your week." in intro.text
    assert "Anonymous" in intro.text and "nobody, not even union leaders" in intro.text
    question = await ana.next_message()
    assert "1 of up to 7" in question.text and "Protected hours a week?" in question.text
    assert "Type a number from 0 to 40 (hours)" in question.text

    # Wrong input is refused with what is expected; nothing moves on.
    for typed, expected in (
        ("lots", "That isn't a number. Please type a number from 0 to 40"),
        ("50", "That's outside the range. Please type a number from 0 to 40"),
    ):
        await ana.send(typed)
        assert expected in (await ana.next_message()).text
    await ana.send("7,5")  # a decimal comma could be Spain's 7.5 or a mistyped 75: asked
    assert "like 7.5 or 1,000" in (await ana.next_message()).text
    await ana.send("7.5")
    question = await ana.next_message()
    assert "2 of up to 7" in question.text and "Active caseload?" in question.text
    await ana.send("12.5")
    assert "Please type a whole number from 0 to 500" in (await ana.next_message()).text
    await ana.send("30")
    question = await ana.next_message()
    assert "3 of up to 7" in question.text and question.buttons[0] == ["Under 2 weeks"]

    # Back shows the previous answer; typing a new one changes it.
    question = await press_and_edit(ana, "◀️ Back", question)
    assert "2 of up to 7" in question.text and "Your answer so far: 30" in question.text
    await ana.send("32")
    question = await ana.next_message()
    question = await press_and_edit(ana, "2–4 weeks", question)
    assert "4 of up to 7" in question.text and "Tap up to 2" in question.text

    # Multiple choice: ticks toggle, the maximum holds, Done moves on.
    question = await press_and_edit(ana, "Notes", question)
    assert ["✓ Notes"] in question.buttons
    question = await press_and_edit(ana, "Calls", question)
    await ana.press("Meetings", question)
    await sandbox.settle()
    assert ana.callback_answers[-1] == ("You can pick at most 2. Untick one first.", True)
    question = await press_and_edit(ana, "✅ Done", question)
    assert (
        "5 of up to 7" in question.text and "1 = Very unlikely · 5 = Very likely" in question.text
    )

    # She stops here; the bot restarts; days later she continues where she was.
    await sandbox.restart()
    await ana.send("/surveys")
    listing = await ana.next_message()
    assert "Workload check — started" in listing.text
    await ana.press("▶️ Continue · Workload check", listing)
    assert "Welcome back" in (await ana.next_message()).text
    question = await ana.next_message()
    assert "5 of up to 7" in question.text

    # A high intent to leave shows the follow-up question (the condition).
    question = await press_and_edit(ana, "5", question)
    assert "6 of 7" in question.text and "Main reason?" in question.text
    question = await press_and_edit(ana, "Workload", question)
    assert "7 of 7" in question.text and "(optional)" in question.text
    question = await press_and_edit(ana, "Skip ▶️", question)
    assert "That's every question" in question.text
    question = await press_and_edit(ana, "◀️ Back", question)
    await ana.send("x" * 51)
    assert "That's 51 characters; please keep it to 50." in (await ana.next_message()).text
    await ana.send("<b>notes</b> at night & weekends")
    review = await ana.next_message()
    assert review.buttons[0] == ["📨 Submit"]
    thanks = await press_and_edit(ana, "📨 Submit", review)
    assert "Thank you!" in thanks.text

    # Nobody answers twice: an old Submit, the announcement's Start, /surveys.
    await ana.press_data(f"v1:survey:submit:{stored.pk}:7", thanks)
    await ana.press("▶️ Start", announcement)
    await sandbox.settle()
    assert ana.callback_answers[-1][0] == "You've already answered this survey — thank you!"
    await ana.send("/surveys")
    assert "✅ answered" in (await ana.next_message()).text

    # While open: one sealed box (no member, no time), participation apart, nothing clear.
    assert db_rows(sandbox, "SELECT COUNT(*) FROM survey_responses") == [(0,)]
    [(box,)] = db_rows(sandbox, "SELECT sealed FROM survey_sealed")
    assert b"notes" not in box and b"Downey" not in box
    assert [c[1] for c in db_rows(sandbox, "PRAGMA table_info(survey_sealed)")] == [
        "survey",
        "id",
        "sealed",
    ]

    # At close the box is opened into the tally tables; the key is erased.
    assert await sandbox.services.surveys.close(stored.pk)
    assert db_rows(sandbox, "SELECT COUNT(*) FROM survey_sealed") == [(0,)]
    assert db_rows(sandbox, "SELECT wrapped FROM seal_keys") == [(None,)]
    [response] = db_rows(sandbox, "SELECT * FROM survey_responses")
    columns = [c[1] for c in db_rows(sandbox, "PRAGMA table_info(survey_responses)")]
    assert columns == ["id", "survey", "worksite", "classification", "member"]
    assert response[2:] == ("Downey", "Psychologist", None)
    assert db_rows(sandbox, "SELECT COUNT(*) FROM survey_participation") == [(1,)]
    assert db_rows(sandbox, "SELECT COUNT(*) FROM survey_progress") == [(0,)]
    answers = db_rows(sandbox, "SELECT question, value, text FROM survey_answers ORDER BY 1, 2")
    assert answers == [
        (0, 7.5, None),
        (1, 32.0, None),
        (2, 1.0, None),
        (3, -1.0, None),
        (3, 0.0, None),
        (3, 1.0, None),
        (4, 5.0, None),
        (5, 0.0, None),
        (6, 0.0, "<b>notes</b> at night & weekends"),
    ]


async def test_low_answer_hides_the_follow_up(union: Union) -> None:
    ben = await member(union, "A2")
    await load_survey(union.sandbox)
    question = await answer_low_caseload(ben)
    assert "6 of 6" in question.text and "Anything else?" in question.text  # no "Main reason?"
    # Changing the answer to 4 shows it again.
    question = await press_and_edit(ben, "◀️ Back", question)
    question = await press_and_edit(ben, "4", question)
    assert "Main reason?" in question.text


async def test_text_goes_to_other_features_unless_a_typed_answer_is_awaited(
    union: Union,
) -> None:
    ana = await member(union, "A1")
    await load_survey(union.sandbox)
    announcement = await ana.next_message()
    await ana.press("▶️ Start", announcement)
    await ana.next_message()
    await ana.next_message()
    # Waiting for a number: a command runs as usual and pauses the survey...
    await ana.send("/me")
    assert "What the bot holds about you" in (await ana.next_message()).text
    # ...so a question typed afterwards is not taken as an answer.
    await ana.send("when is the next picket?")
    assert "I don't know that yet" in (await ana.next_message()).text  # the FAQ
    # /cancel while answering pauses too.
    await ana.send("/surveys")
    await ana.press("▶️ Continue · Workload check", await ana.next_message())
    await ana.next_message()
    await ana.next_message()
    await ana.send("/cancel")
    assert "Survey paused" in (await ana.next_message()).text
    await ana.send("hello")
    assert "I don't know that yet" in (await ana.next_message()).text  # the FAQ


async def test_forged_and_stale_buttons_change_nothing(union: Union) -> None:
    sandbox = union.sandbox
    ana = await member(union, "A1")
    stored = await load_survey(sandbox)
    announcement = await ana.next_message()
    await ana.press("▶️ Start", announcement)
    await ana.next_message()
    question = await ana.next_message()
    pk = stored.pk
    for data in (
        f"v1:survey:pick:{pk}:2:0",  # a question she is not on
        f"v1:survey:skip:{pk}:0",  # a required question
        f"v1:survey:submit:{pk}:7",  # submitting early
        "v1:survey:pick:999:0:0",  # no such survey
        f"v1:survey:pick:{pk}:x:0",  # malformed
    ):
        await ana.press_data(data, question)
        await sandbox.settle()
        assert ana.callback_answers[-1][1] is True, data  # an alert, not a silent change
    progress = await sandbox.services.surveys.progress(pk, (await union.member("A1")).id)
    assert progress is not None and progress.position == 0 and progress.answers == {}
    assert db_rows(sandbox, "SELECT COUNT(*) FROM survey_responses") == [(0,)]


async def test_survey_for_another_worksite_is_refused(union: Union) -> None:
    sandbox = union.sandbox
    ana = await member(union, "A1")  # Downey
    lucia = await member(union, "A4", language_code="es")  # Irvine
    stored = await load_survey(sandbox, audience="audience: {worksites: [Irvine]}")
    announcement = await lucia.next_message()
    assert announcement.buttons[0] == ["▶️ Empezar"]
    await ana.send("/surveys")
    assert "No surveys are open for you" in (await ana.next_message()).text
    await ana.press_data(f"v1:survey:start:{stored.pk}")
    await sandbox.settle()
    assert "other worksites" in (ana.callback_answers[-1][0] or "")


async def test_reminders_reach_only_those_who_have_not_answered(union: Union) -> None:
    from bot.surveys.service import survey_of

    sandbox = union.sandbox
    ana, ben = await member(union, "A1"), await member(union, "A2")
    stored = await load_survey(sandbox)
    services = sandbox.services
    answers = {"hours": 4, "caseload": 30, "wait": "long", "tasks": ["notes"], "leave": 2}
    assert await services.surveys.record(
        stored.pk, await union.member("A1"), survey_of(stored), answers
    )
    ana.mark_read()
    ben.mark_read()
    broadcast = await services.surveys.remind(stored.pk, 1)  # what the reminder timer runs
    assert broadcast is not None
    reminder = await ben.next_message()
    assert "Continue" in str(reminder.buttons)
    rows = (
        "SELECT COUNT(*) FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast "
        "WHERE b.kind = 'survey.remind'"
    )
    assert db_rows(sandbox, rows) == [(len(await services.members.audience()) - 1,)]
    await sandbox.settle()
    assert all("Continue" not in str(m.buttons) for m in ana.inbox[-3:])  # she had answered
    assert await services.surveys.close(stored.pk)
    # Who was reminded says who had not answered: it is not kept past the close.
    assert db_rows(sandbox, rows) == [(0,)]

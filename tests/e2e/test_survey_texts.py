"""What a member reads and types in a survey: numbers as people write them ("1,000", "7.5")
in English and in Spanish, a friendly reply to an ambiguous number, a question count that
agrees with the questions asked, "(optional)" once, and a reminder that says how long."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.people import OPERATOR
from sandbox import SimUser
from sandbox.harness import Sandbox
from storage.surveys import StoredSurvey
from tests.e2e.membership import Union, build_union, verify_by_contact
from tests.e2e.surveys import close_survey, press_and_edit

SURVEY = """\
id: numbers
title: {{en: Your year, es: Tu año}}
closes_at: {closes}
reminders: [{reminder}]
questions:
  - id: patients
    type: number
    text: {{en: "Patients seen this year?", es: "¿Pacientes atendidos este año?"}}
    min: 0
    max: 5000
  - id: overtime
    type: number
    integer: false
    text: {{en: "Overtime hours last week?", es: "¿Horas extra la semana pasada?"}}
    min: 0
    max: 40
  - id: leave
    type: scale
    text: {{en: "How likely are you to leave?", es: "¿Qué tan probable es que te vayas?"}}
  - id: reason
    type: single
    show_if: {{question: leave, min: 4}}
    text: {{en: "Main reason?", es: "¿La razón principal?"}}
    options: [Workload, Pay]
  - id: comment
    type: text
    optional: true
    text: {{en: "Anything else?", es: "¿Algo más?"}}
"""


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


async def load(
    sandbox: Sandbox, reminder: str = "24h", closes_in: timedelta | None = None
) -> StoredSurvey:
    closes = datetime.now(sandbox.services.settings.tz) + (closes_in or timedelta(days=7))
    text = SURVEY.format(closes=closes.strftime("%Y-%m-%d %H:%M"), reminder=reminder)
    service = sandbox.services.surveys
    stored = await service.store(service.parse(text, "numbers.yaml"), OPERATOR)
    for _ in range(200):  # the open timer fires right away
        current = await service.repo.get(stored.pk)
        if current is not None and current.state == "open":
            return current
        await asyncio.sleep(0.02)
    raise AssertionError("the survey did not open")


async def start(user: SimUser) -> tuple[str, str]:
    """Start from the announcement: the intro's text and the first question's."""
    announcement = await user.next_message()
    await user.press(announcement.buttons[0][0], announcement)
    intro = await user.next_message()
    return intro.text, (await user.next_message()).text


def answers(sandbox: Sandbox) -> list[tuple[object, ...]]:
    with sqlite3.connect(sandbox.database_path) as conn:
        return conn.execute(
            "SELECT question, value FROM survey_answers WHERE question < 2 ORDER BY 1, 2"
        ).fetchall()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            {
                "bad": "I can't tell which number “{typed}” is. Please write decimals with a "
                "point and thousands with a comma, like 7.5 or 1,000",
                "nan": "That isn't a number.",
                "of": "of up to",
                "count": "Up to 5 questions",
            },
        ),
        (
            "es",
            {
                "bad": "No sé qué número es “{typed}”. Escribe los decimales con punto y los "
                "miles con coma, por ejemplo 7.5 o 1,000",
                "nan": "Eso no es un número.",
                "of": "de hasta",
                "count": "Hasta 5 preguntas",
            },
        ),
    ],
)
async def test_numbers_are_read_as_people_write_them(
    union: Union, language: str, words: dict[str, str]
) -> None:
    sandbox = union.sandbox
    rosa = sandbox.user("Rosa", language_code=language)
    await verify_by_contact(sandbox, rosa, "A1")
    rosa.mark_read()
    stored = await load(sandbox)
    intro, question = await start(rosa)
    assert words["count"] in intro  # "reason" shows only for some answers
    assert f"1 {words['of']} 5" in question

    # Ambiguous or malformed: a reply saying how to write it, and the question stays.
    for typed in ("1,5", "12,34,5", "1.000"):
        await rosa.send(typed)
        reply = (await rosa.next_message()).text
        assert words["bad"].format(typed=typed) in reply
    await rosa.send("abc")
    assert words["nan"] in (await rosa.next_message()).text

    await rosa.send("1,000")  # a thousand, not 1
    question = (await rosa.next_message()).text
    assert f"2 {words['of']} 5" in question  # the refused inputs moved nothing on
    await rosa.send("7.5")  # seven and a half
    question_message = await rosa.next_message()
    assert f"3 {words['of']} 5" in question_message.text
    # A low score: "reason" is not asked, and the count now says so exactly.
    question_message = await press_and_edit(rosa, "2", question_message)
    assert f"4 {'of' if language == 'en' else 'de'} 4</b>" in question_message.html
    optional = "(optional)" if language == "en" else "(opcional)"
    assert question_message.text.count(optional) == 1
    question_message = await press_and_edit(
        rosa, question_message.buttons[-1][-1], question_message
    )
    await press_and_edit(rosa, question_message.buttons[0][0], question_message)  # Submit

    # What the tallies read: 1000 and 7.5, and nothing from the refused inputs.
    await close_survey(sandbox, stored)
    assert answers(sandbox) == [(0, 1000.0), (1, 7.5)]


async def test_the_reminder_says_how_long_this_survey_takes(union: Union) -> None:
    """The announcement and the reminder give the same estimate for this survey (five
    questions: about a minute), in the singular, in both languages; none says 'two'."""
    sandbox = union.sandbox
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    lucia = sandbox.user("Lucía", language_code="es")
    await verify_by_contact(sandbox, lucia, "A2")
    await sandbox.services.members.set_language((await union.member("A2")).id, "es")
    ana.mark_read()
    lucia.mark_read()
    stored = await load(sandbox)
    announcements = [await ana.next_message(), await lucia.next_message()]
    assert "about 1 minute on your phone" in announcements[0].text
    assert "más o menos 1 minuto en tu celular" in announcements[1].text

    assert await sandbox.services.surveys.remind(stored.pk, 1) is not None
    english, spanish = (await ana.next_message()).text, (await lucia.next_message()).text
    assert "it takes about 1 minute — every answer" in english
    assert "toma más o menos 1 minuto — cada respuesta" in spanish
    assert "two" not in english and "dos" not in spanish


@pytest.mark.parametrize(("language", "word"), [("en", "optional"), ("es", "opcional")])
def test_the_example_survey_says_optional_once(language: str, word: str) -> None:
    """The packaged workload survey's last question is optional: the bot says so, once."""
    from importlib.resources import files

    from bot.surveys.definition import parse_survey
    from bot.surveys.service import Step
    from handlers.surveys.chat import question_text

    text = files("bot").joinpath("examples/surveys/workload.yaml").read_text(encoding="utf-8")
    survey = parse_survey(text, "workload.yaml", ZoneInfo("America/Los_Angeles"), 0)
    position = len(survey.questions) - 1
    assert survey.questions[position].optional
    step = Step(None, survey, position, {})  # type: ignore[arg-type]
    shown = question_text(language, step)
    assert shown.lower().count(word) == 1 and f"({word})" in shown

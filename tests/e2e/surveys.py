"""A survey with every question type, and helpers to load it and find its messages."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from bot.people import OPERATOR
from sandbox import SimUser
from sandbox.harness import Sandbox
from sandbox.users import SentMessage
from storage.surveys import StoredSurvey

SURVEY = """\
id: check
title: {{en: Workload check, es: Control de carga}}
intro: {{en: Quick questions about your week., es: Preguntas rápidas sobre tu semana.}}
{audience}
closes_at: {closes}
questions:
  - id: hours
    type: number
    text: {{en: "Protected hours a week?", es: "¿Horas protegidas por semana?"}}
    min: 0
    max: 40
    integer: false
    unit: {{en: hours, es: horas}}
  - id: caseload
    type: number
    text: Active caseload?
    min: 0
    max: 500
  - id: wait
    type: single
    text: Wait for a return visit?
    options:
      - {{id: short, text: Under 2 weeks}}
      - {{id: mid, text: 2–4 weeks}}
      - {{id: long, text: Over 4 weeks}}
  - id: tasks
    type: multiple
    max: 2
    text: What gets squeezed?
    options: [Notes, Calls, Meetings]
  - id: leave
    type: scale
    text: How likely are you to leave in 12 months?
    min: 1
    max: 5
    min_label: Very unlikely
    max_label: Very likely
  - id: reason
    type: single
    text: Main reason?
    show_if: {{question: leave, min: 4}}
    options: [Workload, Pay]
  - id: comment
    type: text
    optional: true
    max_length: 50
    text: Anything else?
"""


def survey_yaml(sandbox: Sandbox, audience: str = "", days: int = 7) -> str:
    closes = datetime.now(sandbox.services.settings.tz) + timedelta(days=days)
    return SURVEY.format(audience=audience, closes=closes.strftime("%Y-%m-%d %H:%M"))


async def load_survey(sandbox: Sandbox, audience: str = "") -> StoredSurvey:
    """Load the survey as `unionbot survey load` would; it opens at once."""
    service = sandbox.services.surveys
    stored = await service.store(
        service.parse(survey_yaml(sandbox, audience), "check.yaml"), OPERATOR
    )
    for _ in range(200):  # the open timer fires right away
        current = await service.repo.get(stored.pk)
        sent = await sandbox.services.db.fetchval(
            "SELECT state FROM broadcasts WHERE subject = ?", (f"survey:{stored.pk}",)
        )
        if current is not None and current.state == "open" and sent == "done":
            return current  # open, and every member has the announcement
        await asyncio.sleep(0.02)
    raise AssertionError("survey did not open")


async def press_and_edit(user: SimUser, label: str, message: SentMessage) -> SentMessage:
    """Press a button on a question and wait for the question to change in place."""
    await user.press(label, message)
    return await user.next_edit(message)


async def answer_low_caseload(user: SimUser) -> SentMessage:
    """From the announcement to the last question with a low workload score (2): the
    follow-up "Main reason?" is skipped, so the message is "Anything else?"."""
    announcement = await user.next_message()
    await user.press("▶️ Start", announcement)
    await user.next_message()
    await user.next_message()
    for typed in ("10", "40"):
        await user.send(typed)
        question = await user.next_message()
    for label in ("Under 2 weeks", "Calls", "✅ Done", "2"):
        question = await press_and_edit(user, label, question)
    return question


def has(text: str):
    return lambda m: text in m.text


async def seed_responses(
    sandbox: Sandbox, stored: StoredSurvey, groups: list[tuple[str, str, int]]
) -> None:
    """Verified members who already answered: (worksite, classification, how many)."""
    from bot.membership.roster import import_roster, parse_roster
    from bot.surveys.service import survey_of
    from sandbox.harness import SANDBOX_SECRET

    services = sandbox.services
    lines = ["member_id,first_name,last_name,worksite,classification"]
    people = [(w, c) for w, c, n in groups for _ in range(n)]
    for number, (worksite, classification) in enumerate(people):
        lines.append(f"B{number},Seed,Member{number},{worksite},{classification}")
    await import_roster(services.roster, parse_roster("\n".join(lines) + "\n", SANDBOX_SECRET))
    survey = survey_of(stored)
    for number in range(len(people)):
        member = await services.members.by_member_id(f"B{number}")
        assert member is not None
        await services.members.link(member.id, 90_000 + number)
        answers = {
            "hours": number % 8,
            "caseload": 20 + number,
            "wait": ["short", "long"][number % 2],
            "tasks": ["notes"],
            "leave": 1 + number % 5,
            "comment": f"private note {number}",
        }
        if answers["leave"] >= 4:
            answers["reason"] = "pay"
        member = await services.members.get(member.id)
        assert member is not None
        assert await services.surveys.record(stored.pk, member, survey, answers)


async def close_survey(sandbox: Sandbox, stored: StoredSurvey) -> StoredSurvey:
    """Close the survey now (as `unionbot survey close` does): results exist only after."""
    assert await sandbox.services.surveys.close(stored.pk)
    closed = await sandbox.services.surveys.repo.get(stored.pk)
    assert closed is not None and closed.state == "closed"
    return closed

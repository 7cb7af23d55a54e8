"""A survey with every question type, and helpers to load it and find its messages."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from bot.sandbox import SimUser
from bot.sandbox.harness import Sandbox
from bot.sandbox.users import SentMessage
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
    stored = await service.store(service.parse(survey_yaml(sandbox, audience), "check.yaml"), "cli")
    for _ in range(200):  # the open timer fires right away
        current = await service.repo.get(stored.pk)
        if current is not None and current.state == "open":
            return current
        await asyncio.sleep(0.02)
    raise AssertionError("survey did not open")


async def press_and_edit(user: SimUser, label: str, message: SentMessage) -> SentMessage:
    """Press a button on a question and wait for the question to change in place."""
    await user.press(label, message)
    return await user.next_edit(message)


def has(text: str):  # noqa: ANN201 - a predicate for wait_for
    return lambda m: text in m.text

"""Moving through a survey: which questions show, where Back and Next go, typed answers.

Answers are plain JSON values keyed by question id: an option id (single), a list of
option ids (multiple), a number (scale, number), a string (text); None means skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.surveys.model import Question, Survey

Answers = dict[str, Any]
_NUMBER = re.compile(r"^[+-]?(\d+(?:[.,]\d*)?|[.,]\d+)$")


def shown(question: Question, answers: Answers) -> bool:
    """True when the question's condition (if any) holds for the answers so far."""
    condition = question.show_if
    if condition is None:
        return True
    answer = answers.get(condition.question)
    if answer is None:
        return False
    picked = answer if isinstance(answer, list) else [answer]
    if condition.values and not any(value in condition.values for value in picked):
        return False
    if condition.min is not None or condition.max is not None:
        if not all(isinstance(v, (int, float)) for v in picked):
            return False
        low = condition.min if condition.min is not None else float("-inf")
        high = condition.max if condition.max is not None else float("inf")
        return all(low <= v <= high for v in picked)
    return True


def next_position(survey: Survey, answers: Answers, after: int) -> int:
    """The next shown question after `after`; len(questions) is the Submit step."""
    for index in range(after + 1, len(survey.questions)):
        if shown(survey.questions[index], answers):
            return index
    return len(survey.questions)


def previous_position(survey: Survey, answers: Answers, before: int) -> int | None:
    """The shown question before `before`, or None at the first one."""
    for index in range(min(before, len(survey.questions)) - 1, -1, -1):
        if shown(survey.questions[index], answers):
            return index
    return None


def first_position(survey: Survey) -> int:
    return next_position(survey, {}, -1)


def counter(survey: Survey, answers: Answers, position: int) -> tuple[int, int]:
    """("3 of 8"): this question's number among the shown ones, and how many show now."""
    visible = [i for i, q in enumerate(survey.questions) if shown(q, answers)]
    number = sum(1 for i in visible if i < position) + 1
    return number, max(len(visible), number)


def kept_answers(survey: Survey, answers: Answers) -> Answers:
    """Only the answers to questions still shown (a changed answer may hide later ones)."""
    kept: Answers = {}
    for question in survey.questions:
        if shown(question, kept) and question.id in answers:
            kept[question.id] = answers[question.id]
    return kept


def missing(survey: Survey, answers: Answers) -> Question | None:
    """The first shown required question without an answer, if any."""
    kept = kept_answers(survey, answers)
    for question in survey.questions:
        if shown(question, kept) and not question.optional and kept.get(question.id) is None:
            return question
    return None


@dataclass(frozen=True, slots=True)
class Invalid:
    """Why a typed answer was refused: a catalog key and its values."""

    key: str
    values: dict[str, Any]


def parse_typed(question: Question, typed: str) -> Any | Invalid:
    """A typed answer as stored, or Invalid saying what is expected."""
    text = typed.strip()
    if question.type == "text":
        if not text:
            return Invalid("survey.bad_text_empty", {})
        if len(text) > question.max_length:
            return Invalid(
                "survey.bad_text_long", {"limit": question.max_length, "length": len(text)}
            )
        return text
    assert question.type == "number" and question.min is not None and question.max is not None
    bounds = {"min": _show(question.min), "max": _show(question.max)}
    cleaned = text
    if not _NUMBER.match(cleaned):
        return Invalid("survey.bad_number", bounds)
    value = float(cleaned.replace(",", "."))
    if question.integer and value != int(value):
        return Invalid("survey.bad_integer", bounds)
    if not question.min <= value <= question.max:
        return Invalid("survey.bad_range", bounds)
    return int(value) if question.integer else value


def _show(value: float) -> str:
    return f"{value:g}"

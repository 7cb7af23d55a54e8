"""Moving through a survey: which questions show, where Back and Next go, typed answers.

Answers are plain JSON values keyed by question id: an option id (single), a list of
option ids (multiple), a number (scale, number), a string (text); None means skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.fields import FieldError, parse_number
from bot.surveys.model import Question, Survey

Answers = dict[str, Any]


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


def counter(survey: Survey, answers: Answers, position: int) -> tuple[int, int, bool]:
    """("3 of 8"): this question's number among those shown, how many this member will be
    asked, and whether that total is exact.

    A question ahead whose condition waits on an answer not given yet (this question's or a
    later one's) may or may not show: it is counted, and the total is "up to" (not exact)
    until that answer is in. So the total never grows, and the last question reads "8 of 8".
    """
    kept = kept_answers(survey, answers)
    questions = survey.questions
    number = 1 + sum(1 for i in range(min(position, len(questions))) if shown(questions[i], kept))
    total, exact = number, True
    for index in range(position + 1, len(questions)):
        question = questions[index]
        if question.show_if is not None and _waits(survey, question, position):
            total, exact = total + 1, False
        elif shown(question, kept):
            total += 1
    return number, total, exact


def _waits(survey: Survey, question: Question, position: int) -> bool:
    """True when the question's condition depends on an answer at or after `position`."""
    assert question.show_if is not None
    ids = [q.id for q in survey.questions]
    target = question.show_if.question
    return target in ids and ids.index(target) >= position


def question_count(survey: Survey) -> tuple[int, bool]:
    """How many questions a member starting now may be asked, and whether exactly that many
    (False: "up to", some show only for some answers)."""
    _, total, exact = counter(survey, {}, first_position(survey))
    return total, exact


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


def parse_typed(question: Question, typed: str, language: str = "en") -> Any | Invalid:
    """A typed answer as stored, or Invalid saying what is expected.

    Numbers are read for the member's language by the one number rule (bot/fields.py):
    "1,000" is a thousand and "7.5" seven and a half, in English and in Spanish as written
    in California; "1,5" or "12,34,5" is refused (how to write it is said), never guessed.
    """
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
    if not any(ch.isdigit() for ch in text):
        return Invalid("survey.bad_number", bounds)
    try:
        value = float(parse_number(text, language))
    except FieldError:
        return Invalid("survey.bad_number_format", {**bounds, "typed": text})
    if question.integer and value != int(value):
        return Invalid("survey.bad_integer", bounds)
    if not question.min <= value <= question.max:
        return Invalid("survey.bad_range", bounds)
    return int(value) if question.integer else value


def _show(value: float) -> str:
    return f"{value:g}"

"""Reading a survey YAML file into a validated `Survey`, or every problem with its line.

Errors name the file, the line (from YAML's node marks), the question and the field, e.g.
`workload.yaml line 23: question "caseload": max should be greater than min (0)`.
Nothing is returned unless the whole file is valid, so nothing half-valid is ever stored.
The file, each question, option and condition is a pydantic model read by
`bot.yaml_files.read_model`, with the rules every definition file shares (bot/fields.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import BeforeValidator, Field

from bot import texts
from bot.fields import (
    Audience,
    Bool,
    Durations,
    FieldError,
    Id,
    Number,
    OptionalTime,
    Time,
    parse_number,
    slug,
)
from bot.names import KnownNames
from bot.surveys.model import (
    CHOICE_TYPES,
    NUMERIC_TYPES,
    PRIVACY,
    TYPES,
    Condition,
    Option,
    Question,
    Survey,
    Text,
)
from bot.yaml_files import FileProblems, Model, Read, compose, line, read_model

MAX_QUESTIONS = 40
MAX_OPTIONS = 12  # buttons on a phone screen
MAX_SCALE_POINTS = 11  # 0-10
MAX_TEXT = 300  # question text: it must fit above the buttons
MAX_LABEL = 60  # option labels are button texts
MAX_FREE_TEXT = 2000
QUESTION_FIELDS = {
    "single": ("options",),
    "multiple": ("options", "max"),
    "scale": ("min", "max", "min_label", "max_label"),
    "number": ("min", "max", "unit", "integer"),
    "text": ("max_length",),
}
COMMON_FIELDS = ("id", "type", "text", "optional", "show_if")


class SurveyFileError(FileProblems):
    """A survey file cannot be loaded; `errors` lists every problem, one line each."""


def _privacy(value: Any) -> str:
    if value in (None, ""):
        return "anonymous"
    if value not in PRIVACY:
        raise FieldError(f"should be anonymous or confidential, not {value!r}")
    return str(value)


def _audience(value: Any) -> Any:
    if value in (None, "", "all"):
        return None
    if not isinstance(value, dict):
        raise FieldError("all, or {worksites: [...], classifications: [...]}")
    return value


def _type(value: Any) -> str:
    if value not in TYPES:
        close = difflib.get_close_matches(str(value), TYPES, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise FieldError(f"{value!r} is unknown{hint}; use {', '.join(TYPES)}")
    return str(value)


def _strings(value: Any) -> tuple[str, ...]:
    """`equals: a` or `in: [a, b]`: option ids or numbers, as text."""
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) and item.strip() for item in items):
        raise FieldError("should be a value or a list of values, e.g. [a, b]")
    return tuple(item.strip() for item in items)


class SurveyFile(Model):
    """A survey file's fields, each read by its rule (bot/fields.py for the shared ones)."""

    id: Id
    title: yaml.Node
    intro: yaml.Node | None = None
    privacy: Annotated[str, BeforeValidator(_privacy)] = "anonymous"
    audience: Annotated[Audience | None, BeforeValidator(_audience)] = None
    opens_at: OptionalTime = None
    closes_at: Time
    reminders: Durations = (86400,)
    questions: yaml.Node


class QuestionFields(Model):
    """One question; which of the type's own fields apply is checked after."""

    id: Id
    type: Annotated[str, BeforeValidator(_type)]
    text: yaml.Node
    optional: Bool = False
    show_if: yaml.Node | None = None
    options: yaml.Node | None = None
    min: Number | None = None
    max: Number | None = None
    min_label: yaml.Node | None = None
    max_label: yaml.Node | None = None
    unit: yaml.Node | None = None
    integer: Bool = True
    max_length: Number | None = None


class OptionFields(Model):
    id: Id
    text: yaml.Node


class ConditionFields(Model):
    question: str
    equals: Annotated[tuple[str, ...], BeforeValidator(_strings)] = ()
    in_: Annotated[tuple[str, ...], BeforeValidator(_strings)] = Field((), alias="in")
    min: Number | None = None
    max: Number | None = None


def parse_survey(
    text: str,
    name: str,
    tz: ZoneInfo,
    now: float,
    *,
    check_times: bool = True,
    known: KnownNames | None = None,
) -> Survey:
    """Validate survey YAML text; raises SurveyFileError naming every problem."""
    root = compose(text, name, SurveyFileError, "see docs/surveys.md for the format")
    read = read_model(SurveyFile, root, name, context={"tz": tz})
    top = read.fields
    title = _text(read, "title", MAX_TEXT)
    intro = _text(read, "intro", 1000)
    audience = top.get("audience")
    for key in Audience.model_fields if audience and known else ():
        for problem in known.problems(key, getattr(audience, key)):  # names on the roster
            read.error(("audience", key), f"audience: {problem}")
    opens_at, closes_at = top.get("opens_at"), top.get("closes_at")
    if closes_at is not None and check_times:
        if closes_at <= now:
            read.error(("closes_at",), "closes_at is in the past")
        if opens_at is not None and closes_at <= opens_at:
            read.error(("closes_at",), "closes_at should be after opens_at")
    questions = _questions(read, top.get("questions"))
    if read.errors:
        raise SurveyFileError(read.in_order())
    assert title and closes_at is not None
    return Survey(
        id=top["id"],
        title=title,
        intro=intro,
        privacy=top.get("privacy", "anonymous"),
        worksites=audience.worksites if audience else (),
        classifications=audience.classifications if audience else (),
        opens_at=opens_at,
        closes_at=closes_at,
        reminders=top.get("reminders", (86400,)),
        questions=tuple(questions),
    )


def _text(read: Read, key: str, limit: int, node: yaml.Node | None = None) -> Text | None:
    """Field `key` (or `node`): plain text for every language, or {en: ..., es: ...}."""
    node = read.fields.get(key) if node is None else node
    if node is None:
        return None
    values, problems = texts.read(node, key)
    for at, message in problems:
        read.problem(at, message)
    if values is None:
        return None
    for value in values.values():
        if len(value) > limit:
            read.problem(line(node), f"{key} is {len(value)} characters; at most {limit}")
            return None
    return values


def _questions(top: Read, node: yaml.Node | None) -> list[Question]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        top.problem(line(node), "questions: should be a list of questions (each '- id: ...')")
        return []
    if len(node.value) > MAX_QUESTIONS:
        top.problem(line(node), f"questions: {len(node.value)} questions; at most {MAX_QUESTIONS}")
        return []
    questions: list[Question] = []
    broken: set[str] = set()  # ids of questions with problems: show_if on them says no more
    seen: dict[str, int] = {}
    for number, item in enumerate(node.value, 1):
        label = f'question "{_id_of(item)}"' if _id_of(item) else f"question {number}"
        read = read_model(QuestionFields, item, top.name, where=label)
        question = _question(read, questions, broken)
        if question is not None and question.id in seen:
            first = seen[question.id]
            read.problem(
                line(item), f"id is used twice (first on line {first}); ids must be unique"
            )
            question = None
        top.errors += read.errors
        if question is None:
            broken.add(_id_of(item) or "")
            continue
        seen[question.id] = line(item)
        questions.append(question)
    return questions


def _id_of(node: yaml.Node) -> str | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(value_node, yaml.ScalarNode):
            return str(value_node.value)
    return None


def _question(read: Read, earlier: list[Question], broken: set[str]) -> Question | None:
    fields = read.fields
    kind = fields.get("type")
    text = _text(read, "text", MAX_TEXT)
    given = [path[0] for path in read.key_lines if len(path) == 1]
    for key in given if kind else ():
        if key in QuestionFields.model_fields and key not in COMMON_FIELDS + QUESTION_FIELDS[kind]:
            read.error((key,), f"{key} does not apply to a {kind} question")
    values: dict[str, Any] = {}
    if kind is not None:
        _TYPE_READERS[kind](read, values)
    condition = None
    if fields.get("show_if") is not None:
        condition = _condition(read, fields["show_if"], earlier, broken)
    if read.errors or not (text and kind and "id" in fields):
        return None
    return Question(
        id=fields["id"],
        type=kind,
        text=text,
        optional=fields.get("optional", False),
        show_if=condition,
        **values,
    )


def _options(read: Read, out: dict[str, Any]) -> None:
    items = read.fields.get("options")
    if items is None:
        if not read.failed("options"):
            read.error(("options",), "options is missing")
        return
    if not isinstance(items, yaml.SequenceNode) or len(items.value) < 2:
        read.problem(line(items), "options should be a list of at least 2 choices")
        return
    if len(items.value) > MAX_OPTIONS:
        read.problem(
            line(items), f"{len(items.value)} options; at most {MAX_OPTIONS} fit as buttons"
        )
        return
    options: list[Option] = []
    for item in items.value:
        if isinstance(item, yaml.MappingNode) and _id_of(item) is not None:
            option = read_model(OptionFields, item, read.name, where=f"{read.where}: option")
            read.errors += option.errors
            option_id = option.fields.get("id")
            option_text = _text(option, "text", MAX_LABEL)
        else:
            # A bare label: its id is made from the English text.
            option_text = _text(read, "option", MAX_LABEL, item)
            option_id = slug(option_text["en"]) if option_text else None
        if option_id is None or option_text is None:
            continue
        if any(o.id == option_id for o in options):
            read.problem(line(item), f'option "{option_id}" is given twice')
            continue
        options.append(Option(option_id, option_text))
    out["options"] = tuple(options)
    limit = read.fields.get("max")
    if limit is not None and read.fields["type"] == "multiple":
        if limit != int(limit) or not 1 <= limit <= len(options):
            read.error(("max",), f"max should be a whole number from 1 to {len(options)}")
        else:
            out["max_choices"] = int(limit)


def _scale(read: Read, out: dict[str, Any]) -> None:
    if read.failed("min") or read.failed("max"):
        return
    low, high = read.fields.get("min"), read.fields.get("max")
    low, high = 1.0 if low is None else low, 5.0 if high is None else high
    if low != int(low) or high != int(high):
        read.error(("min",), "a scale's min and max should be whole numbers")
    elif not 1 <= high - low + 1 <= MAX_SCALE_POINTS or high <= low:
        read.error(("max",), f"a scale needs 2 to {MAX_SCALE_POINTS} points (max greater than min)")
    out.update(min=low, max=high)
    for key in ("min_label", "max_label"):
        if read.fields.get(key) is not None:
            out[key] = _text(read, key, MAX_LABEL)


def _number(read: Read, out: dict[str, Any]) -> None:
    for key in ("min", "max"):
        if read.fields.get(key) is None and not read.failed(key):
            read.error((), f"{key} is missing (numbers need a range)")
    low, high = read.fields.get("min"), read.fields.get("max")
    if low is not None and high is not None and high <= low:
        read.error(("max",), f"max should be greater than min ({low:g})")
    out.update(min=low, max=high, integer=read.fields.get("integer", True))
    if read.fields.get("unit") is not None:
        out["unit"] = _text(read, "unit", MAX_LABEL)


def _free_text(read: Read, out: dict[str, Any]) -> None:
    limit = read.fields.get("max_length")
    if limit is not None and (limit != int(limit) or not 1 <= limit <= MAX_FREE_TEXT):
        read.error(
            ("max_length",), f"max_length should be a whole number from 1 to {MAX_FREE_TEXT}"
        )
    elif limit is not None:
        out["max_length"] = int(limit)


_TYPE_READERS: dict[str, Callable[[Read, dict[str, Any]], None]] = {
    "single": _options,
    "multiple": _options,
    "scale": _scale,
    "number": _number,
    "text": _free_text,
}


def _condition(
    question: Read, node: yaml.Node, earlier: list[Question], broken: set[str]
) -> Condition | None:
    read = read_model(ConditionFields, node, question.name, where=f"{question.where}: show_if")
    try:
        return _condition_of(read, earlier, broken)
    finally:
        question.errors += read.errors


def _condition_of(read: Read, earlier: list[Question], broken: set[str]) -> Condition | None:
    fields = read.fields
    target_id = fields.get("question")
    if target_id is None:
        return None
    target = next((q for q in earlier if q.id == target_id), None)
    if target is None and target_id in broken:
        return None  # that question's own error is reported; don't pile on
    if target is None:
        read.error(("question",), f'refers to "{target_id}", which is not an earlier question')
        return None
    if target.type == "text":
        read.error(("question",), "cannot depend on a free-text answer")
        return None
    raw = fields.get("equals", ()) + fields.get("in", ())
    low, high = fields.get("min"), fields.get("max")
    values: list[str | float] = []
    if target.type in CHOICE_TYPES:
        if low is not None or high is not None:
            read.error((), "min and max only apply to numbers and scales")
        known = [o.id for o in target.options]
        for value in raw:
            if value not in known:
                read.error(
                    (),
                    f'"{target_id}" has no option "{value}" (options: {", ".join(known)})',
                )
            values.append(value)
    else:
        for value in raw:
            try:
                values.append(float(parse_number(value)))
            except FieldError as exc:
                read.error((), str(exc))
    if not values and low is None and high is None:
        if not any(read.failed(key) for key in ("equals", "in", "min", "max")):
            read.error((), "needs equals, in, min or max")
        return None
    assert target.type in CHOICE_TYPES + NUMERIC_TYPES
    return Condition(target_id, tuple(values), low, high)

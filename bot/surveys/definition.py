"""Reading a survey YAML file into a validated `Survey`, or every problem with its line.

Errors name the file, the line (from YAML's node marks), the question and the field, e.g.
`workload.yaml line 23: question "caseload": max must be greater than min (0)`.
Nothing is returned unless the whole file is valid, so nothing half-valid is ever stored.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import BeforeValidator

from bot import texts
from bot.fields import (
    Audience,
    Durations,
    FieldError,
    Id,
    OptionalTime,
    Time,
    parse_bool,
    parse_id,
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
from bot.yaml_files import FileProblems, Model, compose, line, read_model, suggest

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


class _Reader:
    """Collects errors while walking the YAML node tree."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.errors: list[str] = []
        self.broken: set[str] = set()  # ids of questions that had errors

    def error(self, node: yaml.Node, where: str, message: str) -> None:
        prefix = f"{where}: " if where else ""
        self.errors.append(f"{self.name} line {line(node)}: {prefix}{message}")

    def mapping(
        self, node: yaml.Node, where: str, allowed: tuple[str, ...], what: str
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, where, f"should be a mapping of {what}")
            return None
        fields: dict[str, yaml.Node] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key not in allowed:
                self.error(key_node, where, f"unknown field {key!r}{suggest(key, allowed)}")
            elif key in fields:
                self.error(key_node, where, f"{key} is given twice (first on line {first[key]})")
            else:
                fields[key], first[key] = value_node, line(key_node)
        return fields

    def scalar(self, node: yaml.Node, where: str, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, where, f"{key} should be a single value, not a list or mapping")
            return None
        return node.value.strip()

    def text(self, node: yaml.Node, where: str, key: str, limit: int) -> Text | None:
        """Plain text for every language, or one per language {en: ..., es: ...}."""
        values, problems = texts.read(node, key)
        prefix = f"{where}: " if where else ""
        self.errors += [f"{self.name} line {at}: {prefix}{message}" for at, message in problems]
        if values is None:
            return None
        for value in values.values():
            if len(value) > limit:
                self.error(node, where, f"{key} is {len(value)} characters; at most {limit}")
                return None
        return values

    def rule(self, node: yaml.Node, where: str, key: str, parse: Callable[[str], Any]) -> Any:
        """The value read by its shared rule (bot/fields.py), or None with the problem."""
        value = self.scalar(node, where, key)
        if value is None:
            return None
        try:
            return parse(value)
        except FieldError as exc:
            self.error(node, where, f"{key}: {exc}")
            return None

    def number(self, node: yaml.Node, where: str, key: str) -> float | None:
        value = self.rule(node, where, key, parse_number)
        return None if value is None else float(value)

    def boolean(self, node: yaml.Node, where: str, key: str) -> bool | None:
        return self.rule(node, where, key, parse_bool)  # type: ignore[no-any-return]

    def ident(self, node: yaml.Node, where: str, key: str) -> str | None:
        return self.rule(node, where, key, parse_id)  # type: ignore[no-any-return]

    def strings(self, node: yaml.Node, where: str, key: str) -> list[str]:
        if isinstance(node, yaml.ScalarNode) and node.value.strip():
            return [node.value.strip()]
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, where, f"{key} should be a list, e.g. {key}: [a, b]")
            return []
        values = []
        for item in node.value:
            value = self.scalar(item, where, key)
            if value:
                values.append(value)
        return values


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
    reader = _Reader(name)
    reader.errors = read.errors
    title = reader.text(top["title"], "", "title", MAX_TEXT) if "title" in top else None
    intro = reader.text(top["intro"], "", "intro", 1000) if top.get("intro") else None
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
    questions = _questions(reader, top.get("questions"))
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


def _questions(reader: _Reader, node: yaml.Node | None) -> list[Question]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        reader.error(node, "questions", "should be a list of questions (each '- id: ...')")
        return []
    if len(node.value) > MAX_QUESTIONS:
        reader.error(node, "questions", f"{len(node.value)} questions; at most {MAX_QUESTIONS}")
        return []
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(node.value, 1):
        question = _question(reader, item, number, questions)
        if question is None:
            if isinstance(item, yaml.MappingNode):
                reader.broken.add(_id_of(item) or "")
            continue
        if question.id in seen:
            reader.error(
                item,
                f'question "{question.id}"',
                f"id is used twice (first on line {seen[question.id]}); ids must be unique",
            )
            continue
        seen[question.id] = line(item)
        questions.append(question)
    return questions


def _id_of(node: yaml.MappingNode) -> str | None:
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(value_node, yaml.ScalarNode):
            return str(value_node.value)
    return None


def _question(
    reader: _Reader, node: yaml.Node, number: int, earlier: list[Question]
) -> Question | None:
    label = f"question {number}"
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == "id" and isinstance(value_node, yaml.ScalarNode):
                label = f'question "{value_node.value}"'
    allowed = COMMON_FIELDS + tuple(sorted({f for fs in QUESTION_FIELDS.values() for f in fs}))
    fields = reader.mapping(node, label, allowed, "question fields (id, type, text, ...)")
    if fields is None:
        return None
    before = len(reader.errors)
    for required in ("id", "type", "text"):
        if required not in fields:
            reader.error(node, label, f"{required} is missing")
    question_id = reader.ident(fields["id"], label, "id") if "id" in fields else None
    kind = reader.scalar(fields["type"], label, "type") if "type" in fields else None
    if kind is not None and kind not in TYPES:
        close = difflib.get_close_matches(kind, TYPES, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        reader.error(
            fields["type"], label, f'type "{kind}" is unknown{hint}; use {", ".join(TYPES)}'
        )
        kind = None
    text = reader.text(fields["text"], label, "text", MAX_TEXT) if "text" in fields else None
    if kind is not None:
        for key, value in fields.items():
            if key not in COMMON_FIELDS and key not in QUESTION_FIELDS[kind]:
                reader.error(value, label, f"{key} does not apply to a {kind} question")
    optional = (
        bool(reader.boolean(fields["optional"], label, "optional"))
        if "optional" in fields
        else False
    )
    values: dict[str, Any] = {}
    if kind is not None:
        _TYPE_READERS[kind](reader, fields, label, node, values)
    condition = None
    if "show_if" in fields:
        condition = _condition(reader, fields["show_if"], label, earlier)
    if len(reader.errors) > before or not (question_id and kind and text):
        return None
    return Question(
        id=question_id, type=kind, text=text, optional=optional, show_if=condition, **values
    )


def _options(
    reader: _Reader, fields: dict[str, yaml.Node], label: str, node: yaml.Node, out: dict[str, Any]
) -> None:
    if "options" not in fields:
        reader.error(node, label, "options is missing")
        return
    items = fields["options"]
    if not isinstance(items, yaml.SequenceNode) or len(items.value) < 2:
        reader.error(items, label, "options should be a list of at least 2 choices")
        return
    if len(items.value) > MAX_OPTIONS:
        reader.error(
            items, label, f"{len(items.value)} options; at most {MAX_OPTIONS} fit as buttons"
        )
        return
    options: list[Option] = []
    for item in items.value:
        if isinstance(item, yaml.MappingNode) and any(
            getattr(k, "value", None) == "id" for k, _ in item.value
        ):
            option_fields = reader.mapping(item, label, ("id", "text"), "option fields (id, text)")
            if option_fields is None or "text" not in option_fields:
                if option_fields is not None:
                    reader.error(item, label, "option text is missing")
                continue
            option_id = reader.scalar(option_fields["id"], label, "option id")
            option_text = reader.text(option_fields["text"], label, "option text", MAX_LABEL)
        else:
            # A bare label: its id is made from the English text.
            option_text = reader.text(item, label, "option", MAX_LABEL)
            option_id = slug(option_text["en"] if option_text and "en" in option_text else "")
        if option_id is None or option_text is None:
            continue
        try:
            parse_id(option_id)
        except FieldError as exc:
            reader.error(item, label, f"option id: {exc}")
            continue
        if any(o.id == option_id for o in options):
            reader.error(item, label, f'option "{option_id}" is given twice')
            continue
        options.append(Option(option_id, option_text))
    out["options"] = tuple(options)
    if fields.get("max") is not None and "max" in QUESTION_FIELDS["multiple"]:
        limit = reader.number(fields["max"], label, "max") if "max" in fields else None
        if limit is not None:
            if limit != int(limit) or not 1 <= limit <= len(options):
                reader.error(
                    fields["max"], label, f"max should be a whole number from 1 to {len(options)}"
                )
            else:
                out["max_choices"] = int(limit)


def _scale(
    reader: _Reader, fields: dict[str, yaml.Node], label: str, node: yaml.Node, out: dict[str, Any]
) -> None:
    low = reader.number(fields["min"], label, "min") if "min" in fields else 1.0
    high = reader.number(fields["max"], label, "max") if "max" in fields else 5.0
    if low is None or high is None:
        return
    if low != int(low) or high != int(high):
        reader.error(
            fields.get("min", node), label, "a scale's min and max should be whole numbers"
        )
    elif not 1 <= high - low + 1 <= MAX_SCALE_POINTS or high <= low:
        reader.error(
            fields.get("max", node),
            label,
            f"a scale needs 2 to {MAX_SCALE_POINTS} points (max greater than min)",
        )
    out.update(min=low, max=high)
    for key in ("min_label", "max_label"):
        if key in fields:
            out[key] = reader.text(fields[key], label, key, MAX_LABEL)


def _number(
    reader: _Reader, fields: dict[str, yaml.Node], label: str, node: yaml.Node, out: dict[str, Any]
) -> None:
    for key in ("min", "max"):
        if key not in fields:
            reader.error(node, label, f"{key} is missing (numbers need a range)")
    low = reader.number(fields["min"], label, "min") if "min" in fields else None
    high = reader.number(fields["max"], label, "max") if "max" in fields else None
    if low is not None and high is not None and high <= low:
        reader.error(fields["max"], label, f"max should be greater than min ({low:g})")
    out.update(min=low, max=high)
    if "unit" in fields:
        out["unit"] = reader.text(fields["unit"], label, "unit", MAX_LABEL)
    if "integer" in fields:
        out["integer"] = reader.boolean(fields["integer"], label, "integer") is not False


def _free_text(
    reader: _Reader, fields: dict[str, yaml.Node], label: str, node: yaml.Node, out: dict[str, Any]
) -> None:
    if "max_length" in fields:
        limit = reader.number(fields["max_length"], label, "max_length")
        if limit is not None and not 1 <= limit <= MAX_FREE_TEXT:
            reader.error(
                fields["max_length"], label, f"max_length should be from 1 to {MAX_FREE_TEXT}"
            )
        elif limit is not None:
            out["max_length"] = int(limit)


_TYPE_READERS: dict[str, Callable[..., None]] = {
    "single": _options,
    "multiple": _options,
    "scale": _scale,
    "number": _number,
    "text": _free_text,
}


def _condition(
    reader: _Reader, node: yaml.Node, label: str, earlier: list[Question]
) -> Condition | None:
    fields = reader.mapping(
        node, label, ("question", "equals", "in", "min", "max"), "show_if fields"
    )
    if fields is None:
        return None
    if "question" not in fields:
        reader.error(node, label, "show_if needs the question it depends on")
        return None
    target_id = reader.scalar(fields["question"], label, "show_if question")
    target = next((q for q in earlier if q.id == target_id), None)
    if target is None and target_id in reader.broken:
        return None  # that question's own error is reported; don't pile on
    if target is None:
        reader.error(
            fields["question"],
            label,
            f'show_if refers to "{target_id}", which is not an earlier question',
        )
        return None
    if target.type == "text":
        reader.error(fields["question"], label, "show_if cannot depend on a free-text answer")
        return None
    raw: list[str] = []
    for key in ("equals", "in"):
        if key in fields:
            raw += reader.strings(fields[key], label, f"show_if {key}")
    low = reader.number(fields["min"], label, "show_if min") if "min" in fields else None
    high = reader.number(fields["max"], label, "show_if max") if "max" in fields else None
    values: list[str | float] = []
    if target.type in CHOICE_TYPES:
        if low is not None or high is not None:
            reader.error(node, label, "show_if min/max only apply to numbers and scales")
        known = [o.id for o in target.options]
        for value in raw:
            if value not in known:
                reader.error(
                    node,
                    label,
                    f'show_if: "{target_id}" has no option "{value}" (options: {", ".join(known)})',
                )
            values.append(value)
    else:
        for value in raw:
            try:
                values.append(float(parse_number(value)))
            except FieldError as exc:
                reader.error(node, label, f"show_if: {exc}")
    if not values and low is None and high is None:
        reader.error(node, label, "show_if needs equals, in, min or max")
        return None
    assert target_id is not None and target.type in CHOICE_TYPES + NUMERIC_TYPES
    return Condition(target_id, tuple(values), low, high)

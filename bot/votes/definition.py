"""What a vote is: its fields, parsed and validated from YAML or the in-chat wizard.

Every field has one parser that raises `FieldError` with a message a leader can act on.
The YAML reader reports every problem with its line number and builds nothing unless the
whole file is valid. Times are typed in the union's time zone and stored as Unix seconds.
The question, the options and the description are texts in every language (bot/texts.py):
written once for everyone, or as {en: ..., es: ...}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, ClassVar
from zoneinfo import ZoneInfo

import yaml
from pydantic import BeforeValidator

from bot import texts
from bot.fields import (
    Audience,
    Bool,
    FieldError,
    Id,
    Time,
    mapping,
    parse_durations,
    parse_number,
    parse_whole,
)
from bot.i18n import LANGUAGES
from bot.names import KnownNames
from bot.texts import Text
from bot.yaml_files import FileProblems, Model, Read, compose, read_model, read_text

MAX_QUESTION = 500
MAX_DESCRIPTION = 300  # with every text at its longest, a card still fits a message
MAX_OPTION = 60  # a button label
MAX_OPTIONS = 10
MAX_REMINDERS = 5
# The options when a vote names none; plain "Yes", "Sí" and "No" also mean these.
DEFAULT_OPTIONS: tuple[Text, ...] = ({"en": "Yes", "es": "Sí"}, {"en": "No", "es": "No"})
_DEFAULT_LABELS = {"yes": 0, "sí": 0, "si": 0, "no": 1}
DEFAULT_REMINDERS = (24 * 3600, 2 * 3600)
TIME_FORMAT = "%Y-%m-%d %H:%M"
MAX_TRUSTEES = 15

_FRACTION = re.compile(r"^(\d+)\s*/\s*(\d+)$")


class DefinitionError(FileProblems):
    """A vote definition cannot be used; `errors` lists every problem, one line each.

    `vote_id` is the file's id when that field itself was valid, so a caller can say which
    stored vote the file is about even when the rest of it is not usable.
    """

    def __init__(self, errors: list[str], vote_id: str | None = None) -> None:
        super().__init__(errors)
        self.vote_id = vote_id


@dataclass(frozen=True, slots=True)
class Threshold:
    """The share of ballots cast the first option needs: more than (strict) or at least."""

    fraction: Fraction
    strict: bool = False

    @property
    def name(self) -> str:
        """'majority', 'two-thirds', or the fraction as typed ('3/5')."""
        if self == MAJORITY:
            return "majority"
        if self == TWO_THIRDS:
            return "two-thirds"
        return f"{self.fraction.numerator}/{self.fraction.denominator}"

    def met(self, votes_for: int, cast: int) -> bool:
        """Exact arithmetic: two-thirds passes at exactly 2/3, majority needs more than 1/2."""
        if cast <= 0:
            return False
        share = Fraction(votes_for, cast)
        return share > self.fraction if self.strict else share >= self.fraction


MAJORITY = Threshold(Fraction(1, 2), strict=True)
TWO_THIRDS = Threshold(Fraction(2, 3))


@dataclass(frozen=True, slots=True)
class VoteDefinition:
    """A vote as a leader defined it; immutable once the vote opens.

    Texts may be given as plain strings (the same in every language; "Yes"/"Sí"/"No" as an
    option are the default options, Sí in Spanish); they are kept as one text per language.
    """

    question: Text
    opens_at: int
    closes_at: int
    threshold: Threshold
    options: tuple[Text, ...] = DEFAULT_OPTIONS
    worksites: tuple[str, ...] = ()
    classifications: tuple[str, ...] = ()
    quorum: Fraction | None = None
    show_results: bool = True
    reminders: tuple[int, ...] = field(default=DEFAULT_REMINDERS)
    # Trustee mode: these leaders (roster member ids) each get a key share; any
    # `trustees_needed` of them unlock the count. Empty: the bot counts by itself at close.
    trustees: tuple[str, ...] = ()
    trustees_needed: int = 0
    description: Text | None = None  # more about the question, shown with the ballot
    id: str | None = None  # the file's id: the same id again updates the vote until it opens

    def __post_init__(self) -> None:
        object.__setattr__(self, "question", every_language(self.question))
        object.__setattr__(self, "options", tuple(option_text(o) for o in self.options))
        if self.description is not None:
            object.__setattr__(self, "description", every_language(self.description))


def every_language(value: str | Text) -> Text:
    """A text for every language: a plain string is the same in each; a mapping needs all."""
    if isinstance(value, str):
        return texts.same(value)
    missing = [language for language in LANGUAGES if not value.get(language)]
    if missing or set(value) - set(LANGUAGES):
        raise ValueError(f"a vote's texts need exactly the languages {LANGUAGES}")
    return {language: value[language] for language in LANGUAGES}


def option_text(value: str | Text) -> Text:
    """One option in every language; plain Yes, Sí and No are the default options."""
    if isinstance(value, str):
        index = _DEFAULT_LABELS.get(value.strip().casefold())
        return dict(DEFAULT_OPTIONS[index]) if index is not None else texts.same(value)
    return every_language(value)


# -- one parser per field ---------------------------------------------------------------


def parse_question(value: Any) -> str:
    """The question in one language."""
    if not isinstance(value, str) or not value.strip():
        raise FieldError("write the question as text")
    text = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
    if len(text) > MAX_QUESTION:
        raise FieldError(f"the question is {len(text)} characters; at most {MAX_QUESTION}")
    return text


def parse_description(value: Any) -> str:
    """More about the question (a paragraph or a few), in one language."""
    if not isinstance(value, str) or not value.strip():
        raise FieldError("write the description as text")
    text = "\n".join(" ".join(part.split()) for part in value.strip().splitlines())
    if len(text) > MAX_DESCRIPTION:
        raise FieldError(f"the description is {len(text)} characters; at most {MAX_DESCRIPTION}")
    return text


def parse_options(value: Any) -> tuple[str, ...]:
    """2 to 10 distinct labels in one language; the first is the one the threshold applies to."""
    if isinstance(value, str):
        value = [line for line in value.splitlines() if line.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError("list the options, e.g. [Yes, No]")
    labels = [" ".join(v.split()) for v in value]
    if any(not label for label in labels):
        raise FieldError("an option is empty")
    if not 2 <= len(labels) <= MAX_OPTIONS:
        raise FieldError(f"give 2 to {MAX_OPTIONS} options (found {len(labels)})")
    long = next((label for label in labels if len(label) > MAX_OPTION), None)
    if long is not None:
        raise FieldError(f"option {long[:20]!r}... is longer than {MAX_OPTION} characters")
    folded = [label.casefold() for label in labels]
    duplicate = next(
        (label for i, label in enumerate(labels) if folded.index(folded[i]) != i), None
    )
    if duplicate is not None:
        raise FieldError(f"option {duplicate!r} is listed twice")
    return tuple(labels)


def parse_text(value: Text, parse: Any) -> Text:
    """`parse` (one language's field parser) applied in every language; an error says which
    language it is about when the texts differ."""
    value = every_language(value)
    if len(set(value.values())) == 1:
        return texts.same(parse(value[LANGUAGES[0]]))
    parsed = {}
    for language, text in value.items():
        try:
            parsed[language] = parse(text)
        except FieldError as exc:
            raise FieldError(f"{exc} (in {texts.NAMES[language]})") from None
    return parsed


def parse_option_texts(items: list[str | Text]) -> tuple[Text, ...]:
    """Options in every language: each language's labels are checked as `parse_options` does
    (2 to 10, short enough for a button, none twice), so no reader sees two alike."""
    options = [option_text(item) for item in items]
    checked: dict[str, tuple[str, ...]] = {}
    problems: dict[str, FieldError] = {}
    for language in LANGUAGES:
        try:
            checked[language] = parse_options([o[language] for o in options])
        except FieldError as exc:
            problems[language] = exc
    if problems:
        language, problem = next(iter(problems.items()))
        if len(problems) == len(LANGUAGES):  # about the options, not one language's words
            raise FieldError(str(problem))
        raise FieldError(f"{problem} (in {texts.NAMES[language]})")
    return tuple(
        {language: checked[language][i] for language in LANGUAGES} for i in range(len(options))
    )


def parse_trustees(members: Any, needed: Any) -> tuple[tuple[str, ...], int]:
    """Trustees' member ids and how many of them must unlock the count (k of n)."""
    if isinstance(members, str):
        members = [m for m in re.split(r"[\s,]+", members) if m]
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        raise FieldError("list the trustees' member ids, e.g. [40001, 40002, 40003]")
    ids = tuple(dict.fromkeys(m.strip() for m in members if m.strip()))
    if not 2 <= len(ids) <= MAX_TRUSTEES:
        raise FieldError(f"name 2 to {MAX_TRUSTEES} trustees (found {len(ids)})")
    if needed in (None, ""):
        return ids, len(ids) // 2 + 1
    try:
        return ids, parse_whole(needed, 1, len(ids))
    except FieldError:
        raise FieldError(f"needed must be a number from 1 to {len(ids)}") from None


def parse_threshold(value: Any) -> Threshold:
    """'majority' (more than half), 'two-thirds' (at least 2/3), or a fraction: '3/5', '60%'."""
    text = str(value).strip().lower() if isinstance(value, str | int | float) else ""
    if text in ("majority", "simple majority", "mayoría"):
        return MAJORITY
    if text in ("two-thirds", "two thirds", "2/3", "dos tercios"):
        return TWO_THIRDS
    try:
        return Threshold(_fraction(text))
    except FieldError:
        raise FieldError(
            f"{value!r} is not a threshold: use majority, two-thirds, or a fraction like 3/5 or 60%"
        ) from None


def parse_quorum(value: Any) -> Fraction | None:
    """A share of the eligible roll ('50%', '1/2', '0.5'), or none."""
    text = str(value).strip().lower() if value is not None else "none"
    if text in ("", "none", "no", "ninguno", "sin quórum", "sin quorum"):
        return None
    try:
        return _fraction(text)
    except FieldError:
        raise FieldError(
            f"{value!r} is not a quorum: use a share of the roll like 50% or 1/2, or none"
        ) from None


def _fraction(text: str) -> Fraction:
    """'3/5', '60%', '0.6' -> a Fraction in (0, 1] (numbers as every file writes them)."""
    if match := _FRACTION.match(text):
        num, den = int(match.group(1)), int(match.group(2))
        share = Fraction(num, den) if den else Fraction(0)
    elif text.endswith("%"):
        share = Fraction(parse_number(text[:-1].strip())) / 100
    else:
        share = Fraction(parse_number(text))
    if not 0 < share <= 1:
        raise FieldError(text)
    return share


def parse_reminders(value: Any) -> tuple[int, ...]:
    """Durations before close, e.g. [24h, 2h] or [2d, 30m]; an empty list means none."""
    seconds = parse_durations(value)
    if len(seconds) > MAX_REMINDERS:
        raise FieldError(f"at most {MAX_REMINDERS} reminders")
    return seconds


def check_times(opens_at: int, closes_at: int, now: float) -> list[tuple[str, str]]:
    """Problems with the voting window: (field, message)."""
    problems = []
    if opens_at < int(now):
        problems.append(("opens_at", "is in the past"))
    if closes_at <= opens_at:
        problems.append(("closes_at", "must be after opens_at"))
    return problems


def format_time(timestamp: int, tz: ZoneInfo) -> str:
    """Unix seconds -> '2026-12-01 09:00 PST' in the union's time zone."""
    return datetime.fromtimestamp(timestamp, tz).strftime(f"{TIME_FORMAT} %Z")


def format_share(share: Fraction) -> str:
    """Fraction(1, 2) -> '50%'; Fraction(2, 3) -> '66.7%'."""
    percent = share * 100
    return (
        f"{percent.numerator // percent.denominator}%"
        if percent.denominator == 1
        else (f"{float(percent):.1f}%")
    )


def format_duration(seconds: int) -> str:
    """86400 -> '24h'; 1800 -> '30m'."""
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds // 60}m"


# -- the YAML file --------------------------------------------------------------------


def load_definition(
    path: Path,
    tz: ZoneInfo,
    now: float,
    known: KnownNames | None = None,
    *,
    ahead: bool = True,
) -> VoteDefinition:
    """Read and validate a vote YAML file; raises DefinitionError."""
    text = read_text(path, DefinitionError)
    return parse_definition(text, tz, now, path.name, known, ahead=ahead)


class Trustees(Model):
    members: Any = None
    needed: Any = None


class VoteFile(Model):
    """A vote file's fields, each read by its rule (bot/fields.py for the shared ones)."""

    missing: ClassVar[dict[str, str]] = {
        "id": " (give the vote an id like strike-2030: loading a file with the same id again "
        "updates that vote until it opens, and never makes a second one)",
    }

    id: Id
    question: yaml.Node
    description: yaml.Node | None = None
    options: yaml.Node | None = None
    eligibility: Annotated[Audience | None, mapping("give worksites and/or classifications")] = None
    opens_at: Time
    closes_at: Time
    threshold: Annotated[Any, BeforeValidator(parse_threshold)]  # a Threshold
    quorum: Annotated[Fraction | None, BeforeValidator(parse_quorum)] = None
    show_results: Bool = True
    reminders: Annotated[tuple[int, ...], BeforeValidator(parse_reminders)] = DEFAULT_REMINDERS
    trustees: Annotated[Trustees | None, mapping("give members: [...] and needed: N")] = None


def parse_definition(
    text: str,
    tz: ZoneInfo,
    now: float,
    name: str = "vote.yaml",
    known: KnownNames | None = None,
    *,
    ahead: bool = True,
) -> VoteDefinition:
    """Validate vote YAML text; every error names the file, the line and the field.

    `ahead=False` reads a file without asking that its opening is still ahead: to
    compare it with the vote it already made, which may have opened since.
    """
    root = compose(text, name, DefinitionError, "see docs/votes.md for the format")
    read = read_model(VoteFile, root, name, context={"tz": tz})
    fields = read.fields
    parsed: dict[str, Any] = {}
    for key, parser in (("question", parse_question), ("description", parse_description)):
        if fields.get(key) is not None:
            value, problems = texts.read(fields[key], key)
            read.errors += [f"{name} line {at}: {message}" for at, message in problems]
            if value is not None:
                try:
                    parsed[key] = parse_text(value, parser)
                except FieldError as exc:
                    read.error((key,), f"{key}: {exc}")
    if fields.get("options") is not None:
        _options(fields["options"], read, parsed)
    eligibility = fields.get("eligibility")
    for key in Audience.model_fields if eligibility and known else ():
        for problem in known.problems(key, getattr(eligibility, key)):  # names on the roster
            read.error(("eligibility", key), f"eligibility.{key}: {problem}")
    trustees = fields.get("trustees")
    if trustees is not None:
        try:
            parsed["trustees"] = parse_trustees(trustees.members, trustees.needed)
        except FieldError as exc:
            read.error(("trustees", "members"), f"trustees: {exc}")
    if "opens_at" in fields:
        closes = fields.get("closes_at", fields["opens_at"] + 1)
        for key, problem in check_times(fields["opens_at"], closes, now if ahead else 0):
            read.error((key,), f"{key}: {problem}")
    if read.errors:
        raise DefinitionError(read.in_order(), fields.get("id"))
    return VoteDefinition(
        id=fields["id"],
        question=parsed["question"],
        description=parsed.get("description"),
        opens_at=fields["opens_at"],
        closes_at=fields["closes_at"],
        threshold=fields["threshold"],
        options=parsed.get("options", DEFAULT_OPTIONS),
        worksites=eligibility.worksites if eligibility else (),
        classifications=eligibility.classifications if eligibility else (),
        quorum=fields.get("quorum"),
        show_results=fields.get("show_results", True),
        reminders=fields.get("reminders", DEFAULT_REMINDERS),
        trustees=parsed.get("trustees", ((), 0))[0],
        trustees_needed=parsed.get("trustees", ((), 0))[1],
    )


def _options(node: yaml.Node, read: Read, parsed: dict[str, Any]) -> None:
    """`options: [Yes, No]`, or options in each language: `- {en: ..., es: ...}`."""
    if isinstance(node, yaml.ScalarNode):  # one per line, as the wizard takes them
        items: list[str | Text] = [label for label in node.value.splitlines() if label.strip()]
    elif isinstance(node, yaml.SequenceNode):
        items = []
        broken = False
        for number, item in enumerate(node.value, 1):
            if isinstance(item, yaml.ScalarNode):
                items.append(item.value)  # plain: the same for everyone (Yes/No: Sí/No)
                continue
            text, problems = texts.read(item, f"option {number}")
            read.errors += [f"{read.name} line {at}: options: {m}" for at, m in problems]
            broken = broken or text is None
            items.append(text or {})
        if broken:
            return
    else:
        read.error(("options",), "options: list the options, e.g. [Yes, No]")
        return
    try:
        parsed["options"] = parse_option_texts(items)
    except FieldError as exc:
        read.error(("options",), f"options: {exc}")

"""What a vote is: its fields, parsed and validated from YAML or the in-chat wizard.

Every field has one parser that raises `FieldError` with a message a leader can act on.
The YAML reader reports every problem with its line number and builds nothing unless the
whole file is valid. Times are typed in the union's time zone and stored as Unix seconds.
The question, the options and the description are texts in every language (bot/texts.py):
written once for everyone, or as {en: ..., es: ...}.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot import texts
from bot.i18n import LANGUAGES
from bot.names import KnownNames
from bot.texts import Text
from bot.yaml_files import FileProblems, compose, line, read_text

MAX_QUESTION = 500
MAX_DESCRIPTION = 300  # with every text at its longest, a card still fits a message
MAX_OPTION = 60  # a button label
MAX_OPTIONS = 10
MAX_FILTERS = 100
MAX_REMINDERS = 5
# The options when a vote names none; plain "Yes", "Sí" and "No" also mean these.
DEFAULT_OPTIONS: tuple[Text, ...] = ({"en": "Yes", "es": "Sí"}, {"en": "No", "es": "No"})
_DEFAULT_LABELS = {"yes": 0, "sí": 0, "si": 0, "no": 1}
DEFAULT_REMINDERS = (24 * 3600, 2 * 3600)
TIME_FORMAT = "%Y-%m-%d %H:%M"
ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")  # as a survey's id
FIELDS = (
    "id",
    "question",
    "description",
    "options",
    "eligibility",
    "opens_at",
    "closes_at",
    "threshold",
    "quorum",
    "show_results",
    "reminders",
    "trustees",
)
REQUIRED = ("id", "question", "opens_at", "closes_at", "threshold")
ELIGIBILITY_FIELDS = ("worksites", "classifications")
TRUSTEE_FIELDS = ("members", "needed")
MAX_TRUSTEES = 15

_TIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_FRACTION = re.compile(r"^(\d+)\s*/\s*(\d+)$")
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")
_DECIMAL = re.compile(r"^0?\.\d+$|^1(?:\.0+)?$")
_DURATION = re.compile(r"^(\d+)\s*([mhd])$")
_TRUE = {"true", "yes", "on", "y", "sí", "si"}
_FALSE = {"false", "no", "off", "n"}


class FieldError(ValueError):
    """One field's value is wrong; the message says what is expected."""


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


def parse_id(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not ID.match(text):
        raise FieldError(
            f"{value!r} should be 1-32 lower-case letters, digits, - or _, like strike-2030"
        )
    return text


def parse_names(value: Any, what: str) -> tuple[str, ...]:
    """Worksite or classification names: a list (or one per line); empty means all."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = [line for line in re.split(r"[\n,]", value) if line.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError(f"list the {what}, e.g. [Downey, Irvine]")
    names = tuple(dict.fromkeys(" ".join(v.split()) for v in value if v.strip()))
    if len(names) > MAX_FILTERS:
        raise FieldError(f"at most {MAX_FILTERS} {what}")
    return names


def parse_trustees(members: Any, needed: Any) -> tuple[tuple[str, ...], int]:
    """Trustees' member ids and how many of them must unlock the count (k of n)."""
    if isinstance(members, str):
        members = [m for m in re.split(r"[\s,]+", members) if m]
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        raise FieldError("list the trustees' member ids, e.g. [40001, 40002, 40003]")
    ids = tuple(dict.fromkeys(m.strip() for m in members if m.strip()))
    if not 2 <= len(ids) <= MAX_TRUSTEES:
        raise FieldError(f"name 2 to {MAX_TRUSTEES} trustees (found {len(ids)})")
    text = str(needed).strip() if needed not in (None, "") else str(len(ids) // 2 + 1)
    if not text.isdigit() or not 1 <= int(text) <= len(ids):
        raise FieldError(f"needed must be a number from 1 to {len(ids)}")
    return ids, int(text)


def parse_time(value: Any, tz: ZoneInfo) -> int:
    """'2026-12-01 09:00' in the union's time zone -> Unix seconds."""
    match = _TIME.match(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise FieldError(f"{value!r} is not a date and time like 2026-12-01 09:00")
    year, month, day, hour, minute, second = (int(p or 0) for p in match.groups())
    try:
        local = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError as exc:
        raise FieldError(f"{value!r} is not a real date and time ({exc})") from None
    # A wall time skipped when clocks go forward does not round-trip: refuse it.
    if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise FieldError(f"{value!r} does not exist in {tz.key} (the clocks change then)")
    return int(local.timestamp())


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
    """'3/5', '60%', '0.6' -> a Fraction in (0, 1]."""
    if match := _FRACTION.match(text):
        num, den = int(match.group(1)), int(match.group(2))
        share = Fraction(num, den) if den else Fraction(0)
    elif match := _PERCENT.match(text):
        share = Fraction(match.group(1)) / 100
    elif _DECIMAL.match(text):
        share = Fraction(text)
    else:
        raise FieldError(text)
    if not 0 < share <= 1:
        raise FieldError(text)
    return share


def parse_bool(value: Any) -> bool:
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FieldError(f"{value!r} is not true or false")


def parse_reminders(value: Any) -> tuple[int, ...]:
    """Durations before close, e.g. [24h, 2h] or [2d, 30m]; an empty list means none."""
    if value is None or value == "" or value == []:
        return ()
    if isinstance(value, str):
        value = [v for v in re.split(r"[\s,]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError("list durations before the close, e.g. [24h, 2h]")
    seconds = []
    for item in value:
        match = _DURATION.match(item.strip().lower())
        if match is None or int(match.group(1)) == 0:
            raise FieldError(f"{item!r} is not a duration like 24h, 30m or 2d")
        unit = {"m": 60, "h": 3600, "d": 86400}[match.group(2)]
        seconds.append(int(match.group(1)) * unit)
    if len(seconds) > MAX_REMINDERS:
        raise FieldError(f"at most {MAX_REMINDERS} reminders")
    return tuple(sorted(set(seconds), reverse=True))


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
    if not isinstance(root, yaml.MappingNode):
        raise DefinitionError(
            [f"{name} line {line(root)}: the file should be fields like 'question: ...'"]
        )
    errors: list[str] = []
    values: dict[str, tuple[Any, int]] = {}
    nodes: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        where = f"{name} line {line(key_node)}"
        if key not in FIELDS:
            errors.append(f"{where}: unknown field {key!r}{_suggest(key, FIELDS)}")
        elif key in values:
            errors.append(f"{where}: {key} is given twice (first on line {values[key][1]})")
        else:
            values[key] = (_plain(value_node), line(value_node))
            nodes[key] = value_node
    errors += [
        f"{name}: {key} is missing{_MISSING.get(key, '')}" for key in REQUIRED if key not in values
    ]

    parsed: dict[str, Any] = {}

    def take(key: str, parser: Any, *extra: Any) -> None:
        if key not in values:
            return
        value, line = values[key]
        try:
            parsed[key] = parser(value, *extra)
        except FieldError as exc:
            errors.append(f"{name} line {line}: {key}: {exc}")

    def take_text(key: str, parser: Any) -> None:
        """A text in every language (bot/texts.py), each checked by `parser`."""
        if key not in nodes:
            return
        value, problems = texts.read(nodes[key], key)
        errors.extend(f"{name} line {at}: {message}" for at, message in problems)
        if value is not None:
            try:
                parsed[key] = parse_text(value, parser)
            except FieldError as exc:
                errors.append(f"{name} line {line(nodes[key])}: {key}: {exc}")

    take("id", parse_id)
    take_text("question", parse_question)
    take_text("description", parse_description)
    if "options" in nodes:
        _options(nodes["options"], name, parsed, errors)
    take("opens_at", parse_time, tz)
    take("closes_at", parse_time, tz)
    take("threshold", parse_threshold)
    take("quorum", parse_quorum)
    take("show_results", parse_bool)
    take("reminders", parse_reminders)
    if "eligibility" in values:
        _eligibility(values["eligibility"], name, parsed, errors, known)
    if "trustees" in values:
        _trustees(values["trustees"], name, parsed, errors)
    if "opens_at" in parsed:
        closes = parsed.get("closes_at", parsed["opens_at"] + 1)
        for key, problem in check_times(parsed["opens_at"], closes, now if ahead else 0):
            errors.append(f"{name} line {values[key][1]}: {key}: {problem}")
    if errors:
        raise DefinitionError(errors, parsed.get("id"))
    return VoteDefinition(
        id=parsed["id"],
        question=parsed["question"],
        description=parsed.get("description"),
        opens_at=parsed["opens_at"],
        closes_at=parsed["closes_at"],
        threshold=parsed["threshold"],
        options=parsed.get("options", DEFAULT_OPTIONS),
        worksites=parsed.get("worksites", ()),
        classifications=parsed.get("classifications", ()),
        quorum=parsed.get("quorum"),
        show_results=parsed.get("show_results", True),
        reminders=parsed.get("reminders", DEFAULT_REMINDERS),
        trustees=parsed.get("trustees", ((), 0))[0],
        trustees_needed=parsed.get("trustees", ((), 0))[1],
    )


_MISSING = {
    "id": " (give the vote an id like strike-2030: loading a file with the same id again "
    "updates that vote until it opens, and never makes a second one)",
}


def _options(node: yaml.Node, name: str, parsed: dict[str, Any], errors: list[str]) -> None:
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
            errors.extend(f"{name} line {at}: options: {message}" for at, message in problems)
            broken = broken or text is None
            items.append(text or {})
        if broken:
            return
    else:
        errors.append(f"{name} line {line(node)}: options: list the options, e.g. [Yes, No]")
        return
    try:
        parsed["options"] = parse_option_texts(items)
    except FieldError as exc:
        errors.append(f"{name} line {line(node)}: options: {exc}")


def _trustees(entry: tuple[Any, int], name: str, parsed: dict[str, Any], errors: list[str]) -> None:
    value, line = entry
    if not isinstance(value, dict):
        errors.append(f"{name} line {line}: trustees: give members: [...] and needed: N")
        return
    _known_fields(value, TRUSTEE_FIELDS, "trustees", name, errors)
    members, members_line = value.get("members", (None, line))
    needed = value.get("needed", (None, line))[0]
    try:
        parsed["trustees"] = parse_trustees(members, needed)
    except FieldError as exc:
        errors.append(f"{name} line {members_line}: trustees: {exc}")


def _eligibility(
    entry: tuple[Any, int],
    name: str,
    parsed: dict[str, Any],
    errors: list[str],
    known: KnownNames | None = None,
) -> None:
    value, line = entry
    if value in (None, ""):
        return
    if not isinstance(value, dict):
        errors.append(f"{name} line {line}: eligibility: give worksites and/or classifications")
        return
    for key, (inner, inner_line) in _known_fields(
        value, ELIGIBILITY_FIELDS, "eligibility", name, errors
    ).items():
        try:
            parsed[key] = parse_names(inner, key)
        except FieldError as exc:
            errors.append(f"{name} line {inner_line}: eligibility.{key}: {exc}")
            continue
        for problem in known.problems(key, parsed[key]) if known else ():  # names on the roster
            errors.append(f"{name} line {inner_line}: eligibility.{key}: {problem}")


def _known_fields(
    value: dict[str, tuple[Any, int]],
    allowed: tuple[str, ...],
    section: str,
    name: str,
    errors: list[str],
) -> dict[str, tuple[Any, int]]:
    """A nested mapping's allowed fields; every other one is an error naming its line."""
    for key, (_inner, inner_line) in value.items():
        if key not in allowed:
            errors.append(
                f"{name} line {inner_line}: {section}: unknown field {key!r}"
                f"{_suggest(key, allowed)}"
            )
    return {key: entry for key, entry in value.items() if key in allowed}


def _plain(node: yaml.Node) -> Any:
    """A node's value as typed: scalars stay text ('Yes' is not turned into True)."""
    if isinstance(node, yaml.ScalarNode):
        return "" if node.tag.endswith(":null") and node.value in ("", "~", "null") else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): (_plain(v), line(v)) for k, v in node.value}
    return None


def _suggest(key: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (fields: {', '.join(known)})"

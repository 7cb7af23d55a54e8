"""What a vote is: its fields, parsed and validated from YAML or the in-chat wizard.

Every field has one parser that raises `FieldError` with a message a leader can act on.
The YAML reader reports every problem with its line number and builds nothing unless the
whole file is valid. Times are typed in the union's time zone and stored as Unix seconds.
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

from bot.names import KnownNames
from bot.yaml_files import FileProblems, compose, line, read_text

MAX_QUESTION = 500
MAX_OPTION = 60  # a button label
MAX_OPTIONS = 10
MAX_FILTERS = 100
MAX_REMINDERS = 5
DEFAULT_OPTIONS = ("Yes", "No")
DEFAULT_REMINDERS = (24 * 3600, 2 * 3600)
TIME_FORMAT = "%Y-%m-%d %H:%M"
FIELDS = (
    "question",
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
REQUIRED = ("question", "opens_at", "closes_at", "threshold")
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
    """A vote definition cannot be used; `errors` lists every problem, one line each."""


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
    """A vote as a leader defined it; immutable once the vote opens."""

    question: str
    opens_at: int
    closes_at: int
    threshold: Threshold
    options: tuple[str, ...] = DEFAULT_OPTIONS
    worksites: tuple[str, ...] = ()
    classifications: tuple[str, ...] = ()
    quorum: Fraction | None = None
    show_results: bool = True
    reminders: tuple[int, ...] = field(default=DEFAULT_REMINDERS)
    # Trustee mode: these leaders (roster member ids) each get a key share; any
    # `trustees_needed` of them unlock the count. Empty: the bot counts by itself at close.
    trustees: tuple[str, ...] = ()
    trustees_needed: int = 0


# -- one parser per field ---------------------------------------------------------------


def parse_question(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldError("write the question as text")
    text = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
    if len(text) > MAX_QUESTION:
        raise FieldError(f"the question is {len(text)} characters; at most {MAX_QUESTION}")
    return text


def parse_options(value: Any) -> tuple[str, ...]:
    """2 to 10 distinct labels; the first is the one the threshold applies to."""
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
    path: Path, tz: ZoneInfo, now: float, known: KnownNames | None = None
) -> VoteDefinition:
    """Read and validate a vote YAML file; raises DefinitionError."""
    return parse_definition(read_text(path, DefinitionError), tz, now, path.name, known)


def parse_definition(
    text: str, tz: ZoneInfo, now: float, name: str = "vote.yaml", known: KnownNames | None = None
) -> VoteDefinition:
    """Validate vote YAML text; every error names the file, the line and the field."""
    root = compose(text, name, DefinitionError, "see docs/votes.md for the format")
    if not isinstance(root, yaml.MappingNode):
        raise DefinitionError(
            [f"{name} line {line(root)}: the file should be fields like 'question: ...'"]
        )
    errors: list[str] = []
    values: dict[str, tuple[Any, int]] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        where = f"{name} line {line(key_node)}"
        if key not in FIELDS:
            errors.append(f"{where}: unknown field {key!r}{_suggest(key, FIELDS)}")
        elif key in values:
            errors.append(f"{where}: {key} is given twice (first on line {values[key][1]})")
        else:
            values[key] = (_plain(value_node), line(value_node))
    errors += [f"{name}: {key} is missing" for key in REQUIRED if key not in values]

    parsed: dict[str, Any] = {}

    def take(key: str, parser: Any, *extra: Any) -> None:
        if key not in values:
            return
        value, line = values[key]
        try:
            parsed[key] = parser(value, *extra)
        except FieldError as exc:
            errors.append(f"{name} line {line}: {key}: {exc}")

    take("question", parse_question)
    take("options", parse_options)
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
        for key, problem in check_times(parsed["opens_at"], closes, now):
            errors.append(f"{name} line {values[key][1]}: {key}: {problem}")
    if errors:
        raise DefinitionError(errors)
    return VoteDefinition(
        question=parsed["question"],
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

"""One rule per kind of field, for every definition file (surveys, votes) and typed answer.

- time: `YYYY-MM-DD HH:MM` (seconds, a `T` and a UTC offset optional) in the union's time
  zone unless an offset is given. A time the clocks skip is refused; so is one they pass
  twice, naming both offsets to write: `2026-12-01 09:00`, `2026-11-01 01:30-08:00`.
- duration: a whole number, then `m`, `h` or `d`: `90m`, `2h`, `3d`.
- boolean: `true`/`yes`/`on`/`sí` or `false`/`no`/`off`, any case.
- number: digits, `.` for decimals, `,` only between thousands: `7.5`, `1,000`, `-3`.
- id: 1-32 lower-case letters, digits, `-` or `_`, not starting with `-`/`_`: `strike-2030`.
- names (worksites, classifications): a list, or one text with commas or lines.
- text: one for everyone or `{en: ..., es: ...}` (bot/texts.py).

Each parser raises `FieldError` with a message a person can act on. Numbers are read with
Babel (`parse_decimal(..., strict=True)`); files are written the US way, and so is what
members type in English and in Spanish as written in California (`es_US`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from babel.numbers import NumberFormatError, parse_decimal
from pydantic import BeforeValidator, ValidationInfo

from bot.i18n import LOCALES
from bot.yaml_files import Model

ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_TIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^(\d+)\s*([mhd])$", re.IGNORECASE)
MAX_NAMES = 100  # worksites or classifications in one audience
_UNITS = {"m": 60, "h": 3600, "d": 86400}
TRUE = ("true", "yes", "on", "sí", "si")
FALSE = ("false", "no", "off")
# "1.000" or "2.500.000": Spain's thousands, which en_US/es_US would read as 1 and 2.5.
_POINT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


class FieldError(ValueError):
    """One field's value is wrong; the message says what is expected."""


class ClockChange(FieldError):
    """A local time the clocks skip (spring forward) or, when `twice`, pass twice."""

    def __init__(self, message: str, *, twice: bool) -> None:
        super().__init__(message)
        self.twice = twice


def _text(value: Any) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise FieldError("should be a single value, not a list or mapping")
    return str(value).strip()


def parse_id(value: Any) -> str:
    """An id: 1-32 lower-case letters, digits, - or _."""
    text = value.strip() if isinstance(value, str) else ""
    if not ID.match(text):
        raise FieldError(
            f"{value!r} should be 1-32 lower-case letters, digits, - or _, like strike-2030"
        )
    return text


def slug(text: str) -> str:
    """An id made from a label: 'Over 8 weeks' -> 'over-8-weeks'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:32].strip("-") or "option"


def parse_time(value: Any, tz: ZoneInfo) -> int:
    """'2026-12-01 09:00' in the union's time zone (or with its offset) -> Unix seconds.

    A wall time the clocks skip (spring forward) does not exist and is refused. One they pass
    twice (fall back) is refused too, naming both offsets, so nobody's vote or survey opens
    an hour off by a guess.
    """
    text = _text(value)
    match = _TIME.match(text)
    if match is None:
        raise FieldError(f"{text!r} is not a date and time like 2026-12-01 09:00")
    year, month, day, hour, minute, second = (int(p or 0) for p in match.groups()[:6])
    offset = match.group(7)
    try:
        naive = datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise FieldError(f"{text!r} is not a real date and time ({exc})") from None
    if offset:
        return int(naive.replace(tzinfo=_offset(offset)).timestamp())
    first, second_time = naive.replace(tzinfo=tz), naive.replace(tzinfo=tz, fold=1)
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise ClockChange(
            f"{text!r} does not exist in {tz.key}: the clocks go forward then; "
            "pick a time an hour later",
            twice=False,
        )
    if first.utcoffset() != second_time.utcoffset():
        stamp = naive.strftime("%Y-%m-%d %H:%M")
        raise ClockChange(
            f"{text!r} happens twice in {tz.key} (the clocks go back then); add the offset: "
            f"'{stamp}{_iso(first)}' for the first, '{stamp}{_iso(second_time)}' for the second",
            twice=True,
        )
    return int(first.timestamp())


def _offset(text: str) -> timezone:
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _iso(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_duration(value: Any) -> int:
    """'90m', '2h', '3d' -> seconds (more than zero)."""
    text = _text(value)
    match = _DURATION.match(text)
    if match is None or int(match.group(1)) == 0:
        raise FieldError(f"{text!r} is not a duration like 90m, 2h or 3d")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def parse_durations(value: Any) -> tuple[int, ...]:
    """A list of durations ([24h, 2h], or '24h, 2h'), longest first, each once; [] is none."""
    if value is None or value == "" or value == []:
        return ()
    if isinstance(value, str):
        value = [v for v in re.split(r"[\s,]+", value) if v]
    if not isinstance(value, list):
        raise FieldError("list durations, e.g. [24h, 2h]")
    return tuple(sorted({parse_duration(item) for item in value}, reverse=True))


def parse_bool(value: Any) -> bool:
    """true/yes/on/sí or false/no/off, any case."""
    text = _text(value).lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise FieldError(f"{text!r} is not true or false")


def parse_number(value: Any, language: str = "en") -> Decimal:
    """'7.5', '1,000', '-3' -> a Decimal: a point for decimals, commas only between
    thousands (en_US; es_US, Spanish as written in California, is the same).

    '1,5', '12,34,5' and '1.000' (Spain's thousand) are refused as ambiguous, never guessed.
    """
    text = _text(value)
    if not text or any(ch.isalpha() for ch in text) or _POINT_THOUSANDS.match(text):
        raise FieldError(f"{text!r} is not a number like 7.5 or 1,000")
    try:
        number = parse_decimal(text, locale=LOCALES.get(language, "en_US"), strict=True)
    except NumberFormatError:
        raise FieldError(f"{text!r} is not a number like 7.5 or 1,000") from None
    if not number.is_finite():
        raise FieldError(f"{text!r} is not a number like 7.5 or 1,000")
    return number


def parse_names(value: Any, what: str) -> tuple[str, ...]:
    """Worksite or classification names: a list (or one per line); empty means all."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = [line for line in re.split(r"[\n,]", value) if line.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError(f"list the {what}, e.g. [Downey, Irvine]")
    names = tuple(dict.fromkeys(" ".join(v.split()) for v in value if v.strip()))
    if len(names) > MAX_NAMES:
        raise FieldError(f"at most {MAX_NAMES} {what}")
    return names


def parse_whole(value: Any, low: int, high: int) -> int:
    """A whole number from `low` to `high` (a number as `parse_number` reads it)."""
    try:
        number = parse_number(value)
    except FieldError:
        number = None
    if number is None or number != number.to_integral_value() or not low <= number <= high:
        raise FieldError(f"should be a whole number from {low} to {high}")
    return int(number)


# -- the same rules as pydantic types, for the file models (bot/yaml_files.py) ---------


def _time_in_context(value: Any, info: ValidationInfo) -> int:
    return parse_time(value, (info.context or {})["tz"])


def _optional_time(value: Any, info: ValidationInfo) -> int | None:
    """A time, or none when the field is empty (`opens_at:` alone)."""
    return None if value is None or value == "" else _time_in_context(value, info)


def mapping(hint: str) -> BeforeValidator:
    """A nested mapping of fields (or nothing); anything else is refused with `hint`."""

    def check(value: Any) -> Any:
        if value is None or value == "":
            return None
        if not isinstance(value, dict):
            raise FieldError(hint)
        return value

    return BeforeValidator(check)


Id = Annotated[str, BeforeValidator(parse_id)]
Time = Annotated[int, BeforeValidator(_time_in_context)]
OptionalTime = Annotated[int | None, BeforeValidator(_optional_time)]
Durations = Annotated[tuple[int, ...], BeforeValidator(parse_durations)]
Bool = Annotated[bool, BeforeValidator(parse_bool)]
Number = Annotated[float, BeforeValidator(lambda value: float(parse_number(value)))]


class Audience(Model):
    """Who a survey or a vote is for: these worksites and/or classifications (none: all)."""

    worksites: Annotated[
        tuple[str, ...], BeforeValidator(lambda value: parse_names(value, "worksites"))
    ] = ()
    classifications: Annotated[
        tuple[str, ...], BeforeValidator(lambda value: parse_names(value, "classifications"))
    ] = ()

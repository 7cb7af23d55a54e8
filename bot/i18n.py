"""Member-facing text: English and Spanish catalogs, with every value HTML-escaped.

Plurals, numbers and dates come from Babel, i.e. from CLDR (the Unicode locale data phones
use): its plural rules pick a form (`one`, `other`, and `many` in Spanish), and its names and
patterns write dates and numbers. Why Babel rather than gettext or Fluent: CLDR plural rules
and date and number formats in one pure-Python package, no .po/.mo compile step, and the
plural forms live in the YAML catalogs we already have (one syntax, one escaping rule).

A catalog value is a template, or a mapping of CLDR plural categories to templates:

    survey.question_count:
      one: "{count} question"
      other: "{count} questions"

chosen by the value named `count` when `t()` renders it (an entry can name another value
with `by: minutes`). Numbers put into any template are written for the reader's locale
(4,000 and 7.5 in both: Spanish uses `es_US`, as Californians write it, not Spain's 4.000
and 7,5), except identifiers (`number`, `id`, `member_id`: "#1234" stays "#1234").
"""

from __future__ import annotations

import html
import re
import string
import time
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

LANGUAGES = ("en", "es")
# The CLDR locale each language is written in: US English, and Spanish as written in the US
# (Mexican-American usage: 4,000 and 7.5, 12-hour times with a.m./p.m.).
LOCALES = {"en": "en_US", "es": "es_US"}
CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's, in CLDR's order
# Placeholders that carry identifiers, written as digits only ("#1234", not "#1,234").
IDENTIFIERS = frozenset({"number", "id", "member_id"})
# Dates a person reads: weekday, day, month and time, the year only when it is not this year.
# U+00A0 keeps "1:37 PM" on one line of a phone's screen.
_DATE_PATTERNS = {
    # (with time, same year), (with time, other year), (date, same year), (date, other year)
    "en": ("EEE MMM d, h:mm\u00a0a", "EEE MMM d, y, h:mm\u00a0a", "EEE MMM d", "EEE MMM d, y"),
    "es": ("EEE d MMM, h:mm\u00a0a", "EEE d MMM y, h:mm\u00a0a", "EEE d MMM", "EEE d MMM y"),
}
Number = int | float | Decimal | Fraction


class Safe(str):
    """Text that is already valid Telegram HTML (built from catalog text), not escaped again."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Plural:
    """A catalog entry with one template per CLDR plural category, chosen by a count."""

    forms: dict[str, str]
    by: str = "count"

    def choose(self, language: str, count: Any) -> str:
        """The form for `count` in `language`; `other` when the entry has no such category."""
        return self.forms.get(plural_category(language, count), self.forms["other"])

    def templates(self) -> list[str]:
        return list(self.forms.values())


Entry = str | Plural


def _entry(where: str, key: str, value: Any) -> Entry:
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        raise TypeError(f"{where}: {key} must be text or plural forms")
    forms = {k: v for k, v in value.items() if k != "by"}
    unknown = set(forms) - set(CATEGORIES)
    if unknown or "other" not in forms or not all(isinstance(v, str) for v in forms.values()):
        raise ValueError(
            f"{where}: {key} needs an `other` form and only CLDR categories "
            f"{', '.join(CATEGORIES)} (and `by:`), got {sorted(value)}"
        )
    return Plural(forms, str(value.get("by", "count")))


@cache
def catalog(language: str) -> dict[str, Entry]:
    """The flat key -> entry catalog for one language: every bot/locales/<lang>/*.yaml.

    Each feature keeps its text in its own file; a key defined twice is a mistake.
    """
    merged: dict[str, Entry] = {}
    folder = resources.files("bot.locales").joinpath(language)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        where = f"{language}/{entry.name}"
        for key, value in (yaml.safe_load(entry.read_text("utf-8")) or {}).items():
            if key in merged:
                raise KeyError(f"{where}: {key} is defined twice")
            merged[key] = _entry(where, key, value)
    return merged


def templates(entry: Entry) -> list[str]:
    """Every template of an entry: itself, or each plural form."""
    return entry.templates() if isinstance(entry, Plural) else [entry]


def placeholders(entry: Entry) -> set[str]:
    """The {names} an entry expects (for plural forms: all forms', and the count's)."""
    if isinstance(entry, Plural):
        return {entry.by}.union(*(placeholders(form) for form in entry.templates()))
    return {name for _, name, _, _ in string.Formatter().parse(entry) if name}


def pick_language(chosen: str | None, telegram_code: str | None, default: str) -> str:
    """The member's own choice, else their Telegram app's language, else the union's default."""
    if chosen in LANGUAGES:
        return chosen
    code = (telegram_code or "").split("-")[0].lower()
    return code if code in LANGUAGES else default


def _language(language: str) -> str:
    return language if language in LANGUAGES else "en"


@cache
def locale(language: str) -> Locale:
    """The Babel locale a language is written in."""
    return Locale.parse(LOCALES[_language(language)])


def plural_category(language: str, count: Any) -> str:
    """CLDR's plural category of `count`: 'one' for 1, 'other' for 0, 2, 7.5; es: 'many'..."""
    if isinstance(count, bool) or not isinstance(count, int | float | Decimal | Fraction):
        raise TypeError(f"a plural needs a number, not {count!r}")
    value = Decimal(str(float(count))) if isinstance(count, Fraction) else count
    return str(locale(language).plural_form(value))


def format_number(language: str, value: Number, *, decimals: int = 3) -> str:
    """4000 -> '4,000', 7.5 -> '7.5' (both languages: es_US), at most `decimals` decimals."""
    if isinstance(value, Fraction):
        value = float(value)
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=locale(language))


def format_percent(language: str, share: Number, *, decimals: int = 0) -> str:
    """0.5 -> '50%'; with decimals=1, 2/3 -> '66.7%' (trailing zeros dropped)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "") + "%"
    return babel_numbers.format_percent(float(share), format=pattern, locale=locale(language))


def share_of(language: str, count: Number, total: Number) -> str:
    """count / total as a whole percentage; '0%' when total is 0."""
    return format_percent(language, 0 if not total else float(count) / float(total))


def format_when(
    language: str,
    moment: float | datetime,
    tz: tzinfo | str,
    *,
    time_of_day: bool = True,
    now: float | datetime | None = None,
) -> str:
    """A date a person reads, in the union's time zone.

    'Tue Dec 1, 1:37 PM' / 'mar 1 dic, 1:37 p.m.'; the year is added when it is not the
    current one ('Fri Jan 1, 2027, 9:00 AM' / 'vie 1 ene 2027, 9:00 a.m.'). `moment` is
    Unix seconds or an aware datetime. Files and the command line keep ISO times.
    """
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    local = (
        moment.astimezone(zone)
        if isinstance(moment, datetime)
        else datetime.fromtimestamp(moment, zone)
    )
    reference = time.time() if now is None else now
    today = (
        reference.astimezone(zone)
        if isinstance(reference, datetime)
        else datetime.fromtimestamp(reference, zone)
    )
    patterns = _DATE_PATTERNS[_language(language)]
    index = (0 if time_of_day else 2) + (0 if local.year == today.year else 1)
    return babel_dates.format_datetime(local, patterns[index], tzinfo=zone, locale=locale(language))


def _value(language: str, name: str, value: Any) -> str:
    if isinstance(value, Safe):
        return value
    if isinstance(value, int | float | Decimal | Fraction) and not isinstance(value, bool):
        text = str(value) if name in IDENTIFIERS else format_number(language, value)
    else:
        text = str(value)
    return html.escape(text, quote=False)


def t(language: str, key: str, **values: Any) -> Safe:
    """Render a catalog entry; every value is escaped unless it is `Safe`.

    A plural entry picks its form by the value it is chosen `by` (default `count`); numbers
    are written for the language's locale.
    """
    language = _language(language)
    entry = catalog(language)[key]
    if isinstance(entry, Plural):
        if entry.by not in values:
            raise KeyError(f"{key} is chosen by {entry.by}=, which was not given")
        entry = entry.choose(language, values[entry.by])
    escaped = {name: _value(language, name, value) for name, value in values.items()}
    return Safe(_one_period(entry, escaped).format(**escaped))


_PERIOD_AFTER = re.compile(r"(\{(\w+)\}(?:</\w+>)*)\.")


def _one_period(template: str, values: dict[str, str]) -> str:
    """A value ending in a period ('1:37 p.m.') ends the sentence too: 'hasta el 1 dic,
    1:37 p.m.', never 'p.m..'. The template's own period after it is dropped."""
    return _PERIOD_AFTER.sub(
        lambda m: m[1] if values.get(m[2], "").endswith(".") else m[0], template
    )

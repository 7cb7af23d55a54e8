"""One rule per kind of field, the same in survey files and vote files (bot/fields.py):
times (DST gaps and repeated hours), durations, booleans, numbers, ids, unknown fields."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from bot.fields import FALSE, TRUE, FieldError, parse_number, parse_time
from bot.surveys.definition import SurveyFileError, parse_survey
from bot.votes.definition import DefinitionError, parse_definition

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2027, 1, 1, tzinfo=LA).timestamp()
# In Los Angeles, 2027-03-14 02:00-03:00 does not happen; 2027-11-07 01:00-02:00 happens twice.
GAP, TWICE = "2027-03-14 02:30", "2027-11-07 01:30"

FIELDS = {
    "opens": "2027-03-01 09:00",
    "closes": "2027-12-01 17:00",
    "reminders": "[24h]",
    "boolean": "true",
    "number": "40",
    "id": "pay-2027",
}
SURVEY = """\
id: {id}
title: Hours
opens_at: {opens}
closes_at: {closes}
reminders: {reminders}
questions:
  - id: hours
    type: number
    text: Hours?
    min: 0
    max: {number}
    optional: {boolean}
"""
VOTE = """\
id: {id}
question: Strike?
opens_at: {opens}
closes_at: {closes}
reminders: {reminders}
show_results: {boolean}
quorum: {number}%
threshold: majority
"""
# Where each kind of field is in each file, and what the survey or vote makes of it.
LINES = {
    "survey": {"id": 1, "opens": 3, "closes": 4, "reminders": 5, "number": 11, "boolean": 12},
    "vote": {"id": 1, "opens": 3, "closes": 4, "reminders": 5, "boolean": 6, "number": 7},
}
NAMES = {
    "survey": {"opens": "opens_at", "reminders": "reminders", "boolean": "optional"},
    "vote": {"opens": "opens_at", "reminders": "reminders", "boolean": "show_results"},
}


def load(kind: str, **changes: str):  # type: ignore[no-untyped-def]
    values = {**FIELDS, **changes}
    if kind == "survey":
        return parse_survey(SURVEY.format(**values), "pay.yaml", LA, NOW)
    return parse_definition(VOTE.format(**values), LA, NOW, "pay.yaml")


def problems(kind: str, **changes: str) -> list[str]:
    error = SurveyFileError if kind == "survey" else DefinitionError
    with pytest.raises(error) as caught:
        load(kind, **changes)
    return caught.value.errors


def kinds():  # type: ignore[no-untyped-def]
    return pytest.mark.parametrize("kind", ["survey", "vote"])


@kinds()
def test_the_files_as_written_load(kind: str) -> None:
    assert load(kind).opens_at == int(datetime(2027, 3, 1, 9, tzinfo=LA).timestamp())


@kinds()
def test_a_time_the_clocks_skip_is_refused_with_its_line(kind: str) -> None:
    assert problems(kind, opens=GAP) == [
        f"pay.yaml line 3: opens_at: '{GAP}' does not exist in America/Los_Angeles: the clocks "
        "go forward then; pick a time an hour later"
    ]


@kinds()
def test_a_time_the_clocks_pass_twice_is_refused_naming_both_offsets(kind: str) -> None:
    assert problems(kind, closes=TWICE) == [
        f"pay.yaml line 4: closes_at: '{TWICE}' happens twice in America/Los_Angeles (the clocks "
        f"go back then); add the offset: '{TWICE}-07:00' for the first, '{TWICE}-08:00' for "
        "the second"
    ]
    first, second = load(kind, closes=f"{TWICE}-07:00"), load(kind, closes=f"{TWICE}-08:00")
    assert second.closes_at - first.closes_at == 3600
    assert first.closes_at == int(datetime.fromisoformat("2027-11-07T08:30Z").timestamp())


def test_an_offset_names_the_instant_exactly() -> None:
    # 01:30 PDT (the first) is 08:30 UTC; 01:30 PST (the second) is 09:30 UTC.
    assert parse_time(f"{TWICE}-07:00", LA) == int(
        datetime.fromisoformat("2027-11-07T08:30Z").timestamp()
    )
    assert parse_time(f"{TWICE}-08:00", LA) == int(
        datetime.fromisoformat("2027-11-07T09:30Z").timestamp()
    )
    assert parse_time("2027-11-07T09:30Z", LA) == parse_time(f"{TWICE}-08:00", LA)


@kinds()
@pytest.mark.parametrize(
    "bad",
    ["next week", "2027-02-30 09:00", "2027-03-01", "03/01/2027 09:00", "2027-03-01 9am"],
)
def test_times_that_are_not_times_are_refused_alike(kind: str, bad: str) -> None:
    [problem] = problems(kind, opens=f"'{bad}'")
    assert problem.startswith(f"pay.yaml line 3: opens_at: '{bad}' is not a")


@kinds()
def test_one_duration_syntax(kind: str) -> None:
    assert load(kind, reminders="[90m, 2h, 3d, 2H]").reminders == (3 * 86400, 7200, 5400)
    for bad in ("soon", "0h", "2w", "1.5h", "1h30m"):
        assert problems(kind, reminders=f"[24h, '{bad}']") == [
            f"pay.yaml line 5: reminders: '{bad}' is not a duration like 90m, 2h or 3d"
        ]


@kinds()
def test_one_set_of_boolean_spellings(kind: str) -> None:
    def value(loaded) -> bool:  # type: ignore[no-untyped-def]
        return loaded.questions[0].optional if kind == "survey" else loaded.show_results

    for spelling in (*TRUE, *(s.upper() for s in TRUE)):
        assert value(load(kind, boolean=spelling)) is True
    for spelling in (*FALSE, "False", "NO"):
        assert value(load(kind, boolean=spelling)) is False
    for bad in ("maybe", "1", "y", "verdad"):
        line, name = LINES[kind]["boolean"], NAMES[kind]["boolean"]
        expected = f"pay.yaml line {line}: "
        expected += f'question "hours": {name}' if kind == "survey" else name
        assert problems(kind, boolean=bad) == [f"{expected}: '{bad}' is not true or false"]


@kinds()
def test_numbers_are_written_one_way(kind: str) -> None:
    def value(loaded) -> object:  # type: ignore[no-untyped-def]
        return loaded.questions[0].max if kind == "survey" else loaded.quorum

    assert value(load(kind, number="40")) == (40 if kind == "survey" else Fraction(2, 5))
    assert value(load(kind, number="12.5")) == (12.5 if kind == "survey" else Fraction(1, 8))
    if kind == "survey":
        assert value(load(kind, number="'1,000'")) == 1000  # a thousand, as members write it
    for bad in ("'1,5'", "1.000", "1e2", "abc"):
        assert problems(kind, number=bad)[0].startswith(f"pay.yaml line {LINES[kind]['number']}:")


@kinds()
def test_one_id_rule(kind: str) -> None:
    assert load(kind, id="a_b-2027").id == "a_b-2027"
    for bad in ("Pay 2027", "-pay", "x" * 33, "pay!", "'pa y'"):
        assert problems(kind, id=bad)[0].startswith(
            f"pay.yaml line 1: id: {bad.strip(chr(39))!r} should be 1-32 lower-case letters, "
            "digits, - or _"
        )


@kinds()
def test_an_unknown_field_is_named_with_its_line(kind: str) -> None:
    text = (SURVEY if kind == "survey" else VOTE).format(**FIELDS)
    text = text.replace("closes_at:", "closez_at:")
    error = SurveyFileError if kind == "survey" else DefinitionError
    with pytest.raises(error) as caught:
        if kind == "survey":
            parse_survey(text, "pay.yaml", LA, NOW)
        else:
            parse_definition(text, LA, NOW, "pay.yaml")
    assert caught.value.errors[:2] == [
        "pay.yaml: closes_at is missing",
        "pay.yaml line 4: unknown field 'closez_at' (did you mean 'closes_at'?)",
    ]


def test_a_question_field_unknown_is_named_with_its_line_too() -> None:
    text = SURVEY.format(**FIELDS).replace("    min: 0", "    minimum: 0")
    with pytest.raises(SurveyFileError) as caught:
        parse_survey(text, "pay.yaml", LA, NOW)
    assert caught.value.errors == [
        'pay.yaml line 7: question "hours": min is missing (numbers need a range)',
        "pay.yaml line 10: question \"hours\": unknown field 'minimum' (did you mean 'min'?)",
    ]


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("1,000", "en", Decimal(1000)),
        ("1,000", "es", Decimal(1000)),
        ("7.5", "es", Decimal("7.5")),
        ("-3", "en", Decimal(-3)),
        ("1,000.25", "es", Decimal("1000.25")),
    ],
)
def test_the_number_rule_is_babels(typed: str, language: str, expected: Decimal) -> None:
    assert parse_number(typed, language) == expected


@pytest.mark.parametrize("typed", ["1,5", "12,34,5", "1.000", "abc", "", "NaN", "Infinity", "1e3"])
def test_the_number_rule_refuses_what_it_cannot_read_for_sure(typed: str) -> None:
    with pytest.raises(FieldError, match=re.escape("is not a number like 7.5 or 1,000")):
        parse_number(typed, "es")

"""Survey logic without Telegram: definitions, conditions, statistics, small-group privacy."""

from __future__ import annotations

import csv
import io
import statistics
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.surveys import flow
from bot.surveys.definition import SurveyFileError, parse_survey
from bot.surveys.disclosure import make_plan
from bot.surveys.render import export_csv, safe_groups
from bot.surveys.tally import Results, build, summarize

TZ = ZoneInfo("America/Los_Angeles")
NOW = 1_900_000_000.0  # 2030
EXAMPLE = Path(__file__).parents[2] / "bot" / "examples" / "surveys" / "workload.yaml"


def example():  # type: ignore[no-untyped-def]
    return parse_survey(EXAMPLE.read_text(), "workload.yaml", TZ, 1_800_000_000)


def test_example_has_every_question_the_issue_asks_for() -> None:
    survey = example()
    assert [q.id for q in survey.questions] == [
        "protected_hours",
        "off_clock_hours",
        "caseload",
        "return_wait",
        "intent_to_leave",
        "leave_reason",
        "seven_hours",
        "comment",
    ]
    assert survey.privacy == "anonymous" and survey.questions[-1].optional
    assert survey.questions[0].unit == {"en": "hours a week", "es": "horas por semana"}


def test_naive_times_are_the_unions_clock() -> None:
    survey = example()
    assert survey.opens_at == 1906646400  # 2030-06-02 09:00 in Los Angeles (PDT, UTC-7)


def test_every_problem_is_reported_with_its_line() -> None:
    text = "id: Bad Id\ntitle: T\ncloses_at: soon\nquestions:\n  - id: a\n    type: text\n"
    with pytest.raises(SurveyFileError) as caught:
        parse_survey(text, "s.yaml", TZ, NOW)
    assert caught.value.errors == [
        "s.yaml line 1: id: 'Bad Id' should be 1-32 lower-case letters, digits, - or _, "
        "like strike-2030",
        "s.yaml line 3: closes_at: 'soon' is not a date and time like 2026-12-01 09:00",
        's.yaml line 5: question "a": text is missing',
    ]


@pytest.mark.parametrize("text", ["", "- a list\n", "id: [\n", "\tid: x\n"])
def test_not_a_survey_at_all(text: str) -> None:
    with pytest.raises(SurveyFileError):
        parse_survey(text, "s.yaml", TZ, NOW)


def test_conditions_show_and_hide_and_counts_follow() -> None:
    survey = example()
    answers: flow.Answers = {"intent_to_leave": 2}
    reason = survey.question("leave_reason")
    assert reason is not None and not flow.shown(reason, answers)
    assert flow.next_position(survey, answers, 4) == 7  # straight to the comment
    assert flow.counter(survey, answers, 7) == (6, 6, True)
    answers["intent_to_leave"] = 4
    assert flow.shown(reason, answers) and flow.counter(survey, answers, 7) == (8, 8, True)
    # Lowering the answer again drops the now-hidden answers before submitting.
    answers.update(leave_reason="pay", intent_to_leave=1)
    assert "leave_reason" not in flow.kept_answers(survey, answers)


def test_the_count_agrees_with_what_this_member_is_asked() -> None:
    """Two questions show only when intent_to_leave is 3 or more: until it is answered, the
    total is "up to 8"; then it is exact, and never grows."""
    survey = example()
    assert flow.question_count(survey) == (8, False)  # "Up to 8 questions"
    assert [flow.counter(survey, {}, p) for p in range(5)] == [(n, 8, False) for n in range(1, 6)]
    # On intent_to_leave itself the total still waits on its answer, even one given before.
    assert flow.counter(survey, {"intent_to_leave": 1}, 4) == (5, 8, False)
    low = {"intent_to_leave": 1}
    assert flow.next_position(survey, low, 4) == 7 and flow.counter(survey, low, 7) == (6, 6, True)
    high = {"intent_to_leave": 5}
    assert [flow.counter(survey, high, p) for p in (5, 6, 7)] == [
        (6, 8, True),
        (7, 8, True),
        (8, 8, True),
    ]


@pytest.mark.parametrize("language", ["en", "es"])  # es_US writes numbers as en_US does
@pytest.mark.parametrize(
    ("question", "typed", "expected"),
    [
        ("protected_hours", "7", 7),
        ("protected_hours", " 7.5 ", 7.5),
        ("protected_hours", "+3", 3),
        ("protected_hours", ".5", 0.5),
        ("caseload", "1,000", 1000),  # a thousand, not 1
        ("caseload", "1000", 1000),
        ("caseload", "1,200", "survey.bad_range"),  # read as 1200 (max 1000), not refused
        ("caseload", "999.0", 999),
        ("protected_hours", "7,5", "survey.bad_number_format"),  # Spain's 7.5: ambiguous
        ("protected_hours", "1,5", "survey.bad_number_format"),
        ("caseload", "12,34,5", "survey.bad_number_format"),
        ("caseload", "1.000", "survey.bad_number_format"),  # Spain's thousand, never 1
        ("protected_hours", "1e3", "survey.bad_number_format"),
        ("protected_hours", "7 8", "survey.bad_number_format"),
        ("protected_hours", "seven", "survey.bad_number"),
        ("protected_hours", "abc", "survey.bad_number"),
        ("protected_hours", "41", "survey.bad_range"),
        ("protected_hours", "-1", "survey.bad_range"),
        ("caseload", "7.5", "survey.bad_integer"),
    ],
)
def test_typed_numbers(question: str, typed: str, expected: object, language: str) -> None:
    asked = example().question(question)
    assert asked is not None
    value = flow.parse_typed(asked, typed, language)
    assert (value.key if isinstance(value, flow.Invalid) else value) == expected
    if isinstance(value, flow.Invalid) and value.key == "survey.bad_number_format":
        assert value.values["typed"] == typed.strip()  # the reply shows what was typed


def test_quartiles_match_the_statistics_module() -> None:
    values = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 34]
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    summary = summarize(counts)
    assert summary is not None
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert (summary.q1, summary.median, summary.q3) == (q1, median, q3)
    assert summary.mean == pytest.approx(statistics.mean(values))


def by_worksite(
    counts: dict[str | None, int], rows: list[tuple[str | None, int, float, int]]
) -> Results:
    """Results by worksite as published: through the disclosure plan of these counts."""
    survey = example()
    cells = {(site, None): n for site, n in counts.items()}
    answered = {2: cells}
    plan = make_plan(cells, answered, range(len(survey.questions)))
    return build("w", survey, "closed", 20, counts, rows, "worksite", plan)


def test_breakdown_merges_small_groups_and_hides_a_lone_group() -> None:
    rows = [("Downey", 2, 30.0, 6), ("Irvine", 2, 40.0, 3), ("Tustin", 2, 50.0, 2)]
    results = by_worksite({"Downey": 6, "Irvine": 3, "Tustin": 2}, rows)
    caseload = results.questions[2]
    assert caseload.groups is not None
    assert {k: v.answered for k, v in caseload.groups.items()} == {"Downey": 6, "Other": 5}
    lone = by_worksite({"Downey": 6, "Irvine": 3}, rows[:2])
    assert lone.questions[2].groups == {}  # Other (3) would fold into Downey: nothing to show


def test_export_generalises_every_worksite_classification_pair() -> None:
    pairs = [("A", "nurse")] * 6 + [("A", "psych")] * 2 + [("B", "nurse")] * 5 + [("C", "x")]
    generalised = safe_groups(pairs)
    counts: dict[tuple[str, str], int] = {}
    for pair in generalised:
        counts[pair] = counts.get(pair, 0) + 1
    assert min(counts.values()) >= 5
    assert ("A", "psych") not in counts and ("C", "x") not in counts


def test_export_without_text_for_non_leaders_and_empty_below_threshold() -> None:
    survey = example()
    results = build("w", survey, "closed", 10, {None: 5}, [], None, make_plan({}, {}, []))
    rows = [(i, "A", "nurse", None, 7, 0.0, f"note {i}") for i in range(5)]
    text = export_csv(results, rows, include_text=False)
    parsed = list(csv.reader(io.StringIO(text)))
    assert "comment" not in parsed[0] and len(parsed) == 6
    assert "note" not in text
    few = export_csv(results, rows[:4], include_text=True)
    assert len(list(csv.reader(io.StringIO(few)))) == 1  # the header only


SMALL = """\
id: s
title: T
closes_at: 2031-01-01 09:00
questions:
  - id: a
    type: single
    text: A?
    options:
      - {id: yes, text: Yes}
      - {id: no, text: No}
  - id: b
    type: text
    text: B?
"""
C = "  - id: c\n    type: text\n    text: C?\n    show_if: "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SMALL.replace("{id: no, text: No}", "{id: no}"),
            ['line 10: question "a": option: text is missing'],
        ),
        (
            SMALL.replace("{id: no, text: No}", "{id: No!, text: No}"),
            ["line 10: question \"a\": option: id: 'No!' should be 1-32 lower-case letters"],
        ),
        (
            SMALL.replace("{id: no, text: No}", "{id: yes, text: No}"),
            ['line 10: question "a": option "yes" is given twice'],
        ),
        (
            SMALL + C + "{question: b, equals: x}\n",
            ['line 17: question "c": show_if: cannot depend on a free-text'],
        ),
        (
            SMALL + C + "{question: a, equal: yes}\n",
            [
                "line 17: question \"c\": show_if: unknown field 'equal' (did you mean 'equals'?)",
                'line 17: question "c": show_if: needs equals, in, min or max',
            ],
        ),
        (SMALL + C + "{equals: yes}\n", ['line 17: question "c": show_if: question is missing']),
        (
            SMALL + C + "{question: a, in: [yes, maybe]}\n",
            ['question "c": show_if: "a" has no option "maybe"'],
        ),
        (
            SMALL + C + "{question: a, in: yes, min: 1}\n",
            ["show_if: min and max only apply to numbers"],
        ),
        (
            SMALL + "    options: [x, y]\n",
            ['line 14: question "b": options does not apply to a text question'],
        ),
        (
            SMALL.replace("  - id: b", "  - id: a"),
            ['line 11: question "a": id is used twice (first on line 5)'],
        ),
        (
            SMALL + "    max_length: 5000\n",
            ['line 14: question "b": max_length should be a whole number'],
        ),
        (
            SMALL + "    optional: maybe\n",
            ["line 14: question \"b\": optional: 'maybe' is not true or false"],
        ),
        (SMALL + "  - just text\n", ["line 14: question 3: should be fields like 'id: ...'"]),
        (
            SMALL + "  - {id: c, type: scale, text: 'C?', min: 0.5}\n",
            ['line 14: question "c": a scale\'s min and max'],
        ),
    ],
)
def test_question_problems_name_the_question_and_line(text: str, expected: list[str]) -> None:
    with pytest.raises(SurveyFileError) as caught:
        parse_survey(text, "s.yaml", TZ, 0)
    assert len(caught.value.errors) == len(expected)
    for error, start in zip(caught.value.errors, expected, strict=True):
        assert start in error and error.startswith("s.yaml line ")


def test_the_small_survey_loads_with_its_defaults() -> None:
    survey = parse_survey(
        SMALL + "  - {id: c, type: scale, text: 'C?', min: 0, max: 10}\n", "s.yaml", TZ, 0
    )
    assert [q.id for q in survey.questions] == ["a", "b", "c"]
    assert [o.id for o in survey.questions[0].options] == ["yes", "no"]
    assert (survey.questions[2].min, survey.questions[2].max) == (0, 10)
    assert survey.questions[1].max_length == 500 and not survey.questions[1].optional

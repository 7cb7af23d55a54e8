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
    assert flow.counter(survey, answers, 7) == (6, 6)
    answers["intent_to_leave"] = 4
    assert flow.shown(reason, answers) and flow.counter(survey, answers, 7) == (8, 8)
    # Lowering the answer again drops the now-hidden answers before submitting.
    answers.update(leave_reason="pay", intent_to_leave=1)
    assert "leave_reason" not in flow.kept_answers(survey, answers)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7", 7),
        (" 7,5 ", 7.5),
        ("+3", 3),
        (".5", 0.5),
        ("seven", "survey.bad_number"),
        ("41", "survey.bad_range"),
        ("-1", "survey.bad_range"),
        ("7 8", "survey.bad_number"),
    ],
)
def test_typed_numbers(typed: str, expected: object) -> None:
    question = example().questions[0]
    value = flow.parse_typed(question, typed)
    assert (value.key if isinstance(value, flow.Invalid) else value) == expected


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

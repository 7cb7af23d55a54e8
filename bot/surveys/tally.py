"""Tallies from (group, question, value, count) rows: counts, statistics, small-group merging.

Every number published describes at least MIN_GROUP responses: a question with fewer
answers shows nothing, and breakdown groups under the threshold are merged into "Other".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from bot.privacy import MIN_GROUP, merge_small_groups
from bot.surveys.model import Question, Survey

# A marker row per response for multiple-choice questions: how many people answered.
ANSWERED = -1.0


@dataclass(slots=True)
class Tally:
    """One question's answers in one group: value -> count, and how many people answered."""

    answered: int = 0
    counts: dict[float, int] = field(default_factory=dict)

    def add(self, value: float, count: int, multiple: bool) -> None:
        if value == ANSWERED:
            self.answered += count
            return
        self.counts[value] = self.counts.get(value, 0) + count
        if not multiple:
            self.answered += count

    def merged(self, other: Tally) -> Tally:
        counts = dict(self.counts)
        for value, count in other.counts.items():
            counts[value] = counts.get(value, 0) + count
        return Tally(self.answered + other.answered, counts)

    @property
    def shown(self) -> bool:
        """Enough answers to publish anything."""
        return self.answered >= MIN_GROUP


@dataclass(frozen=True, slots=True)
class Summary:
    n: int
    mean: float
    median: float
    q1: float
    q3: float
    low: float
    high: float


def summarize(counts: dict[float, int]) -> Summary | None:
    """Mean, quartiles (linear interpolation, like numpy's default) and range."""
    n = sum(counts.values())
    if n == 0:
        return None
    values = sorted(counts)
    mean = sum(v * c for v, c in counts.items()) / n

    def at(rank: int) -> float:
        seen = 0
        for value in values:
            seen += counts[value]
            if rank < seen:
                return value
        return values[-1]

    def quantile(p: float) -> float:
        h = (n - 1) * p
        below = math.floor(h)
        low, high = at(below), at(min(below + 1, n - 1))
        return low + (high - low) * (h - below)

    return Summary(n, mean, quantile(0.5), quantile(0.25), quantile(0.75), values[0], values[-1])


@dataclass(slots=True)
class QuestionTally:
    question: Question
    overall: Tally
    groups: dict[str, Tally] | None = None  # None: no breakdown asked; {}: suppressed


@dataclass(slots=True)
class Results:
    """What anyone may see of one survey, small groups already merged or hidden."""

    slug: str
    survey: Survey
    state: str
    responses: int
    audience: int
    by: str | None = None
    group_responses: dict[str, int] = field(default_factory=dict)
    questions: list[QuestionTally] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.responses >= MIN_GROUP

    @property
    def rate(self) -> float:
        return self.responses / self.audience if self.audience else 0.0


def build(
    slug: str,
    survey: Survey,
    state: str,
    audience: int,
    response_counts: dict[str | None, int],
    rows: list[tuple[str | None, int, float, int]],
    by: str | None,
) -> Results:
    """Turn grouped counts into per-question tallies with small groups merged."""
    responses = sum(response_counts.values())
    results = Results(slug, survey, state, responses, audience, by)
    per_question: list[dict[str | None, Tally]] = [{} for _ in survey.questions]
    for group, index, value, count in rows:
        if 0 <= index < len(survey.questions):
            question = survey.questions[index]
            tally = per_question[index].setdefault(group, Tally())
            tally.add(value, count, question.type == "multiple")
    if by is not None:
        merged_counts = merge_small_groups(response_counts, lambda n: n, lambda a, b: a + b)
        results.group_responses = merged_counts if len(merged_counts) >= 2 else {}
    for question, groups in zip(survey.questions, per_question, strict=True):
        overall = Tally()
        for tally in groups.values():
            overall = overall.merged(tally)
        entry = QuestionTally(question, overall)
        if by is not None:
            merged = merge_small_groups(groups, lambda t: t.answered, Tally.merged)
            # One group left is the total again; none means too few: either way, hide it.
            entry.groups = merged if len(merged) >= 2 else {}
        results.questions.append(entry)
    return results

"""Tallies from (group, question, value, count) rows: counts, statistics, small-group merging.

Every number published describes at least MIN_GROUP responses: a question with fewer
answers shows nothing, and breakdown groups are those of the survey's disclosure plan
(bot.surveys.disclosure), so that no combination of figures isolates a small group.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from bot.privacy import MIN_GROUP
from bot.surveys.disclosure import Plan
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
    withheld: bool = False  # nothing of this question may be shown in this scope


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
    sealed: bool = False  # still open: only the response count is known
    withheld: bool = False  # this scope (a steward's worksites) is not published separately
    hidden_groups: int = 0  # the audience's groups (worksites...) not named in the breakdown

    @property
    def shown(self) -> bool:
        return self.responses >= MIN_GROUP and not self.sealed and not self.withheld

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
    plan: Plan,
    scoped: bool = False,
) -> Results:
    """Turn grouped counts into per-question tallies, grouped as the disclosure `plan` says.

    Raw names map to the plan's published groups, and a question's breakdown is shown only
    where the plan allows it; `scoped` results (a steward's worksite groups, not
    everything) show a question only where its worksite breakdown is published, since the
    scope is a sum of those groups.
    """
    mapping = plan.mapping(by) if by else None
    # A steward's scope is split only by its worksite groups; by classification it would
    # publish cells of the cross-tab.
    breakdown = by is not None and mapping is not None and not (scoped and by != "worksite")

    def name(raw: str | None) -> str | None:
        return (mapping.get(raw) if mapping else None) if breakdown else None

    responses = sum(response_counts.values())
    results = Results(slug, survey, state, responses, audience, by)
    if breakdown:
        grouped: dict[str, int] = {}
        for raw, n in response_counts.items():
            key = name(raw) or "?"
            grouped[key] = grouped.get(key, 0) + n
        results.group_responses = grouped if len(grouped) >= 2 else {}
    per_question: list[dict[str | None, Tally]] = [{} for _ in survey.questions]
    for group, index, value, count in rows:
        if 0 <= index < len(survey.questions):
            question = survey.questions[index]
            tally = per_question[index].setdefault(name(group), Tally())
            tally.add(value, count, question.type == "multiple")
    for index, (question, groups) in enumerate(zip(survey.questions, per_question, strict=True)):
        overall = Tally()
        for tally in groups.values():
            overall = overall.merged(tally)
        entry = QuestionTally(question, overall)
        entry.withheld = scoped and not plan.shown(index, "worksite")
        if by is not None:
            allowed = breakdown and plan.shown(index, by) and not entry.withheld
            named = {g: t for g, t in groups.items() if g is not None}
            entry.groups = named if allowed and len(named) >= 2 else {}
        results.questions.append(entry)
    return results

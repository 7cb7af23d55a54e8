"""Scoring the FAQ against test questions: `unionbot faq eval` and benchmarks/faq_quality.py.

A questions file is a YAML list of `{q: "question text", id: expected-entry-id}`; `id: null`
means the FAQ should not answer it ("I don't know yet").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from bot.faq.service import FaqService
from bot.yaml_files import compose_yaml


class QuestionsFileError(ValueError):
    """The questions file cannot be used; the message names the line."""


@dataclass(frozen=True, slots=True)
class Case:
    question: str
    expected: str | None
    line: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one question got."""

    question: str
    expected: str | None
    kind: str  # answer | suggest | unknown
    offered: str | None  # the answer, or the first suggestion
    ranked_first: str | None  # the best-ranked entry, whatever the decision
    confidence: float

    @property
    def correct(self) -> bool:
        if self.expected is None:
            return self.kind == "unknown"
        return self.offered == self.expected


@dataclass(frozen=True, slots=True)
class Report:
    """Figures over a set of questions (see docs/faq.md for their meaning)."""

    outcomes: tuple[Outcome, ...]

    @property
    def answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.expected is not None]

    @property
    def out_of_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.expected is None]

    def _share(self, hits: int, total: int) -> float:
        return hits / total if total else 0.0

    @property
    def top1(self) -> float:
        """Answerable questions whose answer or first suggestion is the right entry."""
        return self._share(sum(o.correct for o in self.answerable), len(self.answerable))

    @property
    def ranked_first(self) -> float:
        """Answerable questions whose best-ranked entry is right (even if not offered)."""
        hits = sum(o.ranked_first == o.expected for o in self.answerable)
        return self._share(hits, len(self.answerable))

    @property
    def answered_correctly(self) -> float:
        """Answerable questions answered outright with the right entry."""
        hits = sum(o.kind == "answer" and o.correct for o in self.answerable)
        return self._share(hits, len(self.answerable))

    @property
    def wrong_answers(self) -> int:
        """Questions answered outright with the wrong entry (the worst outcome)."""
        return sum(o.kind == "answer" and o.offered != o.expected for o in self.outcomes)

    @property
    def unknown_correct(self) -> float:
        """Out-of-scope questions that got "I don't know yet"."""
        hits = sum(o.kind == "unknown" for o in self.out_of_scope)
        return self._share(hits, len(self.out_of_scope))

    @property
    def not_answered(self) -> float:
        """Out-of-scope questions not answered outright (unknown or only suggestions)."""
        hits = sum(o.kind != "answer" for o in self.out_of_scope)
        return self._share(hits, len(self.out_of_scope))

    def summary(self) -> dict[str, float | int]:
        return {
            "questions": len(self.outcomes),
            "answerable": len(self.answerable),
            "out_of_scope": len(self.out_of_scope),
            "top1": round(self.top1, 4),
            "ranked_first": round(self.ranked_first, 4),
            "answered_correctly": round(self.answered_correctly, 4),
            "wrong_answers": self.wrong_answers,
            "unknown_correct": round(self.unknown_correct, 4),
            "not_answered": round(self.not_answered, 4),
        }

    def as_dict(self) -> dict[str, object]:
        return {"summary": self.summary(), "outcomes": [asdict(o) for o in self.outcomes]}


def load_questions(path: Path | str) -> list[Case]:
    """Read a questions file: a YAML list of {q, id}."""
    path = Path(path)
    try:
        root = compose_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuestionsFileError(f"{path}: no such file") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" line {mark.line + 1}" if mark else ""
        raise QuestionsFileError(f"{path.name}{where}: not valid YAML ({exc.problem})") from None
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        raise QuestionsFileError(f"{path.name}: should be a list of {{q: ..., id: ...}} items")
    cases = []
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise QuestionsFileError(f"{path.name} line {line}: each item needs q and id")
        fields = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        unknown = sorted(set(fields) - {"q", "id"})
        if unknown:
            raise QuestionsFileError(
                f'{path.name} line {line}: unknown field "{unknown[0]}" (use q and id)'
            )
        q, expected = fields.get("q"), fields.get("id")
        if not isinstance(q, yaml.ScalarNode) or not q.value.strip():
            raise QuestionsFileError(f"{path.name} line {line}: item has no q (question text)")
        if expected is None or not isinstance(expected, yaml.ScalarNode):
            raise QuestionsFileError(
                f"{path.name} line {line}: item has no id (use id: null for out-of-scope)"
            )
        is_null = expected.tag.endswith(":null") or expected.value in ("", "~", "null")
        cases.append(Case(q.value, None if is_null else expected.value, line))
    return cases


async def evaluate(service: FaqService, cases: Sequence[Case]) -> Report:
    """Ask every question as a member would and record what they would get."""
    outcomes = []
    for case in cases:
        decision = await service.ask(case.question)
        answer = decision.answer
        offered = answer.entry_id or (answer.suggestions[0] if answer.suggestions else None)
        best = answer.candidates[0] if answer.candidates else None
        outcomes.append(
            Outcome(
                question=case.question,
                expected=case.expected,
                kind=answer.kind,
                offered=offered,
                ranked_first=best.entry_id if best else None,
                confidence=round(best.confidence, 4) if best else 0.0,
            )
        )
    return Report(tuple(outcomes))


async def evaluate_baseline(service: FaqService, cases: Sequence[Case]) -> Report:
    """Plain BM25 over raw question, answer and tags: answers its top hit, if any."""
    outcomes = []
    for case in cases:
        hits = await service.baseline(case.question)
        top = hits[0][0] if hits else None
        outcomes.append(
            Outcome(
                question=case.question,
                expected=case.expected,
                kind="answer" if top else "unknown",
                offered=top,
                ranked_first=top,
                confidence=round(hits[0][1], 4) if hits else 0.0,
            )
        )
    return Report(tuple(outcomes))

"""Ranking and the decision: answer, suggest a few entries, or say "I don't know yet".

FTS5's BM25 (over concept terms, title weighted above body) finds and orders the
candidates. The decision then asks a plainer question BM25 cannot answer on its own: how
much of what the member asked does the best entry cover? Each meaningful word or phrase of
the question (a unit) weighs its inverse document frequency; a word the FAQ has never seen
weighs the most, because an unknown word ("cafeteria", "wifi") is the best sign that the
question is about something the FAQ does not cover.

Thresholds (on `confidence`, 0..1, see `Candidate.confidence`):

* ANSWER_AT = 0.62: the best entry is given as the answer if its confidence reaches this,
  it covers at least part of the question in its title (question, alternates, tags, id),
  and no runner-up is within MARGIN of it;
* SUGGEST_AT = 0.37: otherwise entries at or above this are offered as suggestions
  (up to MAX_SUGGESTIONS), best first;
* below that: unknown.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.faq.text import Unit

ANSWER_AT = 0.62
SUGGEST_AT = 0.37
MARGIN = 0.06
MAX_SUGGESTIONS = 3
MIN_TITLE_COVERAGE = 0.2
TITLE_SHARE = 0.5  # confidence = TITLE_SHARE * title coverage + rest * overall coverage
PARTIAL_CREDIT = 0.5  # a phrase whose concept is missing but some of whose words are there
LANGUAGE_BONUS = 0.1  # ranking preference for entries in the question's language
CORRECTED_WEIGHT = 0.8  # a typo-corrected word counts a little less than a typed one

Kind = Literal["answer", "suggest", "unknown"]


@dataclass(frozen=True, slots=True)
class EntryTerms:
    """The terms of one entry, as indexed."""

    title: frozenset[str]
    body: frozenset[str]
    language: str = "en"


@dataclass(slots=True)
class IndexStats:
    """Document frequencies over the whole FAQ, for weighing a question's words."""

    entries: dict[str, EntryTerms] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, EntryTerms]]) -> IndexStats:
        stats = cls()
        for entry_id, terms in entries:
            stats.entries[entry_id] = terms
            stats.df.update(terms.title | terms.body)
        return stats

    @property
    def size(self) -> int:
        return len(self.entries)

    def idf(self, df: int) -> float:
        n = self.size
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def unit_weight(self, unit: Unit) -> float:
        """The rarest known term of the unit; an unknown unit weighs most."""
        known = [self.df[t] for t in unit.all_terms if self.df.get(t)]
        if not known and unit.text.isdigit():
            return 0.0  # a number the FAQ never mentions ("hired in 2019") says little
        weight = self.idf(min(known)) if known else self.idf(0)
        return weight * (CORRECTED_WEIGHT if unit.corrected else 1.0)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked entry with the figures behind the decision."""

    entry_id: str
    bm25: float  # FTS5 relevance (-bm25), higher is better
    coverage: float  # share of the question's weight found anywhere in the entry
    title_coverage: float  # share found in the entry's title (question, alternates, tags)
    language: str = "en"  # the entry's language

    @property
    def confidence(self) -> float:
        return TITLE_SHARE * self.title_coverage + (1 - TITLE_SHARE) * self.coverage


@dataclass(frozen=True, slots=True)
class Answer:
    """What a member asking this question gets."""

    kind: Kind
    entry_id: str | None  # the answer when kind == "answer"
    candidates: tuple[Candidate, ...] = ()  # best first; suggestions are the first few

    @property
    def suggestions(self) -> list[str]:
        if self.kind != "suggest":
            return []
        return [c.entry_id for c in self.candidates[:MAX_SUGGESTIONS] if c.confidence >= SUGGEST_AT]

    @property
    def scores(self) -> list[tuple[str, float]]:
        """(entry id, confidence) pairs, best first."""
        return [(c.entry_id, round(c.confidence, 3)) for c in self.candidates]


def score_candidates(
    units: Sequence[Unit],
    hits: Sequence[tuple[str, float]],
    stats: IndexStats,
    language: str = "en",
) -> list[Candidate]:
    """Coverage of the question by each FTS hit, ranked by confidence then BM25.

    Entries in the question's language get LANGUAGE_BONUS in the ordering (not in their
    confidence), so a Spanish question gets the Spanish twin of an English entry.
    """
    weights = [stats.unit_weight(u) for u in units]
    total = sum(weights)
    candidates = []
    for entry_id, bm25 in hits:
        terms = stats.entries.get(entry_id)
        if terms is None or total <= 0:
            continue
        everywhere = terms.title | terms.body
        covered = sum(w * _covers(u, everywhere) for u, w in zip(units, weights, strict=True))
        in_title = sum(w * _covers(u, terms.title) for u, w in zip(units, weights, strict=True))
        candidates.append(
            Candidate(entry_id, bm25, covered / total, in_title / total, terms.language)
        )

    def rank(c: Candidate) -> tuple[float, float]:
        bonus = LANGUAGE_BONUS if c.language == language else 0.0
        return (-round(c.confidence + bonus, 2), -c.bm25)

    candidates.sort(key=rank)
    return candidates


def _covers(unit: Unit, terms: frozenset[str]) -> float:
    if not terms.isdisjoint(unit.terms):
        return 1.0
    if unit.partial and not terms.isdisjoint(unit.partial):
        return PARTIAL_CREDIT
    return 0.0


def decide(candidates: Sequence[Candidate]) -> Answer:
    """Answer, suggest or admit not knowing, from ranked candidates."""
    ranked = tuple(candidates)
    if not ranked or ranked[0].confidence < SUGGEST_AT or ranked[0].title_coverage <= 0:
        return Answer("unknown", None, ranked)
    best = ranked[0]
    # An entry in the other language is most likely the same answer translated, not a
    # competing one: only entries in the best one's language make it a close call.
    rivals = [c.confidence for c in ranked[1:] if c.language == best.language]
    runner_up = rivals[0] if rivals else 0.0
    if (
        best.confidence >= ANSWER_AT
        and best.title_coverage >= MIN_TITLE_COVERAGE
        and best.confidence - runner_up >= MARGIN
    ):
        return Answer("answer", best.entry_id, ranked)
    return Answer("suggest", None, ranked)

"""Ranking and the decision: answer, suggest a few entries, or say "I don't know yet".

BM25 (over concept terms, title weighted above body, plus the question's raw words; the
in-memory `Bm25Index`, the same scores as FTS5's bm25()) finds the candidates. Each
candidate then gets these figures:

* `coverage`: the share of the question's weight found anywhere in the entry, where each
  meaningful word or phrase (a unit) weighs its inverse document frequency and a word the
  FAQ has never seen weighs the most (an unknown word, "cafeteria", "wifi", is the best sign
  the question is about something the FAQ does not cover). For an entry in the other
  language, a Spanish word no dictionary or concept carries into English (`Unit.bridged`)
  leaves the question's weight unless the entry says it anyway;
* `title_coverage`: the same share found in the entry's title (id, question, alternates,
  tags): the title says what an entry is about, the answer mentions many things in passing;
* `bm25_rel`: its BM25 relative to the best hit in its language (1.0 for the best);
* `phrasings`: per phrasing (the question, each alternate) the share of the question it
  covers and the share of it the question says (reverse coverage); a linked alternate
  counts only when the question says ALTERNATE_MIN_REVERSE of it;
* `covers_focus`: whether it covers the question's heaviest unit.

`score` mixes them (`Params.title_share`, `Params.bm25_share`) and orders the candidates;
entries in the question's language get `Params.language_bonus` in the ordering only.

The decision (`decide`) serves a member on a phone:

* **answer** outright only when the best score reaches `answer_at`, its title covers some of
  the question, it covers the question's heaviest unit, and no other entry (in either
  language, its own translation aside) is within `margin`: a wrong answer stated with
  confidence is the worst outcome;
* otherwise **suggest** the best few (up to MAX_SUGGESTIONS) as buttons whenever the best
  score reaches `suggest_at`: one tap on the right one is nearly as good as an answer;
* **unknown** ("I don't know yet") only when nothing reaches `suggest_at`.

Of a translated pair (`translates` in the FAQ file) the member is answered or offered the
entry in their own language, and a pair takes one suggestion, not two.

The values in DEFAULT_PARAMS are not hand-set: `bot.faq.evaluation.tune` picks them by
grid search on the tuning question sets, and `benchmarks/faq_quality.py` reports them on
sets kept aside from the tuning (benchmarks/README.md says which set tuned which).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from bot.faq.text import Unit

MAX_SUGGESTIONS = 3
MIN_TITLE_COVERAGE = 0.2  # an outright answer must be about the question, not mention it
PARTIAL_CREDIT = 0.5  # a phrase whose concept is missing but some of whose words are there
CORRECTED_WEIGHT = 0.8  # a typo-corrected word counts a little less than a typed one
# A linked alternate (a member's own wording) stands for its entry only when a new question
# says at least this share of what the alternate says (by weight): a long, chatty wording
# otherwise covers every question that shares a few of its words.
ALTERNATE_MIN_REVERSE = 0.5

Kind = Literal["answer", "suggest", "unknown"]


@dataclass(frozen=True, slots=True)
class Params:
    """How candidates are scored and when the bot answers, suggests or does not know."""

    title_share: float = 0.5  # confidence = title_share * title coverage + rest * coverage
    bm25_share: float = 0.3  # score = bm25_share * bm25_rel + rest * confidence
    language_bonus: float = 0.1  # ordering preference for the question's language
    # title match of a phrasing = (1 - reverse_share) * the share of the question it covers
    #                             + reverse_share * the share of the phrasing the question says
    reverse_share: float = 0.0
    answer_at: float = 0.7
    margin: float = 0.1
    suggest_at: float = 0.05

    def with_(self, **changes: float) -> Params:
        return replace(self, **changes)


# Tuned on the three tuning sets together (shared/data/faq: the clinicians and the
# educators; benchmarks/data/faq/janitors), as `benchmarks/faq_quality.py --held-out ...`
# prints them; reported on the kept-aside sets in benchmarks/data/faq/, never tuned on.
# suggest_at (a low floor: suggest whenever anything plausible ranks) is a rule by
# design, not tuned.
DEFAULT_PARAMS = Params(
    title_share=0.5,
    bm25_share=0.3,
    language_bonus=0.05,
    reverse_share=0.5,
    answer_at=0.65,
    margin=0.2,
    suggest_at=0.05,
)


@dataclass(frozen=True, slots=True)
class EntryTerms:
    """The terms of one entry, as indexed."""

    title: frozenset[str]
    body: frozenset[str]
    language: str = "en"
    phrasings: tuple[frozenset[str], ...] = ()  # per question/alternate; () = title only
    phrasing_units: tuple[tuple[Unit, ...], ...] = ()  # the same phrasings' own units
    translation: str | None = None  # the id of the same entry in the other language


# Per unit of a phrasing: its terms, its partial terms, its weight.
PhrasingWeights = tuple[tuple[frozenset[str], frozenset[str], float], ...]


@dataclass(slots=True)
class IndexStats:
    """Document frequencies over the whole FAQ, for weighing a question's words."""

    entries: dict[str, EntryTerms] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)
    # Per entry, per phrasing: (terms, partial terms, weight) of each of its units.
    phrasing_weights: dict[str, tuple[PhrasingWeights, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, EntryTerms]]) -> IndexStats:
        stats = cls()
        for entry_id, terms in entries:
            stats.entries[entry_id] = terms
            stats.df.update(terms.title | terms.body)
        for entry_id, terms in stats.entries.items():
            stats.phrasing_weights[entry_id] = tuple(
                tuple(
                    (frozenset(u.terms), frozenset(u.partial), stats.unit_weight(u)) for u in units
                )
                for units in terms.phrasing_units
            )
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


# BM25 constants, as FTS5's bm25() uses them.
BM25_K1 = 1.2
BM25_B = 0.75


class Bm25Index:
    """BM25 over weighted fields, in memory: what FTS5's bm25() with column weights computes.

    Built once per reload from the entries' analyzed terms (and their raw question words),
    so a question costs one dictionary walk over its terms' postings instead of an FTS5
    query (a database round trip through another thread). Each field is a bag of terms
    with a weight; an entry's weighted term frequency is the weighted sum over its fields,
    the length normalisation uses the entry's total length across fields, and every
    (term, entry) contribution is precomputed, so ranking is a sum of stored floats.

    Fields are named "kind:term" keys, e.g. analyzed terms under "t:" and raw question
    words under "r:", so one word can count as a concept term and as a raw word.
    """

    __slots__ = ("_contributions", "_ids", "size")

    def __init__(
        self, docs: Iterable[tuple[str, Sequence[tuple[Iterable[str], float]], int]]
    ) -> None:
        """`docs`: (entry id, [(field terms, weight), ...], length in tokens) in file order."""
        weighted: list[tuple[str, Counter[str], int]] = []
        for entry_id, fields, length in docs:
            tf: Counter[str] = Counter()
            for terms, weight in fields:
                if weight:
                    for term in terms:
                        tf[term] += weight
            weighted.append((entry_id, tf, length))
        self.size = len(weighted)
        self._ids = [entry_id for entry_id, _, _ in weighted]
        df: Counter[str] = Counter()
        for _, tf, _ in weighted:
            df.update(tf.keys())
        average = sum(length for _, _, length in weighted) / self.size if self.size else 1.0
        n = self.size
        # term -> [(entry position, its BM25 contribution)]
        self._contributions: dict[str, list[tuple[int, float]]] = {}
        for position, (_, tf, length) in enumerate(weighted):
            norm = BM25_K1 * (1 - BM25_B + BM25_B * length / (average or 1.0))
            for term, f in tf.items():
                idf = max(math.log((n - df[term] + 0.5) / (df[term] + 0.5)), 1e-6)
                score = idf * f * (BM25_K1 + 1) / (f + norm)
                self._contributions.setdefault(term, []).append((position, score))

    def search(self, terms: Iterable[str], limit: int) -> list[tuple[str, float]]:
        """The `limit` best entries for the query terms: (entry id, BM25), best first."""
        totals: dict[int, float] = {}
        get = totals.get
        for term in set(terms):
            for position, score in self._contributions.get(term, ()):
                totals[position] = get(position, 0.0) + score
        # Best score first; equal scores in file order.
        best = heapq.nsmallest(limit, totals.items(), key=lambda hit: (-hit[1], hit[0]))
        return [(self._ids[position], score) for position, score in best]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entry with the figures behind its place and the decision."""

    entry_id: str
    bm25: float  # FTS relevance (-bm25), higher is better
    coverage: float  # share of the question's weight found anywhere in the entry
    title_coverage: float  # share found in the entry's title (question, alternates, tags)
    language: str = "en"  # the entry's language
    bm25_rel: float = 0.0  # bm25 / the best bm25 among hits in its language
    score: float = 0.0  # set by `rank`
    # Per phrasing that counts: (share of the question it covers, share of it the question
    # says). Empty: title_coverage alone.
    phrasings: tuple[tuple[float, float], ...] = ()
    # Whether the entry covers (fully) one of the question's heaviest units: the rarest
    # word of a question, often one the FAQ has never seen, is what it is about.
    covers_focus: bool = True
    translation: str | None = None  # the id of the same entry in the other language

    def title_match(self, params: Params = DEFAULT_PARAMS) -> float:
        """The best phrasing's match, both ways (Params.reverse_share)."""
        if not self.phrasings:
            return self.title_coverage
        r = params.reverse_share
        return max((1 - r) * forward + r * reverse for forward, reverse in self.phrasings)

    def confidence(self, params: Params = DEFAULT_PARAMS) -> float:
        share = params.title_share
        return share * self.title_match(params) + (1 - share) * self.coverage

    def scored(self, params: Params) -> Candidate:
        score = params.bm25_share * self.bm25_rel + (1 - params.bm25_share) * self.confidence(
            params
        )
        return replace(self, score=score)


@dataclass(frozen=True, slots=True)
class Answer:
    """What a member asking this question gets."""

    kind: Kind
    entry_id: str | None  # the answer when kind == "answer"
    candidates: tuple[Candidate, ...] = ()  # best first
    suggestions: tuple[str, ...] = ()  # entry ids offered as buttons when kind == "suggest"

    @property
    def shown(self) -> tuple[str, ...]:
        """Every entry the member sees: the answer, or the suggestions."""
        return (self.entry_id,) if self.entry_id else self.suggestions

    @property
    def scores(self) -> list[tuple[str, float]]:
        """(entry id, score) pairs, best first."""
        return [(c.entry_id, round(c.score, 3)) for c in self.candidates]


def measure_candidates(
    units: Sequence[Unit],
    hits: Sequence[tuple[str, float]],
    stats: IndexStats,
    language: str = "en",
) -> list[Candidate]:
    """The coverage figures of each FTS hit (unscored, in hit order) for a question in
    `language`."""
    weights = [stats.unit_weight(u) for u in units]
    total = sum(weights)
    # A Spanish word no dictionary carries into English cannot meet an English entry: for
    # an entry in the other language it leaves the question's weight unless the entry says
    # it anyway (Spanglish). Otherwise a Spanish entry wins on "semana" or "quincena" alone.
    stranded = [i for i, u in enumerate(units) if not u.bridged]
    asked = frozenset(t for u in units for t in u.all_terms)
    top = max(weights, default=0.0)
    heaviest = [i for i, w in enumerate(weights) if w >= top - 1e-9]
    # BM25 is compared within each language: a question matches entries in its own
    # language on every surface word and function word, entries in the other language
    # only through translated concepts, so one scale would always favour the former.
    best_bm25: dict[str, float] = {}
    for entry_id, score in hits:
        terms = stats.entries.get(entry_id)
        if terms is not None:
            best_bm25[terms.language] = max(best_bm25.get(terms.language, 0.0), score)
    candidates = []
    for entry_id, bm25 in hits:
        terms = stats.entries.get(entry_id)
        if terms is None or total <= 0:
            continue
        own = stats.phrasing_weights.get(entry_id, ())
        phrasings: list[tuple[float, float]] = []
        everywhere = terms.body
        title_sets = terms.phrasings or (terms.title,)
        for i, phrasing in enumerate(title_sets):
            reverse = _said(own[i], asked) if i < len(own) else 1.0
            if i > 0 and reverse < ALTERNATE_MIN_REVERSE:
                continue  # a linked wording the question does not say enough of
            forward = sum(w * _covers(u, phrasing) for u, w in zip(units, weights, strict=True))
            phrasings.append((forward, reverse))
            everywhere = everywhere | phrasing
        covered = sum(w * _covers(u, everywhere) for u, w in zip(units, weights, strict=True))
        reach = total
        if terms.language != language:
            reach -= sum(weights[i] for i in stranded if not _covers(units[i], everywhere))
        reach = reach or total  # nothing within reach: nothing covered either
        phrasings = [(forward / reach, reverse) for forward, reverse in phrasings]
        focus = any(_covers(units[i], everywhere) == 1.0 for i in heaviest)
        in_title = max((forward for forward, _ in phrasings), default=0.0)
        best = best_bm25.get(terms.language, 0.0)
        relative = bm25 / best if best > 0 else 0.0
        candidates.append(
            Candidate(
                entry_id,
                bm25,
                covered / reach,
                in_title,
                terms.language,
                relative,
                phrasings=tuple(phrasings) if own else (),
                covers_focus=focus,
                translation=terms.translation,
            )
        )
    return candidates


def _said(phrasing: PhrasingWeights, asked: frozenset[str]) -> float:
    """The share of a phrasing's weight that the question says too (reverse coverage)."""
    total = sum(w for _, _, w in phrasing)
    if total <= 0:
        return 1.0
    said = 0.0
    for terms, partial, w in phrasing:
        if not terms.isdisjoint(asked):
            said += w
        elif partial and not partial.isdisjoint(asked):
            said += w * PARTIAL_CREDIT
    return said / total


def rank(
    candidates: Sequence[Candidate], language: str = "en", params: Params = DEFAULT_PARAMS
) -> list[Candidate]:
    """Score and order candidates, best first (ties: BM25)."""
    scored = [c.scored(params) for c in candidates]

    def key(c: Candidate) -> tuple[float, float]:
        bonus = params.language_bonus if c.language == language else 0.0
        return (-round(c.score + bonus, 3), -c.bm25)

    scored.sort(key=key)
    return scored


def _covers(unit: Unit, terms: frozenset[str]) -> float:
    if not terms.isdisjoint(unit.terms):
        return 1.0
    if unit.partial and not terms.isdisjoint(unit.partial):
        return PARTIAL_CREDIT
    return 0.0


def decide(
    candidates: Sequence[Candidate], params: Params = DEFAULT_PARAMS, language: str = "en"
) -> Answer:
    """Answer, suggest or admit not knowing, from ranked candidates, for a question in
    `language`: of a translated pair, the member sees the entry in their language."""
    ranked = tuple(candidates)
    if not ranked or ranked[0].score < params.suggest_at or ranked[0].coverage <= 0:
        return Answer("unknown", None, ranked)
    best = ranked[0]
    # Every other entry is a rival, in either language, but the best one's translation
    # (`translates` in the FAQ file): a bilingual FAQ's Spanish and English entries are
    # mostly about different things, and a Spanish question close to a Spanish and an
    # English entry is a close call.
    rivals = [
        c.score
        for c in ranked[1:]
        if c.entry_id != best.translation and c.translation != best.entry_id
    ]
    runner_up = rivals[0] if rivals else 0.0
    if (
        best.score >= params.answer_at
        and best.title_coverage >= MIN_TITLE_COVERAGE
        and best.covers_focus
        and best.score - runner_up >= params.margin
    ):
        return Answer("answer", _in_language(best, language), ranked)
    plausible = (_in_language(c, language) for c in ranked if c.score >= params.suggest_at)
    offered = tuple(dict.fromkeys(plausible))[:MAX_SUGGESTIONS]  # a pair once
    return Answer("suggest", None, ranked, offered)


def _in_language(candidate: Candidate, language: str) -> str:
    """The candidate's entry, or its translation when that is in the member's language."""
    if candidate.translation and candidate.language != language:
        return candidate.translation
    return candidate.entry_id

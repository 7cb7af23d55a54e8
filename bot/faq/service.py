"""The FAQ service: keeps the matcher's view of the FAQ current and answers questions.

Handlers call `FaqService.ask()` for any plain text a verified member sends, and write FAQ
changes through `replace_all/add/update/remove` so the index and the in-memory figures the
decision uses stay in step. Telegram never appears here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.faq import lexicon
from bot.faq.bilingual import english_words
from bot.faq.loader import MAX_QUESTION, Losses, lost_by_replacing
from bot.faq.matcher import (
    DEFAULT_PARAMS,
    Answer,
    Bm25Index,
    Candidate,
    EntryTerms,
    IndexStats,
    Params,
    decide,
    measure_candidates,
    rank,
)
from bot.faq.stem import english
from bot.faq.text import (
    ANALYZER_VERSION,
    LEXICON,
    Unit,
    analyze,
    analyze_words,
    content_words,
    detect_language,
    fold,
    index_terms,
    phrasing_terms,
    phrasing_units,
    title_text,
    tokens,
)
from bot.faq.typos import Corrector
from storage.database import Database
from storage.faq import FaqEntry, FaqGap, FaqRepository, Feedback

# BM25 field weights: the analyzed title (id, question, tags), alternates and body (the
# answer), and the raw words of the question.
TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
ALTERNATE_WEIGHT = 1.0
RAW_WEIGHT = 1.0
CANDIDATES = 20  # BM25 hits the decision looks at


@dataclass(frozen=True, slots=True)
class Decision:
    """What a member asking `text` gets, with the entries resolved for display."""

    text: str
    language: str  # the language the question was read in
    answer: Answer
    entry: FaqEntry | None = None  # set when answer.kind == "answer"
    suggestions: tuple[FaqEntry, ...] = ()  # set when answer.kind == "suggest"
    units: tuple[Unit, ...] = field(default=(), repr=False)

    @property
    def kind(self) -> str:
        return self.answer.kind


@dataclass(frozen=True, slots=True)
class Measured:
    """A question read and its candidates measured, before ranking and deciding."""

    text: str
    language: str
    units: tuple[Unit, ...]
    candidates: tuple[Candidate, ...]


class FaqService:
    """Answers members' questions from the FAQ; one per application."""

    def __init__(self, db: Database, params: Params = DEFAULT_PARAMS) -> None:
        self.params = params
        self.repo = FaqRepository(db, indexer=index_terms)
        self._entries: dict[str, FaqEntry] = {}
        self._stats = IndexStats()
        self._bm25 = Bm25Index(())
        self._corrector = Corrector(())
        self._loaded = False
        self._data_version: int | None = None
        self._translations: dict[str, str] = {}  # entry id -> its translation, both ways

    # -- keeping the view current ------------------------------------------------

    # Reads and records handlers need: the repository stays behind the service.

    async def tags(self, language: str | None = None) -> list[tuple[str, int]]:
        """Every topic, by name, with how many entries it holds; for a member reading
        `language`, the topics they find and how many entries each shows them (`by_tag`).
        The other side of a translated pair is not theirs, so nor are its topic names."""
        await self._ensure_loaded()
        if language is None:
            return sorted(Counter(t for e in self._entries.values() for t in e.tags).items())
        names = {t for e in self._entries.values() if self._own(e, language) is e for t in e.tags}
        return [(tag, len(self._listed(tag, language))) for tag in sorted(names)]

    async def by_tag(self, tag: str, language: str = "en") -> list[FaqEntry]:
        """A topic's entries, those in `language` first, in file order; of a translated
        pair, the one in `language`, whichever side the topic is on."""
        await self._ensure_loaded()
        return self._listed(tag, language)

    def _listed(self, tag: str, language: str) -> list[FaqEntry]:
        shown: dict[str, FaqEntry] = {}
        for entry in self._entries.values():
            if tag in entry.tags:
                own = self._own(entry, language)
                shown.setdefault(own.id, own)
        return sorted(shown.values(), key=lambda e: e.language != language)

    def _own(self, entry: FaqEntry, language: str) -> FaqEntry:
        """What a member reading `language` gets of `entry`: its translation, when that
        is in their language."""
        other = self._entries.get(self._translations.get(entry.id, ""))
        if other is not None and entry.language != language and other.language == language:
            return other
        return entry

    async def log_gap(self, text: str, reason: str, entry_id: str | None = None) -> None:
        return await self.repo.log_gap(text, reason, entry_id)

    async def gaps(self, limit: int = 20) -> list[FaqGap]:
        return await self.repo.gaps(limit)

    async def gap(self, gap_id: int) -> FaqGap | None:
        return await self.repo.gap(gap_id)

    async def remove_gap(self, gap_id: int) -> bool:
        return await self.repo.remove_gap(gap_id)

    async def clear_gaps(self, up_to_id: int | None = None) -> int:
        return await self.repo.clear_gaps(up_to_id)

    async def record_feedback(self, entry_id: str, helpful: bool) -> Feedback:
        return await self.repo.record_feedback(entry_id, helpful)

    async def feedback(self) -> list[Feedback]:
        return await self.repo.feedback()

    async def reload(self) -> int:
        """Re-read the FAQ (re-indexing rows written by another analyzer version)."""
        self._data_version = await self.repo.data_version()
        stored = await self.repo.index_terms()
        stale = {entry_id for entry_id, _, _, version in stored if version != ANALYZER_VERSION}
        entries = await self.repo.all()
        if stale:
            await self.repo.reindex(e for e in entries if e.id in stale)
            stored = await self.repo.index_terms()
        self._entries = {e.id: e for e in entries}
        # A translation goes both ways, whichever of the two names the other; an entry
        # removed since (in chat) leaves no half pair.
        translations = {e.id: e.translates for e in entries if e.translates in self._entries}
        translations.update({other: own for own, other in translations.items()})
        self._translations = translations
        indexed = {
            entry_id: EntryTerms(
                frozenset(title.split()),
                frozenset(body.split()),
                self._entries[entry_id].language,
                phrasing_terms(self._entries[entry_id]),
                phrasing_units(self._entries[entry_id]),
                translations.get(entry_id),
            )
            for entry_id, title, body, _ in stored
        }
        self._stats = IndexStats.build(indexed.items())
        self._bm25 = Bm25Index(
            _bm25_doc(self._entries[entry_id], indexed[entry_id], body)
            for entry_id, _, body, _ in stored
        )
        vocabulary: list[str] = list(LEXICON.surface)
        for entry in entries:
            vocabulary.extend(content_words(title_text(entry)))
            vocabulary.extend(content_words(entry.answer))
        self._corrector = Corrector(vocabulary)
        self._loaded = True
        return len(entries)

    async def _ensure_loaded(self) -> None:
        # Another process (`unionbot faq load` while the bot runs) may have changed the
        # FAQ: SQLite's data_version moves whenever another connection commits.
        if not self._loaded or await self.repo.data_version() != self._data_version:
            await self.reload()

    async def replace_all(self, entries: Sequence[FaqEntry]) -> int:
        """Replace the whole FAQ atomically (see bot.faq.loader for reading a file)."""
        count = await self.repo.replace_all(entries)
        await self.reload()
        return count

    async def lost_by_loading(self, entries: Sequence[FaqEntry]) -> Losses:
        """What replacing the FAQ with `entries` would drop of what was added in chat
        since the last load (everything it would drop, before any load)."""
        return lost_by_replacing(await self.entries(), entries, await self.repo.loaded())

    async def add(self, entry: FaqEntry) -> bool:
        added = await self.repo.add(entry)
        if added:
            await self.reload()
        return added

    async def update(self, entry: FaqEntry) -> bool:
        updated = await self.repo.update(entry)
        if updated:
            await self.reload()
        return updated

    async def remove(self, entry_id: str) -> bool:
        removed = await self.repo.remove(entry_id)
        if removed:
            await self.reload()
        return removed

    async def pair(self, entry_id: str, translation: str | None) -> None:
        """Make `translation` the translation of `entry_id` (None: it has none); whatever
        pair either was in is undone. The caller checks the two (FaqEditor.pair)."""
        await self.repo.pair(entry_id, translation)
        await self.reload()

    async def link(self, entry_id: str, text: str) -> FaqEntry | None:
        """Make a member's wording an alternate of an entry, so the next one asking so gets it.

        Returns the updated entry, or None when the entry is gone. The text is trimmed and
        cut to MAX_QUESTION; one already there (folded) is not added twice.
        """
        await self._ensure_loaded()
        entry = await self.repo.get(entry_id)
        if entry is None:
            return None
        wording = " ".join(text.split())[:MAX_QUESTION]
        known = {fold(a) for a in (entry.question, *entry.alternates)}
        if not wording or fold(wording) in known:
            return entry
        linked = replace(entry, alternates=(*entry.alternates, wording))
        await self.update(linked)
        return linked

    async def entries(self) -> list[FaqEntry]:
        await self._ensure_loaded()
        return list(self._entries.values())

    def entry(self, entry_id: str) -> FaqEntry | None:
        return self._entries.get(entry_id)

    def translation(self, entry_id: str) -> str | None:
        """The id of the entry's translation (whichever of the two names the other)."""
        return self._translations.get(entry_id)

    # -- answering ----------------------------------------------------------------

    def understand(self, text: str, language: str | None = None) -> tuple[str, list[Unit]]:
        """The question's language and units, typos corrected against the FAQ's words."""
        read_as = detect_language(text, language)
        words, corrected = [], set()
        for word in tokens(text):
            fixed = None
            # A word the lexicon or the dictionary knows is no typo, whatever the FAQ says.
            known = word in LEXICON.surface or (read_as == "es" and english_words(word))
            if word not in lexicon.STOP_WORDS and not known:
                fixed = self._corrector.correct(word)
            if fixed:
                corrected.add(fixed)
            words.append(fixed or word)
        units = [
            replace(u, corrected=True) if u.text in corrected else u
            for u in analyze_words(words, read_as)
        ]
        return read_as, units

    async def measure(self, text: str, language: str | None = None) -> Measured:
        """The question's reading and its FTS candidates with their figures, unranked."""
        await self._ensure_loaded()
        read_as, units = self.understand(text, language)
        terms = {"t:" + t for u in units for t in u.all_terms}
        if not terms:
            return Measured(text, read_as, tuple(units), ())
        # The question's raw words also count toward BM25 (never toward coverage): they
        # order entries the concepts cannot tell apart ("how do I vote" vs "is my vote
        # secret").
        terms.update(_raw_terms(text))
        hits = self._bm25.search(terms, CANDIDATES)
        found = measure_candidates(units, hits, self._stats, read_as)
        return Measured(text, read_as, tuple(units), tuple(found))

    def conclude(self, measured: Measured, params: Params | None = None) -> Decision:
        """Rank and decide on measured candidates (`params` defaults to the service's)."""
        params = params or self.params
        ranked = rank(measured.candidates, measured.language, params)
        answer = decide(ranked, params, measured.language)
        entry = self._entries.get(answer.entry_id) if answer.entry_id else None
        suggestions = tuple(self._entries[i] for i in answer.suggestions if i in self._entries)
        return Decision(
            measured.text, measured.language, answer, entry, suggestions, measured.units
        )

    async def ask(self, text: str, language: str | None = None) -> Decision:
        """What a member asking `text` gets: an answer, suggestions, or unknown.

        `language` is the member's setting ('en'/'es'); the words of the question decide
        when they are clear, and answers in the question's language win near-ties.
        """
        return self.conclude(await self.measure(text, language))

    async def baseline(self, text: str) -> list[tuple[str, float]]:
        """Plain FTS5 BM25 over the raw question, answer and tags (for comparison only)."""
        words = sorted(set(re.findall(r"\w+", text.lower())))
        if not words:
            return []
        expression = "{question answer tags} : (" + " OR ".join(f'"{w}"' for w in words) + ")"
        hits = await self.repo.search(expression, CANDIDATES, (1.0, 1.0, 1.0, 1.0, 0.0, 0.0))
        return [(h.entry_id, h.score) for h in hits]


def _raw_terms(text: str) -> list[str]:
    """A text's raw words as BM25 terms: folded, shorthand expanded, Porter-stemmed.

    Stop words stay: "how do I vote" and "is my vote secret" differ mostly in them.
    """
    return ["r:" + english(w) for w in tokens(text)]


def _bm25_doc(
    entry: FaqEntry, terms: EntryTerms, body: str
) -> tuple[str, list[tuple[list[str], float]], int]:
    """An entry as BM25 fields: its own title (id, question, tags), its alternates, its
    body (the answer) and the raw words of its question.

    Alternates weigh as much as the body, not as the title, and their raw words are left
    out: a member's chatty wording linked from /faqgaps would otherwise pull its entry up
    for every question sharing a few of its words (measured: the learning loop lost the
    educators 5 points of "shown" that way; see benchmarks/README.md).
    """
    own = analyze(title_text(entry, alternates=False), entry.language)
    title_terms = ["t:" + t for unit in own for t in unit.all_terms]
    # Each alternate's units, as the phrasings already hold them (the first is the question).
    alternates = [
        "t:" + t for units in terms.phrasing_units[1:] for unit in units for t in unit.all_terms
    ]
    body_terms = ["t:" + t for t in body.split()]
    raw = _raw_terms(entry.question)
    fields = [
        (title_terms, TITLE_WEIGHT),
        (alternates, ALTERNATE_WEIGHT),
        (body_terms, BODY_WEIGHT),
        (raw, RAW_WEIGHT),
    ]
    # The length counts every token of the entry, as FTS5 counts every column's.
    length = len(title_terms) + len(alternates) + len(body_terms) + len(raw)
    return entry.id, fields, length + len(tokens(entry.answer)) + len(entry.tags)

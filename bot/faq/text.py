"""From text to index terms: folding, tokens, slang, stop words, concepts, language.

Both sides go through the same analyzer: an FAQ entry becomes title and body terms for the
FTS5 index, and a member's question becomes a list of units, one per meaningful word or
phrase, each carrying every term it may match (its stem and the concepts it belongs to).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.faq import lexicon
from bot.faq.bilingual import english_words
from bot.faq.stem import english, spanish
from storage.faq import FaqEntry, IndexTerms

# Bump when anything here or in lexicon.py changes what terms an entry gets: the service
# re-indexes stored entries written by another version.
ANALYZER_VERSION = 4

CONCEPT_PREFIX = "x"  # concept terms are "x" + name, e.g. "xstrike"; no real stem looks so

_TOKEN = re.compile(r"[a-z0-9]+|[$%]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_CONTRACTIONS = (
    (re.compile(r"\b(i|you|we|they|he|she|it)'ll\b"), r"\1 will"),
    (re.compile(r"\b(i|you|we|they)'d\b"), r"\1 would"),
    (re.compile(r"\bw/o\b"), " without "),
    (re.compile(r"\bw/"), " with "),
    (re.compile(r"&"), " and "),
    (re.compile(r"'"), ""),
)
_SPANISH_MARKS = re.compile(r"[¿¡ñáéíóú]")
_SPANISH_HINTS = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "que",
        "por",
        "para",
        "con",
        "como",
        "donde",
        "cuando",
        "cuanto",
        "cuanta",
        "porque",
        "mi",
        "mis",
        "tengo",
        "puedo",
        "es",
        "estamos",
        "esta",
        "estan",
        "hay",
        "del",
        "al",
        "una",
        "sigo",
        "seguro",
        "huelga",
        "pagan",
        "quiero",
        "necesito",
        "cual",
        "quien",
        "se",
        "me",
        "le",
        "su",
        "sus",
        "ya",
        "pero",
        "muy",
    ]
)
_ENGLISH_HINTS = frozenset(
    [
        "the",
        "is",
        "are",
        "do",
        "does",
        "did",
        "what",
        "how",
        "when",
        "where",
        "why",
        "can",
        "i",
        "my",
        "we",
        "you",
        "it",
        "to",
        "of",
        "and",
        "or",
        "for",
        "with",
        "about",
        "this",
        "that",
        "have",
        "will",
    ]
)

LANGUAGES = ("en", "es")


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def detect_language(text: str, hint: str | None = None) -> str:
    """'es' or 'en' from the words used; `hint` (the member's setting) breaks ties."""
    words = _TOKEN.findall(fold(text))
    spanish_score = sum(w in _SPANISH_HINTS for w in words)
    english_score = sum(w in _ENGLISH_HINTS for w in words)
    if _SPANISH_MARKS.search(text.lower()):
        spanish_score += 2
    if spanish_score > english_score:
        return "es"
    if english_score > spanish_score:
        return "en"
    return hint if hint in LANGUAGES else "en"


def tokens(text: str) -> list[str]:
    """Folded word tokens with texting shorthand expanded ("pls dont" -> please do not)."""
    folded = fold(text)
    for pattern, replacement in _CONTRACTIONS:
        folded = pattern.sub(replacement, folded)
    out: list[str] = []
    for raw in _TOKEN.findall(folded):
        if raw == "$":
            out.append("money")
        elif raw == "hr" and out and out[-1].isdigit():
            out.append("hours")  # "4 hr shift"; a bare "hr" is human resources
        elif raw in lexicon.SLANG:
            out.extend(lexicon.SLANG[raw].split())
        else:
            out.append(raw)
    return out


@dataclass(frozen=True, slots=True)
class Unit:
    """One meaningful word or phrase of a text and the index terms it may match."""

    text: str
    terms: tuple[str, ...]  # a match on any of these covers the unit
    corrected: bool = False  # a typo fixed against the FAQ's vocabulary
    partial: tuple[str, ...] = ()  # a phrase's own word stems: a match covers half of it
    # False for a Spanish word that neither the dictionary nor the lexicon carries into
    # English (no translation, no concept): it can meet an English entry only as itself.
    bridged: bool = True

    @property
    def all_terms(self) -> tuple[str, ...]:
        return (*self.terms, *self.partial)


class _Lexicon:
    """CONCEPTS compiled into lookup tables keyed by stems (English) and stems (Spanish)."""

    def __init__(self, source: str) -> None:
        self.en: dict[tuple[str, ...], set[str]] = {}
        self.es: dict[tuple[str, ...], set[str]] = {}
        self.surface: set[str] = set()
        # Exact single words first: "report" and "reporter" share the Porter stem "report"
        # but belong to different concepts.
        self.en_words: dict[str, set[str]] = {}
        self.es_words: dict[str, set[str]] = {}
        for line in re.sub(r"\n[ \t]+", " ", source.strip()).splitlines():
            name, _, words = line.partition(":")
            english_words, _, spanish_words = words.partition("|")
            term = CONCEPT_PREFIX + re.sub(r"[^a-z0-9]", "", name.strip())
            for phrase in _items(english_words):
                self._add(self.en, self.en_words, phrase, english, term)
            for phrase in _items(spanish_words):
                self._add(self.es, self.es_words, phrase, spanish, term)
        self.longest = max(len(k) for k in (*self.en, *self.es))

    def _add(
        self,
        table: dict[tuple[str, ...], set[str]],
        exact: dict[str, set[str]],
        phrase: str,
        stem: Callable[[str], str],
        term: str,
    ) -> None:
        words = tokens(phrase)
        if not words:
            return
        self.surface.update(words)
        table.setdefault(tuple(stem(w) for w in words), set()).add(term)
        if len(words) == 1:
            exact.setdefault(words[0], set()).add(term)


def _items(words: str) -> list[str]:
    return [w.strip() for w in words.split(",") if w.strip()]


LEXICON = _Lexicon(lexicon.CONCEPTS)


@lru_cache(maxsize=65536)
def _single(word: str, language: str) -> tuple[str, ...]:
    """Stem(s) and concept terms of one word that is not a stop word."""
    en_stem = english(word)
    concepts = LEXICON.en_words.get(word) or LEXICON.en.get((en_stem,)) or set()
    translated: list[str] = []
    if language == "es":
        es_stem = spanish(word)
        concepts = concepts | (LEXICON.es_words.get(word) or LEXICON.es.get((es_stem,)) or set())
        # The English words it translates to, as English stems and concepts: a Spanish
        # question meets an English entry, and a Spanish entry an English question.
        for english_word in english_words(word):
            if english_word not in lexicon.STOP_WORDS:
                translated.append(english(english_word))
                concepts = concepts | LEXICON.en_words.get(english_word, set())
    else:
        if not concepts:
            concepts = LEXICON.es_words.get(word, set())
    own = _stems(word, language)
    extra = [t for t in dict.fromkeys(translated) if t not in own]
    return (*own, *extra, *sorted(concepts))


def _stems(word: str, language: str) -> list[str]:
    en_stem = english(word)
    if language != "es":
        return [en_stem]
    es_stem = spanish(word)
    return [es_stem] if es_stem == en_stem else [es_stem, en_stem]


def _phrase_at(words: Sequence[str], i: int, language: str) -> tuple[int, set[str]]:
    """The longest lexicon phrase (2+ words) starting at words[i]: (length, concepts)."""
    for n in range(min(LEXICON.longest, len(words) - i), 1, -1):
        window = words[i : i + n]
        found = set(LEXICON.en.get(tuple(english(w) for w in window), ()))
        found |= LEXICON.es.get(tuple(spanish(w) for w in window), set())
        if found:
            return n, found
    return 0, set()


def analyze_words(words: Sequence[str], language: str) -> list[Unit]:
    """Units of an already tokenized text: phrases first, then single content words."""
    units: list[Unit] = []
    i = 0
    while i < len(words):
        length, concepts = _phrase_at(words, i, language)
        if length:
            # The phrase's concepts, plus its content words' stems for partial matches.
            phrase = words[i : i + length]
            stems = [t for w in phrase if w not in lexicon.STOP_WORDS for t in _stems(w, language)]
            units.append(
                Unit(" ".join(phrase), tuple(sorted(concepts)), partial=tuple(dict.fromkeys(stems)))
            )
            i += length
            continue
        word = words[i]
        i += 1
        if word in lexicon.STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            continue
        terms = _single(word, language)
        bridged = language != "es" or len(terms) > len(_stems(word, language))
        units.append(Unit(word, terms, bridged=bridged))
    return units


def analyze(text: str, language: str = "en") -> list[Unit]:
    """Units of a text written in `language`."""
    return analyze_words(tokens(text), language)


def content_words(text: str) -> Iterable[str]:
    """Folded tokens that are not stop words: the vocabulary typo correction aims at."""
    return (w for w in tokens(text) if w not in lexicon.STOP_WORDS and not w.isdigit())


def title_text(entry: FaqEntry, alternates: bool = True) -> str:
    """What an entry is about: its id words, question, alternates and tags."""
    return " ".join(
        (
            entry.id.replace("-", " ").replace("_", " "),
            entry.question,
            *(entry.alternates if alternates else ()),
            *entry.tags,
        )
    )


def phrasing_terms(entry: FaqEntry) -> tuple[frozenset[str], ...]:
    """The terms of each way of asking an entry (its question, each alternate), one set each.

    The id and tags say what the entry is about and join every phrasing. Title coverage is
    taken from the best single phrasing, so an entry with many alternates (members' own
    words, linked from /faqgaps) does not cover a question by pooling their words.
    """
    common = " ".join((entry.id.replace("-", " ").replace("_", " "), *entry.tags))
    return tuple(
        frozenset(t for unit in analyze(f"{common} {text}", entry.language) for t in unit.all_terms)
        for text in (entry.question, *entry.alternates)
    )


def phrasing_units(entry: FaqEntry) -> tuple[tuple[Unit, ...], ...]:
    """The units of each way of asking an entry (its question, then each alternate), alone.

    Used the other way round from `phrasing_terms`: how much of what a phrasing says does
    a member's question say too (so a long linked wording does not stand for every
    question that shares a few of its words).
    """
    return tuple(
        tuple(analyze(text, entry.language)) for text in (entry.question, *entry.alternates)
    )


def index_terms(entry: FaqEntry) -> IndexTerms:
    """The terms the FTS index holds for an entry (the FaqRepository indexer)."""
    title = [t for unit in analyze(title_text(entry), entry.language) for t in unit.all_terms]
    body = [t for unit in analyze(entry.answer, entry.language) for t in unit.all_terms]
    return IndexTerms(" ".join(title), " ".join(body), ANALYZER_VERSION)

"""Typo tolerance: correct a word the FAQ does not know to one it does (symmetric deletes).

Every vocabulary word is indexed under the strings made by deleting up to two of its
letters; a misspelling finds its candidates by looking up its own deletions, and a true
edit distance (with transpositions) picks among them. Lookups take microseconds, so this
runs on every question.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

MIN_LENGTH = 5  # shorter words are too often real words ("park" is not "part")
LONG_WORD = 8  # from this length two edits are allowed, below it one
# Cognates and looser variants ("contrato" -> contract, "distrito" -> district): a word
# of SIMILAR_LENGTH+ letters that no edit fixes goes to the known word sharing its first
# two letters whose character trigrams are most alike, if their Dice coefficient reaches
# SIMILAR_AT. Fixed by design (not tuned on any question set).
SIMILAR_LENGTH = 6
SIMILAR_AT = 0.55


def _deletes(word: str, depth: int) -> set[str]:
    found, frontier = set(), {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def trigrams(word: str) -> frozenset[str]:
    """The character trigrams of a word, with its start and end marked."""
    padded = f"^{word}$"
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


class Corrector:
    """Maps unknown words to the nearest known word, preferring frequent ones."""

    def __init__(self, words: Iterable[str]) -> None:
        self.counts = Counter(w for w in words if w.isalpha())
        self._index: dict[str, list[str]] = {}
        self._by_start: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for word in self.counts:
            if len(word) >= SIMILAR_LENGTH - 2:
                self._by_start.setdefault(word[:2], []).append((word, trigrams(word)))
            if len(word) < MIN_LENGTH - 1:
                continue
            depth = 2 if len(word) >= LONG_WORD - 1 else 1
            for key in {word} | _deletes(word, depth):
                self._index.setdefault(key, []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def correct(self, word: str) -> str | None:
        """The known word closest to `word`, or None when it is known or nothing is close."""
        if word in self.counts or len(word) < MIN_LENGTH or not word.isalpha():
            return None
        limit = 2 if len(word) >= LONG_WORD else 1
        candidates: set[str] = set()
        for key in {word} | _deletes(word, limit):
            candidates.update(self._index.get(key, ()))
        best: tuple[int, int, str] | None = None
        for candidate in candidates:
            if abs(len(candidate) - len(word)) > limit:
                continue
            distance = edit_distance(word, candidate)
            # A typo rarely hits the first letter ("fever" is not "never"), except by
            # swapping the first two.
            first_kept = candidate[0] == word[0] or candidate[:2] == word[1::-1]
            if distance > limit or not first_kept:
                continue
            rank = (distance, -self.counts[candidate], candidate)
            if best is None or rank < best:
                best = rank
        return best[2] if best else self.similar(word)

    def similar(self, word: str) -> str | None:
        """The known word most like `word` by character trigrams (see SIMILAR_AT), or None."""
        if len(word) < SIMILAR_LENGTH:
            return None
        mine = trigrams(word)
        best: tuple[float, int, str] | None = None
        for candidate, theirs in self._by_start.get(word[:2], ()):
            similarity = dice(mine, theirs)
            if similarity < SIMILAR_AT:
                continue
            rank = (-similarity, -self.counts[candidate], candidate)
            if best is None or rank < best:
                best = rank
        return best[2] if best else None

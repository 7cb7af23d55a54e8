"""Stemmers: the Snowball algorithms for English (Porter2) and Spanish, from snowballstemmer.

A library stemmer, not a home-grown one: its rules were written for the languages, not for
any FAQ or question set, so what it does carries over to questions we have never seen.
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

_ENGLISH = snowballstemmer.stemmer("english")
_SPANISH = snowballstemmer.stemmer("spanish")


@lru_cache(maxsize=65536)
def english(word: str) -> str:
    """The English Snowball (Porter2) stem of a folded word."""
    return _ENGLISH.stemWord(word)


@lru_cache(maxsize=65536)
def spanish(word: str) -> str:
    """The Spanish Snowball stem of a folded (accent-free) word."""
    return _SPANISH.stemWord(word)

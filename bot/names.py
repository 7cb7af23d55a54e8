"""Worksite and classification names, checked against the roster wherever they are typed.

A misspelt worksite reaches nobody, silently: an invite for a worksite no steward covers,
a vote or survey for an audience of zero. So every typed name must be one the roster has,
spelt as the roster spells it, and a near miss gets a suggestion.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class UnknownName(ValueError):
    """A typed name the roster does not have; the message says what was meant, if clear."""

    def __init__(self, message: str, typed: str, known: Sequence[str]) -> None:
        super().__init__(message)
        self.typed, self.known = typed, tuple(known)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if c.isalnum() or c.isspace()).split())


def suggestion(typed: str, known: Sequence[str]) -> str | None:
    """The roster name `typed` most likely means, or None."""
    folded = fold(typed)
    by_fold = {fold(name): name for name in known}
    if folded in by_fold:
        return by_fold[folded]
    containing = [name for key, name in by_fold.items() if folded and folded in key]
    if len(containing) == 1:
        return containing[0]
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def check(typed: str, known: Sequence[str], what: str = "worksite") -> str:
    """`typed` when the roster has exactly that name; otherwise UnknownName."""
    if typed in known:
        return typed
    if not known:
        raise UnknownName(f"unknown {what} {typed!r}: the roster has no {what}s yet", typed, known)
    guess = suggestion(typed, known)
    hint = f"did you mean {guess!r}?" if guess else f"the roster has: {', '.join(known[:12])}"
    raise UnknownName(f"unknown {what} {typed!r} ({hint})", typed, known)


def problems(typed: Iterable[str], known: Sequence[str], what: str) -> list[str]:
    """One message per typed name the roster does not have."""
    found = []
    for name in typed:
        try:
            check(name, known, what)
        except UnknownName as exc:
            found.append(str(exc))
    return found


@dataclass(frozen=True, slots=True)
class KnownNames:
    """The names on the roster, for checking definition files."""

    worksites: tuple[str, ...]
    classifications: tuple[str, ...]

    def problems(self, field: str, typed: Iterable[str]) -> list[str]:
        """`field` is `worksites` or `classifications`, as in vote and survey files."""
        if field == "worksites":
            return problems(typed, self.worksites, "worksite")
        return problems(typed, self.classifications, "classification")

"""Words typed after a command, in English or Spanish: `/results 3 clasificación`.

A Spanish-speaking member is never asked to type an English word: the Spanish texts show
the Spanish keyword, and every command that takes one accepts both (any case, with or
without accents: `clasificacion`, `Lider`).
"""

from __future__ import annotations

from bot.names import fold

WORDS: dict[str, frozenset[str]] = {
    # /results SURVEY [worksite|classification]
    "worksite": frozenset({"worksite", "centro", "lugar"}),
    "classification": frozenset({"classification", "clasificación"}),
    # /stewardgroup remove WORKSITE, /votes add VOTE MEMBER_ID
    "remove": frozenset({"remove", "quitar"}),
    "add": frozenset({"add", "agregar", "añadir"}),
    # /promote MEMBER_ID ROLE [WORKSITE]
    "member": frozenset({"member", "miembro"}),
    "steward": frozenset({"steward", "representante"}),
    "leader": frozenset({"leader", "líder"}),
    "admin": frozenset({"admin"}),
    # the /newvote wizard's "everyone" steps, typed rather than tapped
    "everyone": frozenset({"everyone", "all", "todos", "todas"}),
}
_FOLDED = {choice: frozenset(map(fold, words)) for choice, words in WORDS.items()}


def keyword(typed: str, *choices: str) -> str | None:
    """The one of `choices` that `typed` names in either language, or None."""
    folded = fold(typed)
    return next((choice for choice in choices if folded in _FOLDED[choice]), None)

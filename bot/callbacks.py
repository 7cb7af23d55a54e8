"""Callback data: `v1:<feature>:<action>[:<arg>...]`, built here and parsed strictly.

Button presses come from the client, so they are hostile input: anything that does not
match exactly is refused, and handlers re-check the objects it names and who pressed it.
`SCHEMA` below is the one list of every button the bot makes: for each feature and action,
the exact number of arguments and what each must be. `pack` refuses to build anything
else, and `unpack` refuses anything else (an extra field, a missing one, a word where a
number belongs), so no handler ever sees malformed data.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

VERSION = "v1"
_PART = r"[A-Za-z0-9_-]{1,40}"
_DATA = re.compile(rf"^{VERSION}:([a-z]+):([a-z_]+)((?::{_PART})*)$")

INT = "int"  # a non-negative integer, digits only
KEY = "key"  # any one part (an id, a short key, a token)
Arg = str | frozenset[str]  # INT, KEY, or the exact words allowed


def _one_of(*words: object) -> frozenset[str]:
    return frozenset(str(w) for w in words)


BOOL = _one_of(0, 1)
# A list of shapes: any one of them (the handler then says which part was wrong).
Spec = tuple[Arg, ...] | list[tuple[Arg, ...]]

SCHEMA: dict[str, dict[str, Spec]] = {
    "account": {"lang": (_one_of("en", "es"),), "forget": (), "keep": ()},
    "bc": {
        "site": (INT,),
        "class": (INT,),
        "all": (),
        "next": (),
        "urgent": (BOOL,),
        "when": (_one_of("now", "later"),),
        "confirm": (),
        "edit": (),
        "cancel": (),
    },
    "faq": {"show": (KEY,), "vote": (KEY, BOOL), "tag": (KEY,)},
    "faqadm": {
        "list": (INT,),
        "view": (KEY,),
        "edit": (KEY, KEY),
        "del": (KEY,),
        "delok": (KEY,),
        "add": (),
        "clear": (INT,),
        "tr": (KEY,),  # 🌐: pick the entry's translation
        "trto": (KEY, KEY),  # the entry, its translation
        "trnone": (KEY,),
    },
    "faqlnk": {  # source (g: FAQ gap, t: ticket), its number, then the entry's short key
        "pick": (_one_of("g", "t"), INT),
        "find": (_one_of("g", "t"), INT),
        "to": (_one_of("g", "t"), INT, KEY),
    },
    "home": {"ask": (), "updates": (), "votes": (), "surveys": (), "me": (), "language": ()},
    "link": {"notme": (INT,)},
    "newvote": {"confirm": (), "discard": ()},
    "role": {"set": (INT, _one_of("member", "steward", "leader", "admin"))},
    "survey": {
        "start": (INT,),
        "pick": (INT, INT, INT),
        "tog": (INT, INT, INT),
        "done": (INT, INT),
        "skip": (INT, INT),
        "back": (INT, INT),
        "submit": (INT, INT),
        "res": (INT, _one_of("all", "worksite", "classification")),
        "q": (INT, INT, _one_of("all", "worksite", "classification")),  # one question's details
        "charts": (INT, KEY),
        "csv": (INT,),
        "load": (KEY,),
        "drop": (KEY,),
    },
    "ticket": {
        "askq": (),
        "view": (INT,),
        "answer": (INT,),
        "reply": (INT,),
        "close": (INT,),
        "tofaq": (INT,),
        "tofaq_ok": (INT,),
        "tofaq_no": (INT,),
    },
    "upd": {"ack": (INT,), "cancel": (INT,), "retract": (INT,), "keep": (INT,)},
    "verify": {"approve": (INT,), "reject": (INT,)},
    # A ballot's choice is checked by the vote handler, which names what is wrong with it.
    "vote": {"show": (INT,), "pick": [(INT, KEY), (INT,)], "cast": [(INT, KEY), (INT,)]},
    "votes": {
        action: (INT,)
        for action in (
            "list",
            "card",
            "cancel",
            "cancelok",
            "turnout",
            "result",
            "chart",
            "csv",
            "receipts",
        )
    },
}


def _fits(args: tuple[str, ...], spec: Spec) -> bool:
    """Exactly as many arguments as the spec, each of its kind."""
    if isinstance(spec, list):
        return any(_fits(args, shape) for shape in spec)
    if len(args) != len(spec):
        return False
    for value, kind in zip(args, spec, strict=True):
        if kind == INT:
            if not (value.isascii() and value.isdigit()):
                return False
        elif isinstance(kind, frozenset) and value not in kind:
            return False
    return True


def parse(data: str | None) -> Callback | None:
    """Any of the bot's buttons, checked against `SCHEMA`; None for anything else."""
    match = _DATA.match(data or "")
    if match is None:
        return None
    feature, action = match.group(1), match.group(2)
    args = tuple(match.group(3).split(":")[1:])
    spec = SCHEMA.get(feature, {}).get(action)
    if spec is None or not _fits(args, spec):
        return None
    return Callback(feature, action, args)


@dataclass(frozen=True, slots=True)
class Callback:
    feature: str
    action: str
    args: tuple[str, ...]

    def int_arg(self, index: int = 0) -> int | None:
        """An argument as a positive integer, or None when it is not one."""
        if index >= len(self.args) or not self.args[index].isdigit():
            return None
        return int(self.args[index])


def pack(feature: str, action: str, *args: object) -> str:
    """Build callback data (at most Telegram's 64 bytes)."""
    data = ":".join([VERSION, feature, action, *(str(a) for a in args)])
    if parse(data) is None or len(data.encode()) > 64:
        raise ValueError(f"bad callback data {data!r}")
    return data


def unpack(data: str | None, feature: str, actions: Collection[str]) -> Callback | None:
    """Parse data for `feature`; None unless it is exactly one of its buttons in `actions`."""
    parsed = parse(data)
    if parsed is None or parsed.feature != feature or parsed.action not in actions:
        return None
    return parsed


def pattern(feature: str) -> str:
    """The CallbackQueryHandler pattern that routes a feature's buttons to it."""
    return rf"^{VERSION}:{feature}:"

"""Callback data: `v1:<feature>:<action>[:<arg>...]`, built here and parsed strictly.

Button presses come from the client, so they are hostile input: anything that does not
match exactly is refused, and handlers re-check the objects it names and who pressed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSION = "v1"
_PART = r"[A-Za-z0-9_-]{1,40}"
_DATA = re.compile(rf"^{VERSION}:([a-z]+):([a-z_]+)((?::{_PART})*)$")


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
    if not _DATA.match(data) or len(data.encode()) > 64:
        raise ValueError(f"bad callback data {data!r}")
    return data


def unpack(data: str | None, feature: str, actions: set[str]) -> Callback | None:
    """Parse data for `feature`; None unless it is well formed with a known action."""
    match = _DATA.match(data or "")
    if match is None or match.group(1) != feature or match.group(2) not in actions:
        return None
    args = tuple(a for a in match.group(3).split(":") if a)
    return Callback(feature, match.group(2), args)


def pattern(feature: str) -> str:
    """The CallbackQueryHandler pattern that routes a feature's buttons to it."""
    return rf"^{VERSION}:{feature}:"

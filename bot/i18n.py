"""Member-facing text: English and Spanish catalogs, with every value HTML-escaped."""

from __future__ import annotations

import html
import string
from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("en", "es")


class Safe(str):
    """Text that is already valid Telegram HTML (built from catalog text), not escaped again."""

    __slots__ = ()


@cache
def catalog(language: str) -> dict[str, str]:
    """The flat key -> template catalog for one language: every bot/locales/<lang>/*.yaml.

    Each feature keeps its text in its own file; a key defined twice is a mistake.
    """
    merged: dict[str, str] = {}
    folder = resources.files("bot.locales").joinpath(language)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        for key, value in (yaml.safe_load(entry.read_text("utf-8")) or {}).items():
            if key in merged:
                raise KeyError(f"{language}/{entry.name}: {key} is defined twice")
            merged[key] = value
    return merged


def placeholders(template: str) -> set[str]:
    """The {names} a template expects."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def pick_language(chosen: str | None, telegram_code: str | None, default: str) -> str:
    """The member's own choice, else their Telegram app's language, else the union's default."""
    if chosen in LANGUAGES:
        return chosen
    code = (telegram_code or "").split("-")[0].lower()
    return code if code in LANGUAGES else default


def t(language: str, key: str, **values: Any) -> Safe:
    """Render a catalog entry; every value is escaped unless it is `Safe`."""
    template = catalog(language if language in LANGUAGES else "en")[key]
    escaped = {
        name: value if isinstance(value, Safe) else html.escape(str(value), quote=False)
        for name, value in values.items()
    }
    return Safe(template.format(**escaped))

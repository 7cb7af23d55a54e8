"""Short keys for FAQ ids and tags in button data, and a check that a pressed button exists.

FAQ ids may be 48 characters and tags any word, too long or too free-form for Telegram's
64-byte callback data, so buttons carry a short hash that is looked up again on press; a
forged key matches nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup

T = TypeVar("T")


def short_key(name: str) -> str:
    """12 hex characters naming `name` in callback data."""
    return hashlib.blake2s(name.encode(), digest_size=6).hexdigest()


def find_by_key(items: Iterable[T], key: str, name_of: Callable[[T], str]) -> T | None:
    return next((item for item in items if short_key(name_of(item)) == key), None)


def still_offered(query: CallbackQuery) -> bool:
    """True when the pressed data is on the message's current keyboard.

    Telegram fills in the message, not the client, so this refuses replays and forged data
    on a message whose buttons were already used (e.g. a second 👍 on the same answer).
    """
    message = query.message
    markup = getattr(message, "reply_markup", None)
    if not isinstance(markup, InlineKeyboardMarkup):
        return False
    return any(b.callback_data == query.data for row in markup.inline_keyboard for b in row)

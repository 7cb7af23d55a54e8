"""Keeping what the bot sends within Telegram's 4,096 characters.

Telegram counts what a member sees (tags don't count, `&amp;` is one character) in UTF-16
code units, and refuses longer messages with "message is too long". Long listings are split
into several messages at paragraph, then line boundaries; a piece that is still too long,
or whose tags would not balance on their own, is shortened to plain text with "…".
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from bot.i18n import Safe

LIMIT = 4096  # a text message
CAPTION_LIMIT = 1024  # a photo's or document's caption
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")
_VOID = frozenset({"br"})


def visible(html_text: str) -> str:
    """What a member sees of Telegram HTML."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def length(html_text: str) -> int:
    """The length Telegram checks: visible text in UTF-16 code units."""
    return len(visible(html_text).encode("utf-16-le")) // 2


def balanced(html_text: str) -> bool:
    """True when every tag opened in the piece is closed in it, in order."""
    stack: list[str] = []
    for closing, name in _TAG.findall(html_text):
        name = name.lower()
        if name in _VOID:
            continue
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def shorten(html_text: str, limit: int = LIMIT) -> Safe:
    """The text as it is if it fits, else its visible text cut to fit, ending with '…'."""
    if length(html_text) <= limit and balanced(html_text):
        return Safe(html_text)
    plain = visible(html_text)
    if len(plain.encode("utf-16-le")) // 2 > limit:
        cut = plain.encode("utf-16-le")[: (limit - 1) * 2].decode("utf-16-le", "ignore")
        plain = cut.rstrip() + "…"
    return Safe(html.escape(plain, quote=False))


def pack(blocks: Iterable[str], limit: int = LIMIT, separator: str = "\n\n") -> list[Safe]:
    """Blocks joined with `separator` into as few messages as fit; none is ever too long."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        piece = shorten(block, limit) if length(block) > limit or not balanced(block) else block
        if not piece.strip():
            continue
        joined = current + separator + piece if current else piece
        if current and length(joined) > limit:
            messages.append(current)
            joined = piece
        current = joined
    if current:
        messages.append(current)
    return [Safe(message) for message in messages]


def split(html_text: str, limit: int = LIMIT) -> list[Safe]:
    """One long text as several messages: split between paragraphs, then between lines."""
    if length(html_text) <= limit:
        return [Safe(html_text)]
    blocks: list[str] = []
    for paragraph in html_text.split("\n\n"):
        if length(paragraph) <= limit and balanced(paragraph):
            blocks.append(paragraph)
        else:
            blocks += pack(paragraph.split("\n"), limit, "\n")
    return pack(blocks, limit)

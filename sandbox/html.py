"""Telegram-style HTML parse mode: plain text plus UTF-16 entities, with Telegram's errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Mirrors tdlib's parse_html (td/telegram/MessageEntity.cpp), which is what the Bot API runs.
_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = " \t\r\n\v\0"


class ParseError(ValueError):
    """The text is not valid Telegram HTML; str() is Telegram's wording after the prefix."""


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _OpenTag:
    name: str
    argument: str
    offset: int  # UTF-16 offset into the plain text
    start: int  # index into the plain-text character list


@dataclass
class _Parser:
    source: str
    pos: int = 0
    chars: list[str] = field(default_factory=list)
    offset: int = 0
    stack: list[_OpenTag] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def byte_offset(self, index: int) -> int:
        """Byte offset of a character index, as Telegram reports positions in UTF-8 bytes."""
        return len(self.source[:index].encode("utf-8"))

    def peek(self) -> str:
        """Current character, or '' at the end."""
        return self.source[self.pos] if self.pos < len(self.source) else ""

    def emit(self, char: str) -> None:
        """Append one character of plain text."""
        self.chars.append(char)
        self.offset += utf16_len(char)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        """Parse the whole source."""
        while self.pos < len(self.source):
            char = self.source[self.pos]
            if char == "&":
                decoded = self.decode_entity()
                if decoded is not None:
                    self.emit(decoded)
                    continue
            if char != "<":
                self.emit(char)
                self.pos += 1
                continue
            if self.source.startswith("</", self.pos):
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            name = self.stack[-1].name
            raise ParseError(f'Can\'t find end tag corresponding to start tag "{name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.chars), self.entities

    def decode_entity(self) -> str | None:
        """Decode an HTML entity at pos and advance past it; None leaves '&' literal."""
        end = self.source.find(";", self.pos)
        if end == -1:
            return None
        name = self.source[self.pos + 1 : end]
        decoded = _NAMED_ENTITIES.get(name) or _decode_numeric(name)
        if decoded is not None:
            self.pos = end + 1
        return decoded

    def read_until_space_or_gt(self) -> str:
        """Read a tag name."""
        begin = self.pos
        while self.pos < len(self.source) and self.source[self.pos] not in _SPACES + ">":
            self.pos += 1
        return self.source[begin : self.pos]

    def skip_spaces(self) -> None:
        """Skip whitespace inside a tag."""
        while self.pos < len(self.source) and self.source[self.pos] in _SPACES:
            self.pos += 1

    def start_tag(self) -> None:
        """Parse '<name attr=value ...>' and push it."""
        begin = self.pos
        self.pos += 1
        name = self.read_until_space_or_gt().lower()
        if not self.peek():
            raise ParseError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        if name not in _TAG_TYPES:
            raise ParseError(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        argument = ""
        while self.peek() != ">":
            found = self.attribute(name, begin)
            if found is not None:
                argument = found
        if name == "span" and argument != "spoiler":
            raise ParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        self.pos += 1
        self.stack.append(_OpenTag(name, argument, self.offset, len(self.chars)))

    def attribute(self, tag: str, begin: int) -> str | None:
        """Parse one attribute; return the tag argument it carries, if any."""
        unclosed = ParseError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        self.skip_spaces()
        if self.peek() == ">":
            return None
        attr_begin = self.pos
        while self.peek() and self.peek() not in _SPACES + "=>":
            self.pos += 1
        attr = self.source[attr_begin : self.pos]
        if not attr:
            raise ParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {self.byte_offset(begin)}'
            )
        self.skip_spaces()
        if self.peek() != "=":
            if not self.peek():
                raise unclosed
            return "1" if (tag, attr) == ("blockquote", "expandable") else None
        self.pos += 1
        self.skip_spaces()
        if not self.peek():
            raise unclosed
        value = self.attribute_value(unclosed)
        if not self.peek():
            raise unclosed
        return _tag_argument(tag, attr, value)

    def attribute_value(self, unclosed: ParseError) -> str:
        """Parse a quoted string or a bare name token."""
        quote = self.peek()
        if quote not in "'\"":
            begin = self.pos
            while self.peek() and (self.peek().isalnum() or self.peek() in ".-"):
                self.pos += 1
            return self.source[begin : self.pos].lower()
        self.pos += 1
        value: list[str] = []
        while self.peek() and self.peek() != quote:
            decoded = self.decode_entity() if self.peek() == "&" else None
            if decoded is None:
                decoded = self.peek()
                self.pos += 1
            value.append(decoded)
        if not self.peek():
            raise unclosed
        self.pos += 1
        return "".join(value)

    def end_tag(self) -> None:
        """Parse '</name>' and close the innermost open tag."""
        begin = self.pos
        if not self.stack:
            raise ParseError(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 2
        name = self.read_until_space_or_gt()
        self.skip_spaces()
        if self.peek() != ">":
            raise ParseError(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        tag = self.stack.pop()
        if name and name.lower() != tag.name:
            raise ParseError(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        if self.offset > tag.offset:
            self.add_entity(tag)

    def add_entity(self, tag: _OpenTag) -> None:
        """Turn a closed tag into an entity."""
        entity: dict[str, Any] = {
            "type": _TAG_TYPES[tag.name],
            "offset": tag.offset,
            "length": self.offset - tag.offset,
        }
        if tag.name == "a":
            entity["url"] = tag.argument or "".join(self.chars[tag.start :])
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.argument
        elif tag.name == "blockquote" and tag.argument:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "pre":
            inner = self.entities[-1] if self.entities else None
            # <pre><code class="language-x"> becomes a single pre entity with a language.
            if inner and inner["type"] == "code" and _same_span(inner, entity):
                self.entities.pop()
                if "language" in inner:
                    entity["language"] = inner["language"]
        elif tag.name == "code" and tag.argument:
            entity["language"] = tag.argument
        self.entities.append(entity)


def _same_span(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["offset"] == b["offset"] and a["length"] == b["length"])


def _decode_numeric(name: str) -> str | None:
    """Decode '#NN' or '#xNN'; None when it is not a valid code point."""
    if not name.startswith("#"):
        return None
    digits, base = (name[2:], 16) if name[1:2] in ("x", "X") else (name[1:], 10)
    try:
        code = int(digits, base)
    except ValueError:
        return None
    if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def _tag_argument(tag: str, attr: str, value: str) -> str | None:
    """The argument an attribute gives a tag (href, language, spoiler class, emoji id)."""
    if tag == "a" and attr == "href":
        return value
    if tag == "code" and attr == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attr == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "tg-emoji" and attr == "emoji-id":
        return value
    return None


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (plain_text, entities); raise ParseError like Telegram."""
    return _Parser(text).run()

"""Checks for localized text: dates as people read them, and English left in a Spanish chat."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache

from bot.i18n import catalog, templates
from sandbox import SimUser

# format_when's shapes (bot/i18n.py): weekday, day, month, the year only when not this one.
WHEN_EN = (
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{1,2}(, \d{4})?, \d{1,2}:\d{2}\u00a0(AM|PM)"
)
WHEN_ES = (
    r"(lun|mar|mié|jue|vie|sáb|dom) \d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic)"
    r"( \d{4})?, \d{1,2}:\d{2}\u00a0(a\.m\.|p\.m\.)"
)
ISO_TIME = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"  # what people used to read; now only files and the CLI

# Words that are English and never Spanish: text that has them was not translated (a string
# built in code rather than taken from the catalog, say). Not "a", "no", "me", "he", "has".
ENGLISH_WORDS = frozenset(
    {"the", "you", "your", "and", "with", "this", "that", "please", "tap", "what", "here"}
    | {"from", "have", "will", "would", "which", "when", "where", "to", "of", "is", "are"}
    | {"for", "it"}
)
_EDGES = " \t.,:;!?¿¡()“”\"'·—–-•▸…/"


def _literal_parts(template: str) -> list[str]:
    """The fixed text of a template between its tags, placeholders and line breaks."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", template))
    return [part.strip(_EDGES) for part in re.split(r"\{[^}]*\}|\n", text)]


@cache
def english_only_fragments() -> frozenset[str]:
    """Every piece of fixed English catalog text (two words or more) that no Spanish
    template contains: seen in a Spanish chat, it is English the member cannot read."""
    spanish = "\n".join(
        " ".join(_literal_parts(template))
        for entry in catalog("es").values()
        for template in templates(entry)
    )
    found = set()
    for entry in catalog("en").values():
        for template in templates(entry):
            for part in _literal_parts(template):
                words = re.findall(r"[A-Za-z']+", part)
                if len(words) >= 2 and sum(map(len, words)) >= 7 and part not in spanish:
                    found.add(part)
    return frozenset(found)


def _whole(text: str) -> str:
    """A short text as compared whole: no tags, no emoji or punctuation at its ends."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"^[^\w]+|[^\w]+$", "", " ".join(plain.split()))


CODE = re.compile(r"\b[A-Z0-9]{2,}(?:-[A-Z0-9]{2,})+\b")


@cache
def english_only_labels() -> frozenset[str]:
    """English catalog texts without placeholders (buttons, labels: 'Start', 'Skip', 'open')
    that no Spanish text is: shown whole in a Spanish chat, they are English."""

    def wholes(language: str) -> set[str]:
        return {
            _whole(template)
            for entry in catalog(language).values()
            for template in templates(entry)
            if "{" not in template
        }

    return frozenset(label for label in wholes("en") - wholes("es") if label)


@cache
def english_only_words() -> frozenset[str]:
    """Single words of five letters or more that English fixed text has, Spanish none
    ('Ballots', 'questions', 'Submit'): the labels and nouns a fragment is too short for."""
    spanish = {
        word.lower()
        for entry in catalog("es").values()
        for template in templates(entry)
        for part in _literal_parts(template)
        for word in re.findall(r"[^\W\d_]+", part)
    }
    found = set()
    for entry in catalog("en").values():
        for template in templates(entry):
            for part in _literal_parts(template):
                words = re.findall(r"[A-Za-z']+", part)
                if len(words) == 1 and len(words[0]) >= 5 and words[0].lower() not in spanish:
                    found.add(words[0])
    return frozenset(found)


def english_in(text: str) -> list[str]:
    """What in `text` is English: catalog fragments or labels, then English-only words."""
    flat = " ".join(text.replace("\u00a0", " ").split())
    hits = [fragment for fragment in english_only_fragments() if fragment in flat]
    if _whole(flat) in english_only_labels():
        hits.append(_whole(flat))
    # Codes are no language: a receipt like PZER-77IT-K3QD must not read as the word "it".
    prose = CODE.sub(" ", flat)
    words = set(re.findall(r"[A-Za-z']+", prose))
    hits += sorted(words & english_only_words())
    hits += sorted({w.lower() for w in words} & ENGLISH_WORDS)
    return hits


def everything_shown(user: SimUser) -> Iterable[tuple[str, str]]:
    """(where, text) for every text the bot showed `user`: each version of each message,
    its buttons and reply keyboard, and every button answer (toast or alert)."""
    for message in user.inbox:
        for version in [*message.edits, message]:
            where = f"message {message.message_id}"
            yield where, version.text
            for row in version.buttons + version.reply_keyboard:
                for label in row:
                    yield f"{where} button", label
    for text, _alert in user.callback_answers:
        if text:
            yield "button answer", text


def english_shown(user: SimUser) -> list[tuple[str, str, list[str]]]:
    """(where, text, English found) for everything shown to `user` that has English in it."""
    return [
        (where, text, hits) for where, text in everything_shown(user) if (hits := english_in(text))
    ]

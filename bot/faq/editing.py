"""Changing the FAQ from chat: checked like the file format, written through FaqService, audited."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from bot.faq.loader import ID_PATTERN, MAX_ANSWER, MAX_QUESTION
from bot.faq.service import FaqService
from bot.faq.text import detect_language, fold
from bot.people import Person
from storage.audit import AuditLog
from storage.faq import FaqEntry
from storage.members import Role

MAX_TAGS = 8
_TAG = re.compile(r"^[\w-]{1,32}$")
FIELDS = ("question", "answer", "tags")  # what /faqadmin may edit


class FaqEditError(ValueError):
    """The typed value cannot be used; `code` names the i18n key suffix, `limit` the bound."""

    def __init__(self, code: str, limit: int = 0) -> None:
        super().__init__(code)
        self.code = code
        self.limit = limit


def check_question(text: str) -> str:
    text = text.strip()
    if not text:
        raise FaqEditError("empty")
    if len(text) > MAX_QUESTION:
        raise FaqEditError("question_too_long", MAX_QUESTION)
    return text


def check_answer(text: str) -> str:
    text = text.strip()
    if not text:
        raise FaqEditError("empty")
    if len(text) > MAX_ANSWER:
        raise FaqEditError("answer_too_long", MAX_ANSWER)
    return text


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated topics; '-' for none. Lower-case words, digits, '-' and '_'."""
    if text.strip() in {"-", "—"}:
        return ()
    tags = tuple(dict.fromkeys(t.strip().lower() for t in text.split(",") if t.strip()))
    if not tags or len(tags) > MAX_TAGS or not all(_TAG.match(t) for t in tags):
        raise FaqEditError("bad_tags", MAX_TAGS)
    return tags


def new_id(question: str, taken: set[str]) -> str:
    """A readable id from the question's words ('how-much-strike-pay'), unique in `taken`."""
    words = re.findall(r"[a-z0-9]+", fold(question))
    base = "-".join(words)[:40].strip("-") or "entry"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    assert ID_PATTERN.match(candidate)
    return candidate


class FaqEditor:
    """Every change to the FAQ made from chat, re-checking the person and audited: stewards
    add an answered ticket and link a member's wording, leaders change, remove and clear."""

    def __init__(self, faq: FaqService, audit: AuditLog) -> None:
        self.faq = faq
        self.audit = audit

    async def add(
        self,
        by: Person,
        question: str,
        answer: str,
        tags: tuple[str, ...] = (),
        language: str | None = None,
        source: str = "chat",
    ) -> FaqEntry:
        """Add a new entry (its id made from the question)."""
        by.require(Role.STEWARD)
        question, answer = check_question(question), check_answer(answer)
        taken = {e.id for e in await self.faq.entries()}
        entry = FaqEntry(
            id=new_id(question, taken),
            question=question,
            answer=answer,
            tags=tags,
            language=detect_language(question, language),
        )
        if not await self.faq.add(entry):
            raise FaqEditError("taken")
        await self.audit.record(by.actor, "faq.add", entry.id, source=source)
        return entry

    async def update(self, by: Person, entry_id: str, field: str, typed: str) -> FaqEntry:
        """Change one field of an entry."""
        by.require(Role.LEADER)
        entry = next((e for e in await self.faq.entries() if e.id == entry_id), None)
        if entry is None:
            raise FaqEditError("gone")
        if field == "question":
            changed = dataclasses.replace(entry, question=check_question(typed))
        elif field == "answer":
            changed = dataclasses.replace(entry, answer=check_answer(typed))
        elif field == "tags":
            changed = dataclasses.replace(entry, tags=parse_tags(typed))
        else:
            raise FaqEditError("gone")
        if not await self.faq.update(changed):
            raise FaqEditError("gone")
        await self.audit.record(by.actor, "faq.update", entry_id, field=field)
        return changed

    async def pair(self, by: Person, entry_id: str, translation: str | None) -> FaqEntry:
        """Name the entry's translation (None: it has none), as `translates:` does in the
        file: an entry in the other language that is no third entry's translation. A
        member then gets the one in their language, and the pair takes one suggestion."""
        by.require(Role.LEADER)
        entries = {e.id: e for e in await self.faq.entries()}
        entry = entries.get(entry_id)
        other = entries.get(translation) if translation is not None else None
        if entry is None or (translation is not None and other is None):
            raise FaqEditError("gone")
        if other is not None:
            if other.language == entry.language:
                raise FaqEditError("pair_language")
            if not self._free(other, entry):
                raise FaqEditError("pair_taken")
        await self.faq.pair(entry_id, translation)
        action = "faq.pair" if translation else "faq.unpair"
        await self.audit.record(by.actor, action, entry_id, translation=translation)
        return self.faq.entry(entry_id) or entry

    def pairable(self, entry: FaqEntry, entries: Iterable[FaqEntry]) -> list[FaqEntry]:
        """The entries that may be `entry`'s translation: in the other language, not
        another entry's translation."""
        return [e for e in entries if e.language != entry.language and self._free(e, entry)]

    def _free(self, other: FaqEntry, entry: FaqEntry) -> bool:
        """`other` translates nothing, or `entry` already."""
        return self.faq.translation(other.id) in (None, entry.id)

    async def remove(self, by: Person, entry_id: str) -> bool:
        by.require(Role.LEADER)
        removed = await self.faq.remove(entry_id)
        if removed:
            await self.audit.record(by.actor, "faq.remove", entry_id)
        return removed

    async def clear_gaps(self, by: Person, up_to: int) -> int:
        """Forget the unanswered questions up to gap `up_to`; how many went."""
        by.require(Role.LEADER)
        cleared = await self.faq.clear_gaps(up_to)
        await self.audit.record(by.actor, "faq.gaps_cleared", None, count=cleared)
        return cleared

    async def link(self, by: Person, entry_id: str, text: str, source: str) -> FaqEntry:
        """A steward or leader says "this is answered by entry X": the member's words become
        an alternate of X (audited as `faq.link`), so the next member asking that way gets X.

        `source` names where the words came from (`gap:<id>` or `ticket:<n>`); the words
        themselves stay out of the audit log, which never holds what members typed.
        """
        by.require(Role.STEWARD)
        entry = await self.faq.link(entry_id, text)
        if entry is None:
            raise FaqEditError("gone")
        await self.audit.record(by.actor, "faq.link", entry_id, source=source)
        return entry

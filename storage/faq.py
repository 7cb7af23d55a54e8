"""FAQ entries, their FTS5 index, unanswered questions ("gaps") and 👍/👎 tallies."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from storage.database import Database


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One question and its answer, as an author wrote it."""

    id: str
    question: str
    answer: str
    tags: tuple[str, ...] = ()
    alternates: tuple[str, ...] = ()
    language: str = "en"
    translates: str | None = None  # the id of the same entry in the other language

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> FaqEntry:
        return cls(
            id=row["id"],
            question=row["question"],
            answer=row["answer"],
            tags=tuple(json.loads(row["tags"])),
            alternates=tuple(json.loads(row["alternates"])),
            language=row["language"],
            translates=row["translates"],
        )


@dataclass(frozen=True, slots=True)
class IndexTerms:
    """What the matcher indexes for an entry: space-separated terms and the analyzer version."""

    title: str = ""
    body: str = ""
    version: int = 0


@dataclass(frozen=True, slots=True)
class SearchHit:
    entry_id: str
    score: float  # -bm25(): higher is better


@dataclass(frozen=True, slots=True)
class FaqGap:
    id: int
    text: str
    reason: str  # 'unknown' | 'suggested' | 'unhelpful'
    entry_id: str | None
    at: int


@dataclass(frozen=True, slots=True)
class Feedback:
    entry_id: str
    helpful: int = 0
    unhelpful: int = 0


Indexer = Callable[[FaqEntry], IndexTerms]
GAP_REASONS = frozenset({"unknown", "suggested", "unhelpful"})

# bm25() column weights, in faq_index column order:
# question, alternates, tags, answer, title_terms, body_terms.
DEFAULT_WEIGHTS: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0)

_COLUMNS = "id, question, answer, tags, alternates, language, translates"


def _no_terms(entry: FaqEntry) -> IndexTerms:
    return IndexTerms()


@dataclass(slots=True)
class FaqRepository:
    """Reads and writes the FAQ tables; `indexer` turns an entry into its index terms.

    The FAQ service passes its analyzer as `indexer`; without one, entries are still stored
    and searchable by their raw text, and the service re-indexes them when it starts.
    """

    db: Database
    indexer: Indexer = field(default=_no_terms)

    # -- entries ------------------------------------------------------------

    def _values(self, entry: FaqEntry, position: int) -> tuple[object, ...]:
        terms = self.indexer(entry)
        return (
            entry.id,
            entry.question,
            entry.answer,
            json.dumps(list(entry.tags), ensure_ascii=False),
            json.dumps(list(entry.alternates), ensure_ascii=False),
            entry.language,
            entry.translates,
            position,
            terms.title,
            terms.body,
            terms.version,
        )

    _INSERT = (
        "INSERT INTO faq_entries (id, question, answer, tags, alternates, language, translates, "
        "position, title_terms, body_terms, terms_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )

    async def replace_all(self, entries: Sequence[FaqEntry]) -> int:
        """Replace the whole FAQ with `entries` in one transaction; all or nothing. The
        entries are also kept as loaded (`loaded`), to tell later what chat added."""
        rows = [self._values(entry, position) for position, entry in enumerate(entries)]
        loaded = json.dumps([dataclasses.asdict(e) for e in entries], ensure_ascii=False)
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM faq_entries")
            await conn.executemany(self._INSERT, rows)
            await conn.execute(
                "INSERT OR REPLACE INTO faq_loaded (id, entries) VALUES (1, ?)", (loaded,)
            )
        return len(rows)

    async def loaded(self) -> list[FaqEntry] | None:
        """The entries as last loaded whole (`replace_all`); None before the first load."""
        raw = await self.db.fetchval("SELECT entries FROM faq_loaded WHERE id = 1")
        if raw is None:
            return None
        return [
            FaqEntry(**{**e, "tags": tuple(e["tags"]), "alternates": tuple(e["alternates"])})
            for e in json.loads(raw)
        ]

    async def add(self, entry: FaqEntry) -> bool:
        """Add a new entry at the end; False when the id is already taken."""
        try:
            async with self.db.transaction() as conn:
                async with conn.execute(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM faq_entries"
                ) as cursor:
                    (position,) = await cursor.fetchone()
                await conn.execute(self._INSERT, self._values(entry, position))
        except sqlite3.IntegrityError:
            return False
        return True

    async def update(self, entry: FaqEntry) -> bool:
        """Replace the entry with the same id; False when there is none."""
        terms = self.indexer(entry)
        changed = await self.db.execute(
            "UPDATE faq_entries SET question = ?, answer = ?, tags = ?, alternates = ?, "
            "language = ?, translates = ?, title_terms = ?, body_terms = ?, terms_version = ?, "
            "updated_at = strftime('%s', 'now') WHERE id = ?",
            (
                entry.question,
                entry.answer,
                json.dumps(list(entry.tags), ensure_ascii=False),
                json.dumps(list(entry.alternates), ensure_ascii=False),
                entry.language,
                entry.translates,
                terms.title,
                terms.body,
                terms.version,
                entry.id,
            ),
        )
        return changed > 0

    async def pair(self, entry_id: str, translation: str | None) -> None:
        """Make `translation` the one translation of `entry_id` (None: it has none), in one
        transaction: whatever pair either entry was in before is undone."""
        ids = (entry_id, translation or entry_id)
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE faq_entries SET translates = NULL, updated_at = strftime('%s', 'now') "
                "WHERE id IN (?, ?) OR translates IN (?, ?)",
                (*ids, *ids),
            )
            if translation is not None:
                await conn.execute(
                    "UPDATE faq_entries SET translates = ? WHERE id = ?", (translation, entry_id)
                )

    async def remove(self, entry_id: str) -> bool:
        """Delete one entry; False when there was none."""
        return await self.db.execute("DELETE FROM faq_entries WHERE id = ?", (entry_id,)) > 0

    async def get(self, entry_id: str) -> FaqEntry | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM faq_entries WHERE id = ?", (entry_id,)
        )
        return FaqEntry.from_row(row) if row else None

    async def all(self) -> list[FaqEntry]:
        """Every entry in file order."""
        rows = await self.db.fetchall(f"SELECT {_COLUMNS} FROM faq_entries ORDER BY position, pk")
        return [FaqEntry.from_row(r) for r in rows]

    async def count(self) -> int:
        return await self.db.fetchval("SELECT COUNT(*) FROM faq_entries")

    async def index_terms(self) -> list[tuple[str, str, str, int]]:
        """(id, title_terms, body_terms, terms_version) of every entry."""
        rows = await self.db.fetchall(
            "SELECT id, title_terms, body_terms, terms_version FROM faq_entries "
            "ORDER BY position, pk"
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def data_version(self) -> int:
        """SQLite's counter of commits made by other connections to this database file."""
        return await self.db.fetchval("PRAGMA data_version")

    async def reindex(self, entries: Iterable[FaqEntry]) -> int:
        """Recompute the index terms of `entries` (after the analyzer changed)."""
        rows = []
        for entry in entries:
            terms = self.indexer(entry)
            rows.append((terms.title, terms.body, terms.version, entry.id))
        if rows:
            async with self.db.transaction() as conn:
                await conn.executemany(
                    "UPDATE faq_entries SET title_terms = ?, body_terms = ?, terms_version = ? "
                    "WHERE id = ?",
                    rows,
                )
        return len(rows)

    # -- search -------------------------------------------------------------

    async def search(
        self,
        match_expression: str,
        limit: int = 10,
        weights: Sequence[float] = DEFAULT_WEIGHTS,
    ) -> list[SearchHit]:
        """Rank entries with FTS5 BM25 for an FTS5 MATCH expression, best first.

        `weights` are bm25() column weights in index column order (question, alternates,
        tags, answer, title_terms, body_terms). A malformed expression raises ValueError.
        """
        if len(weights) != len(DEFAULT_WEIGHTS):
            raise ValueError(f"need {len(DEFAULT_WEIGHTS)} column weights, got {len(weights)}")
        marks = ", ".join("?" for _ in weights)
        try:
            rows = await self.db.fetchall(
                f"SELECT e.id, bm25(faq_index, {marks}) AS rank "
                "FROM faq_index JOIN faq_entries AS e ON e.pk = faq_index.rowid "
                "WHERE faq_index MATCH ? ORDER BY rank, e.position LIMIT ?",
                (*weights, match_expression, limit),
            )
        except sqlite3.OperationalError as exc:
            raise ValueError(f"bad search expression {match_expression!r}: {exc}") from None
        return [SearchHit(r[0], -r[1]) for r in rows]

    # -- gaps and feedback -------------------------------------------------------

    async def log_gap(self, text: str, reason: str, entry_id: str | None = None) -> None:
        """Remember a question the FAQ did not answer well (text only, never who asked)."""
        if reason not in GAP_REASONS:
            raise ValueError(f"gap reason must be one of {sorted(GAP_REASONS)}, not {reason!r}")
        await self.db.execute(
            "INSERT INTO faq_gaps (text, reason, entry_id) VALUES (?, ?, ?)",
            (text, reason, entry_id),
        )

    async def gaps(self, limit: int = 20) -> list[FaqGap]:
        """The most recent gaps, newest first."""
        rows = await self.db.fetchall(
            "SELECT id, text, reason, entry_id, at FROM faq_gaps ORDER BY at DESC, id DESC LIMIT ?",
            (limit,),
        )
        return [FaqGap(r["id"], r["text"], r["reason"], r["entry_id"], r["at"]) for r in rows]

    async def gap(self, gap_id: int) -> FaqGap | None:
        row = await self.db.fetchone(
            "SELECT id, text, reason, entry_id, at FROM faq_gaps WHERE id = ?", (gap_id,)
        )
        return (
            FaqGap(row["id"], row["text"], row["reason"], row["entry_id"], row["at"])
            if row
            else None
        )

    async def remove_gap(self, gap_id: int) -> bool:
        """Forget one gap (it was linked to the entry that answers it)."""
        return await self.db.execute("DELETE FROM faq_gaps WHERE id = ?", (gap_id,)) > 0

    async def clear_gaps(self, up_to_id: int | None = None) -> int:
        """Forget gaps (all, or those with id <= up_to_id) once leaders have dealt with them."""
        if up_to_id is None:
            return await self.db.execute("DELETE FROM faq_gaps")
        return await self.db.execute("DELETE FROM faq_gaps WHERE id <= ?", (up_to_id,))

    async def record_feedback(self, entry_id: str, helpful: bool) -> Feedback:
        """Count one 👍 (helpful) or 👎 for an entry; returns the new tallies."""
        column = "helpful" if helpful else "unhelpful"
        rows = await self.db.write_returning(
            f"INSERT INTO faq_feedback (entry_id, {column}) VALUES (?, 1) "
            f"ON CONFLICT (entry_id) DO UPDATE SET {column} = {column} + 1 "
            "RETURNING entry_id, helpful, unhelpful",
            (entry_id,),
        )
        return Feedback(rows[0][0], rows[0][1], rows[0][2])

    async def feedback(self) -> list[Feedback]:
        """Tallies of every entry that has any, most 👎 first."""
        rows = await self.db.fetchall(
            "SELECT entry_id, helpful, unhelpful FROM faq_feedback "
            "ORDER BY unhelpful DESC, entry_id"
        )
        return [Feedback(r[0], r[1], r[2]) for r in rows]

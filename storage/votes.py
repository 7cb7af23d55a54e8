"""Votes, their frozen rolls, who took part, and the anonymous ballots."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from storage.database import Database
from storage.members import GOOD_STANDING_SQL
from storage.seal_keys import NewKey, erase_key, insert_key

# The languages a vote's texts are stored in: English in `question`/`options`/`description`,
# each other language in `<column>_<language>` (schema 15). The bot's LANGUAGES, as columns.
LANGUAGES = ("en", "es")
Texts = dict[str, str]  # language -> text


class SlugTaken(Exception):
    """Another vote was already created from a file with this id."""


class CastOutcome(StrEnum):
    """What happened to one attempt to cast a ballot; only CAST wrote anything."""

    CAST = "cast"
    NO_SUCH_VOTE = "no_such_vote"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"
    BAD_OPTION = "bad_option"
    NOT_ON_ROLL = "not_on_roll"
    ALREADY_VOTED = "already_voted"


@dataclass(frozen=True, slots=True)
class Vote:
    """One vote as stored; rules are raw numbers (bot.votes turns them into fractions).

    Texts are language -> text for every language (bot.texts.say picks the reader's).
    """

    id: int
    question: Texts
    options: tuple[Texts, ...]
    worksites: tuple[str, ...]
    classifications: tuple[str, ...]
    opens_at: int
    closes_at: int
    threshold_num: int
    threshold_den: int
    threshold_strict: bool
    quorum_num: int | None
    quorum_den: int | None
    show_results: bool
    reminders: tuple[int, ...]
    state: str
    roll_size: int
    created_by: str
    opened_at: int | None
    closed_at: int | None
    counted_at: int | None = None
    description: Texts | None = None
    slug: str | None = None  # the id of the file it was created from

    @property
    def subject(self) -> str:
        """What its key and ballots are bound to."""
        return f"vote:{self.id}"

    @property
    def counted(self) -> bool:
        return self.counted_at is not None

    @property
    def sealed(self) -> bool:
        """Closed, but the ballots are not counted yet (trustees have not all unlocked)."""
        return self.state == "closed" and self.counted_at is None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Vote:
        labels = {language: json.loads(row[_column("options", language)]) for language in LANGUAGES}
        return cls(
            id=row["id"],
            question={language: row[_column("question", language)] for language in LANGUAGES},
            options=tuple(
                {language: labels[language][i] for language in LANGUAGES}
                for i in range(len(labels["en"]))
            ),
            worksites=tuple(json.loads(row["worksites"])),
            classifications=tuple(json.loads(row["classifications"])),
            opens_at=row["opens_at"],
            closes_at=row["closes_at"],
            threshold_num=row["threshold_num"],
            threshold_den=row["threshold_den"],
            threshold_strict=bool(row["threshold_strict"]),
            quorum_num=row["quorum_num"],
            quorum_den=row["quorum_den"],
            show_results=bool(row["show_results"]),
            reminders=tuple(json.loads(row["reminders"])),
            state=row["state"],
            roll_size=row["roll_size"],
            created_by=row["created_by"],
            opened_at=row["opened_at"],
            closed_at=row["closed_at"],
            counted_at=row["counted_at"],
            description=(
                {language: row[_column("description", language)] for language in LANGUAGES}
                if row["description"] is not None
                else None
            ),
            slug=row["slug"],
        )


def _column(name: str, language: str) -> str:
    return name if language == "en" else f"{name}_{language}"


def text_columns(values: dict[str, Any]) -> dict[str, Any]:
    """Columns from `values` whose question, options and description are per-language texts."""
    row = {k: v for k, v in values.items() if k not in ("question", "options", "description")}
    if "question" in values:
        for language in LANGUAGES:
            row[_column("question", language)] = values["question"][language]
    if "options" in values:
        for language in LANGUAGES:
            labels = [option[language] for option in values["options"]]
            row[_column("options", language)] = json.dumps(labels, ensure_ascii=False)
    if "description" in values:
        description = values["description"]
        for language in LANGUAGES:
            row[_column("description", language)] = description[language] if description else None
    for name in ("worksites", "classifications", "reminders"):
        if name in row:
            row[name] = json.dumps(list(row[name]), ensure_ascii=False)
    return row


_COLUMNS = (
    "id, question, question_es, options, options_es, description, description_es, slug, "
    "worksites, classifications, opens_at, closes_at, threshold_num, threshold_den, "
    "threshold_strict, quorum_num, quorum_den, show_results, reminders, state, roll_size, "
    "created_by, opened_at, closed_at, counted_at"
)

# Who may vote: verified, linked, active members in good standing, on the roster or
# verified into a worksite by invite (staff rows from ADMIN_IDS alone are not members).
# The same members as every audience and denominator (storage.members).
_ELIGIBLE = f"""
    SELECT id, worksite FROM members
    WHERE {GOOD_STANDING_SQL}
      AND (:worksites = '[]' OR worksite IN (SELECT value FROM json_each(:worksites)))
      AND (:classes = '[]' OR classification IN (SELECT value FROM json_each(:classes)))
"""


class VotesRepository:
    """Reads and writes the vote tables; the cast is one transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self, values: dict[str, Any], created_by: str, key: NewKey | None = None
    ) -> Vote:
        """Store a scheduled vote, and its sealing key if it has one yet, in one transaction.

        `values` are the columns (lists as Python lists; question, options and description
        as language -> text). SlugTaken when a vote from a file with the same id exists.
        """
        row = text_columns(values)
        row["created_by"] = created_by
        names = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        try:
            async with self.db.transaction() as conn:
                async with conn.execute(
                    f"INSERT INTO votes ({names}) VALUES ({marks}) RETURNING {_COLUMNS}", row
                ) as cursor:
                    vote = Vote.from_row(await cursor.fetchone())
                if key is not None:
                    await insert_key(conn, vote.subject, key)
        except sqlite3.IntegrityError as exc:
            if "votes.slug" in str(exc):
                raise SlugTaken(values.get("slug")) from None
            raise
        return vote

    async def update(self, vote_id: int, values: dict[str, Any]) -> Vote | None:
        """Change a vote that has not opened yet (same `values` as create); None once it has
        opened or was cancelled (the database refuses changes to an open vote anyway)."""
        row = text_columns(values)
        changes = ", ".join(f"{name} = :{name}" for name in row)
        rows = await self.db.write_returning(
            f"UPDATE votes SET {changes} WHERE id = :vote_id AND state = 'scheduled' "
            f"RETURNING {_COLUMNS}",
            {**row, "vote_id": vote_id},
        )
        return Vote.from_row(rows[0]) if rows else None

    async def get(self, vote_id: int) -> Vote | None:
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM votes WHERE id = ?", (vote_id,))
        return Vote.from_row(row) if row else None

    async def by_slug(self, slug: str) -> Vote | None:
        """The vote created from the file with this id, whatever its state."""
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM votes WHERE slug = ?", (slug,))
        return Vote.from_row(row) if row else None

    async def recent(self, limit: int = 10) -> list[Vote]:
        """Newest first."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM votes ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [Vote.from_row(r) for r in rows]

    async def open_for(self, member: int) -> list[tuple[Vote, bool]]:
        """Open votes with `member` on the roll, and whether they have voted in each."""
        rows = await self.db.fetchall(
            f"""SELECT {", ".join("v." + c.strip() for c in _COLUMNS.split(","))},
                       EXISTS (SELECT 1 FROM vote_participation p
                               WHERE p.vote = v.id AND p.member = r.member) AS voted
                FROM votes v JOIN vote_roll r ON r.vote = v.id AND r.member = ?
                WHERE v.state = 'open' ORDER BY v.closes_at, v.id""",
            (member,),
        )
        return [(Vote.from_row(r), bool(r["voted"])) for r in rows]

    async def cancel(self, vote_id: int) -> bool:
        """Cancel a vote that has not opened; False when it already has (or is gone)."""
        changed = await self.db.execute(
            "UPDATE votes SET state = 'cancelled' WHERE id = ? AND state = 'scheduled'",
            (vote_id,),
        )
        return changed > 0

    async def open(self, vote_id: int, now: int, key: NewKey) -> int | None:
        """Open the vote and freeze its roll; the roll size, or None if it was not scheduled.

        `key` seals its ballots unless the vote already has one (trustee mode).
        """
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT worksites, classifications FROM votes WHERE id = ? AND state = 'scheduled'",
                (vote_id,),
            ) as cursor:
                vote = await cursor.fetchone()
            if vote is None:
                return None
            await conn.execute(
                f"INSERT OR IGNORE INTO vote_roll (vote, member, worksite) "
                f"SELECT :vote, id, worksite FROM ({_ELIGIBLE})",
                {
                    "vote": vote_id,
                    "worksites": vote["worksites"],
                    "classes": vote["classifications"],
                },
            )
            size = await _refresh_roll_size(conn, vote_id)
            async with conn.execute(
                "SELECT 1 FROM seal_keys WHERE subject = ?", (f"vote:{vote_id}",)
            ) as cursor:
                if await cursor.fetchone() is None:
                    await insert_key(conn, f"vote:{vote_id}", key)
            await conn.execute(
                "UPDATE votes SET state = 'open', opened_at = ? WHERE id = ?", (now, vote_id)
            )
            return size

    async def add_to_roll(self, vote_id: int, member: int, worksite: str | None) -> bool:
        """Put one member on the roll of a scheduled or open vote; False if already there."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO vote_roll (vote, member, worksite) "
                "SELECT id, ?, ? FROM votes WHERE id = ? AND state IN ('scheduled', 'open')",
                (member, worksite, vote_id),
            )
            if cursor.rowcount == 0:
                return False
            await _refresh_roll_size(conn, vote_id)
            return True

    async def on_roll(self, vote_id: int, member: int) -> bool:
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM vote_roll WHERE vote = ? AND member = ?", (vote_id, member)
            )
        )

    async def has_voted(self, vote_id: int, member: int) -> bool:
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM vote_participation WHERE vote = ? AND member = ?", (vote_id, member)
            )
        )

    async def cast(
        self, vote_id: int, member: int, choice: int, sealed: bytes, tracker: str, now: float
    ) -> CastOutcome:
        """Check and record one sealed ballot in ONE transaction.

        `choice` is only checked against the options here; what is stored is `sealed`, the
        choice sealed with the vote's public key, under its `tracker`. The vote's state,
        window, the option and the roll are checked inside the same transaction that
        writes, and the participation primary key (vote, member) makes a second ballot
        from the same member fail atomically, however the requests race.
        """
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT state, options, closes_at FROM votes WHERE id = ?", (vote_id,)
            ) as cursor:
                vote = await cursor.fetchone()
            if vote is None:
                return CastOutcome.NO_SUCH_VOTE
            if vote["state"] == "scheduled":
                return CastOutcome.NOT_OPEN_YET
            if vote["state"] != "open" or now >= vote["closes_at"]:
                return CastOutcome.CLOSED
            if not 0 <= choice < len(json.loads(vote["options"])):
                return CastOutcome.BAD_OPTION
            async with conn.execute(
                "SELECT 1 FROM vote_roll WHERE vote = ? AND member = ?", (vote_id, member)
            ) as cursor:
                if await cursor.fetchone() is None:
                    return CastOutcome.NOT_ON_ROLL
            cursor = await conn.execute(
                "INSERT INTO vote_participation (vote, member) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING",
                (vote_id, member),
            )
            if cursor.rowcount == 0:
                return CastOutcome.ALREADY_VOTED
            await conn.execute(
                "INSERT INTO vote_ballots (tracker, vote, sealed) VALUES (?, ?, ?)",
                (tracker, vote_id, sealed),
            )
            return CastOutcome.CAST

    async def close(self, vote_id: int, now: int) -> bool:
        """Close an open vote; False when it was not open. Ballots are refused from here on."""
        changed = await self.db.execute(
            "UPDATE votes SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'",
            (now, vote_id),
        )
        return changed > 0

    async def sealed_ballots(self, vote_id: int) -> list[bytes]:
        """Every sealed ballot of a vote, for the count (in tracker order: random)."""
        rows = await self.db.fetchall(
            "SELECT sealed FROM vote_ballots WHERE vote = ? AND sealed IS NOT NULL", (vote_id,)
        )
        return [bytes(r[0]) for r in rows]

    async def store_count(self, vote_id: int, counts: tuple[int, ...], now: int) -> bool:
        """Write the totals and erase the vote's key in ONE transaction; False if counted."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE votes SET counted_at = ? WHERE id = ? AND state = 'closed' "
                "AND counted_at IS NULL",
                (now, vote_id),
            )
            if cursor.rowcount == 0:
                return False
            await conn.executemany(
                "INSERT INTO vote_results (vote, choice, ballots) VALUES (?, ?, ?)",
                [(vote_id, choice, n) for choice, n in enumerate(counts)],
            )
            await erase_key(conn, f"vote:{vote_id}")
            return True

    async def counts(self, vote_id: int, options: int) -> tuple[int, ...]:
        """The stored totals per option index (all zero until counted)."""
        rows = await self.db.fetchall(
            "SELECT choice, ballots FROM vote_results WHERE vote = ?", (vote_id,)
        )
        counts = [0] * options
        for choice, ballots in rows:
            counts[choice] += ballots
        return tuple(counts)

    async def turnout(self, vote_id: int) -> dict[str | None, tuple[int, int]]:
        """Per worksite (as frozen on the roll): (members who voted, members on the roll)."""
        rows = await self.db.fetchall(
            """SELECT r.worksite, COUNT(p.member), COUNT(*)
               FROM vote_roll r LEFT JOIN vote_participation p
                    ON p.vote = r.vote AND p.member = r.member
               WHERE r.vote = ? GROUP BY r.worksite""",
            (vote_id,),
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    async def participants(self, vote_id: int) -> int:
        return await self.db.fetchval(
            "SELECT COUNT(*) FROM vote_participation WHERE vote = ?", (vote_id,)
        )

    async def roll(self, vote_id: int) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT member FROM vote_roll WHERE vote = ? ORDER BY member", (vote_id,)
        )
        return [r[0] for r in rows]

    async def not_voted(self, vote_id: int) -> list[int]:
        """Members on the roll without a ballot: for the bot's own reminders, never shown."""
        rows = await self.db.fetchall(
            """SELECT r.member FROM vote_roll r
               WHERE r.vote = ? AND NOT EXISTS (
                   SELECT 1 FROM vote_participation p WHERE p.vote = r.vote AND p.member = r.member)
               ORDER BY r.member""",
            (vote_id,),
        )
        return [r[0] for r in rows]

    async def receipts(self, vote_id: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT tracker FROM vote_ballots WHERE vote = ? ORDER BY tracker", (vote_id,)
        )
        return [r[0] for r in rows]

    async def vote_of_receipt(self, receipt: str) -> int | None:
        """The vote a receipt (a ballot's tracker) was cast in (never its choice)."""
        return await self.db.fetchval("SELECT vote FROM vote_ballots WHERE tracker = ?", (receipt,))


async def _refresh_roll_size(conn: Any, vote_id: int) -> int:
    async with conn.execute("SELECT COUNT(*) FROM vote_roll WHERE vote = ?", (vote_id,)) as cursor:
        row = await cursor.fetchone()
    size = int(row[0])
    await conn.execute("UPDATE votes SET roll_size = ? WHERE id = ?", (size, vote_id))
    return size

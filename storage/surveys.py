"""Surveys, members' progress, participation and anonymous responses.

While a survey is open its responses are sealed boxes (survey_sealed) and members'
progress is sealed too; this module stores and returns the bytes, the survey service
seals and opens them. Clear responses appear only at close (`open_sealed`).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storage.database import Database
from storage.seal_keys import NewKey, erase_key, insert_key

DIMENSIONS = {"worksite": "worksite", "classification": "classification"}


class SurveyExists(Exception):
    """A survey with this id has already opened; it cannot be replaced."""


@dataclass(frozen=True, slots=True)
class StoredSurvey:
    pk: int
    slug: str
    definition: dict[str, Any]  # the validated definition, as bot.surveys.model.Survey JSON
    privacy: str
    opens_at: int
    closes_at: int
    state: str
    audience: int | None
    reminders_sent: int

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> StoredSurvey:
        return cls(
            pk=row["id"],
            slug=row["slug"],
            definition=json.loads(row["definition"]),
            privacy=row["privacy"],
            opens_at=row["opens_at"],
            closes_at=row["closes_at"],
            state=row["state"],
            audience=row["audience"],
            reminders_sent=row["reminders_sent"],
        )


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """One row of `survey_answers` as it goes in."""

    question: int
    value: float
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    survey: int
    position: int
    answers: dict[str, Any]
    active: bool
    updated_at: int


@dataclass(frozen=True, slots=True)
class SealedProgress:
    """A progress row as stored: position and answers in one sealed blob."""

    survey: int
    member: int
    sealed: bytes
    active: bool
    updated_at: int


@dataclass(frozen=True, slots=True)
class OpenedResponse:
    """A sealed response once opened at close."""

    worksite: str | None
    classification: str | None
    member: int | None
    answers: list[StoredAnswer]


_COLUMNS = "id, slug, definition, privacy, opens_at, closes_at, state, audience, reminders_sent"


def _group_filter(worksites: Sequence[str | None] | None) -> tuple[str, list[Any]]:
    """SQL limiting rows to some worksites (a steward's), or nothing for everything."""
    if worksites is None:
        return "", []
    named = json.dumps([w for w in worksites if w is not None])
    if None in worksites:  # members without a worksite fall in a published group too
        return " AND (worksite IN (SELECT value FROM json_each(?)) OR worksite IS NULL)", [named]
    return " AND worksite IN (SELECT value FROM json_each(?))", [named]


class SurveysRepository:
    """Reads and writes the survey tables; knows nothing of Telegram."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- surveys ----------------------------------------------------------------

    async def save(
        self, definition: dict[str, Any], opens_at: int, created_by: str, key: NewKey | None = None
    ) -> StoredSurvey:
        """Store a new survey, or replace one with the same id that has not opened yet.

        `key` seals its responses; stored in the same transaction unless it has one already.
        """
        slug, privacy, closes_at = definition["id"], definition["privacy"], definition["closes_at"]
        async with self.db.transaction() as conn:
            async with conn.execute("SELECT state FROM surveys WHERE slug = ?", (slug,)) as cursor:
                existing = await cursor.fetchone()
            if existing is not None and existing["state"] != "scheduled":
                raise SurveyExists(slug)
            async with conn.execute(
                f"""INSERT INTO surveys (slug, definition, privacy, opens_at, closes_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (slug) DO UPDATE SET definition = excluded.definition,
                        privacy = excluded.privacy, opens_at = excluded.opens_at,
                        closes_at = excluded.closes_at, created_by = excluded.created_by
                    RETURNING {_COLUMNS}""",
                (
                    slug,
                    json.dumps(definition, sort_keys=True),
                    privacy,
                    opens_at,
                    closes_at,
                    created_by,
                ),
            ) as cursor:
                row = await cursor.fetchone()
            assert row is not None
            if key is not None:
                await _ensure_key(conn, row["id"], key)
        return StoredSurvey.from_row(row)

    async def ensure_key(self, pk: int, key: NewKey) -> None:
        """Give a survey its sealing key if it has none (one stored before schema 11)."""
        async with self.db.transaction() as conn:
            await _ensure_key(conn, pk, key)

    async def get(self, pk: int) -> StoredSurvey | None:
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM surveys WHERE id = ?", (pk,))
        return StoredSurvey.from_row(row) if row else None

    async def by_slug(self, slug: str) -> StoredSurvey | None:
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM surveys WHERE slug = ?", (slug,))
        return StoredSurvey.from_row(row) if row else None

    async def in_states(self, *states: str) -> list[StoredSurvey]:
        marks = ", ".join("?" for _ in states)
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM surveys WHERE state IN ({marks}) ORDER BY opens_at, id",
            states,
        )
        return [StoredSurvey.from_row(r) for r in rows]

    async def recent(self, limit: int = 8) -> list[StoredSurvey]:
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM surveys WHERE state != 'scheduled' "
            "ORDER BY opens_at DESC, id DESC LIMIT ?",
            (limit,),
        )
        return [StoredSurvey.from_row(r) for r in rows]

    async def move(self, pk: int, old: str, new: str, audience: int | None = None) -> bool:
        """Change state only from `old` (so two timers never both open or close a survey)."""
        changed = await self.db.execute(
            "UPDATE surveys SET state = ?, audience = COALESCE(?, audience) "
            "WHERE id = ? AND state = ?",
            (new, audience, pk, old),
        )
        return changed > 0

    async def set_announcement(self, pk: int, broadcast: int) -> None:
        await self.db.execute("UPDATE surveys SET announcement = ? WHERE id = ?", (broadcast, pk))

    async def claim_reminder(self, pk: int, number: int) -> bool:
        """Record that reminder `number` (1-based) goes out; False if it already went."""
        changed = await self.db.execute(
            "UPDATE surveys SET reminders_sent = ? WHERE id = ? AND reminders_sent < ? "
            "AND state = 'open'",
            (number, pk, number),
        )
        return changed > 0

    # -- progress ---------------------------------------------------------------

    async def progress(self, survey: int, member: int) -> SealedProgress | None:
        row = await self.db.fetchone(
            f"SELECT {_PROGRESS} FROM survey_progress WHERE survey = ? AND member = ?",
            (survey, member),
        )
        return _progress(row) if row else None

    async def save_progress(self, survey: int, member: int, sealed: bytes, now: int) -> None:
        """Save where the member is and what they answered (sealed); typing goes here now."""
        async with self.db.transaction() as conn:
            # One survey at a time takes typed answers.
            await conn.execute(
                "UPDATE survey_progress SET active = 0 WHERE member = ? AND survey != ?",
                (member, survey),
            )
            await conn.execute(
                """INSERT INTO survey_progress (survey, member, sealed, active, updated_at)
                   VALUES (?, ?, ?, 1, ?)
                   ON CONFLICT (survey, member) DO UPDATE SET sealed = excluded.sealed,
                       active = 1, updated_at = excluded.updated_at""",
                (survey, member, sealed, now),
            )

    async def active_progress(self, member: int, since: int) -> SealedProgress | None:
        """The survey this member is answering right now (active, touched since `since`)."""
        row = await self.db.fetchone(
            f"SELECT {_PROGRESS} FROM survey_progress "
            "WHERE member = ? AND active = 1 AND updated_at >= ?",
            (member, since),
        )
        return _progress(row) if row else None

    async def active_rows(self) -> list[tuple[SealedProgress, int]]:
        """Every active progress row with the member's Telegram id."""
        rows = await self.db.fetchall(
            "SELECT p.survey, p.member, p.sealed, p.active, p.updated_at, m.telegram_id "
            "FROM survey_progress p JOIN members m ON m.id = p.member "
            "WHERE p.active = 1 AND m.telegram_id IS NOT NULL"
        )
        return [(_progress(r), r["telegram_id"]) for r in rows]

    async def pause(self, member: int) -> bool:
        """Stop routing typed text to a survey; True when one was active."""
        changed = await self.db.execute(
            "UPDATE survey_progress SET active = 0 WHERE member = ? AND active = 1", (member,)
        )
        return changed > 0

    async def in_progress(self, member: int) -> set[int]:
        rows = await self.db.fetchall(
            "SELECT survey FROM survey_progress WHERE member = ?", (member,)
        )
        return {r[0] for r in rows}

    async def discard_progress(self, survey: int) -> int:
        return await self.db.execute("DELETE FROM survey_progress WHERE survey = ?", (survey,))

    # -- participation and responses ----------------------------------------------

    async def participated(self, survey: int, member: int) -> bool:
        found = await self.db.fetchval(
            "SELECT 1 FROM survey_participation WHERE survey = ? AND member = ?",
            (survey, member),
        )
        return found is not None

    async def participants(self, survey: int) -> set[int]:
        rows = await self.db.fetchall(
            "SELECT member FROM survey_participation WHERE survey = ?", (survey,)
        )
        return {r[0] for r in rows}

    async def participation_count(self, survey: int, worksites: Sequence[str] | None = None) -> int:
        """How many have submitted (in some worksites: a steward's), as it is while open."""
        if worksites is None:
            return await self.db.fetchval(
                "SELECT COUNT(*) FROM survey_participation WHERE survey = ?", (survey,)
            )
        return await self.db.fetchval(
            "SELECT COUNT(*) FROM survey_participation p JOIN members m ON m.id = p.member "
            "WHERE p.survey = ? AND m.worksite IN (SELECT value FROM json_each(?))",
            (survey, json.dumps(list(worksites))),
        )

    async def submit(self, survey: int, member: int, sealed: bytes) -> bool:
        """Store one sealed response and the participation at once; False if already taken
        part or the survey is no longer open (checked inside the same transaction, so a
        box never arrives after the close has opened the others and erased the key).

        The member's progress is deleted in the same transaction.
        """
        async with self.db.transaction() as conn:
            async with conn.execute(
                "INSERT INTO survey_participation (survey, member) "
                "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM surveys WHERE id = ? AND state = 'open') "
                "ON CONFLICT DO NOTHING RETURNING member",
                (survey, member, survey),
            ) as cursor:
                if await cursor.fetchone() is None:
                    return False
            while True:
                try:
                    await conn.execute(
                        "INSERT INTO survey_sealed (survey, id, sealed) VALUES (?, ?, ?)",
                        (survey, secrets.token_bytes(16), sealed),
                    )
                    break
                except sqlite3.IntegrityError:  # pragma: no cover - a 2^-128 clash
                    continue
            await conn.execute(
                "DELETE FROM survey_progress WHERE survey = ? AND member = ?", (survey, member)
            )
        return True

    async def sealed_boxes(self, survey: int) -> list[bytes]:
        rows = await self.db.fetchall(
            "SELECT sealed FROM survey_sealed WHERE survey = ?", (survey,)
        )
        return [bytes(r[0]) for r in rows]

    async def close_sealed(
        self,
        survey: int,
        audience: int,
        subject: str,
        opener: Callable[[list[bytes]], Awaitable[list[OpenedResponse]]] | None,
    ) -> bool:
        """Close the survey and open its sealed responses, all in one transaction.

        Moves the state open -> closed, reads every box, has `opener` open them (in
        memory), inserts them in random order under random ids, deletes the boxes, erases
        the private key and discards unfinished answers. A crash anywhere rolls all of it
        back: the survey is still open with every box, and the close runs again.
        False when the survey was not open (already closed: nothing is done twice).
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE surveys SET state = 'closed', audience = ?, scrub_pending = 1 "
                "WHERE id = ? AND state = 'open'",
                (audience, survey),
            )
            if cursor.rowcount == 0:
                return False
            async with conn.execute(
                "SELECT sealed FROM survey_sealed WHERE survey = ?", (survey,)
            ) as cursor:
                boxes = [bytes(r[0]) for r in await cursor.fetchall()]
            opened = await opener(boxes) if opener is not None and boxes else []
            if len(opened) != len(boxes):
                raise ValueError("every sealed response must open")
            order = list(opened)
            secrets.SystemRandom().shuffle(order)
            linked = {r.member for r in order if r.member is not None}
            kept: set[int] = set()
            if linked:
                async with conn.execute(
                    "SELECT id FROM members WHERE verified_at IS NOT NULL "
                    "AND id IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(linked)),),
                ) as found:
                    kept = {r[0] for r in await found.fetchall()}  # not forgotten since
            await _insert_many(conn, survey, order, kept)
            await conn.execute("DELETE FROM survey_sealed WHERE survey = ?", (survey,))
            await erase_key(conn, subject)
            await conn.execute("DELETE FROM survey_progress WHERE survey = ?", (survey,))
        return True

    async def scrub_pending(self) -> list[int]:
        rows = await self.db.fetchall("SELECT id FROM surveys WHERE scrub_pending = 1")
        return [r[0] for r in rows]

    async def scrubbed(self, survey: int) -> None:
        await self.db.execute("UPDATE surveys SET scrub_pending = 0 WHERE id = ?", (survey,))

    # -- tallies ------------------------------------------------------------------

    async def response_counts(
        self, survey: int, by: str | None, worksites: Sequence[str | None] | None = None
    ) -> dict[str | None, int]:
        """Responses per group (one group, None, without a breakdown)."""
        column = DIMENSIONS[by] if by else "NULL"
        where, params = _group_filter(worksites)
        rows = await self.db.fetchall(
            f"SELECT {column}, COUNT(*) FROM survey_responses WHERE survey = ?{where} GROUP BY 1",
            [survey, *params],
        )
        return {r[0]: r[1] for r in rows}

    async def cross_counts(self, survey: int) -> dict[tuple[str | None, str | None], int]:
        """Responses per (worksite, classification): the cells every published figure sums."""
        rows = await self.db.fetchall(
            "SELECT worksite, classification, COUNT(*) FROM survey_responses WHERE survey = ? "
            "GROUP BY 1, 2",
            (survey,),
        )
        return {(r[0], r[1]): r[2] for r in rows}

    async def answer_cells(
        self, survey: int
    ) -> list[tuple[int, str | None, str | None, bool, int]]:
        """(question, worksite, classification, is the multiple-choice marker, rows)."""
        rows = await self.db.fetchall(
            "SELECT question, worksite, classification, value = ?, COUNT(*) "
            "FROM survey_answers WHERE survey = ? GROUP BY 1, 2, 3, 4",
            (-1.0, survey),
        )
        return [(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows]

    async def tallies(
        self, survey: int, by: str | None, worksites: Sequence[str | None] | None = None
    ) -> list[tuple[str | None, int, float, int]]:
        """(group, question, value, count) for every distinct answer: all a tally needs."""
        where, params = _group_filter(worksites)
        # A steward's few worksites: seek them in the worksite index rather than scan all.
        table = "survey_answers" + (
            " INDEXED BY survey_answers_by_worksite"
            if worksites is not None and None not in worksites
            else ""
        )
        if by is None:
            sql = (
                f"SELECT NULL, question, value, COUNT(*) FROM {table} "
                f"WHERE survey = ?{where} GROUP BY question, value"
            )
        else:
            column = DIMENSIONS[by]
            sql = (
                f"SELECT {column}, question, value, COUNT(*) FROM {table} "
                f"WHERE survey = ?{where} GROUP BY {column}, question, value"
            )
        rows = await self.db.fetchall(sql, [survey, *params])
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def export_rows(
        self, survey: int
    ) -> list[tuple[int, str | None, str | None, int | None, int | None, float | None, str | None]]:
        """Every response with its answers: (response, worksite, classification, member,
        question, value, text), ordered by the random response id."""
        rows = await self.db.fetchall(
            """SELECT r.id, r.worksite, r.classification, r.member, a.question, a.value, a.text
               FROM survey_responses r LEFT JOIN survey_answers a ON a.response = r.id
               WHERE r.survey = ? ORDER BY r.id, a.question, a.value""",
            (survey,),
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


_PROGRESS = "survey, member, sealed, active, updated_at"


def _progress(row: sqlite3.Row) -> SealedProgress:
    return SealedProgress(
        survey=row["survey"],
        member=row["member"],
        sealed=bytes(row["sealed"]),
        active=bool(row["active"]),
        updated_at=row["updated_at"],
    )


async def _ensure_key(conn: Any, pk: int, key: NewKey) -> None:
    subject = f"survey:{pk}"
    async with conn.execute("SELECT 1 FROM seal_keys WHERE subject = ?", (subject,)) as cursor:
        if await cursor.fetchone() is None:
            await insert_key(conn, subject, key)


async def _insert_many(
    conn: Any, survey: int, responses: Sequence[OpenedResponse], kept: set[int]
) -> None:
    """Insert responses in the given order under fresh random ids, in two statements."""
    ids: list[int] = []
    taken: set[int] = set()
    while len(ids) < len(responses):
        pk = secrets.randbits(62) + 1
        if pk not in taken:
            taken.add(pk)
            ids.append(pk)
    await conn.executemany(
        "INSERT INTO survey_responses (id, survey, worksite, classification, member) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (pk, survey, r.worksite, r.classification, r.member if r.member in kept else None)
            for pk, r in zip(ids, responses, strict=True)
        ],
    )  # an id clash with another survey's (one in 10^13 at 50,000) fails the close: re-run
    await conn.executemany(
        "INSERT INTO survey_answers (response, survey, question, value, worksite, "
        "classification, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (pk, survey, a.question, a.value, r.worksite, r.classification, a.text)
            for pk, r in zip(ids, responses, strict=True)
            for a in r.answers
        ],
    )

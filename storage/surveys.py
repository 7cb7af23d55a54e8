"""Surveys, members' progress, participation and anonymous responses."""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storage.database import Database

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
class Progress:
    survey: int
    position: int
    answers: dict[str, Any]
    active: bool
    updated_at: int


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """One row of `survey_answers` as it goes in."""

    question: int
    value: float
    text: str | None = None


_COLUMNS = "id, slug, definition, privacy, opens_at, closes_at, state, audience, reminders_sent"


def _group_filter(worksites: Sequence[str] | None) -> tuple[str, list[Any]]:
    """SQL limiting rows to some worksites (a steward's), or nothing for everything."""
    if worksites is None:
        return "", []
    return " AND worksite IN (SELECT value FROM json_each(?))", [json.dumps(list(worksites))]


class SurveysRepository:
    """Reads and writes the survey tables; knows nothing of Telegram."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- surveys ----------------------------------------------------------------

    async def save(
        self, definition: dict[str, Any], opens_at: int, created_by: str
    ) -> StoredSurvey:
        """Store a new survey, or replace one with the same id that has not opened yet."""
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
        return StoredSurvey.from_row(row)

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

    async def progress(self, survey: int, member: int) -> Progress | None:
        row = await self.db.fetchone(
            "SELECT survey, position, answers, active, updated_at FROM survey_progress "
            "WHERE survey = ? AND member = ?",
            (survey, member),
        )
        return _progress(row) if row else None

    async def save_progress(
        self, survey: int, member: int, position: int, answers: dict[str, Any], now: int
    ) -> None:
        """Save where the member is and what they answered; typing now goes to this survey."""
        async with self.db.transaction() as conn:
            # One survey at a time takes typed answers.
            await conn.execute(
                "UPDATE survey_progress SET active = 0 WHERE member = ? AND survey != ?",
                (member, survey),
            )
            await conn.execute(
                """INSERT INTO survey_progress (survey, member, position, answers, active,
                                                updated_at)
                   VALUES (?, ?, ?, ?, 1, ?)
                   ON CONFLICT (survey, member) DO UPDATE SET position = excluded.position,
                       answers = excluded.answers, active = 1, updated_at = excluded.updated_at""",
                (survey, member, position, json.dumps(answers, sort_keys=True), now),
            )

    async def active_progress(self, member: int, since: int) -> Progress | None:
        """The survey this member is answering right now (active, touched since `since`)."""
        row = await self.db.fetchone(
            "SELECT survey, position, answers, active, updated_at FROM survey_progress "
            "WHERE member = ? AND active = 1 AND updated_at >= ?",
            (member, since),
        )
        return _progress(row) if row else None

    async def active_rows(self) -> list[tuple[int, int, int, int]]:
        """(survey, position, updated_at, telegram id) of every active progress row."""
        rows = await self.db.fetchall(
            "SELECT p.survey, p.position, p.updated_at, m.telegram_id FROM survey_progress p "
            "JOIN members m ON m.id = p.member WHERE p.active = 1 AND m.telegram_id IS NOT NULL"
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

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

    async def submit(
        self,
        survey: int,
        member: int,
        *,
        worksite: str | None,
        classification: str | None,
        answers: Sequence[StoredAnswer],
        link_member: bool,
    ) -> bool:
        """Store one response and the participation at once; False if already taken part.

        The member's progress is deleted in the same transaction.
        """
        async with self.db.transaction() as conn:
            async with conn.execute(
                "INSERT INTO survey_participation (survey, member) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING RETURNING member",
                (survey, member),
            ) as cursor:
                if await cursor.fetchone() is None:
                    return False
            response = await _insert_response(
                conn, survey, worksite, classification, member if link_member else None
            )
            await conn.executemany(
                "INSERT INTO survey_answers (response, survey, question, value, worksite, "
                "classification, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (response, survey, a.question, a.value, worksite, classification, a.text)
                    for a in answers
                ],
            )
            await conn.execute(
                "DELETE FROM survey_progress WHERE survey = ? AND member = ?", (survey, member)
            )
        return True

    # -- tallies ------------------------------------------------------------------

    async def response_counts(
        self, survey: int, by: str | None, worksites: Sequence[str] | None = None
    ) -> dict[str | None, int]:
        """Responses per group (one group, None, without a breakdown)."""
        column = DIMENSIONS[by] if by else "NULL"
        where, params = _group_filter(worksites)
        rows = await self.db.fetchall(
            f"SELECT {column}, COUNT(*) FROM survey_responses WHERE survey = ?{where} GROUP BY 1",
            [survey, *params],
        )
        return {r[0]: r[1] for r in rows}

    async def tallies(
        self, survey: int, by: str | None, worksites: Sequence[str] | None = None
    ) -> list[tuple[str | None, int, float, int]]:
        """(group, question, value, count) for every distinct answer: all a tally needs."""
        where, params = _group_filter(worksites)
        # A steward's few worksites: seek them in the worksite index rather than scan all.
        table = "survey_answers" + (
            " INDEXED BY survey_answers_by_worksite" if worksites is not None else ""
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


def _progress(row: sqlite3.Row) -> Progress:
    return Progress(
        survey=row["survey"],
        position=row["position"],
        answers=json.loads(row["answers"]),
        active=bool(row["active"]),
        updated_at=row["updated_at"],
    )


async def _insert_response(
    conn: Any, survey: int, worksite: str | None, classification: str | None, member: int | None
) -> int:
    """Insert under a random id, so row order says nothing about who answered when."""
    while True:
        response = secrets.randbits(62) + 1
        try:
            await conn.execute(
                "INSERT INTO survey_responses (id, survey, worksite, classification, member) "
                "VALUES (?, ?, ?, ?, ?)",
                (response, survey, worksite, classification, member),
            )
        except sqlite3.IntegrityError:
            continue  # a one-in-10^18 clash: draw again
        return response

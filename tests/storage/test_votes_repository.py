"""The vote tables on a real SQLite file: the database itself guards the rules and ballots."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.keys import KeyService
from storage.database import Database
from storage.seal_keys import SealKeysRepository
from storage.votes import CastOutcome, SlugTaken, VotesRepository

VOTE = {
    "question": {"en": "Strike?", "es": "¿Huelga?"},
    "options": [{"en": "Yes", "es": "Sí"}, {"en": "No", "es": "No"}],
    "worksites": [],
    "classifications": [],
    "opens_at": 1,
    "closes_at": 4_000_000_000,
    "threshold_num": 2,
    "threshold_den": 3,
    "reminders": [],
}


async def member(
    db: Database, n: int, worksite: str = "Downey", status: str = "good_standing"
) -> int:
    rows = await db.write_returning(
        "INSERT INTO members (member_id, telegram_id, worksite, status, verified_at) "
        "VALUES (?, ?, ?, ?, 1) RETURNING id",
        (f"M{n}", 9000 + n, worksite, status),
    )
    return int(rows[0][0])


def key(db: Database) -> object:
    return KeyService(SealKeysRepository(db), "k" * 40).server_key()


BOX = b"\x01" + b"s" * 80  # stands for a sealed ballot: the repository never looks inside


async def test_roll_is_frozen_from_eligible_members_only(db: Database) -> None:
    repo = VotesRepository(db)
    downey = [await member(db, n) for n in range(3)]
    await member(db, 10, status="lapsed")
    await member(db, 11, worksite="Irvine")
    await db.execute("INSERT INTO members (telegram_id, role, verified_at) VALUES (1, 'admin', 1)")
    vote = await repo.create({**VOTE, "worksites": ["Downey"]}, "cli")
    assert await repo.open(vote.id, 1, key(db)) == 3
    assert await repo.roll(vote.id) == downey
    assert await repo.open(vote.id, 1, key(db)) is None  # opens once
    later = await member(db, 12)
    assert await repo.cast(vote.id, later, 0, BOX, "R" * 16, 2) is CastOutcome.NOT_ON_ROLL


async def test_texts_in_each_language_and_the_file_id(db: Database) -> None:
    repo = VotesRepository(db)
    why = {"en": "Caseload caps.", "es": "Límites de casos."}
    vote = await repo.create({**VOTE, "slug": "strike-2030", "description": why}, "cli")
    assert vote.question == {"en": "Strike?", "es": "¿Huelga?"} and vote.description == why
    assert vote.options == ({"en": "Yes", "es": "Sí"}, {"en": "No", "es": "No"})
    assert await repo.by_slug("strike-2030") == vote
    with pytest.raises(SlugTaken):  # one vote per file id, whatever the code does
        await repo.create({**VOTE, "slug": "strike-2030"}, "cli")
    again = await repo.update(vote.id, {"question": {"en": "Strike now?", "es": "¿Huelga ya?"}})
    assert again is not None and again.question["es"] == "¿Huelga ya?"
    # No reader may be left without a text in their language.
    for change in (
        "question_es = ''",
        "options_es = '[\"Sí\"]'",
        "description_es = NULL",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="in each language"):
            await db.execute(f"UPDATE votes SET {change} WHERE id = ?", (vote.id,))
    await repo.open(vote.id, 1, key(db))
    assert await repo.update(vote.id, {"question": {"en": "Late?", "es": "¿Tarde?"}}) is None
    for change in (
        "question_es = 'x'",
        'options_es = \'["a", "b"]\'',
        "description_es = 'x'",
        "slug = 'other'",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="cannot change once it has opened"):
            await db.execute(f"UPDATE votes SET {change} WHERE id = ?", (vote.id,))
    assert (await repo.get(vote.id)) == (await repo.by_slug("strike-2030"))
    assert (await repo.get(vote.id)).question["es"] == "¿Huelga ya?"  # type: ignore[union-attr]


async def test_rules_and_ballots_are_guarded_by_the_database(db: Database) -> None:
    repo = VotesRepository(db)
    voter = await member(db, 1)
    vote = await repo.create(VOTE, "cli")
    with pytest.raises(
        sqlite3.IntegrityError, match="only be cast, sealed, while the vote is open"
    ):
        await db.execute(
            "INSERT INTO vote_ballots VALUES ('AAAAAAAAAAAAAAAA', ?, x'00')", (vote.id,)
        )
    await repo.open(vote.id, 1, key(db))
    with pytest.raises(sqlite3.IntegrityError, match="cannot change once it has opened"):
        await db.execute("UPDATE votes SET question = 'Other?' WHERE id = ?", (vote.id,))
    assert await repo.cast(vote.id, voter, 0, BOX, "B" * 16, 2) is CastOutcome.CAST
    for statement in ("UPDATE vote_ballots SET sealed = x'00'", "DELETE FROM vote_ballots"):
        with pytest.raises(sqlite3.IntegrityError, match="cannot be"):
            await db.execute(statement)
    assert await repo.cast(vote.id, voter, 1, BOX, "C" * 16, 2) is CastOutcome.ALREADY_VOTED
    assert await repo.cast(vote.id, voter, 0, BOX, "D" * 16, 4_000_000_000) is CastOutcome.CLOSED
    assert await repo.cast(vote.id, voter, 2, BOX, "E" * 16, 2) is CastOutcome.BAD_OPTION
    assert await repo.counts(vote.id, 2) == (0, 0)  # nothing is counted before the count
    assert not await repo.store_count(vote.id, (1, 0), 3)  # not closed yet
    await repo.close(vote.id, 3)
    assert await repo.sealed_ballots(vote.id) == [BOX]
    assert await repo.store_count(vote.id, (1, 0), 3)
    assert not await repo.store_count(vote.id, (5, 0), 3)  # counted once
    assert await repo.counts(vote.id, 2) == (1, 0)
    assert (
        await db.fetchval("SELECT wrapped FROM seal_keys WHERE subject = ?", (f"vote:{vote.id}",))
        is None
    )
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        await db.execute("INSERT INTO vote_results VALUES (?, 1, 99)", (vote.id,))


async def test_concurrent_casts_by_one_member_write_one_ballot(db: Database) -> None:
    repo = VotesRepository(db)
    voter = await member(db, 1)
    vote = await repo.create(VOTE, "cli")
    await repo.open(vote.id, 1, key(db))
    outcomes = await asyncio.gather(
        *(
            repo.cast(vote.id, voter, i % 2, BOX, f"{i:016d}".replace("0", "A"), 2)
            for i in range(50)
        )
    )
    assert outcomes.count(CastOutcome.CAST) == 1
    assert outcomes.count(CastOutcome.ALREADY_VOTED) == 49
    assert await db.fetchval("SELECT COUNT(*) FROM vote_ballots") == 1
    assert await db.fetchval("SELECT COUNT(*) FROM vote_participation") == 1

"""Upgrading to sealed ballots (schema 10): refused while a vote is open; counted votes keep
their receipts and totals, and their clear choices leave the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import database
from storage.database import Database, DatabaseError

OLD_VOTE = (
    "INSERT INTO votes (question, options, opens_at, closes_at, threshold_num, threshold_den, "
    "state, created_by, roll_size) VALUES ('Strike?', '[\"Yes\", \"No\"]', 1, 2, 2, 3, ?, 'cli', 3)"
)


async def schema_9(path: Path, monkeypatch: pytest.MonkeyPatch, state: str) -> None:
    """A database as the previous version left it, with clear ballots of one vote."""
    shipped = database.available_migrations()
    monkeypatch.setattr(database, "available_migrations", lambda: shipped[:9])
    async with Database(path) as db:
        await db.migrate()
        await db.execute(OLD_VOTE, ("open",))
        for receipt, choice in (
            ("AAAAAAAAAAAAAAAA", 0),
            ("BBBBBBBBBBBBBBBB", 0),
            ("CCCCCCCCCCCCCCCC", 1),
        ):
            await db.execute(
                "INSERT INTO vote_ballots (receipt, vote, choice) VALUES (?, 1, ?)",
                (receipt, choice),
            )
        if state == "closed":
            await db.execute("UPDATE votes SET state = 'closed', closed_at = 2 WHERE id = 1")
    monkeypatch.setattr(database, "available_migrations", lambda: shipped)


async def test_an_open_vote_stops_the_upgrade_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    await schema_9(path, monkeypatch, "open")
    async with Database(path) as db:
        with pytest.raises(DatabaseError, match=r"vote #1 is open\. .*keep the old version"):
            await db.migrate()
        assert await db.schema_version() == 9  # nothing was changed
        assert await db.fetchval("SELECT COUNT(*) FROM vote_ballots") == 3


async def test_a_counted_vote_keeps_receipts_and_totals_not_choices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    await schema_9(path, monkeypatch, "closed")
    async with Database(path) as db:
        applied = await db.migrate()
        assert "0010_sealed_votes.sql" in applied
        totals = await db.fetchall("SELECT choice, ballots FROM vote_results ORDER BY choice")
        assert [tuple(r) for r in totals] == [
            (0, 2),
            (1, 1),
        ]
        rows = await db.fetchall("SELECT tracker, sealed FROM vote_ballots ORDER BY tracker")
        assert [tuple(r) for r in rows] == [
            ("AAAAAAAAAAAAAAAA", None),
            ("BBBBBBBBBBBBBBBB", None),
            ("CCCCCCCCCCCCCCCC", None),
        ]
        assert await db.fetchval("SELECT counted_at FROM votes WHERE id = 1") == 2
        # The old rows (receipt next to its choice) are not left in free pages either.
        assert await db.fetchval("PRAGMA freelist_count") == 0
    assert path.read_bytes().count(b"AAAAAAAAAAAAAAAA") == 2  # the table and its by-vote index

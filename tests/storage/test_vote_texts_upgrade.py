"""Upgrading to votes in two languages (schema 15): a vote made with one text keeps it, in
both languages; rolls, sealed ballots, receipts and counts are not touched; the bot still
shows and runs it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.keys import KeyService
from sandbox.harness import SANDBOX_SECRET, Sandbox
from storage import database
from storage.database import Database
from storage.seal_keys import SealKeysRepository, insert_key
from storage.votes import VotesRepository
from tests.e2e.membership import build_union, verify_by_contact
from tests.e2e.voting import ballot_message, received

OLD_VOTE = (
    "INSERT INTO votes (question, options, opens_at, closes_at, threshold_num, threshold_den, "
    "state, created_by) VALUES (?, '[\"Yes\", \"No\"]', 1, 4000000000, 1, 2, ?, 'cli')"
)
BOX = b"\x01" * 80  # a sealed ballot as bytes: the upgrade must not touch it


async def schema_14(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database as the previous version left it: one scheduled, one open, one counted vote."""
    shipped = database.available_migrations()
    assert shipped[14][1] == "0015_vote_texts.sql"
    monkeypatch.setattr(database, "available_migrations", lambda: shipped[:14])
    async with Database(path) as db:
        await db.migrate()
        await db.execute(OLD_VOTE, ("Strike on Monday?", "scheduled"))
        await db.execute(OLD_VOTE, ("Strike?", "open"))
        await db.execute(OLD_VOTE, ("Last year's strike?", "open"))
        keys = KeyService(SealKeysRepository(db), SANDBOX_SECRET)
        async with db.transaction() as conn:
            await insert_key(conn, "vote:2", keys.server_key())
        await db.execute(
            "INSERT INTO vote_ballots (tracker, vote, sealed) VALUES ('AAAAAAAAAAAAAAAA', 3, ?)",
            (BOX,),
        )
        await db.execute(
            "UPDATE votes SET state = 'closed', closed_at = 5, counted_at = 5 WHERE id = 3"
        )
        await db.execute(
            "INSERT INTO vote_results (vote, choice, ballots) VALUES (3, 0, 1), (3, 1, 0)"
        )
    monkeypatch.setattr(database, "available_migrations", lambda: shipped[:15])  # up to 0015


def dump(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


async def test_old_votes_get_their_text_in_both_languages_and_nothing_else_moves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    await schema_14(path, monkeypatch)
    ballots = dump(path, "SELECT tracker, vote, sealed FROM vote_ballots")
    results = dump(path, "SELECT * FROM vote_results")
    keys = dump(path, "SELECT * FROM seal_keys")
    async with Database(path) as db:
        assert await db.migrate() == ["0015_vote_texts.sql"]  # allowed while a vote is open
        repo = VotesRepository(db)
        scheduled, open_vote, counted = [await repo.get(n) for n in (1, 2, 3)]
        assert scheduled is not None and open_vote is not None and counted is not None
        assert scheduled.question == {"en": "Strike on Monday?", "es": "Strike on Monday?"}
        assert open_vote.options == ({"en": "Yes", "es": "Yes"}, {"en": "No", "es": "No"})
        assert (counted.state, counted.counted, counted.slug, counted.description) == (
            "closed",
            True,
            None,
            None,
        )
        assert await repo.counts(3, 2) == (1, 0)
        # The upgraded database guards the new texts as it guards the old ones.
        with pytest.raises(sqlite3.IntegrityError, match="cannot change once it has opened"):
            await db.execute("UPDATE votes SET question_es = '¿Huelga?' WHERE id = 2")
    assert dump(path, "SELECT tracker, vote, sealed FROM vote_ballots") == ballots
    assert dump(path, "SELECT * FROM vote_results") == results
    assert dump(path, "SELECT * FROM seal_keys") == keys


async def test_the_bot_still_shows_and_runs_an_upgraded_vote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox = Sandbox(tmp_path)
    await schema_14(sandbox.database_path, monkeypatch)
    monkeypatch.undo()  # every shipped migration: the code of today runs on today's schema
    async with sandbox:  # start-up applies schema 15 and every later one
        latest = len(database.available_migrations())
        assert latest >= 15 and await sandbox.services.db.schema_version() == latest
        union = await build_union(sandbox)
        lee = union.lee
        await lee.send("/votes")
        listing = await lee.next_message()
        assert "#2 · open" in listing.text and "Strike?" in listing.text
        await lee.press("#1 ›", listing)
        await lee.next_edit(listing)
        assert "❓ Strike on Monday?\nOptions: Yes / No" in listing.text
        assert "🌐 In Spanish:\n❓ Strike on Monday?\nOptions: Yes / No" in listing.text
        # A member added to the open vote's roll votes in it and gets a receipt.
        lucia = sandbox.user("Lucía", language_code="es")
        await verify_by_contact(sandbox, lucia, "A4")
        await lee.send("/votes add 2 A4")
        assert "is on the roll of vote #2" in (await lee.next_message()).text
        ballot = await ballot_message(lucia, 2)
        assert "Vota ya: Strike?" in ballot.text
        for button in ("🗳 Votar", "Yes", "✅ Confirmar mi voto"):
            await lucia.press(button, ballot)
            await lucia.next_edit(ballot)
        assert "Tu comprobante:" in ballot.text
        await sandbox.services.votes.close(2)
        result = await received(lucia, "Resultado: Strike?")
        assert "Yes\n▓▓▓▓▓▓▓▓▓▓ 100% (1)" in result.text

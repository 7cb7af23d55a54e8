"""The Database on real SQLite files: pragmas, migrations, transactions, backups."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

import pytest

from storage.database import Database, DatabaseError, available_migrations


async def test_pragmas(db: Database) -> None:
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    assert await db.fetchval("PRAGMA busy_timeout") == 5000


async def test_migrations_are_recorded_and_run_twice_without_harm(tmp_path: Path) -> None:
    path = tmp_path / "twice.sqlite3"
    async with Database(path) as db:
        first = await db.migrate()
        assert first == [name for _, name, _ in available_migrations()]
        await db.execute("INSERT INTO audit_log (actor, action) VALUES ('cli', 'x')")
    async with Database(path) as db:
        assert await db.migrate() == []
        assert await db.schema_version() == available_migrations()[-1][0]
        assert await db.fetchval("SELECT COUNT(*) FROM audit_log") == 1


async def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    async with Database(path) as db:
        await db.migrate()
        await db.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'x', 0)"
        )
    async with Database(path) as db:
        with pytest.raises(DatabaseError, match=r"newer unionbot .*schema 999"):
            await db.migrate()
        assert await db.schema_version() == 999


async def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(DatabaseError, match="not a unionbot database"):
        await Database(path).connect()


async def test_transaction_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO audit_log (actor, action) VALUES ('a', 'b')")
            raise RuntimeError("boom")
    assert await db.fetchval("SELECT COUNT(*) FROM audit_log") == 0


@pytest.mark.parametrize("step", range(6))
async def test_a_cancelled_transaction_leaves_none_open(db: Database, step: int) -> None:
    """A handler cancelled at any await of its transaction (the bot stopping with updates in
    flight) neither keeps its writes nor leaves the connection inside a transaction."""

    async def write() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO audit_log (actor, action) VALUES ('a', 'half')")
            await conn.execute("INSERT INTO audit_log (actor, action) VALUES ('a', 'done')")

    task = asyncio.create_task(write())
    for _ in range(step):
        await asyncio.sleep(0)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await db.execute("INSERT INTO audit_log (actor, action) VALUES ('b', 'next')")
    actions = [row[0] for row in await db.fetchall("SELECT action FROM audit_log")]
    assert actions in (["next"], ["half", "done", "next"])  # all of it or none of it
    assert not db.conn.in_transaction


async def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        await db.execute("INSERT INTO steward_worksites (member, worksite) VALUES (42, 'x')")


async def test_backup_is_a_consistent_copy(db: Database, tmp_path: Path) -> None:
    await db.execute("INSERT INTO audit_log (actor, action) VALUES ('cli', 'before')")
    target = await db.backup_to(tmp_path / "copies" / "b.sqlite3")
    await db.execute("INSERT INTO audit_log (actor, action) VALUES ('cli', 'after')")
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT action FROM audit_log").fetchall() == [("before",)]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not list(target.parent.glob("*.partial"))

"""Someone who copies every file the server writes: modes, free pages, stale cells, WAL."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

from bot.backups import run_backup
from storage.database import Database

MARKER = "deleted-row-marker-7f3a9c1e"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_secure_delete_is_on_for_every_connection(db: Database) -> None:
    assert await db.fetchval("PRAGMA secure_delete") == 1


async def test_new_database_files_and_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "unionbot.sqlite3"
    async with Database(path) as db:
        await db.migrate()
        await db.execute("INSERT INTO audit_log (actor, action) VALUES ('cli', 'x')")
        assert mode(path.parent) == 0o700
        for name in (path.name, path.name + "-wal", path.name + "-shm"):
            assert mode(path.parent / name) == 0o600, name


async def test_an_existing_loose_database_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with Database(path) as db:
        await db.migrate()
    path.chmod(0o644)
    async with Database(path) as db:
        await db.execute("INSERT INTO audit_log (actor, action) VALUES ('cli', 'x')")
        assert mode(path) == 0o600
        assert mode(tmp_path / "old.sqlite3-wal") == 0o600


async def test_backup_has_no_trace_of_a_deleted_row(db: Database, tmp_path: Path) -> None:
    await db.execute(
        "INSERT INTO audit_log (actor, action, detail) VALUES ('cli', 'note', ?)",
        (MARKER * 20,),
    )
    await db.execute("INSERT INTO audit_log (actor, action) VALUES ('cli', 'kept')")
    await db.execute("DELETE FROM audit_log WHERE action = 'note'")
    target = await db.backup_to(tmp_path / "copies" / "b.sqlite3")
    raw = target.read_bytes()
    assert MARKER.encode() not in raw
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA freelist_count").fetchone() == (0,)
        assert copy.execute("SELECT action FROM audit_log").fetchall() == [("kept",)]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # A fresh compacted file: nothing beside it, nothing left half-written.
    assert sorted(p.name for p in target.parent.iterdir()) == ["b.sqlite3"]


async def test_backups_and_their_folder_are_private(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    result = await run_backup(db, folder, retention=3, now=datetime(2025, 1, 2, tzinfo=UTC))
    assert mode(folder) == 0o700
    assert mode(result.path) == 0o600
    folder.chmod(0o755)  # an operator loosened it: the next backup tightens it again
    again = await run_backup(db, folder, retention=3, now=datetime(2025, 1, 3, tzinfo=UTC))
    assert mode(folder) == 0o700 and mode(again.path) == 0o600

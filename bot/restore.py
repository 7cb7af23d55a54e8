"""Put a backup back in place of the database, safely.

The backup is copied beside the database first (0600) and checked there — SQLite's
`integrity_check`, a unionbot schema no newer than this version knows — so the backup
itself is never opened for writing and a bad file changes nothing. Only then is the live
database (with its -wal/-shm, so nothing in them is lost) renamed with a timestamp and the
copy renamed into its place. The bot's run lock is held throughout: a running bot is
refused, and no bot can start halfway.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.runlock import BotRunning, RunLock
from storage.database import FILE_MODE, SIDE_FILES, available_migrations, private_folder


class RestoreError(Exception):
    """The restore cannot go on; nothing was changed. The message says why."""


@dataclass(frozen=True, slots=True)
class Restored:
    schema: int
    latest: int
    members: int
    replaced: Path | None


def restore(backup: Path, database: Path, now: datetime) -> Restored:
    """Replace `database` with a checked copy of `backup`; keep the old file renamed."""
    if not backup.is_file():
        raise RestoreError(f"{backup} does not exist or is not a file")
    if database.exists() and backup.resolve() == database.resolve():
        raise RestoreError(f"{backup} is the live database itself; name a backup file")
    try:
        lock = RunLock(database).acquire()
    except BotRunning as exc:
        pid = f" (pid {exc.pid})" if exc.pid else ""
        raise RestoreError(
            f"the bot is running{pid}: stop it first (sudo systemctl stop unionbot), then restore"
        ) from None
    try:
        return _restore_locked(backup, database, now)
    finally:
        lock.release()


def _restore_locked(backup: Path, database: Path, now: datetime) -> Restored:
    private_folder(database.parent)
    staging = database.with_name(database.name + ".restoring")
    _remove_with_sides(staging)
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out, backup.open("rb") as source:
            shutil.copyfileobj(source, out)
            out.flush()
            os.fsync(out.fileno())
        schema, latest, members = _check(staging, backup)
        replaced = None
        if database.exists():
            replaced = database.with_name(f"{database.name}.replaced-{now:%Y%m%d-%H%M%S}")
            for suffix in ("", *SIDE_FILES):  # the WAL goes along: it may hold commits
                side = database.with_name(database.name + suffix)
                if side.exists():
                    side.replace(replaced.with_name(replaced.name + suffix))
        staging.chmod(FILE_MODE)
        staging.replace(database)
    except BaseException:
        _remove_with_sides(staging)
        raise
    _remove_with_sides(staging)  # side files SQLite may have left while checking
    return Restored(schema, latest, members, replaced)


def _check(copy: Path, backup: Path) -> tuple[int, int, int]:
    """Integrity and schema of the staged copy; records the restore in its audit log."""
    latest = available_migrations()[-1][0]
    try:
        with contextlib.closing(sqlite3.connect(copy, isolation_level=None)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise RestoreError(
                    f"{backup} fails SQLite's integrity check ({'; '.join(problems[:3])}); "
                    "pick another backup"
                )
            has_schema = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            ).fetchone()
            if not has_schema:
                raise RestoreError(f"{backup} is a SQLite file but not a unionbot database")
            schema = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            version = schema.fetchone()[0]
            if version > latest:
                raise RestoreError(
                    f"{backup} was written by a newer unionbot (schema {version}, this version "
                    f"knows up to {latest}): upgrade unionbot first"
                )
            members = conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]
            conn.execute(
                "INSERT INTO audit_log (actor, action, subject, detail) VALUES (?, ?, ?, ?)",
                ("cli", "db.restore", backup.name, json.dumps({"schema": version})),
            )
    except sqlite3.DatabaseError as exc:
        raise RestoreError(f"{backup} is not a SQLite database ({exc})") from None
    return version, latest, members


def _remove_with_sides(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)

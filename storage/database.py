"""The one SQLite database: connection, pragmas, transactions, migrations, backups."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from storage.migrations import PRECONDITIONS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
VACUUM_TRIES = 20
# Whoever can read these files reads the roster: the bot's user only.
FILE_MODE = 0o600
FOLDER_MODE = 0o700
SIDE_FILES = ("-wal", "-shm", "-journal")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class DatabaseError(Exception):
    """The database cannot be used as it is; the message says why and what to do."""


def available_migrations() -> list[tuple[int, str, str]]:
    """The numbered migrations shipped with this version, in order: (version, name, sql)."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """An aiosqlite connection with WAL, foreign keys, a busy timeout and one writer lock."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._conn: aiosqlite.Connection | None = None
        # aiosqlite serialises statements, not transactions: this lock keeps one
        # transaction's statements from interleaving with another coroutine's.
        self._write_lock = asyncio.Lock()

    async def connect(self) -> Database:
        """Open the file (creating its folder) and set the pragmas; once is enough.

        The file is created 0600 before SQLite opens it, so its -wal and -shm (which SQLite
        creates with the database's own mode) are 0600 too; a folder we create is 0700.
        """
        if self._conn is not None:
            return self
        on_disk = str(self.path) != ":memory:"
        if on_disk:
            private_folder(self.path.parent)
            private_file(self.path)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            for pragma in (
                f"busy_timeout = {BUSY_TIMEOUT_MS}",
                "journal_mode = WAL",
                "foreign_keys = ON",
                "synchronous = NORMAL",
                # Deleted rows are overwritten with zeros, not left in free pages.
                "secure_delete = ON",
            ):
                # Some pragmas answer with a row: drain it so no statement stays open.
                async with conn.execute(f"PRAGMA {pragma}") as cursor:
                    await cursor.fetchall()
        except sqlite3.DatabaseError as exc:
            await conn.close()
            raise DatabaseError(f"{self.path} is not a unionbot database ({exc})") from None
        if on_disk:
            for suffix in SIDE_FILES:  # left by an older version, perhaps with a looser mode
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.chmod(FILE_MODE)
        self._conn = conn
        return self

    async def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    async def __aenter__(self) -> Database:
        return await self.connect()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise DatabaseError("database is not connected")
        return self._conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error or cancellation.

        A task cancelled while awaiting BEGIN has still queued it: aiosqlite runs statements
        in order on one thread, so the ROLLBACK queued after it always lands.
        """
        async with self._write_lock:
            conn = self.conn
            try:
                await conn.execute("BEGIN IMMEDIATE")
                yield conn
            except BaseException:
                with suppress(sqlite3.OperationalError):  # BEGIN itself failed: none open
                    await asyncio.shield(conn.execute("ROLLBACK"))
                raise
            await asyncio.shield(conn.execute("COMMIT"))

    async def execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> int:
        """Run one write statement in its own transaction; return rows changed."""
        async with self.transaction() as conn:
            cursor = await conn.execute(sql, params)
            return cursor.rowcount

    async def write_returning(
        self, sql: str, params: Iterable[Any] | dict[str, Any] = ()
    ) -> list[sqlite3.Row]:
        """Run one write statement with RETURNING in its own transaction."""
        async with self.transaction() as conn, conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(
        self, sql: str, params: Iterable[Any] | dict[str, Any] = ()
    ) -> sqlite3.Row | None:
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(
        self, sql: str, params: Iterable[Any] | dict[str, Any] = ()
    ) -> list[sqlite3.Row]:
        async with self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchval(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    # -- migrations -------------------------------------------------------

    async def schema_version(self) -> int:
        """The highest migration applied, 0 for a new database."""
        exists = await self.fetchval(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        )
        if not exists:
            return 0
        return await self.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")

    async def applied_versions(self) -> set[int]:
        """Versions of the migrations already recorded in this database."""
        if not await self.schema_version():
            return set()
        rows = await self.fetchall("SELECT version FROM schema_migrations")
        return {row[0] for row in rows}

    async def migrate(self) -> list[str]:
        """Apply every shipped migration not yet recorded, in order.

        A database that records a migration newer than this version knows is refused:
        it was written by a newer unionbot and must never be silently downgraded.
        """
        migrations = available_migrations()
        latest = migrations[-1][0] if migrations else 0
        current = await self.schema_version()
        if current > latest:
            raise DatabaseError(
                f"{self.path} was written by a newer unionbot (schema {current}, this version "
                f"knows up to {latest}). Upgrade unionbot; never downgrade a database."
            )
        done = await self.applied_versions()
        for version, _name, _sql in migrations:
            if version not in done and version in PRECONDITIONS:
                query, message = PRECONDITIONS[version]
                try:
                    found = await self.fetchval(query)
                except sqlite3.OperationalError:
                    found = None  # the tables it asks about do not exist yet: nothing in the way
                if found is not None:
                    raise DatabaseError(message.format(found=found))
        applied = []
        for version, name, sql in migrations:
            if version in done:
                continue
            async with self.transaction() as conn:
                # executescript would COMMIT our transaction; run statement by statement.
                for statement in _split_sql(sql):
                    await conn.execute(statement)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) "
                    "VALUES (?, ?, strftime('%s', 'now'))",
                    (version, name),
                )
            applied.append(name)
        if applied and current:
            await self.checkpoint_and_vacuum()  # what an upgrade dropped leaves no free pages
        return applied

    # -- maintenance --------------------------------------------------------

    async def backup_to(self, target: Path) -> Path:
        """Write a consistent, compacted copy of the database to `target` (0600).

        `VACUUM INTO` builds a fresh file from the live rows only: no free pages, no stale
        cells of deleted rows, no WAL. It reads one snapshot through a connection of its
        own, so the bot keeps writing meanwhile. The copy is written beside `target` as
        `.partial` and renamed, so a crash never leaves a half-written backup under the
        real name.
        """
        private_folder(target.parent)
        partial = target.with_name(target.name + ".partial")
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in SIDE_FILES)):
            leftover.unlink(missing_ok=True)
        # VACUUM INTO accepts an existing empty file: create it 0600 so it is never readable.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        try:
            async with aiosqlite.connect(self.path, isolation_level=None) as source:
                for sql, params in (
                    (f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}", ()),
                    ("VACUUM INTO ?", (str(partial),)),
                ):
                    async with source.execute(sql, params) as cursor:
                        await cursor.fetchall()
            partial.chmod(FILE_MODE)
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return target

    async def checkpoint(self) -> bool:
        """Fold the WAL into the main file and truncate it; True when it fully completed.

        With secure_delete on, the main file's copies of erased rows are zeroed; this
        removes the WAL's older copies of those pages. A reader still holding an older
        snapshot can keep it from completing: it is retried briefly.
        """
        for attempt in range(VACUUM_TRIES):
            async with self._write_lock, self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)") as c:
                busy = (await c.fetchone() or (1,))[0]
            if not busy:
                return True
            await asyncio.sleep(0.05 * (attempt + 1))
        log.warning("WAL checkpoint could not complete; it will at the next one")
        return False

    async def checkpoint_and_vacuum(self) -> None:
        """Fold the WAL into the main file and rebuild it so no stale pages remain.

        VACUUM cannot run while another coroutine has a statement open on the connection,
        so it is retried briefly; it never gives up silently.
        """
        for attempt in range(VACUUM_TRIES):
            try:
                async with self._write_lock:
                    for statement in (
                        "PRAGMA wal_checkpoint(TRUNCATE)",
                        "VACUUM",
                        "PRAGMA wal_checkpoint(TRUNCATE)",
                    ):
                        async with self.conn.execute(statement) as cursor:
                            await cursor.fetchall()
                return
            except sqlite3.OperationalError as exc:
                if attempt == VACUUM_TRIES - 1:
                    raise
                log.info("vacuum deferred: %s", exc)
                await asyncio.sleep(0.05 * (attempt + 1))


def private_folder(folder: Path, *, ours: bool = False) -> None:
    """Create `folder` 0700 if it is missing; `ours` (the bot's own folder) also tightens it.

    A folder someone else named (`unionbot db backup /some/where/`) keeps its mode.
    """
    if not folder.exists():
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        folder.chmod(FOLDER_MODE)  # mkdir's mode is masked by the umask
    elif ours:
        folder.chmod(FOLDER_MODE)


def private_file(path: Path) -> None:
    """Create `path` empty with mode 0600, or tighten an existing file to 0600."""
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    path.chmod(FILE_MODE)


def _split_sql(script: str) -> list[str]:
    """Split a migration into complete statements (handles triggers' inner semicolons)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise DatabaseError(f"incomplete SQL statement in migration: {buffer.strip()[:60]}")
    return statements

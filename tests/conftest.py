"""Fixtures shared by every test: real SQLite files in a temporary folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.database import Database

TEST_SECRET = "test-secret-key-0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's .env or environment."""
    monkeypatch.chdir(tmp_path)
    for name in (
        "BOT_TOKEN",
        "SECRET_KEY",
        "BOT_API_BASE_URL",
        "BOT_API_FILE_URL",
        "DATABASE_PATH",
        "ADMIN_IDS",
        "TIMEZONE",
        "DEFAULT_LANGUAGE",
        "LOG_LEVEL",
        "UNION_NAME",
        "BACKUP_DIR",
        "BACKUP_RETENTION",
        "BACKUP_TIME",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database in a real file."""
    async with Database(tmp_path / "test.sqlite3") as database:
        await database.migrate()
        yield database

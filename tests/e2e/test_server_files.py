"""What a copy of the server's files gives away: modes, backups, the CLI's copies."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from bot.cli import main
from sandbox.harness import Sandbox
from tests.conftest import TEST_SECRET
from tests.e2e.conftest import ADMIN_ID


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_files_are_private_after_the_bot_runs_and_backs_up(tmp_path: Path) -> None:
    folder = tmp_path / "data"  # the bot creates its own folder
    async with Sandbox(folder, admin_ids=(ADMIN_ID,)) as sandbox:
        boss = sandbox.user("Rosa", user_id=ADMIN_ID)
        await boss.send("/backup")
        assert (await boss.next_message()).text.startswith("💾 Backup saved")
        assert mode(folder) == 0o700
        db = sandbox.database_path
        for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            assert mode(path) == 0o600, path.name
        backups = folder / "backups"
        assert mode(backups) == 0o700
        [copy] = backups.iterdir()
        assert copy.name.endswith(".sqlite3") and mode(copy) == 0o600


@pytest.fixture
def cli_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))
    assert main(["db", "migrate"]) == 0
    return tmp_path / "cli.sqlite3"


def test_db_backup_into_a_folder_is_private_and_compacted(
    cli_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(cli_db) as conn:
        conn.execute(
            "INSERT INTO audit_log (actor, action, detail) VALUES ('cli', 'x', ?)",
            ("cli-marker-51c0ffee" * 50,),
        )
        conn.execute("DELETE FROM audit_log")
    folder = tmp_path / "offsite"
    folder.mkdir()
    assert main(["db", "backup", str(folder)]) == 0
    [copy] = folder.iterdir()
    assert copy.name.startswith("unionbot-") and mode(copy) == 0o600
    assert str(copy) in capsys.readouterr().out
    assert b"cli-marker-51c0ffee" not in copy.read_bytes()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)


def test_db_backup_creates_a_private_folder_for_a_file(cli_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "nested" / "copy.sqlite3"
    assert main(["db", "backup", str(target)]) == 0
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700 and mode(target.parent.parent) == 0o700


def test_db_backup_to_an_unwritable_place_is_one_line(
    cli_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["db", "backup", str(blocker / "copy.sqlite3")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unionbot: cannot write") and "Traceback" not in err
    assert blocker.read_text() == "not a folder"

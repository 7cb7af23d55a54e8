"""`unionbot db restore` as an operator uses it after a bad day: round trip, and refusals."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from bot.cli import main
from bot.runlock import RunLock
from tests.conftest import TEST_SECRET
from tests.e2e.membership import ROSTER


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "data" / "bot.sqlite3"))
    (tmp_path / "roster.csv").write_text(ROSTER)
    assert main(["roster", "import", str(tmp_path / "roster.csv")]) == 0
    return tmp_path / "data" / "bot.sqlite3"


def members(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT member_id, worksite FROM members ORDER BY id").fetchall()


def fingerprint(path: Path) -> str:
    """The database's bytes with its WAL: what 'nothing changed' means."""
    parts = [p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()]
    return hashlib.sha256(b"".join(parts)).hexdigest()


def test_restore_round_trips_and_keeps_what_it_replaced(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "before.sqlite3"
    assert main(["db", "backup", str(backup)]) == 0
    before = members(database)
    moved = tmp_path / "moved.csv"
    moved.write_text("member_id,worksite\nA1,Irvine\nA2,Irvine\n")
    assert main(["roster", "import", str(moved)]) == 0
    assert members(database) != before
    after = members(database)
    capsys.readouterr()

    assert main(["db", "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert f"restored {backup} to {database}" in out and "7 members" in out
    assert members(database) == before
    [replaced] = database.parent.glob("bot.sqlite3.replaced-*")
    assert f"kept as {replaced}" in out
    assert members(replaced) == after  # nothing lost: the replaced data is all there
    for path in (database, replaced):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(database.parent.glob("*.restoring*"))
    with sqlite3.connect(database) as conn:
        assert conn.execute(
            "SELECT actor, subject FROM audit_log WHERE action = 'db.restore'"
        ).fetchall() == [("cli", "before.sqlite3")]
    assert main(["status", "--offline"]) == 1  # it opens; the bot is just not running
    assert "schema" not in capsys.readouterr().err


def test_restore_refuses_while_the_bot_runs(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.sqlite3"
    main(["db", "backup", str(backup)])
    capsys.readouterr()
    unchanged = fingerprint(database)
    with RunLock(database):  # what `unionbot run` holds for as long as it runs
        assert main(["db", "restore", str(backup)]) == 2
    err = capsys.readouterr().err
    assert "the bot is running" in err and "sudo systemctl stop unionbot" in err
    assert "nothing was changed" in err
    assert fingerprint(database) == unchanged
    assert not list(database.parent.glob("*.replaced-*"))


def _corrupt(path: Path) -> None:
    """A real SQLite file whose index no longer matches its table."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.execute("CREATE INDEX t_x ON t (x)")
        conn.executemany("INSERT INTO t VALUES (?)", [(f"row {n:05d}",) for n in range(3000)])
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX t_x ON t (x DESC)' WHERE name = 't_x'"
        )


def _newer(source: Path, target: Path) -> None:
    target.write_bytes(source.read_bytes())
    with sqlite3.connect(target) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (99, '0099_future.sql', 0)")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (None, "does not exist or is not a file"),
        ("text", "is not a SQLite database"),
        ("corrupt", "fails SQLite's integrity check"),
        ("other", "is a SQLite file but not a unionbot database"),
        ("newer", "was written by a newer unionbot (schema 99"),
        ("live", "is the live database itself"),
    ],
)
def test_a_bad_backup_changes_nothing(
    database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: str | None,
    message: str,
) -> None:
    bad = tmp_path / "bad.sqlite3"
    if make == "text":
        bad.write_text("meeting notes, not a database " * 200)
    elif make == "corrupt":
        _corrupt(bad)
    elif make == "other":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE contacts (name TEXT)")
    elif make == "newer":
        _newer(database, bad)
    elif make == "live":
        bad = database
    unchanged = fingerprint(database)
    capsys.readouterr()
    assert main(["db", "restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert message in err and "nothing was changed" in err
    assert fingerprint(database) == unchanged
    assert sorted(p.name for p in database.parent.iterdir() if "replaced" in p.name) == []
    assert not list(database.parent.glob("*.restoring*"))

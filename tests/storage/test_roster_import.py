"""Roster import on a real SQLite file: report, upsert, idempotence, fatal files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.membership.phones import normalise, phone_hash
from bot.membership.roster import ImportReport, RosterError, import_roster, parse_roster, read_text
from storage.database import Database
from storage.roster import RosterRepository
from tests.conftest import TEST_SECRET

MIXED = (
    "\ufeffMember_ID,First_Name,Last Name,Phone,Worksite,Classification,Status,Language,Shoe\n"
    'A1,Ana,"Reyes, Jr.",(213) 555-0142,Downey,Psychologist,good standing,es,9\n'
    "A2,Ben,Okafor,213-555-0199,Downey,Social Worker,lapsed,,10\n"
    ",No,Id,213-555-0100,Downey,,,,\n"
    "A1,Ana,Again,213-555-0142,Downey,,,,\n"
    "A3,Cy,Bad,12,Downey,,,,\n"
    "A4,Di,Status,,Downey,,on leave,,\n"
    '"A5","Eve","Multi\nLine",,"Irvine",,,,\n'
    "A6,Fay,Lang,,Irvine,,,fr,\n"
)


async def run(db: Database, text: str, **kwargs: bool) -> ImportReport:
    return await import_roster(RosterRepository(db), parse_roster(text, TEST_SECRET), **kwargs)


async def test_mixed_file_reports_each_rejection_with_its_line(db: Database) -> None:
    report = await run(db, MIXED)
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (4, "missing member_id"),
        (5, "duplicate member_id A1 (first on line 2)"),
        (6, "member A3: unparseable phone number"),
        (
            7,
            "member A4: unknown status 'on leave' (use good_standing, lapsed, suspended, "
            "retired, resigned)",
        ),
        (10, "member A6: unknown language 'fr' (use en or es)"),
    ]
    assert report.ignored_columns == ["shoe"]
    ana = await db.fetchone("SELECT * FROM members WHERE member_id = 'A1'")
    assert ana["last_name"] == "Reyes, Jr." and ana["status"] == "good_standing"
    assert ana["language"] == "es" and ana["worksite"] == "Downey"
    assert ana["phone_hash"] == phone_hash("+12135550142", TEST_SECRET)
    eve = await db.fetchone("SELECT last_name FROM members WHERE member_id = 'A5'")
    assert eve["last_name"] == "Multi\nLine"


async def test_raw_phone_numbers_never_reach_the_database(db: Database) -> None:
    await run(db, MIXED)
    await db.checkpoint_and_vacuum()
    raw = db.path.read_bytes()
    for digits in (b"2135550142", b"555-0142", b"+12135550142", b"2135550199"):
        assert digits not in raw


async def test_reimport_changes_nothing_then_updates_only_changes(db: Database) -> None:
    await run(db, MIXED)
    before = await db.fetchall("SELECT * FROM members ORDER BY id")
    again = await run(db, MIXED)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert await db.fetchall("SELECT * FROM members ORDER BY id") == before
    changed = MIXED.replace("A2,Ben,Okafor,213-555-0199,Downey", "A2,Ben,Okafor,,Irvine")
    report = await run(db, changed)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    ben = await db.fetchone("SELECT worksite, phone_hash FROM members WHERE member_id = 'A2'")
    assert tuple(ben) == ("Irvine", None)


async def test_absent_columns_are_left_alone(db: Database) -> None:
    await run(db, MIXED)
    report = await run(db, "member_id,worksite\nA1,Bellflower\n")
    assert report.updated == 1
    ana = await db.fetchone(
        "SELECT first_name, worksite, phone_hash FROM members WHERE member_id = 'A1'"
    )
    assert ana["first_name"] == "Ana" and ana["worksite"] == "Bellflower" and ana["phone_hash"]


async def test_missing_members_deactivated_only_when_asked(db: Database) -> None:
    await run(db, MIXED)
    kept = await run(db, "member_id\nA1\n")
    assert kept.deactivated == 0
    assert await db.fetchval("SELECT COUNT(*) FROM members WHERE active = 1") == 3
    dropped = await run(db, "member_id\nA1\n", deactivate_missing=True)
    assert dropped.deactivated == 2
    assert await db.fetchval("SELECT COUNT(*) FROM members") == 3  # marked, not deleted
    assert await db.fetchval("SELECT group_concat(member_id) FROM members WHERE active = 1") == "A1"
    back = await run(db, "member_id\nA2\n")
    assert back.updated == 1  # reappearing reactivates


async def test_dry_run_changes_nothing(db: Database) -> None:
    report = await run(db, MIXED, dry_run=True)
    assert report.added == 3 and report.dry_run
    assert "dry run, nothing changed" in report.lines()[0]
    assert await db.fetchval("SELECT COUNT(*) FROM members") == 0


async def test_semicolon_excel_export(db: Database) -> None:
    report = await run(db, "member_id;first_name;worksite\r\nB1;Gus;Downey\r\n")
    assert report.added == 1
    assert await db.fetchval("SELECT first_name FROM members WHERE member_id='B1'") == "Gus"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"first_name,last_name\nAna,Reyes\n", "no member_id column in the header row"),
        (b"", "the file is empty"),
        (b"PK\x03\x04\x00\x00binary", "is not a CSV file"),
        (b"member_id,first_name\nA1,Jos\xe9\n", "is not UTF-8 text"),
        (b"member_id,member_id\nA1,A2\n", "names a column twice: member_id"),
    ],
)
async def test_fatal_file_changes_nothing(
    db: Database, tmp_path: Path, content: bytes, message: str
) -> None:
    await run(db, MIXED)
    before = await db.fetchall("SELECT * FROM members ORDER BY id")
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(RosterError, match=message):
        parse_roster(read_text(path), TEST_SECRET)
    assert await db.fetchall("SELECT * FROM members ORDER BY id") == before


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="cannot read"):
        read_text(tmp_path / "missing.csv")


def test_phone_normalisation() -> None:
    assert normalise("(213) 555-0142") == normalise("12135550142") == "+12135550142"
    assert normalise("+52 55 1234 5678") == "+525512345678"


def test_bom_and_quoting_survive_sqlite(tmp_path: Path) -> None:
    roster = parse_roster(MIXED, TEST_SECRET)
    assert "A1" in roster.rows  # the BOM did not stick to the first header
    assert sqlite3.sqlite_version

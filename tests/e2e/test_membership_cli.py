"""`unionbot roster import`, `invites create` and `roles` as an organiser runs them."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from sandbox import BotAPIEmulator
from tests.conftest import TEST_SECRET
from tests.e2e.membership import ROSTER
from tests.e2e.test_cli import bot_env, spawn


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))
    return tmp_path / "cli.sqlite3"


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as conn:
        return conn.execute(sql).fetchall()


def test_roster_import_reports_and_is_idempotent(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_text(ROSTER + "A9,No,Phone,not-a-phone,Downey,,,\n,Missing,Id,,,,,\n")
    assert main(["roster", "import", str(csv), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("dry run, nothing changed: 7 added")
    assert not database.exists() or rows(database, "SELECT COUNT(*) FROM members") == [(0,)]
    assert main(["roster", "import", str(csv)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "7 added, 0 updated, 0 unchanged, 0 deactivated, 2 rejected"
    assert out[1:] == ["line 9: member A9: unparseable phone number", "line 10: missing member_id"]
    assert main(["roster", "import", str(csv)]) == 0
    assert capsys.readouterr().out.startswith("0 added, 0 updated, 7 unchanged")
    assert rows(database, "SELECT action FROM audit_log") == [("roster.import",)] * 2


def test_fatal_roster_changes_nothing(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_text(ROSTER)
    main(["roster", "import", str(csv)])
    before = rows(database, "SELECT * FROM members ORDER BY id")
    bad = tmp_path / "export.csv"
    bad.write_text("name,phone\nAna,2135550142\n")
    assert main(["roster", "import", str(bad), "--deactivate-missing"]) == 2
    err = capsys.readouterr().err
    assert "no member_id column in the header row" in err and "nothing was changed" in err
    assert rows(database, "SELECT * FROM members ORDER BY id") == before


def test_roles_grant_and_revoke(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_text(ROSTER)
    main(["roster", "import", str(csv)])
    capsys.readouterr()
    assert main(["roles", "grant", "A1", "steward"]) == 0
    assert capsys.readouterr().out.strip() == "A1 is now steward for Downey"
    assert main(["roles", "grant", "A1", "steward", "--worksite", "Irvine"]) == 0
    assert capsys.readouterr().out.strip() == "A1 is now steward for Downey, Irvine"
    assert main(["roles", "revoke", "A1", "steward", "--worksite", "Downey"]) == 0
    assert capsys.readouterr().out.strip() == "A1 is now steward for Irvine"
    assert main(["roles", "revoke", "A1", "steward"]) == 0
    assert capsys.readouterr().out.strip() == "A1 is now member"
    assert main(["roles", "grant", "NOPE", "leader"]) == 2
    assert "no member 'NOPE'" in capsys.readouterr().err
    assert main(["roles", "revoke", "A2", "leader"]) == 2
    assert "A2 is not a leader" in capsys.readouterr().err
    actions = rows(database, "SELECT action, subject FROM audit_log WHERE action LIKE 'role.%'")
    assert actions == [("role.grant", "A1")] * 2 + [("role.revoke", "A1")] * 2


async def test_invites_create_prints_deep_links(tmp_path: Path) -> None:
    (tmp_path / "roster.csv").write_text(ROSTER)
    async with BotAPIEmulator(bot_username="local1199_bot") as emulator:
        env = bot_env(emulator, tmp_path)
        importer = await spawn(env, "roster", "import", str(tmp_path / "roster.csv"))
        await asyncio.wait_for(importer.communicate(), 60)
        process = await spawn(env, "invites", "create", "--worksite", "Downey", "--count", "3")
        out, err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, err.decode()
        links = out.decode().split()
        assert len(links) == 3 and len(set(links)) == 3
        assert all(link.startswith("https://t.me/local1199_bot?start=") for link in links)
        missing = await spawn(env, "invites", "create", "--member-id", "ZZZ")
        _, err = await asyncio.wait_for(missing.communicate(), 60)
        assert missing.returncode == 2 and "no member with member_id ZZZ" in err.decode()
        bad = await spawn(env, "invites", "create", "--member-id", "A1", "--expires", "soon")
        _, err = await asyncio.wait_for(bad.communicate(), 60)
        assert bad.returncode == 2 and "'soon' is not a duration like 90m, 2h or 3d" in err.decode()
    stored = rows(tmp_path / "bot.sqlite3", "SELECT code_hash, worksite FROM invites")
    codes = [link.rsplit("=", 1)[1] for link in links]
    assert len(stored) == 3 and all(code not in str(stored) for code in codes)  # hashes only


EXAMPLES = Path(__file__).resolve().parents[2] / "bot" / "examples"


async def test_the_guides_own_invite_example_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    async with BotAPIEmulator(bot_username="local1199_bot") as emulator:
        env = bot_env(emulator, tmp_path)
        importer = await spawn(env, "roster", "import", str(EXAMPLES / "roster.csv"))
        await asyncio.wait_for(importer.communicate(), 60)
        process = await spawn(
            env, "invites", "create", "--worksite", "Downey", "--count", "30", "--expires", "7d"
        )
        out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2 and out == b""
    assert err.decode().strip() == (
        "unionbot: unknown worksite 'Downey' (did you mean 'Downey Medical Center'?); "
        "no links were made"
    )
    assert rows(tmp_path / "bot.sqlite3", "SELECT COUNT(*) FROM invites") == [(0,)]


def test_roles_for_a_worksite_not_on_the_roster_are_refused(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["roster", "import", str(EXAMPLES / "roster.csv")])
    capsys.readouterr()
    before = rows(database, "SELECT * FROM steward_worksites")
    assert main(["roles", "grant", "10001", "steward", "--worksite", "Nowhere"]) == 2
    err = capsys.readouterr().err
    assert "unknown worksite 'Nowhere' (the roster has: Downey Medical Center," in err
    assert main(["roles", "grant", "10001", "steward", "--worksite", "irvine medical centre"]) == 2
    assert "(did you mean 'Irvine Medical Center'?)" in capsys.readouterr().err
    assert rows(database, "SELECT role FROM members WHERE member_id = '10001'") == [("member",)]
    assert rows(database, "SELECT * FROM steward_worksites") == before
    assert rows(database, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'role.%'") == [(0,)]


def test_vote_and_survey_files_naming_no_roster_worksite_are_refused(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["roster", "import", str(EXAMPLES / "roster.csv")])
    capsys.readouterr()
    vote = tmp_path / "vote.yaml"
    vote.write_text(
        (EXAMPLES / "votes" / "strike-authorization.yaml")
        .read_text()
        .replace("worksites: []", "worksites: [Irvine Medical Centre]")
    )
    assert main(["vote", "create", str(vote)]) == 2
    err = capsys.readouterr().err
    assert (
        "vote.yaml line 24: eligibility.worksites: unknown worksite 'Irvine Medical Centre' "
        "(did you mean 'Irvine Medical Center'?)" in err
    )
    assert "nothing was created" in err
    survey = tmp_path / "survey.yaml"
    survey.write_text(
        (EXAMPLES / "surveys" / "workload.yaml")
        .read_text()
        .replace("audience: all ", "audience: {worksites: [Downey]}")
    )
    assert main(["survey", "load", str(survey)]) == 2
    err = capsys.readouterr().err
    assert (
        "survey.yaml line 12: audience: unknown worksite 'Downey' "
        "(did you mean 'Downey Medical Center'?)" in err
    )
    assert rows(database, "SELECT COUNT(*) FROM votes") == [(0,)]
    assert rows(database, "SELECT COUNT(*) FROM surveys") == [(0,)]


def test_an_import_that_removes_staff_strips_their_powers_and_says_so(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_text(ROSTER)
    main(["roster", "import", str(csv)])
    main(["roles", "grant", "S1", "steward"])
    main(["roles", "grant", "L1", "leader"])
    capsys.readouterr()
    kept = "\n".join(line for line in ROSTER.splitlines() if not line.startswith(("S1,", "L1,")))
    ben_lapses = ("Social Worker,good_standing", "Social Worker,lapsed")  # Ben was no steward
    csv.write_text(kept.replace(*ben_lapses) + "\n")
    assert main(["roster", "import", str(csv), "--deactivate-missing"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "0 added, 1 updated, 4 unchanged, 2 deactivated, 0 rejected"
    assert sorted(out[1:]) == [
        "member L1: not in good standing, removed: leader",
        "member S1: not in good standing, removed: steward of Downey",
    ]
    staff = "SELECT member_id, role FROM members WHERE member_id IN ('S1', 'L1') ORDER BY 1"
    assert rows(database, staff) == [("L1", "member"), ("S1", "member")]
    assert rows(database, "SELECT COUNT(*) FROM steward_worksites") == [(0,)]
    revoked = rows(
        database,
        "SELECT subject FROM audit_log WHERE action = 'membership.powers_revoked' ORDER BY subject",
    )
    assert revoked == [("L1",), ("S1",)]
    csv.write_text(ROSTER)  # back on the roster: members again, not stewards or leaders
    assert main(["roster", "import", str(csv)]) == 0
    assert rows(database, "SELECT role, active FROM members WHERE member_id = 'L1'") == [
        ("member", 1)
    ]


def test_unfreeze_lifts_a_freeze_and_refuses_otherwise(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_text(ROSTER)
    main(["roster", "import", str(csv)])
    capsys.readouterr()
    assert main(["members", "unfreeze", "A1"]) == 2
    assert "A1 is not frozen; nothing was changed" in capsys.readouterr().err
    with sqlite3.connect(database) as conn:
        conn.execute(
            "UPDATE members SET frozen_at = 1, telegram_id = 77, verified_at = 1 "
            "WHERE member_id = 'A1'"
        )
    assert main(["members", "unfreeze", "A1", "--unlink"]) == 0
    assert capsys.readouterr().out.strip() == "A1 unfrozen and unlinked: they verify again"
    assert rows(database, "SELECT frozen_at, telegram_id FROM members WHERE member_id = 'A1'") == [
        (None, None)
    ]
    assert rows(database, "SELECT action FROM audit_log WHERE action = 'link.unfrozen'") == [
        ("link.unfrozen",)
    ]

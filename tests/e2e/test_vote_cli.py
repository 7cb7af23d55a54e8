"""`unionbot vote ...` as an organiser uses it on the server."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.services import open_services
from bot.settings import load_settings
from tests.conftest import TEST_SECRET
from tests.e2e.voting import VOTE_ROW

EXAMPLE = Path(__file__).parents[2] / "bot" / "examples" / "votes" / "strike-authorization.yaml"
WHEN = "opens 2030-03-02 06:00 PST, closes 2030-03-09 20:00 PST"
CREATED = f"created vote #1 (strike-2030): {WHEN}"


@pytest.fixture
def db_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))
    return tmp_path / "cli.sqlite3"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def votes_in(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id, state FROM votes ORDER BY id").fetchall()


def test_create_list_cancel(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "vote", "create", str(EXAMPLE))
    assert code == 0
    assert out == CREATED + "\n"
    code, out, _ = run(capsys, "vote", "list")
    header, row = out.splitlines()
    assert header.split() == [
        "id",
        "slug",
        "state",
        "opens_at",
        "closes_at",
        "roll_size",
        "question",
    ]
    opens, closes = "2030-03-02 06:00-08:00", "2030-03-09 20:00-08:00"
    assert row.startswith(f"1   strike-2030  scheduled  {opens}  {closes}  0  ")
    assert "Do you authorize the bargaining team" in row
    code, out, _ = run(capsys, "vote", "list", "--json")
    [listed] = json.loads(out)
    assert listed == {
        "id": 1,
        "slug": "strike-2030",
        "state": "scheduled",
        "opens_at": "2030-03-02 06:00-08:00",
        "closes_at": "2030-03-09 20:00-08:00",
        "roll_size": 0,
        "question": listed["question"],
    }
    assert listed["question"].startswith("Do you authorize") and len(listed["question"]) > 60
    with sqlite3.connect(db_path) as conn:
        jobs = conn.execute("SELECT kind, key FROM scheduled_jobs ORDER BY id").fetchall()
    assert jobs == [
        ("vote.open", "1"),
        ("vote.close", "1"),
        ("vote.remind", "1:86400"),
        ("vote.remind", "1:7200"),
    ]
    assert run(capsys, "vote", "cancel", "1")[:2] == (0, "vote #1 cancelled\n")
    code, _, err = run(capsys, "vote", "cancel", "1")
    assert code == 2 and err == "unionbot: vote #1 is already cancelled\n"
    code, _, err = run(capsys, "vote", "cancel", "9")
    assert code == 2 and err == "unionbot: there is no vote #9\n"
    assert votes_in(db_path) == [(1, "cancelled")]


def test_a_bad_file_names_the_line_and_creates_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text().replace("threshold: two-thirds", "threshold: most"))
    code, _, err = run(capsys, "vote", "create", str(bad))
    assert code == 2
    assert "bad.yaml line 28: threshold: 'most' is not a threshold" in err
    assert err.strip().endswith("nothing was created")
    assert "Traceback" not in err
    past = tmp_path / "past.yaml"
    past.write_text(EXAMPLE.read_text().replace("2030-03-02", "2020-03-02"))
    code, _, err = run(capsys, "vote", "create", str(past))
    assert code == 2 and "past.yaml line 26: opens_at: is in the past" in err
    run(capsys, "db", "migrate")
    assert votes_in(db_path) == []


async def _vote_with_ballots(yes: int, no: int) -> None:
    """A vote that opened, got ballots and closed (the bot's jobs, run directly)."""
    settings = load_settings()
    async with open_services(settings) as services:
        for i in range(yes + no):
            await services.db.execute(
                "INSERT INTO members (member_id, telegram_id, worksite, verified_at) "
                "VALUES (?, ?, 'Downey', 1)",
                (f"M{i}", 5000 + i),
            )
        vote = await services.votes.repo.create(VOTE_ROW, "cli")
        await services.votes.open(vote.id)
        for i in range(yes + no):
            member = await services.members.by_member_id(f"M{i}")
            assert member is not None
            await services.votes.cast(vote.id, member, 0 if i < yes else 1)


async def _close(vote_id: int) -> None:
    async with open_services(load_settings()) as services:
        await services.votes.close(vote_id)


def test_results_are_refused_before_close_then_exported_and_audited(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(_vote_with_ballots(yes=4, no=2))
    code, out, err = run(capsys, "vote", "results", "1", "--json")
    assert code == 2 and out == ""
    assert err == "unionbot: vote #1 is not closed yet: results are sealed until it closes\n"
    asyncio.run(_close(1))
    code, out, _ = run(capsys, "vote", "results", "1")
    assert code == 0
    assert "  Yes: 4 (66.7%)" in out and out.strip().endswith("PASSED")
    code, out, _ = run(capsys, "vote", "results", "1", "--json")
    result = json.loads(out)
    assert (result["ballots"], result["passed"], result["threshold"]) == (6, True, "two-thirds")
    code, out, _ = run(capsys, "vote", "results", "1", "--language", "es")
    assert out.startswith("vote #1: ¿Huelga?\n  Sí: 4 (66.7%)\n")
    code, out, _ = run(capsys, "vote", "results", "1", "--json", "--language", "es")
    assert json.loads(out)["options"][0]["option"] == "Sí"
    csv_path, receipts_path = tmp_path / "result.csv", tmp_path / "receipts.csv"
    code, out, _ = run(
        capsys, "vote", "results", "1", "--csv", str(csv_path), "--receipts", str(receipts_path)
    )
    assert code == 0 and "1,Yes,4,66.7%,6,6," in csv_path.read_text()
    assert "True" not in csv_path.read_text() and "False" not in csv_path.read_text()
    receipts = receipts_path.read_text().splitlines()
    assert receipts[0] == "vote,receipt" and len(receipts) == 7
    assert "Yes" not in receipts_path.read_text()  # receipts never carry choices
    with sqlite3.connect(db_path) as conn:
        exports = conn.execute(
            "SELECT action FROM audit_log WHERE action LIKE 'vote.export%' ORDER BY id"
        ).fetchall()
    assert [e[0] for e in exports] == [
        "vote.export.text",
        "vote.export.json",
        "vote.export.text",
        "vote.export.json",
        "vote.export.result",
        "vote.export.receipts",
        "vote.export.text",
    ]


def test_add_voter(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    asyncio.run(_vote_with_ballots(yes=1, no=0))
    code, _, err = run(capsys, "vote", "add-voter", "1", "M0")
    assert code == 2 and err == "unionbot: M0 is already on the roll of vote #1\n"
    code, _, err = run(capsys, "vote", "add-voter", "1", "NOBODY")
    assert code == 2 and "NOBODY is not a verified, active member" in err


TRUSTEE_VOTE = """id: trustee-strike
question: Strike?
opens_at: "2030-03-02 06:00"
closes_at: "2030-03-09 20:00"
threshold: two-thirds
trustees:
  members: [L1, L2, L3]
  needed: 2
"""


async def test_create_with_trustees_sends_each_share_or_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sandbox import BotAPIEmulator
    from storage.members import Role
    from tests.e2e.test_cli import bot_env, spawn

    (tmp_path / "vote.yaml").write_text(TRUSTEE_VOTE)
    async with BotAPIEmulator() as emulator:
        env = bot_env(emulator, tmp_path)
        for key in ("SECRET_KEY", "DATABASE_PATH"):
            monkeypatch.setenv(key, env[key])
        leaders = [emulator.add_user(name) for name in ("Lee", "Lia", "Lou")]
        async with open_services(load_settings()) as services:
            for n, user in enumerate(leaders, start=1):
                await services.db.execute(
                    "INSERT INTO members (member_id, telegram_id, first_name, verified_at, role) "
                    "VALUES (?, ?, ?, 1, ?)",
                    (f"L{n}", user.id, user.name, Role.LEADER.value),
                )
        leaders[0].started = leaders[1].started = True  # Lou has never opened the bot
        refused = await spawn(env, "vote", "create", str(tmp_path / "vote.yaml"))
        _, err = await asyncio.wait_for(refused.communicate(), 60)
        assert refused.returncode == 2
        assert "could not send L3 their key share, so nothing was created" in err.decode()
        assert votes_in(tmp_path / "bot.sqlite3") == []
        for user in leaders[:2]:  # the shares they got are void, and they are told so
            assert "is void" in user.inbox[-1].text
        leaders[2].started = True
        for user in leaders:
            user.mark_read()
        created = await spawn(env, "vote", "create", str(tmp_path / "vote.yaml"))
        out, err = await asyncio.wait_for(created.communicate(), 60)
        assert created.returncode == 0, err.decode()
        assert out.decode().startswith("created vote #")
        shares = [(await user.next_message()).text for user in leaders]
        assert all("You are a trustee" in text and "UBK1-" in text for text in shares)
        assert "UBK1-" not in err.decode() + out.decode()  # never printed on the server
        # The same file again: the same vote, and no trustee is sent a second share.
        received = [len(user.inbox) for user in leaders]
        again = await spawn(env, "vote", "create", str(tmp_path / "vote.yaml"))
        out, err = await asyncio.wait_for(again.communicate(), 60)
        assert again.returncode == 0 and "is scheduled and unchanged" in out.decode()
        # Other trustees would need new shares: refused, naming the vote and what to do.
        (tmp_path / "vote.yaml").write_text(TRUSTEE_VOTE.replace("needed: 2", "needed: 3"))
        changed = await spawn(env, "vote", "create", str(tmp_path / "vote.yaml"))
        _, err = await asyncio.wait_for(changed.communicate(), 60)
        assert changed.returncode == 2
        assert err.decode().startswith(
            "unionbot: vote #1 (trustee-strike) has trustees who already hold key shares, so "
            "who opens its count cannot change; cancel it (unionbot vote cancel 1)"
        )
        # The question may still change before it opens: the shares stay good.
        (tmp_path / "vote.yaml").write_text(TRUSTEE_VOTE.replace("Strike?", "Strike now?"))
        edited = await spawn(env, "vote", "create", str(tmp_path / "vote.yaml"))
        out, err = await asyncio.wait_for(edited.communicate(), 60)
        assert edited.returncode == 0, err.decode()
        assert out.decode().startswith("updated vote #1 (trustee-strike)")
        assert [len(user.inbox) for user in leaders] == received  # no new share, ever
        assert votes_in(tmp_path / "bot.sqlite3") == [(1, "scheduled")]


def vote_row(path: Path) -> tuple[object, ...]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT id, state, slug, question, question_es, closes_at FROM votes"
        ).fetchone()


def pending_jobs(path: Path) -> list[tuple[int, str, str, int]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT id, kind, key, due_at FROM scheduled_jobs WHERE state = 'pending' ORDER BY id"
        ).fetchall()


async def _open(vote_id: int) -> None:
    async with open_services(load_settings()) as services:
        await services.votes.open(vote_id)


def test_the_same_file_twice_is_one_vote_changed_only_until_it_opens(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vote_file = tmp_path / "strike.yaml"
    vote_file.write_text(EXAMPLE.read_text())
    assert run(capsys, "vote", "create", str(vote_file))[:2] == (0, CREATED + "\n")
    jobs = pending_jobs(db_path)
    # Again, unchanged: still one vote, nothing rescheduled.
    code, out, err = run(capsys, "vote", "create", str(vote_file))
    assert (code, err) == (0, "")
    assert out == f"vote #1 (strike-2030) is scheduled and unchanged: {WHEN}; nothing to do\n"
    assert votes_in(db_path) == [(1, "scheduled")] and pending_jobs(db_path) == jobs

    # Edited before it opens: the same vote changes, and its close moves (as a new job).
    edited = vote_file.read_text().replace("2030-03-09 20:00", "2030-03-10 20:00")
    edited = edited.replace("¿Autorizas al equipo", "¿Autorizas tú al equipo")
    vote_file.write_text(edited)
    code, out, _ = run(capsys, "vote", "create", str(vote_file))
    assert code == 0
    assert out == (
        "updated vote #1 (strike-2030): opens 2030-03-02 06:00 PST, closes 2030-03-10 20:00 PDT;"
        " changed question, closes_at\n"
    )
    vote_id, state, slug, question, question_es, closes_at = vote_row(db_path)
    assert (vote_id, state, slug) == (1, "scheduled", "strike-2030")
    assert str(question).startswith("Do you authorize") and "¿Autorizas tú" in str(question_es)
    close = [j for j in pending_jobs(db_path) if j[1] == "vote.close"]
    assert [j[3] for j in close] == [closes_at] and close[0][0] not in [j[0] for j in jobs]
    with sqlite3.connect(db_path) as conn:
        [(detail,)] = conn.execute(
            "SELECT detail FROM audit_log WHERE action = 'vote.update'"
        ).fetchall()
    assert json.loads(detail)["fields"] == ["question", "closes_at"]

    # Once it has opened: the same file is fine, a changed one is refused, naming the vote.
    asyncio.run(_open(1))
    code, out, _ = run(capsys, "vote", "create", str(vote_file))
    assert code == 0 and "vote #1 (strike-2030) is open and unchanged" in out
    before = vote_row(db_path)
    vote_file.write_text(edited.replace("threshold: two-thirds", "threshold: majority"))
    code, out, err = run(capsys, "vote", "create", str(vote_file))
    assert (code, out) == (2, "")
    assert err == (
        "unionbot: vote #1 (strike-2030) is open: a vote cannot change once it has opened, "
        "so this file was not loaded (it changes threshold); nothing was changed\n"
    )
    assert vote_row(db_path) == before and votes_in(db_path) == [(1, "open")]


def test_a_cancelled_vote_s_file_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "vote", "create", str(EXAMPLE))[0] == 0
    assert run(capsys, "vote", "cancel", "1")[0] == 0
    code, _, err = run(capsys, "vote", "create", str(EXAMPLE))
    assert code == 2
    assert err == (
        "unionbot: vote #1 (strike-2030) was cancelled; to hold it again, give the file a new "
        "id; nothing was changed\n"
    )
    fresh = tmp_path / "again.yaml"
    fresh.write_text(EXAMPLE.read_text().replace("id: strike-2030", "id: strike-2030-b"))
    code, out, _ = run(capsys, "vote", "create", str(fresh))
    assert code == 0 and out.startswith("created vote #2 (strike-2030-b)")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            ("  es: >-\n    ¿Autorizas", "  sp: >-\n    ¿Autorizas"),
            "bad.yaml line 10: question: unknown language 'sp' (did you mean 'es'?); "
            "the languages are en (English) and es (Spanish)",
        ),
        (
            ('  - {en: "Yes", es: "Sí"}', '  - {en: "Yes"}'),
            "bad.yaml line 21: options: option 1: the Spanish text (es:) is missing; give every "
            "language {en: ..., es: ...}, or one plain text for everyone",
        ),
        (
            ('  - {en: "Yes", es: "Sí"}', '  - {en: "Yes", es: ""}'),
            "bad.yaml line 21: options: option 1: the Spanish text (es:) is empty",
        ),
        (
            ("description:", "description:\n  fr: Grève\n  en_US: x"),
            "bad.yaml line 14: description: unknown language 'fr'",
        ),
    ],
)
def test_a_text_without_its_languages_is_refused_and_nothing_is_stored(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    error: str,
) -> None:
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE.read_text()
    assert change[0] in text
    bad.write_text(text.replace(*change))
    code, out, err = run(capsys, "vote", "create", str(bad))
    assert (code, out) == (2, "")
    assert error in err and err.endswith("\nnothing was created\n")
    run(capsys, "db", "migrate")
    assert votes_in(db_path) == []

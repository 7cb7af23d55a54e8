"""The `unionbot` command as an operator uses it: run, db migrate, db backup, demo."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.cli.main import build_parser
from sandbox import BotAPIEmulator
from sandbox.demo import run_demo
from tests.conftest import TEST_SECRET


def bot_env(emulator: BotAPIEmulator, folder: Path, token: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "SECRET_KEY"}}
    env.update(
        BOT_TOKEN=token or emulator.token,
        SECRET_KEY=TEST_SECRET,
        BOT_API_BASE_URL=emulator.base_url,
        DATABASE_PATH=str(folder / "bot.sqlite3"),
        BACKUP_DIR=str(folder / "backups"),
        UNION_NAME="Local 1199",
    )
    return env


async def spawn(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_run_serves_members_until_stopped(tmp_path: Path) -> None:
    assert "Welcome to Local 1199's member bot" in await bot_runs_until_stopped(tmp_path)


async def test_rejected_token_is_one_clear_line(tmp_path: Path) -> None:
    async with BotAPIEmulator() as emulator:
        process = await spawn(bot_env(emulator, tmp_path, token="999:WRONG"), "run")
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2
    assert err.decode().strip().splitlines()[-1] == (
        "unionbot: BOT_TOKEN was rejected by Telegram: copy the token again from @BotFather"
    )
    assert "Traceback" not in err.decode()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))
    return tmp_path / "cli.sqlite3"


def test_db_migrate_then_up_to_date(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "migrate"]) == 0
    assert "applied 0001_initial.sql" in capsys.readouterr().out
    assert main(["db", "migrate"]) == 0
    assert "database is up to date" in capsys.readouterr().out


def test_db_backup_to_file_and_folder(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "backup", str(tmp_path / "x.sqlite3")]) == 2
    assert "no database at" in capsys.readouterr().err
    main(["db", "migrate"])
    assert main(["db", "backup", str(tmp_path / "copy.sqlite3")]) == 0
    folder = tmp_path / "many"
    folder.mkdir()
    assert main(["db", "backup", str(folder)]) == 0
    [dated] = folder.glob("unionbot-*.sqlite3")
    new = tmp_path / "new" / "nested"
    assert main(["db", "backup", f"{new}{os.sep}"]) == 0  # a trailing slash: a folder to make
    [made] = new.glob("unionbot-*.sqlite3")
    assert new.stat().st_mode & 0o777 == 0o700
    for copy in (tmp_path / "copy.sqlite3", dated, made):
        with sqlite3.connect(copy) as conn:
            assert conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] >= 1


def test_a_reader_that_leaves_early_is_no_traceback(tmp_path: Path) -> None:
    """`unionbot ... | head`: the pipe closes before the command has printed everything."""
    env = {**os.environ, "SECRET_KEY": TEST_SECRET, "DATABASE_PATH": str(tmp_path / "b.sqlite3")}
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    done = subprocess.run(
        [sys.executable, "-m", "bot", "db", "migrate"],
        cwd=tmp_path,
        env=env,
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    os.close(write)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.returncode == 1


@pytest.mark.parametrize("argv", [["--help"], ["db", "--help"], ["db", "backup", "--help"]])
def test_every_command_has_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    assert "usage: unionbot" in capsys.readouterr().out


def leaf_parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Every command's own parser (`unionbot roles grant`, `unionbot status`, ...)."""
    found = False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found = True
                yield from leaf_parsers(sub)
    if not found:
        yield parser


def test_every_argument_says_what_it_takes_and_lists_its_choices() -> None:
    leaves = list(leaf_parsers(build_parser()))
    assert {p.prog.removeprefix("unionbot ") for p in leaves} >= set(readme_commands())
    for parser in leaves:
        text = parser.format_help()
        for action in parser._actions:
            if action.dest == "help":
                continue
            assert action.help, f"{parser.prog} {action.dest}: no help"
            for choice in action.choices or ():
                assert str(choice) in text, f"{parser.prog}: {choice} not in --help"


def test_roles_help_names_every_role_and_a_wrong_one_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["roles", "grant", "--help"])
    assert "one of: member, steward, leader, admin" in capsys.readouterr().out
    with pytest.raises(SystemExit) as done:
        main(["roles", "grant", "10001", "captain"])
    assert done.value.code == 2
    assert "invalid choice: 'captain'" in capsys.readouterr().err


async def test_demo_plays_the_scene() -> None:
    transcript = await run_demo()
    assert "Ana ▶ /start" in transcript
    assert "Welcome to Local 1199's member bot" in transcript
    assert "Ana ▶ [own contact (213) 555-0142]" in transcript
    assert "bot ▷ Ana: ✅ A steward confirmed your membership. Welcome!" in transcript
    assert "Sam ▶ [ ✅ Approve ]" in transcript and "✅ Approved by Sam." in transcript
    assert "bot ▷ Ben: ✅ A steward confirmed your membership" in transcript
    assert "bot ▷ Lucía: ✅ Tu representante sindical confirmó tu membresía" in transcript
    assert "bot ▷ Ana: 📢 Bargaining update" in transcript and "Sam ▶ [ ✅ Confirm ]" in transcript
    assert "📬 Sent to" in transcript and "Ana ▶ [ ✅ Got it ]" in transcript
    assert "Backup saved" in transcript
    assert "I don't know the command /strike" in transcript
    # Surveys: a leader loads the workload survey, five people take it, results stay private.
    assert "Rosa ▶ [ ✅ Load survey ]" in transcript
    assert (
        "Tu representante sindical confirmó tu membresía" in transcript
        and "Encuesta de carga de trabajo · 3 de" in transcript
    )
    assert transcript.count("Thank you! Your answers are in.") == 4  # and ¡Gracias! for Lucía
    assert "Responses: 5 of 5 members (100%)" in transcript
    assert "sealed until the survey closes" in transcript
    results = transcript.split("Rosa ▶ [ 🏥 By worksite ]")[1]
    assert results.count("🔒 Not broken down by worksite") == 1  # said once, not per question
    assert "Rosa ▶ [ 4 ]" in results and "4. How long do your patients" in results
    assert "I write notes at night" not in transcript.split("Rosa ▶ /results")[1]
    assert "Strike pay is $100 for each completed four-hour picket shift" in transcript
    assert "Ana ▶ [ 🙋 Ask a steward ]" in transcript
    assert "bot ▷ Sam: 🎫 Ticket #1 · Downey Medical Center · open" in transcript
    assert "Sam (steward) answered your question #1" in transcript
    assert "🗳 Vote now: Do you authorize a strike" in transcript
    assert "You are voting Yes. Ballots cannot be changed. Confirm?" in transcript
    assert "Ballots: 4 of 4 eligible members (100% turnout)" in transcript
    assert "✅ The motion PASSED." in transcript and "La moción QUEDÓ APROBADA" in transcript
    assert "That ballot was counted in vote #1" in transcript


async def test_run_refuses_a_file_that_is_not_its_database(tmp_path: Path) -> None:
    (tmp_path / "bot.sqlite3").write_text("meeting notes, not a database " * 200)
    async with BotAPIEmulator() as emulator:
        process = await spawn(bot_env(emulator, tmp_path), "run")
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2
    assert err.decode().strip().splitlines()[-1].startswith("unionbot: ")
    assert "is not a unionbot database" in err.decode()
    assert "Traceback" not in err.decode()


def test_demo_runs_from_a_built_wheel(tmp_path: Path) -> None:
    """`unionbot demo` from the installed package alone: no source tree, no examples/."""
    root = Path(__file__).resolve().parents[2]
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(root)], check=True)
    [wheel] = wheels.glob("unionbot-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    probe = "import bot, sandbox; print(bot.__file__); print(sandbox.__file__)"
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert all(line.startswith(str(target)) for line in where.stdout.split()), where.stdout
    demo = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "Rosa ▶ [ ✅ Load survey ]" in demo.stdout  # the packaged workload survey
    assert "Ballots: 4 of 4 eligible members (100% turnout)" in demo.stdout


# -- every README command, on a fresh database, in the order a new admin runs them ---------

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "bot" / "examples"


def readme_commands() -> dict[str, set[str]]:
    """The README's command-line table: each command (`vote list`, `db backup`) with the
    options its row names (`--json`)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    commands: dict[str, set[str]] = {}
    for line in table.splitlines():
        if not line.startswith("| `unionbot"):
            continue
        group = ""
        for chunk in re.findall(r"`([^`]+)`", line.split(" | ")[0]):
            words = chunk.replace("\\|", "|").split()
            if words[0] == "unionbot":
                group, words = words[1], words[2:]
            elif words[0] == group:
                words = words[1:]
            subs = words[0].split("|") if words and re.fullmatch(r"[a-z|-]+", words[0]) else [""]
            for sub in subs:
                name = f"{group} {sub}".strip()
                commands.setdefault(name, set()).update(re.findall(r"--[a-z-]+", chunk))
    return commands


class Admin:
    """Runs `unionbot ...` in-process and remembers what ran, with which options."""

    def __init__(self, capsys: pytest.CaptureFixture[str], commands: dict[str, set[str]]):
        self.capsys, self.known, self.ran = capsys, commands, {}  # type: ignore[var-annotated]

    def __call__(self, *argv: str, code: int = 0) -> str:
        self.capsys.readouterr()
        got = main(list(argv))
        out, err = self.capsys.readouterr()
        assert got == code, (argv, out, err)
        assert "Traceback" not in err and "None" not in out, (argv, out, err)
        if code:
            assert err.startswith("unionbot: "), (argv, err)  # one clear line
        self.note(*argv)
        return out

    def note(self, *argv: str) -> None:
        name = next(n for n in (" ".join(argv[:2]), argv[0]) if n in self.known)
        self.ran.setdefault(name, set()).update(a for a in argv if a.startswith("--"))


def table(out: str) -> list[dict[str, str]]:
    """A printed table back as rows (columns are two or more spaces apart)."""
    header, *rows = out.strip().splitlines()
    names = header.split()
    return [dict(zip(names, re.split(r"\s{2,}", row.strip()), strict=True)) for row in rows]


def clean_csv(path: Path) -> list[dict[str, str]]:
    """A CSV a spreadsheet reads as plain values: one header, no Python words, ISO dates."""
    text = path.read_text(encoding="utf-8-sig")
    assert not re.search(r"\b(True|False|None)\b", text), text
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        assert None not in row and None not in row.values(), row  # same columns every row
        for value in row.values():
            if re.match(r"\d{4}-\d\d-\d\d", value):
                datetime.fromisoformat(value)
    return rows


async def bot_runs_until_stopped(folder: Path) -> str:
    """`unionbot run`: a member's /start is answered; Ctrl-C (SIGTERM) stops it cleanly."""
    async with BotAPIEmulator() as emulator:
        process = await spawn(bot_env(emulator, folder), "run")
        try:
            ana = emulator.add_user("Ana")
            await ana.send("/start")
            reply = await ana.next_message(timeout=30)
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    assert emulator.token not in err.decode()  # the token never reaches the log
    return reply.text


async def verified(services: Any, *member_ids: str) -> list[Any]:
    """Roster members who have verified in the bot (as if they had shared their phone)."""
    found = []
    for member_id in member_ids:
        member = await services.members.by_member_id(member_id)
        assert member is not None
        await services.db.execute(
            "UPDATE members SET telegram_id = ?, verified_at = 1 WHERE id = ?",
            (7000 + int(member_id), member.id),
        )
        found.append(await services.members.get(member.id))
    return found


async def a_vote_opened() -> int:
    """What the bot's open job does: the roll freezes with the two members verified so far."""
    from bot.services import open_services
    from bot.settings import load_settings
    from tests.e2e.voting import VOTE_ROW

    async with open_services(load_settings()) as services:
        await verified(services, "10001", "10002")
        vote = await services.votes.repo.create(VOTE_ROW, "cli")
        await services.votes.open(vote.id)
        await verified(services, "10003")  # verified after the roll froze
        return vote.id


async def ballots_cast(vote_id: int) -> None:
    """Three members vote (Yes, Yes, No) and the close job counts them."""
    from bot.services import open_services
    from bot.settings import load_settings

    async with open_services(load_settings()) as services:
        members = await verified(services, "10001", "10002", "10003")
        for member, choice in zip(members, (0, 0, 1), strict=True):
            assert (await services.votes.cast(vote_id, member, choice))[1]
        await services.votes.close(vote_id)


async def freeze(member_id: str) -> None:
    from bot.services import open_services
    from bot.settings import load_settings

    async with open_services(load_settings()) as services:
        member = await services.members.by_member_id(member_id)
        assert member is not None
        await services.members.freeze(member.id)


def test_every_readme_command_on_a_fresh_database_in_a_new_admins_order(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = readme_commands()
    assert len(commands) >= 20 and "vote list" in commands and "roles revoke" in commands
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("UNION_NAME", "Local 1199")
    admin = Admin(capsys, commands)

    # Day one: the database, a first health check, the roster, the first roles.
    assert "applied 0001_initial.sql" in admin("db", "migrate")
    report = json.loads(admin("status", "--offline", "--json", code=1))  # no backup yet
    assert report and "Traceback" not in str(report)
    admin("status", "--offline", code=1)
    roster = str(EXAMPLES / "roster.csv")
    assert "added" in admin("roster", "import", roster, "--dry-run")
    assert "added" in admin("roster", "import", roster)
    assert "0 deactivated" in admin("roster", "import", roster, "--deactivate-missing")
    assert "is now leader" in admin("roles", "grant", "10001", "leader")
    assert "is now member" in admin("roles", "revoke", "10001", "leader")
    out = admin("roles", "grant", "10002", "steward", "--worksite", "Downey Medical Center")
    assert "is now steward for Downey Medical Center" in out
    out = admin("roles", "revoke", "10002", "steward", "--worksite", "Downey Medical Center")
    assert "is now member" in out
    admin("roles", "grant", "10002", "steward")

    # The bot runs (and remembers its username, so links need no network from now on).
    assert "Welcome to Local 1199" in asyncio.run(bot_runs_until_stopped(tmp_path))
    admin.note("run")

    # Inviting members: one link, a worksite's links, the whole roster for a mail merge.
    [link] = admin("invites", "create", "--member-id", "10003", "--expires", "48h").split()
    assert link.startswith("https://t.me/") and "?start=" in link
    out = admin("invites", "create", "--worksite", "Downey Medical Center", "--count", "2")
    assert len(out.split()) == 2
    mail_merge = tmp_path / "invites.csv"
    admin(
        "invites",
        "create",
        "--roster",
        "--worksite",
        "Irvine Medical Center",
        "--csv",
        str(mail_merge),
    )
    assert clean_csv(mail_merge)
    posters = tmp_path / "posters"
    posters.mkdir()
    admin("poster", "--worksite", "Downey Medical Center", "--out", str(posters))
    admin("poster", "--all-worksites", "--out", str(posters))
    assert len(list(posters.glob("poster-*.pdf"))) >= 2
    asyncio.run(freeze("10004"))
    assert "unfrozen" in admin("members", "unfreeze", "10004")
    asyncio.run(freeze("10004"))
    assert "unlinked" in admin("members", "unfreeze", "10004", "--unlink")
    admin("members", "unfreeze", "10004", code=2)  # not frozen: said in one line

    # The FAQ: load the starter file, try a question, score a few.
    assert "loaded" in admin("faq", "load", str(EXAMPLES / "faq.yaml"))
    asked = json.loads(admin("faq", "ask", "how much is strike pay", "--json"))
    assert asked["kind"] and asked["question"] == "how much is strike pay"
    assert "read as en" in admin("faq", "ask", "how much is strike pay")
    questions = tmp_path / "questions.yaml"
    questions.write_text(
        '- {q: "how much is strike pay?", id: strike-pay}\n- {q: "parking", id: null}\n'
    )
    assert "answerable questions:" in admin("faq", "eval", str(questions))
    # Edit it as a file: export it as it is, load it back (over nothing added in chat).
    current = tmp_path / "current.yaml"
    assert "exported" in admin("faq", "export", str(current))
    admin("faq", "export", str(current), code=2)  # exists: said in one line, not overwritten
    assert "loaded" in admin("faq", "load", str(current), "--replace")

    # A vote: create it (twice: one vote), list it, cancel it before it opens.
    vote_file = str(EXAMPLES / "votes" / "strike-authorization.yaml")
    assert "created vote #1" in admin("vote", "create", vote_file)
    assert "unchanged" in admin("vote", "create", vote_file)
    [listed] = table(admin("vote", "list"))
    assert (listed["id"], listed["state"]) == ("1", "scheduled")
    [as_json] = json.loads(admin("vote", "list", "--json"))
    assert set(as_json) == set(listed) and as_json["slug"] == listed["slug"] == "strike-2030"
    assert "cancelled" in admin("vote", "cancel", "1")
    # One that ran: a member verified after the roll froze is added; then its result.
    counted = asyncio.run(a_vote_opened())
    assert "is on the roll" in admin("vote", "add-voter", str(counted), "10003")
    admin("vote", "add-voter", str(counted), "10003", code=2)  # already on it: one line
    admin("vote", "results", str(counted), code=2)  # sealed while open
    asyncio.run(ballots_cast(counted))
    assert "PASSED" in admin("vote", "results", str(counted))
    assert json.loads(admin("vote", "results", str(counted), "--json"))["ballots"] == 3
    assert "Sí" in admin("vote", "results", str(counted), "--language", "es")
    result, receipts = tmp_path / "result.csv", tmp_path / "receipts.csv"
    admin("vote", "results", str(counted), "--csv", str(result), "--receipts", str(receipts))
    rows = clean_csv(result)
    assert [r["option"] for r in rows] == ["Yes", "No"] and {r["passed"] for r in rows} == {"yes"}
    assert len(clean_csv(receipts)) == 3

    # A survey: load it, list it, close it early, read its results.
    assert "loaded workload-2025" in admin(
        "survey", "load", str(EXAMPLES / "surveys" / "workload.yaml")
    )
    [survey] = table(admin("survey", "list"))
    assert (survey["id"], survey["state"], survey["responses"]) == (
        "workload-2025",
        "scheduled",
        "0",
    )
    assert json.loads(admin("survey", "list", "--json"))[0].keys() == survey.keys()
    admin("survey", "results", "workload-2025", code=2)  # not open yet
    assert "closed workload-2025" in admin("survey", "close", "workload-2025")
    assert "Responses: 0" in admin("survey", "results", "workload-2025")
    export = tmp_path / "survey.csv"
    out = admin(
        "survey", "results", "workload-2025", "--by", "worksite", "--json", "--csv", str(export)
    )
    assert json.loads(out)["by"] == "worksite"
    assert clean_csv(export) == []  # fewer than 5 responses: the header only

    # Backups, and putting one back.
    assert "backed up" in admin("db", "backup", str(tmp_path / "copy.sqlite3"))
    assert "backed up" in admin("db", "backup", f"{tmp_path / 'nightly'}{os.sep}")
    assert "restored" in admin("db", "restore", str(tmp_path / "copy.sqlite3"))
    assert "Ana ▶ /start" in admin("demo")

    missing = {name: sorted(flags - admin.ran.get(name, set())) for name, flags in commands.items()}
    assert {n: f for n, f in missing.items() if n not in admin.ran or f} == {}, missing

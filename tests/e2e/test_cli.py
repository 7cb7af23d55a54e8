"""The `unionbot` command as an operator uses it: run, db migrate, db backup, demo."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
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
    async with BotAPIEmulator() as emulator:
        process = await spawn(bot_env(emulator, tmp_path), "run")
        try:
            ana = emulator.add_user("Ana")
            await ana.send("/start")
            reply = await ana.next_message(timeout=30)
            assert "Welcome to Local 1199's member bot" in reply.text
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    assert emulator.token not in err.decode()  # the token never reaches the log


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

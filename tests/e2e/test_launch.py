"""Launch day as the volunteer runs it: invites for a 2,400-member roster, QR posters,
`unionbot status` from cron, and /status in chat — the real CLI and bot on the emulator."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import signal
import sqlite3
import stat
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from matplotlib import image as mpimage

from bot.cli import main
from sandbox import BotAPIEmulator
from sandbox.harness import Sandbox
from tests.conftest import TEST_SECRET
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.test_cli import bot_env, spawn

WORKSITES = ("Downey Medical Center", "Irvine Clinic", "Santa Ana Behavioral Health")
MEMBERS = 2400


def big_roster(path: Path) -> Path:
    """2,400 members over three worksites; a few lapsed ones, who get no link."""
    lines = ["member_id,first_name,last_name,worksite,status,language"]
    for n in range(MEMBERS):
        status = "lapsed" if n % 400 == 7 else "good_standing"
        language = "es" if n % 3 == 0 else "en"
        name = "Lucía" if n % 5 == 0 else "Ana"
        lines.append(f"M{n:05d},{name},Núñez {n},{WORKSITES[n % 3]},{status},{language}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as conn:
        return conn.execute(sql).fetchall()


async def run_cli(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    process = await spawn(env, *args)
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def wait_for_status(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    """`unionbot status` until the bot has polled once (at most a minute)."""
    for _ in range(120):
        code, out, err = await run_cli(env, "status", *args)
        if "never polled" not in out:
            return code, out, err
        await asyncio.sleep(0.5)
    raise AssertionError(f"the bot never recorded a poll:\n{out}")


def decode_qr(png: Path) -> list[str]:
    """Read every QR code on a poster image, as a phone camera app would."""
    pixels = (mpimage.imread(png)[:, :, :3] * 255).astype(np.uint8)
    return [code.text for code in zxingcpp.read_barcodes(pixels)]


async def test_invites_for_a_whole_roster_and_posters_that_scan(tmp_path: Path) -> None:
    roster = big_roster(tmp_path / "roster.csv")
    async with BotAPIEmulator(bot_username="local1199_bot") as emulator:
        env = bot_env(emulator, tmp_path)
        offline = {**env, "BOT_TOKEN": "", "BOT_API_BASE_URL": "http://127.0.0.1:9/bot"}
        assert (await run_cli(env, "roster", "import", str(roster)))[0] == 0

        # Before the bot ever ran, without a token: one clear line, and nothing is created.
        code, _, err = await run_cli(
            offline, "invites", "create", "--roster", "--csv", str(tmp_path / "x.csv")
        )
        assert code == 2 and "the bot's username is not known yet" in err
        assert "Start the bot once" in err and "--bot-username" in err
        assert not (tmp_path / "x.csv").exists()
        assert rows(tmp_path / "bot.sqlite3", "SELECT COUNT(*) FROM invites") == [(0,)]

        # The bot starts once and remembers its username ...
        bot = await spawn(env, "run")
        try:
            await wait_for_status(env)
        finally:
            bot.send_signal(signal.SIGTERM)
            await asyncio.wait_for(bot.communicate(), 30)
        assert rows(
            tmp_path / "bot.sqlite3", "SELECT value FROM bot_state WHERE key = 'bot.username'"
        ) == [("local1199_bot",)]

        # ... so from now on invites need no token and no network.
        sheet = tmp_path / "invites.csv"
        code, out, err = await run_cli(
            offline, "invites", "create", "--roster", "--csv", str(sheet), "--expires", "30d"
        )
        assert code == 0, err
        assert out.startswith(f"{MEMBERS - 6} invite links written to {sheet}")
        assert stat.S_IMODE(sheet.stat().st_mode) == 0o600  # live one-time links
        raw = sheet.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
        with sheet.open(encoding="utf-8-sig", newline="") as handle:
            invites = list(csv.DictReader(handle))
        assert list(invites[0]) == [
            "member_id",
            "first_name",
            "last_name",
            "name",
            "worksite",
            "language",
            "link",
            "expires",
        ]
        assert len(invites) == MEMBERS - 6  # the 6 lapsed members get none
        assert len({row["member_id"] for row in invites}) == len(invites)
        assert len({row["link"] for row in invites}) == len(invites)
        assert all(row["link"].startswith("https://t.me/local1199_bot?start=") for row in invites)
        lucia = next(row for row in invites if row["member_id"] == "M00000")
        assert lucia["name"] == "Lucía Núñez 0" and lucia["language"] == "es"
        stored = rows(tmp_path / "bot.sqlite3", "SELECT code_hash FROM invites")
        assert len(stored) == len(invites)
        assert lucia["link"].rsplit("=", 1)[1] not in str(stored)  # only hashes are kept

        # A second run never overwrites the file, and makes no links.
        code, _, err = await run_cli(offline, "invites", "create", "--roster", "--csv", str(sheet))
        assert code == 2 and "already exists" in err and "nothing was changed" in err
        assert sheet.read_bytes() == raw
        assert len(rows(tmp_path / "bot.sqlite3", "SELECT 1 FROM invites")) == len(invites)
        code, _, err = await run_cli(offline, "invites", "create", "--roster")
        assert code == 2 and "add --csv FILE.csv" in err

        # Posters: one per worksite, PDF and PNG, their codes open the bot.
        posters = tmp_path / "posters"
        posters.mkdir()
        code, out, err = await run_cli(offline, "poster", "--all-worksites", "--out", str(posters))
        assert code == 0, err
        assert sorted(p.name for p in posters.iterdir()) == sorted(
            f"poster-{name}.{ext}"
            for name in ("downey-medical-center", "irvine-clinic", "santa-ana-behavioral-health")
            for ext in ("pdf", "png")
        )
        for png in posters.glob("*.png"):
            assert decode_qr(png) == ["https://t.me/local1199_bot"]
        assert (posters / "poster-irvine-clinic.pdf").read_bytes().startswith(b"%PDF")
        code, _, err = await run_cli(offline, "poster", "--out", str(tmp_path / "nowhere"))
        assert code == 2 and "does not exist" in err

        # The links work: a member taps theirs, a passer-by scans the poster.
        bot = await spawn(env, "run")
        try:
            await wait_for_status(env)
            member = emulator.add_user("Lucía", language_code="es")
            await member.send(f"/start {lucia['link'].rsplit('=', 1)[1]}")
            assert "Tu membresía quedó verificada" in (await member.next_message(timeout=30)).text
            passer_by = emulator.add_user("Ana")
            await passer_by.send("/start")  # what Telegram sends for t.me/local1199_bot
            assert (
                "Welcome to Local 1199's member bot"
                in (await passer_by.next_message(timeout=30)).text
            )
        finally:
            bot.send_signal(signal.SIGTERM)
            await asyncio.wait_for(bot.communicate(), 30)
    linked = rows(
        tmp_path / "bot.sqlite3",
        "SELECT member_id FROM members WHERE telegram_id IS NOT NULL AND member_id IS NOT NULL",
    )
    assert linked == [("M00000",)]


async def test_status_says_what_needs_attention(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    async with BotAPIEmulator(bot_username="local1199_bot") as emulator:
        env = bot_env(emulator, tmp_path)
        code, _, err = await run_cli(env, "status")
        assert code == 2 and "no database at" in err
        (tmp_path / "backups").mkdir()
        assert (await run_cli(env, "db", "migrate"))[0] == 0
        assert (await run_cli(env, "db", "backup", str(tmp_path / "backups")))[0] == 0
        bot = await spawn(env, "run")
        try:
            code, out, err = await wait_for_status(env)
            assert code == 0, out + err
            assert out.splitlines()[0] == "OK: nothing needs attention"
            assert "telegram  token valid, bot is @local1199_bot" in out
            assert "outbox    empty" in out and "backup    last backup unionbot-" in out

            code, out, _ = await run_cli(env, "status", "--json")
            report = json.loads(out)
            assert code == 0 and report["healthy"] is True
            assert {c["name"] for c in report["checks"]} == {
                "telegram",
                "process",
                "polling",
                "outbox",
                "jobs",
                "votes",
                "surveys",
                "backup",
            }

            # A second bot on the same database is refused (Telegram would reject it too).
            code, _, err = await run_cli(env, "run")
            assert code == 2 and "a unionbot is already running" in err

            # A copy stuck in flight for an hour, nothing sent since: the outbox is stuck.
            with sqlite3.connect(database) as conn:
                conn.execute(
                    "INSERT INTO broadcasts (id, kind, payload, created_by, created_at) "
                    "VALUES (99, 'update', '{}', 'test', strftime('%s', 'now') - 3600)"
                )
                conn.execute(
                    "INSERT INTO deliveries (broadcast, chat_id, language, state, due_at) "
                    "VALUES (99, 1, 'en', 'sending', strftime('%s', 'now') - 3600)"
                )
            code, out, err = await run_cli(env, "status")
            assert code == 1 and out.splitlines()[0].startswith("ATTENTION: 1 thing")
            assert "!!  outbox    stuck: 1 of 1 copy waiting more than 15 min" in out
            assert "1 thing needs attention" in err
            report = json.loads((await run_cli(env, "status", "--json"))[1])
            assert report["healthy"] is False
            assert [c["name"] for c in report["checks"] if not c["ok"]] == ["outbox"]
            with sqlite3.connect(database) as conn:
                conn.execute("DELETE FROM deliveries")
                conn.execute("DELETE FROM broadcasts")

            # The only backup is two days old: the daily backup is not running.
            [backup] = (tmp_path / "backups").iterdir()
            backup.rename(backup.with_name("unionbot-20200101-033000.sqlite3"))
            code, out, _ = await run_cli(env, "status")
            assert code == 1 and "!!  backup    the last backup" in out
            assert "the daily backup is not running" in out
            # A failed scheduled job needs attention too.
            with sqlite3.connect(database) as conn:
                conn.execute(
                    "INSERT INTO scheduled_jobs (kind, key, due_at, state, last_error, "
                    "finished_at) VALUES ('update.send', '7', 0, 'failed', 'boom', "
                    "strftime('%s', 'now'))"
                )
            code, out, _ = await run_cli(env, "status", "--offline")
            assert code == 1 and "!!  jobs      update.send 7 failed: boom" in out
            assert "telegram" not in out  # --offline skips the network
        finally:
            bot.send_signal(signal.SIGTERM)
            await asyncio.wait_for(bot.communicate(), 30)
        code, out, _ = await run_cli(env, "status")
        assert code == 1 and "!!  process   the bot is not running" in out
        bad = await run_cli({**env, "BOT_TOKEN": "999:WRONG"}, "status")
        assert bad[0] == 1 and "!!  telegram  BOT_TOKEN was rejected" in bad[1]


@pytest.mark.parametrize("language", ["en", "es"])
async def test_status_in_chat_for_admins(tmp_path: Path, language: str) -> None:
    async with Sandbox(tmp_path, admin_ids=(ADMIN_ID,)) as sandbox:
        boss = sandbox.user("Rosa", user_id=ADMIN_ID, language_code=language)
        await boss.send("/status")
        text = (await boss.next_message(timeout=30)).text
        if language == "en":
            assert text.startswith("🩺 Bot status")
            assert (
                "✅ Telegram: connected as @" in text and "❌ No backup yet — send /backup" in text
            )
            assert "1 thing needs attention" in text
        else:
            assert text.startswith("🩺 Estado del bot")
            assert "Todavía no hay copia de seguridad" in text
        await boss.send("/backup")
        await boss.next_message(timeout=30)
        await boss.send("/status")
        text = (await boss.next_message(timeout=30)).text
        assert ("Nothing needs attention" if language == "en" else "Nada requiere atención") in text
        member = sandbox.user("Ana")
        await member.send("/status")
        assert "don't have permission" in (await member.next_message(timeout=30)).text


def test_status_and_restore_have_help(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["status", "--help"], ["db", "restore", "--help"], ["poster", "--help"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 0
    assert "usage: unionbot" in capsys.readouterr().out


def test_invites_need_someone_to_invite(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))
    assert main(["invites", "create", "--bot-username", "@x_bot"]) == 2
    assert "say who the links are for" in capsys.readouterr().err
    sheet = tmp_path / "a.csv"
    assert (
        main(["invites", "create", "--roster", "--csv", str(sheet), "--bot-username", "x_bot"]) == 2
    )
    assert "no active roster members: import the roster first" in capsys.readouterr().err
    assert not sheet.exists()
    assert os.path.exists(tmp_path / "cli.sqlite3")

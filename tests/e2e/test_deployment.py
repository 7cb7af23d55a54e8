"""docs/deployment.md, followed literally on a fresh "server" in a temporary folder:
clone, deploy/install.sh, edit .env, start the service as its unit says, `unionbot status`.

Only what needs root on a real server is swapped: --prefix for /srv/unionbot, the current
user for `unionbot`, no apt, and the unit is started by hand exactly as systemd would
(its WorkingDirectory, EnvironmentFile, Environment, UMask and ExecStart), against the
emulator instead of Telegram.
"""

from __future__ import annotations

import asyncio
import getpass
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

from sandbox import BotAPIEmulator

REPO = Path(__file__).resolve().parents[2]
SKIP = {".venv", ".git", "build", "data", ".pytest_cache", ".ruff_cache", "__pycache__"}


def clone(target: Path) -> Path:
    """The repository as `git clone` gives it: tracked files (and new ones not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:  # not a git checkout: copy the tree
        shutil.copytree(REPO, target, ignore=lambda _d, names: [n for n in names if n in SKIP])
        return target
    for name in listed.stdout.splitlines():
        source = REPO / name
        if source.is_file() and not (SKIP & set(Path(name).parts)):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def install(prefix: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`sudo /srv/unionbot/app/deploy/install.sh`, in the prefix, as the current user."""
    return subprocess.run(
        [
            str(prefix / "app" / "deploy" / "install.sh"),
            "--prefix",
            str(prefix),
            "--user",
            getpass.getuser(),
            "--no-apt",
            "--no-user",
            "--no-systemd",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHON": getattr(sys, "_base_executable", sys.executable), **env},
    )


def unit_settings(unit: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in unit.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key, []).append(value)
    return found


def edit_env(path: Path, **values: str) -> None:
    """What the volunteer does in nano: fill in BOT_TOKEN, ADMIN_IDS, UNION_NAME."""
    text = path.read_text()
    for key, value in values.items():
        text = re.sub(rf"^{key}=.*$", f"{key}={value}", text, flags=re.M)
    path.write_text(text)


def deploy(prefix: Path) -> dict[str, list[str]]:
    """Steps 1-3 of the guide, checked: what install.sh leaves behind; the unit's settings."""
    clone(prefix / "app")
    done = install(prefix)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sudo systemctl enable --now unionbot" in done.stdout

    # Every folder the unit may write exists, 0700; .env and the database are 0600.
    unit = prefix / "unionbot.service"
    settings = unit_settings(unit)
    assert settings["UMask"] == ["0077"]
    writable = [Path(p) for p in settings["ReadWritePaths"][0].split()]
    assert writable == [prefix / "data", prefix / "backups", prefix / "cache"]
    for folder in writable:
        assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700
    env_file = prefix / ".env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    dotenv = env_file.read_text()
    assert f"DATABASE_PATH={prefix}/data/unionbot.sqlite3" in dotenv
    assert f"BACKUP_DIR={prefix}/backups" in dotenv
    secret = re.search(r"^SECRET_KEY=([0-9a-f]{64})$", dotenv, re.M)
    assert secret is not None
    database = prefix / "data" / "unionbot.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert len(list((prefix / "backups").glob("unionbot-*.sqlite3"))) == 1
    assert not list((prefix / "app").glob("data"))  # nothing written into the code folder
    assert Path(settings["Environment"][0].split("=", 1)[1]).is_dir()  # MPLCONFIGDIR
    if shutil.which("systemd-analyze"):  # the unit itself: systemd's own check
        checked = subprocess.run(
            ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, checked.stderr
        repo_unit = unit_settings(REPO / "deploy" / "unionbot.service")
        assert repo_unit["ReadWritePaths"] == [
            "/srv/unionbot/data /srv/unionbot/backups /srv/unionbot/cache"
        ]

    # Running install.sh again (an upgrade after `git pull`) keeps .env and its key.
    again = install(prefix)
    assert again.returncode == 0, again.stderr
    assert "exists: left as it is" in again.stdout and env_file.read_text() == dotenv

    return settings


async def test_clone_to_a_healthy_bot_by_the_deployment_guide(tmp_path: Path) -> None:
    prefix = tmp_path / "srv" / "unionbot"
    settings = deploy(prefix)
    env_file = prefix / ".env"
    database = prefix / "data" / "unionbot.sqlite3"
    async with BotAPIEmulator(bot_username="local1199_bot") as emulator:
        edit_env(
            env_file,
            BOT_TOKEN=emulator.token,
            ADMIN_IDS="4242",
            UNION_NAME="Local 1199",
            BOT_API_BASE_URL=emulator.base_url,
        )
        # `systemctl start unionbot`: the unit's command, directory, environment and umask.
        environment = dict(e.split("=", 1) for e in settings["Environment"])
        command = settings["ExecStart"][0].split()
        assert Path(settings["EnvironmentFile"][0]) == env_file
        process = await asyncio.create_subprocess_exec(
            *command,
            cwd=settings["WorkingDirectory"][0],
            env={"PATH": os.environ["PATH"], **environment},
            preexec_fn=lambda: os.umask(0o077),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            status = prefix / "bin" / "unionbot"  # /usr/local/bin/unionbot on a server
            for _ in range(120):  # the emulator shares this loop: never block it
                checking = await asyncio.create_subprocess_exec(
                    str(status),
                    "status",
                    env={"PATH": os.environ["PATH"]},
                    cwd=tmp_path,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.PIPE,
                )
                out, err = await asyncio.wait_for(checking.communicate(), 60)
                if checking.returncode == 0:
                    break
                await asyncio.sleep(0.5)
            assert checking.returncode == 0, (out + err).decode()
            assert "OK: nothing needs attention" in out.decode()
            assert "bot is @local1199_bot" in out.decode()
            ana = emulator.add_user("Ana")
            await ana.send("/start")
            assert "Welcome to Local 1199's member bot" in (await ana.next_message(timeout=30)).text
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == 0, err.decode()
    for path in database.parent.iterdir():  # the bot's own files stayed private
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_install_explains_an_old_python(tmp_path: Path) -> None:
    prefix = tmp_path / "srv" / "unionbot"
    clone(prefix / "app")
    old = tmp_path / "python3.10"
    old.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'Python 3.10.12'\nexit 1\n")
    old.chmod(0o755)
    done = install(prefix, PYTHON=str(old))
    assert done.returncode == 1
    assert "needs Python 3.11 or newer" in done.stderr and "Python 3.10.12" in done.stderr
    assert "Ubuntu 22.04 ships 3.10" in done.stderr
    assert not (prefix / ".env").exists() and not (prefix / "app" / ".venv").exists()

"""The `unionbot` command: its parser, `run`, `demo` and `db migrate|backup`; each feature's
commands come from its module beside this one."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.backups import backup_name
from bot.cli import faq, launch, membership, surveys, votes
from bot.cli.errors import EXIT_UNAVAILABLE, EXIT_USAGE, CommandError, no_database
from bot.logs import configure_logging
from bot.runtime.transport import api_bot
from bot.settings import Settings, SettingsError, load_settings
from storage.database import Database, DatabaseError

# Every file the bot or a command writes (database, WAL, backups, CSV exports) is the
# bot user's alone; the storage layer also sets modes explicitly where it creates files.
PRIVATE_UMASK = 0o077
log = logging.getLogger("unionbot")


def log_secrets(settings: Settings) -> tuple[str, ...]:
    """What the log filter replaces wherever it appears, besides secret-shaped text."""
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    return (token, settings.secret_key.get_secret_value())


async def check_token(settings: Settings) -> None:
    """Ask the Bot API who we are, so a bad token or URL is one clear line, not a traceback."""
    try:
        async with api_bot(settings) as bot:  # initializing asks getMe
            await bot.get_me()
    except InvalidToken:
        raise CommandError(
            "BOT_TOKEN was rejected by Telegram: copy the token again from @BotFather"
        ) from None
    except NetworkError as exc:
        raise CommandError(
            f"cannot reach the Bot API at {settings.bot_api_base_url} ({exc}): "
            "check the network or BOT_API_BASE_URL",
            exit_code=EXIT_UNAVAILABLE,
        ) from None


async def preflight(settings: Settings) -> None:
    """What `run` checks before PTB starts, so each failure is one clear line."""
    await check_token(settings)
    async with Database(settings.database_path):
        pass  # not our database: PTB's start-up would fail half-initialized


def cmd_run(settings: Settings, args: argparse.Namespace) -> None:
    """Run the bot with long polling until interrupted."""
    from bot.runlock import BotRunning, RunLock
    from bot.runtime.app import build_application

    try:  # held until the process ends: `db restore` and `status` look for it
        lock = RunLock(settings.database_path).acquire()
    except BotRunning as exc:
        pid = f" (pid {exc.pid})" if exc.pid else ""
        raise CommandError(
            f"a unionbot is already running on {settings.database_path}{pid}: "
            "stop it first (sudo systemctl stop unionbot)"
        ) from None
    try:
        asyncio.run(preflight(settings))
        application = build_application(settings)
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    finally:
        lock.release()


async def cmd_migrate(settings: Settings, args: argparse.Namespace) -> None:
    """Apply pending database migrations."""
    async with Database(settings.database_path) as db:
        applied = await db.migrate()
        version = await db.schema_version()
    print(f"applied {', '.join(applied)}" if applied else "database is up to date")
    print(f"schema version {version} at {settings.database_path}")


def cmd_backup(settings: Settings, args: argparse.Namespace) -> None:
    """Write a compacted copy of the database to PATH (a file, or a folder for a dated name).

    Uses SQLite's VACUUM INTO: safe while the bot runs, no deleted rows or WAL in the copy,
    mode 0600 (a folder it creates is 0700).
    """
    if not settings.database_path.exists():
        raise no_database(settings.database_path)
    target = Path(args.path)
    if args.path.endswith(("/", os.sep)) and not target.exists():
        target.mkdir(mode=0o700, parents=True)  # `db backup NEWDIR/`: a folder, made here
    if target.is_dir():
        target = target / backup_name(datetime.now(UTC))

    async def copy() -> None:
        async with Database(settings.database_path) as db:
            await db.backup_to(target)

    try:
        asyncio.run(copy())
    except OSError as exc:
        raise CommandError(f"cannot write {target}: {exc.strerror or exc}") from None
    print(f"backed up {settings.database_path} to {target} ({target.stat().st_size} bytes)")


def cmd_demo(settings: Settings | None, args: argparse.Namespace) -> None:
    """Play a scripted scene against the local emulator and print the transcript."""
    from sandbox.demo import run_demo

    print(asyncio.run(run_demo()))


Handler = Callable[[Settings, argparse.Namespace], Coroutine[Any, Any, None] | None]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unionbot",
        description="A Telegram bot for a union's members: updates, votes, surveys, answers.",
        epilog="Settings come from the environment and .env; see .env.example.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the bot (long polling)", description=cmd_run.__doc__)
    run.set_defaults(handler=cmd_run)

    demo = commands.add_parser(
        "demo", help="play a demo scene on the local emulator", description=cmd_demo.__doc__
    )
    demo.set_defaults(handler=cmd_demo, needs_settings=False)

    db = commands.add_parser("db", help="database maintenance", description="Database maintenance.")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    migrate = db_commands.add_parser(
        "migrate", help="apply pending migrations", description=cmd_migrate.__doc__
    )
    migrate.set_defaults(handler=cmd_migrate)
    backup = db_commands.add_parser(
        "backup", help="copy the database safely", description=cmd_backup.__doc__
    )
    backup.add_argument(
        "path", metavar="PATH", help="file, or folder (an existing one, or one ending in /)"
    )
    backup.set_defaults(handler=cmd_backup)

    launch.add_db_commands(db_commands)
    for feature in (membership, faq, votes, surveys, launch):
        feature.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `unionbot` console script."""
    previous_umask = os.umask(PRIVATE_UMASK)
    try:
        return _main(argv)
    finally:
        os.umask(previous_umask)  # tests call main() in-process


def _main(argv: Sequence[str] | None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()  # inside the try: a reader that left (`| head`) is not an error
    except BrokenPipeError:
        # Python's advice: point stdout at devnull so the exit flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_UNAVAILABLE
    return code


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    handler: logging.Handler | None = None
    try:
        settings = load_settings() if getattr(args, "needs_settings", True) else None
        if settings is not None:
            # The INFO event log is the running bot's (docs/deployment.md); a one-off
            # command prints its own output, with only warnings and errors beside it.
            level = settings.log_level
            if level == "INFO" and args.handler is not cmd_run:
                level = "WARNING"
            handler = configure_logging(level, secrets=log_secrets(settings))
        outcome = args.handler(settings, args)
        if asyncio.iscoroutine(outcome):
            asyncio.run(outcome)
    except (SettingsError, DatabaseError) as exc:
        print(f"unionbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        print(f"unionbot: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    finally:
        # One command, one log handler: main() called again in the same process (tests)
        # must not log through this call's stderr.
        if handler is not None:
            logging.getLogger().removeHandler(handler)
    return 0

"""`unionbot status`, `unionbot db restore` and `unionbot poster`: running it for real."""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.error import InvalidToken, NetworkError, TelegramError

from bot import botname
from bot.cli.errors import EXIT_UNAVAILABLE, CommandError, no_database
from bot.health import (
    Check,
    gather,
    needs_attention,
    process_check,
    telegram_failed,
    telegram_ok,
)
from bot.restore import RestoreError, restore
from bot.runlock import running
from bot.runtime.transport import api_bot
from bot.services import open_database
from bot.settings import Settings
from storage.database import Database, available_migrations

EXIT_ATTENTION = 1


async def ask_telegram(settings: Settings) -> tuple[Check, str | None]:
    """Is the token valid and the Bot API reachable? Also returns the bot's username."""
    if settings.bot_token is None:
        return telegram_failed("BOT_TOKEN is not set in .env"), None
    try:
        async with api_bot(settings) as bot:
            return telegram_ok(bot.username), bot.username
    except InvalidToken:
        return telegram_failed("BOT_TOKEN was rejected: copy it again from @BotFather"), None
    except (NetworkError, TelegramError) as exc:
        return telegram_failed(f"cannot reach {settings.bot_api_base_url} ({exc})"), None


async def cmd_status(settings: Settings, args: argparse.Namespace) -> None:
    """Is the bot healthy? Exit 0 when nothing needs attention, 1 when something does.

    Checks: Telegram (token valid, reachable), the bot process, its last successful poll,
    the outbox (stuck copies, failures), scheduled jobs (late or failed), open votes and
    surveys, and the age of the last backup (older than 26 hours needs attention).
    """
    if not settings.database_path.exists():
        raise no_database(settings.database_path)
    first: list[Check] = []
    username = None
    if not args.offline:
        check, username = await ask_telegram(settings)
        first.append(check)
    first.append(process_check(*running(settings.database_path)))
    async with Database(settings.database_path) as db:
        version = await db.schema_version()
        if version < available_migrations()[-1][0]:
            raise CommandError(
                f"the database is at schema {version}: start the bot or run "
                "`unionbot db migrate` first"
            )
        if username is not None and await botname.remembered(db) != username:
            await botname.remember(db, username)
        report = await gather(db, settings.backup_dir, time.time(), first)
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    if not report.healthy:
        raise CommandError(needs_attention(len(report.attention)), exit_code=EXIT_ATTENTION)


def cmd_restore(settings: Settings, args: argparse.Namespace) -> None:
    """Replace the database with BACKUP, after checking it; the bot must be stopped.

    The backup is copied and checked first (SQLite integrity check, a unionbot schema no
    newer than this version); a bad file changes nothing. The database it replaces is kept
    beside it as `<name>.replaced-<time>`. Files are 0600.
    """
    try:
        done = restore(args.backup, settings.database_path, datetime.now(UTC))
    except RestoreError as exc:
        raise CommandError(f"{exc}; nothing was changed") from None
    print(
        f"restored {args.backup} to {settings.database_path} "
        f"(schema {done.schema}, {done.members} members)"
    )
    if done.replaced is not None:
        print(f"the database it replaced is kept as {done.replaced}")
    if done.schema < done.latest:
        print(f"it will be upgraded to schema {done.latest} when the bot starts")
    print("now start the bot: sudo systemctl start unionbot")


async def username_for(settings: Settings, given: str | None) -> str:
    """The bot's username: given, else remembered in the database, else asked once."""
    if given:
        return botname.clean(given)
    async with open_database(settings) as db:
        known = await botname.remembered(db)
    if known:
        return known
    if settings.bot_token is None:
        raise CommandError(botname.UNKNOWN_HINT)
    check, username = await ask_telegram(settings)
    if username is None:
        raise CommandError(f"{check.text}. Or: {botname.UNKNOWN_HINT}", exit_code=EXIT_UNAVAILABLE)
    async with open_database(settings) as db:
        await botname.remember(db, username)
    return username


async def cmd_poster(settings: Settings, args: argparse.Namespace) -> None:
    """Print-ready posters (PDF and PNG, English and Spanish) whose QR code opens the bot.

    The code is the bot's public link, not an invite: a poster can be photographed by
    anyone, so scanning it only opens the bot; people still verify as members.
    """
    from bot.posters import poster, slug  # matplotlib: loaded only for this command

    if not args.out.is_dir():
        raise CommandError(f"folder {args.out} does not exist; create it first")
    worksites: list[str | None] = list(args.worksite or [])
    if args.all_worksites:
        async with open_database(settings) as db:
            rows = await db.fetchall(
                "SELECT DISTINCT worksite FROM members WHERE worksite IS NOT NULL "
                "AND worksite != '' AND active = 1 ORDER BY worksite"
            )
        worksites += [row[0] for row in rows if row[0] not in worksites]
        if not worksites:
            raise CommandError("no worksites on the roster yet: import it first")
    username = await username_for(settings, args.bot_username)
    link = botname.bot_link(username)
    for worksite in worksites or [None]:
        base = args.out / f"poster-{slug(worksite) if worksite else 'union'}"
        written = await asyncio.to_thread(poster, link, settings.union_name, worksite, base)
        print("  ".join(str(p) for p in written))


def add_db_commands(db_commands: Any) -> None:
    """`unionbot db restore`, beside migrate and backup."""
    restore_cmd = db_commands.add_parser(
        "restore",
        help="put a backup back (the bot must be stopped)",
        description=cmd_restore.__doc__,
    )
    restore_cmd.add_argument("backup", type=Path, metavar="BACKUP", help="a backup file")
    restore_cmd.set_defaults(handler=cmd_restore)


def add_commands(commands: Any) -> None:
    """`unionbot status` and `unionbot poster`."""
    status = commands.add_parser(
        "status",
        help="is the bot healthy? (exit 1 when something needs attention)",
        description=cmd_status.__doc__,
    )
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument(
        "--offline", action="store_true", help="skip asking Telegram whether the token works"
    )
    status.set_defaults(handler=cmd_status)

    posters = commands.add_parser(
        "poster", help="printable QR posters that open the bot", description=cmd_poster.__doc__
    )
    posters.add_argument(
        "--out", type=Path, required=True, metavar="FOLDER", help="an existing folder"
    )
    posters.add_argument(
        "--worksite", action="append", metavar="W", help="a poster for this worksite (repeatable)"
    )
    posters.add_argument(
        "--all-worksites", action="store_true", help="one poster per worksite on the roster"
    )
    posters.add_argument(
        "--bot-username", metavar="NAME", help="the bot's @username, if it is not known yet"
    )
    posters.set_defaults(handler=cmd_poster)


async def roster_invites_csv(settings: Settings, args: argparse.Namespace) -> None:
    """`invites create --roster [--worksite W] --csv FILE`: a link per member, for a mail merge."""
    from bot.membership.onboarding import check_new_file, roster_invites, write_csv
    from bot.services import open_services

    if args.csv is None:
        raise CommandError("--roster writes a CSV for a mail merge: add --csv FILE.csv")
    try:
        check_new_file(args.csv)
    except OSError as exc:
        raise CommandError(f"{exc}; nothing was changed") from None
    username = await username_for(settings, args.bot_username)
    async with open_services(settings) as services:
        found = await roster_invites(
            services,
            username=username,
            worksite=args.worksite,
            lifetime=args.expires,
            created_by="cli",
        )
    where = f" at {args.worksite}" if args.worksite else ""
    if not found.rows:
        if not found.on_roster:
            raise CommandError(f"no active roster members{where}: import the roster first")
        print(f"all {found.on_roster} roster members{where} are already in the bot; no links made")
        return
    write_csv(args.csv, found.rows)
    print(
        f"{len(found.rows)} invite links written to {args.csv} "
        f"(valid until {found.rows[0]['expires']}); {found.already_linked} of "
        f"{found.on_roster} roster members{where} are already in the bot"
    )
    print("each link works once: send every member their own row, and keep the file private")

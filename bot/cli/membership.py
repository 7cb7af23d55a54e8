"""`unionbot roster`, `unionbot invites` and `unionbot roles`: membership from the server."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path
from typing import Any

from telegram.error import TelegramError

from bot import fields
from bot.cli.errors import CommandError
from bot.membership.roster import RosterError, import_roster, parse_roster, read_text
from bot.membership.verification import DEFAULT_INVITE_LIFETIME
from bot.roles import RoleError
from bot.runtime.transport import api_bot
from bot.services import Services, open_services
from bot.settings import Settings
from handlers.menus import refresh_menu
from storage.members import Member, Role


def parse_duration(text: str) -> timedelta:
    """'14d' or '48h' (the files' duration rule, bot/fields.py); argparse shows the error."""
    try:
        return timedelta(seconds=fields.parse_duration(text))
    except fields.FieldError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


async def cmd_roster_import(settings: Settings, args: argparse.Namespace) -> None:
    """Import the roster CSV: upsert by member_id and report every rejected row."""
    try:
        roster = parse_roster(read_text(args.file), settings.secret_key.get_secret_value())
    except RosterError as exc:
        raise CommandError(f"{args.file}: {exc}; nothing was changed") from None
    async with open_services(settings) as services:
        report = await import_roster(
            services.roster,
            roster,
            deactivate_missing=args.deactivate_missing,
            dry_run=args.dry_run,
        )
        if not args.dry_run:
            await services.audit.record(
                "cli",
                "roster.import",
                args.file.name,
                added=report.added,
                updated=report.updated,
                deactivated=report.deactivated,
                rejected=len(report.rejected),
            )
        for row in report.stripped:
            await services.audit.record(
                "cli",
                "membership.powers_revoked",
                row.member_id,
                role=row.role,
                steward_worksites=list(row.steward_worksites),
                votes=list(row.dropped_from_votes),
            )
        print("\n".join(report.lines()))
        for row in report.stripped:
            member = await services.members.get(row.pk)
            if member is not None:
                await refresh_menu_from_cli(settings, services, member)


async def cmd_invites_create(settings: Settings, args: argparse.Namespace) -> None:
    """Invite links: one for a member, COUNT for a worksite, or --roster: one per member.

    The bot's username comes from the database (the bot records it when it starts), so
    no network is needed once the bot has run; --csv writes the links for a mail merge.
    """
    from bot.cli.launch import roster_invites_csv, username_for

    if args.roster:
        await roster_invites_csv(settings, args)
        return
    if (args.member_id is None) == (args.worksite is None):
        raise CommandError("say who the links are for: --member-id, --worksite or --roster")
    if args.csv is not None:
        raise CommandError("--csv goes with --roster; these links are printed")
    username = await username_for(settings, args.bot_username)
    async with open_services(settings) as services:
        try:
            codes = await services.verification.create_invites(
                member_id=args.member_id,
                worksite=args.worksite,
                count=args.count,
                lifetime=args.expires,
                created_by="cli",
            )
        except (LookupError, ValueError) as exc:
            raise CommandError(f"{exc.args[0]}; no links were made") from None
    for code in codes:
        print(f"https://t.me/{username}?start={code}")


async def cmd_roles(settings: Settings, args: argparse.Namespace) -> None:
    """Grant or revoke a role; the member's command menu follows."""
    role = Role(args.role)
    async with open_services(settings) as services:
        try:
            member = await services.roles.find(args.member_id)
            change = await getattr(services.roles, args.action)("cli", member, role, args.worksite)
        except RoleError as exc:
            raise CommandError(str(exc)) from None
        where = f" for {', '.join(change.worksites)}" if change.worksites else ""
        label = services.roles.label(change.member)
        print(
            f"{label} is now {change.member.role}{where}"
            + ("" if change.changed else " (no change)")
        )
        await refresh_menu_from_cli(settings, services, change.member)


async def refresh_menu_from_cli(settings: Settings, services: Services, member: Member) -> None:
    """Role changes from the server update the person's Telegram menu too."""
    if settings.bot_token is None or member.telegram_id is None:
        return
    try:
        async with api_bot(settings) as bot:
            await refresh_menu(bot, services, member)
    except TelegramError as exc:
        print(f"note: their command menu will update at their next /start ({exc})")


async def cmd_members_unfreeze(settings: Settings, args: argparse.Namespace) -> None:
    """Lift the freeze a disputed link move put on a member (audited)."""
    async with open_services(settings) as services:
        try:
            member = await services.roles.find(args.member_id)
        except RoleError as exc:
            raise CommandError(str(exc)) from None
        if not member.frozen:
            raise CommandError(f"{args.member_id} is not frozen; nothing was changed")
        await services.members.unfreeze(member.id, unlink=args.unlink)
        await services.audit.record(
            "cli", "link.unfrozen", services.roles.label(member), unlinked=args.unlink
        )
    how = "unfrozen and unlinked: they verify again" if args.unlink else "unfrozen"
    print(f"{args.member_id} {how}")


def add_commands(commands: Any) -> None:
    """Add the roster, invites and roles commands to the top-level parser."""
    roster = commands.add_parser("roster", help="the union's membership list")
    roster_commands = roster.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    load = roster_commands.add_parser(
        "import", help="import a roster CSV", description=cmd_roster_import.__doc__
    )
    load.add_argument(
        "file", type=Path, metavar="FILE.csv", help="the roster (see docs/admin-guide.md)"
    )
    load.add_argument("--dry-run", action="store_true", help="report only; change nothing")
    load.add_argument(
        "--deactivate-missing",
        action="store_true",
        help="mark members absent from the file inactive (never deleted)",
    )
    load.set_defaults(handler=cmd_roster_import)

    invites = commands.add_parser("invites", help="one-time invite links")
    invite_commands = invites.add_subparsers(
        dest="invites_command", required=True, metavar="ACTION"
    )
    create = invite_commands.add_parser(
        "create", help="print invite links", description=cmd_invites_create.__doc__
    )
    who = create.add_mutually_exclusive_group()
    who.add_argument("--member-id", help="one link for this roster member")
    who.add_argument(
        "--roster",
        action="store_true",
        help="one link per roster member not yet in the bot (with --csv)",
    )
    create.add_argument(
        "--worksite",
        help="links for people a steward vouches for at this worksite (with --roster: "
        "only that worksite's roster members)",
    )
    create.add_argument(
        "--csv",
        type=Path,
        metavar="FILE.csv",
        help="with --roster: write member_id, name, link... for a mail merge",
    )
    create.add_argument(
        "--bot-username", metavar="NAME", help="the bot's @username, if the bot has never run"
    )
    create.add_argument(
        "--count", type=int, default=1, metavar="N", help="how many worksite links (default 1)"
    )
    create.add_argument(
        "--expires",
        type=parse_duration,
        default=DEFAULT_INVITE_LIFETIME,
        metavar="DURATION",
        help="how long links stay valid, e.g. 14d or 48h (default 14d)",
    )
    create.set_defaults(handler=cmd_invites_create)

    members = commands.add_parser("members", help="members' state")
    member_commands = members.add_subparsers(
        dest="members_command", required=True, metavar="ACTION"
    )
    unfreeze = member_commands.add_parser(
        "unfreeze", help="lift a freeze", description=cmd_members_unfreeze.__doc__
    )
    unfreeze.add_argument("member_id", metavar="MEMBER_ID", help="roster member_id, or tg:<id>")
    unfreeze.add_argument(
        "--unlink", action="store_true", help="also drop the Telegram link (they verify again)"
    )
    unfreeze.set_defaults(handler=cmd_members_unfreeze)

    roles = commands.add_parser(
        "roles",
        help="grant or revoke roles",
        description=f"Grant or revoke a role: {', '.join(r.value for r in Role)}.",
    )
    role_commands = roles.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action in ("grant", "revoke"):
        sub = role_commands.add_parser(
            action, help=f"{action} a role", description=cmd_roles.__doc__
        )
        sub.add_argument("member_id", metavar="MEMBER_ID", help="roster member_id, or tg:<id>")
        roles = [r.value for r in Role]
        sub.add_argument("role", choices=roles, metavar="ROLE", help=f"one of: {', '.join(roles)}")
        sub.add_argument(
            "--worksite",
            metavar="W",
            help="for stewards: the worksite they serve, as on the roster (default: their own)",
        )
        sub.set_defaults(handler=cmd_roles)

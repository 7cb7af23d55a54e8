"""`unionbot vote ...`: create, list, cancel, add to a roll, and export results from the server.

A running bot picks up votes created here within 15 seconds (its scheduler adopts new jobs).
`vote create` with a file whose id made a vote already changes that vote while it has not
opened, and says so; the same file again changes nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from pathlib import Path
from typing import Any

from bot.cli import table
from bot.cli.errors import CommandError
from bot.i18n import LANGUAGES, Safe
from bot.people import OPERATOR
from bot.runtime.transport import api_bot
from bot.services import open_services
from bot.settings import Settings
from bot.texts import say
from bot.votes.definition import DefinitionError, format_share, format_time
from bot.votes.service import LoadOutcome, VoteError
from bot.yaml_files import read_text
from storage.members import Member

# What a VoteError reason means on the command line.
_REASONS = {
    "no_such_vote": "there is no vote #{vote}",
    "cannot_cancel": "vote #{vote} has already opened; it can no longer be cancelled or changed",
    "cancelled": "vote #{vote} is already cancelled",
    "roll_closed": "vote #{vote} is over; its roll cannot change",
    "not_a_member": "{member} is not a verified, active member",
    "already_on_roll": "{member} is already on the roll of vote #{vote}",
    "sealed": "vote #{vote} is not closed yet: results are sealed until it closes",
    "past": "opens_at is in the past",
    "window": "closes_at must be after opens_at",
    "awaiting_trustees": "vote #{vote} is closed but sealed until enough trustees unlock it",
    "bad_trustee": "{member} cannot be a trustee: trustees are verified, active leaders "
    "who have started the bot",
    "share_undelivered": "could not send {member} their key share, so nothing was created; "
    "ask them to send /start to the bot",
    # A file whose id made a vote already (vote create).
    "frozen": "vote #{vote} ({slug}) is {state}: a vote cannot change once it has opened, "
    "so this file was not loaded{fields}; nothing was changed",
    "cancelled_id": "vote #{vote} ({slug}) was cancelled; to hold it again, give the file "
    "a new id; nothing was changed",
    "trustees_fixed": "vote #{vote} ({slug}) has trustees who already hold key shares, so "
    "who opens its count cannot change; cancel it (unionbot vote cancel {vote}) and create "
    "it from a file with a new id; nothing was changed",
    "exists": "a vote was already created from a file with this id; nothing was changed",
    "trustees_need_bot": "a vote with trustees needs BOT_TOKEN set, so that each trustee is "
    "sent their key share at once; nothing was created",
}


def _error(exc: VoteError, **values: object) -> CommandError:
    vote = exc.vote
    if vote is not None:
        state = "closed (sealed until the trustees unlock it)" if vote.sealed else vote.state
        changes = f" (it changes {', '.join(exc.fields)})" if exc.fields else ""
        values = {**values, "vote": vote.id, "slug": vote.slug, "state": state, "fields": changes}
    return CommandError(_REASONS.get(exc.reason, exc.reason).format(**values))


async def cmd_create(settings: Settings, args: argparse.Namespace) -> None:
    """Create a vote from a YAML file (see docs/votes.md); nothing is created on any error.

    A file whose id made a vote already updates that vote while it is scheduled; an open,
    closed or cancelled vote's file is refused; the same file again changes nothing.
    """
    try:
        text = read_text(args.file, DefinitionError)
    except DefinitionError as exc:
        raise CommandError(f"{exc}\nnothing was created") from None
    async with open_services(settings) as services:
        try:
            async with contextlib.AsyncExitStack() as stack:

                async def send_share(member: Member, message: Safe) -> None:
                    # Each trustee's share goes straight to their chat, only when one is made.
                    if not bots:
                        bots.append(await stack.enter_async_context(api_bot(settings)))
                    assert member.telegram_id is not None
                    await bots[0].send_message(member.telegram_id, message, parse_mode="HTML")

                bots: list[Any] = []
                loaded = await services.votes.load_file(
                    text, args.file.name, OPERATOR, send_share if settings.bot_token else None
                )
        except DefinitionError as exc:
            raise CommandError(f"{exc}\nnothing was created") from None
        except VoteError as exc:
            raise _error(exc, vote="?", member=exc.member) from None
    vote, tz = loaded.vote, settings.tz
    when = f"opens {format_time(vote.opens_at, tz)}, closes {format_time(vote.closes_at, tz)}"
    if loaded.outcome is LoadOutcome.CREATED:
        print(f"created vote #{vote.id} ({vote.slug}): {when}")
    elif loaded.outcome is LoadOutcome.UPDATED:
        print(f"updated vote #{vote.id} ({vote.slug}): {when}; changed {', '.join(loaded.changed)}")
    else:
        state = "sealed" if vote.sealed else vote.state
        print(f"vote #{vote.id} ({vote.slug}) is {state} and unchanged: {when}; nothing to do")


VOTE_COLUMNS = ("id", "slug", "state", "opens_at", "closes_at", "roll_size", "question")


async def cmd_list(settings: Settings, args: argparse.Namespace) -> None:
    """List recent votes: id, file id, state, when it opens and closes, the roll's size and
    the question (in English); --json prints the same columns as a JSON array."""
    async with open_services(settings) as services:
        votes = await services.votes.recent(args.limit)
    rows = [
        {
            "id": vote.id,
            "slug": vote.slug,
            "state": "sealed" if vote.sealed else vote.state,
            "opens_at": table.moment(vote.opens_at, settings.tz),
            "closes_at": table.moment(vote.closes_at, settings.tz),
            "roll_size": vote.roll_size,
            "question": say(vote.question, "en"),
        }
        for vote in votes
    ]
    if not args.json:
        rows = [{**row, "question": table.clip(row["question"], 60)} for row in rows]
    table.show(VOTE_COLUMNS, rows, as_json=args.json, empty="no votes yet")


async def cmd_cancel(settings: Settings, args: argparse.Namespace) -> None:
    """Cancel a vote that has not opened yet (audited)."""
    async with open_services(settings) as services:
        try:
            await services.votes.cancel(args.vote, OPERATOR)
        except VoteError as exc:
            raise _error(exc, vote=args.vote) from None
    print(f"vote #{args.vote} cancelled")


async def cmd_add_voter(settings: Settings, args: argparse.Namespace) -> None:
    """Put a member verified after the roll froze on a vote's roll (audited)."""
    async with open_services(settings) as services:
        try:
            await services.votes.add_to_roll(args.vote, args.member_id, OPERATOR)
        except VoteError as exc:
            raise _error(exc, vote=args.vote, member=args.member_id) from None
    print(f"{args.member_id} is on the roll of vote #{args.vote}")


async def cmd_results(settings: Settings, args: argparse.Namespace) -> None:
    """Print a closed vote's result; --csv/--receipts write files, --json prints JSON. Audited."""
    async with open_services(settings) as services:
        votes = services.votes
        try:
            tally = await votes.result(args.vote, OPERATOR)
            if args.csv:
                _write(args.csv, await votes.export(args.vote, "result", OPERATOR, args.language))
            if args.receipts:
                _write(args.receipts, await votes.export(args.vote, "receipts", OPERATOR))
        except VoteError as exc:
            raise _error(exc, vote=args.vote) from None
        await votes.audit_export(args.vote, "json" if args.json else "text", OPERATOR)
    if args.json:
        print(json.dumps(tally.to_json(args.language), indent=2, ensure_ascii=False))
        return
    print(f"vote #{tally.vote_id}: {say(tally.question, args.language)}")
    for i, (label, count) in enumerate(tally.rows(args.language)):
        print(f"  {label}: {count} ({format_share(tally.share(i))})")
    quorum = "none" if tally.quorum is None else format_share(tally.quorum)
    print(f"ballots {tally.ballots} of {tally.roll_size} ({format_share(tally.turnout)} turnout)")
    print(f"quorum {quorum}: {'met' if tally.quorum_met else 'NOT met'}")
    print(f"threshold {tally.threshold.name}: {'met' if tally.threshold_met else 'NOT met'}")
    print("PASSED" if tally.passed else "NOT PASSED")


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot write {path} ({exc.strerror})") from None
    print(f"wrote {path}")


VOTE_HELP = "the vote's number (see: unionbot vote list)"


def add_commands(commands: Any) -> None:
    """Add `vote create|list|cancel|add-voter|results` to the top-level parser."""
    vote = commands.add_parser("vote", help="strike-authorization votes", description=__doc__)
    actions = vote.add_subparsers(dest="vote_command", required=True, metavar="ACTION")

    create = actions.add_parser(
        "create", help="create a vote from YAML", description=cmd_create.__doc__
    )
    create.add_argument("file", type=Path, metavar="FILE.yaml", help="see docs/votes.md")
    create.set_defaults(handler=cmd_create)

    listing = actions.add_parser("list", help="list votes", description=cmd_list.__doc__)
    listing.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    listing.add_argument("--json", action="store_true", help="print a JSON array of objects")
    listing.set_defaults(handler=cmd_list)

    cancel = actions.add_parser(
        "cancel", help="cancel a vote before it opens", description=cmd_cancel.__doc__
    )
    cancel.add_argument("vote", type=int, metavar="VOTE", help=VOTE_HELP)
    cancel.set_defaults(handler=cmd_cancel)

    add = actions.add_parser(
        "add-voter", help="add a member to a vote's roll", description=cmd_add_voter.__doc__
    )
    add.add_argument("vote", type=int, metavar="VOTE", help=VOTE_HELP)
    add.add_argument("member_id", metavar="MEMBER_ID", help="the member's roster member_id")
    add.set_defaults(handler=cmd_add_voter)

    results = actions.add_parser(
        "results", help="a closed vote's result", description=cmd_results.__doc__
    )
    results.add_argument("vote", type=int, metavar="VOTE", help=VOTE_HELP)
    results.add_argument("--csv", type=Path, metavar="PATH", help="write the result as CSV")
    results.add_argument("--receipts", type=Path, metavar="PATH", help="write the receipts as CSV")
    results.add_argument("--json", action="store_true", help="print the result as JSON")
    results.add_argument(
        "--language",
        choices=LANGUAGES,
        default="en",
        help="the question and options in this language (default en)",
    )
    results.set_defaults(handler=cmd_results)

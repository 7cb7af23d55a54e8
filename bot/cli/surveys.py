"""`unionbot survey load|list|results|close`: surveys from the server."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.cli import table
from bot.cli.errors import CommandError
from bot.long_text import visible
from bot.people import OPERATOR
from bot.services import Services, open_services
from bot.settings import Settings
from bot.surveys.definition import SurveyFileError
from bot.surveys.model import say
from bot.surveys.render import results_json, results_messages, when
from bot.surveys.service import survey_of
from bot.yaml_files import read_text
from storage.surveys import StoredSurvey, SurveyExists


async def cmd_load(settings: Settings, args: argparse.Namespace) -> None:
    """Check a survey YAML file and store it; it opens, reminds and closes on schedule."""
    try:
        text = read_text(args.file, SurveyFileError)
    except SurveyFileError as exc:
        raise CommandError(f"{exc}; nothing was stored") from None
    async with open_services(settings) as services:
        services.surveys.register_jobs()
        try:
            survey = services.surveys.parse(
                text, args.file.name, await services.surveys.known_names()
            )
        except SurveyFileError as exc:
            for line in exc.errors:
                print(line, file=sys.stderr)
            count = len(exc.errors)
            raise CommandError(
                f"{count} problem{'s' if count > 1 else ''} in {args.file.name}; nothing was stored"
            ) from None
        try:
            stored = await services.surveys.store(survey, OPERATOR)
        except SurveyExists:
            raise CommandError(
                f'survey "{survey.id}" has already opened and cannot be replaced; use a new id'
            ) from None
        tz = services.surveys.tz
        print(
            f"loaded {stored.slug}: {len(survey.questions)} questions, {survey.privacy}, "
            f"opens {when(stored.opens_at, tz)}, closes {when(stored.closes_at, tz)}"
        )
        print("a running bot opens it within a minute of its time and announces it")


async def find(services: Services, reference: str) -> StoredSurvey:
    stored = await services.surveys.find(reference)
    if stored is None:
        raise CommandError(f'no survey "{reference}" (see: unionbot survey list)')
    return stored


SURVEY_COLUMNS = ("id", "state", "opens_at", "closes_at", "responses", "title")


async def cmd_list(settings: Settings, args: argparse.Namespace) -> None:
    """List surveys: id, state, when it opens and closes, how many have responded and the
    title (in English); --json prints the same columns as a JSON array."""
    async with open_services(settings) as services:
        tz = services.surveys.tz
        rows = []
        for stored in await services.surveys.listed():
            rows.append(
                {
                    "id": stored.slug,
                    "state": stored.state,
                    "opens_at": table.moment(stored.opens_at, tz),
                    "closes_at": table.moment(stored.closes_at, tz),
                    "responses": await services.surveys.participation_count(stored),
                    "title": say(survey_of(stored).title, "en"),
                }
            )
    empty = "no surveys yet (load one with: unionbot survey load FILE.yaml)"
    table.show(SURVEY_COLUMNS, rows, as_json=args.json, empty=empty)


async def cmd_results(settings: Settings, args: argparse.Namespace) -> None:
    """Print the results (small groups merged), optionally as JSON or with a CSV export."""
    async with open_services(settings) as services:
        stored = await find(services, args.survey)
        if stored.state == "scheduled":
            raise CommandError(f'survey "{stored.slug}" has not opened yet')
        if stored.state != "closed":
            turnout = await services.surveys.results(stored, None, OPERATOR)
            await services.surveys.audited(OPERATOR, "survey.results_refused", stored)
            raise CommandError(
                f'survey "{stored.slug}" is open: its answers are sealed until it closes '
                f"({turnout.responses} of {turnout.audience} have responded)"
            )
        results = await services.surveys.results(stored, args.by, OPERATOR)
        if args.json:
            print(json.dumps(results_json(results), indent=2, ensure_ascii=False))
        else:
            tz = services.surveys.tz
            messages = results_messages("en", results, stored.closes_at, tz)
            print("\n\n".join(visible(m) for m in messages))
        detail: dict[str, Any] = {"by": args.by, "json": args.json}
        if args.csv is not None:
            text, count = await services.surveys.export(stored, OPERATOR)
            try:
                args.csv.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot write {args.csv} ({exc.strerror})") from None
            print(f"wrote {count} responses to {args.csv}", file=sys.stderr)
            detail["csv"] = count
        await services.surveys.audited(OPERATOR, "survey.results", stored, **detail)


async def cmd_close(settings: Settings, args: argparse.Namespace) -> None:
    """Close a survey now: unfinished answers are discarded, results stay."""
    async with open_services(settings) as services:
        services.surveys.register_jobs()
        stored = await find(services, args.survey)
        if not await services.surveys.close_early(stored, OPERATOR):
            raise CommandError(f'survey "{stored.slug}" is already closed')
        print(f"closed {stored.slug}")


def add_commands(commands: Any) -> None:
    """Add `unionbot survey ...` to the top-level parser."""
    survey = commands.add_parser("survey", help="workload surveys", description="Surveys.")
    actions = survey.add_subparsers(dest="survey_command", required=True, metavar="ACTION")
    load = actions.add_parser("load", help="load a survey YAML file", description=cmd_load.__doc__)
    load.add_argument("file", type=Path, metavar="FILE.yaml", help="see docs/surveys.md")
    load.set_defaults(handler=cmd_load)
    listing = actions.add_parser("list", help="list surveys", description=cmd_list.__doc__)
    listing.add_argument("--json", action="store_true", help="print a JSON array of objects")
    listing.set_defaults(handler=cmd_list)
    results = actions.add_parser(
        "results", help="print results (audited)", description=cmd_results.__doc__
    )
    results.add_argument("survey", metavar="SURVEY", help="the survey's id, e.g. workload-2025")
    results.add_argument("--by", choices=["worksite", "classification"], help="break down by")
    results.add_argument("--csv", type=Path, metavar="PATH", help="also write one row per response")
    results.add_argument("--json", action="store_true", help="print JSON instead of text")
    results.set_defaults(handler=cmd_results)
    close = actions.add_parser("close", help="close a survey now", description=cmd_close.__doc__)
    close.add_argument("survey", metavar="SURVEY", help="the survey's id, e.g. workload-2025")
    close.set_defaults(handler=cmd_close)

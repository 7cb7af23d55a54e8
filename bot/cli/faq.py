"""`unionbot faq ...`: load and export the FAQ, see what a question gets, score questions."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.cli.errors import CommandError
from bot.faq.evaluation import QuestionsFileError, Report, evaluate, load_questions
from bot.faq.loader import (
    FaqFileError,
    Losses,
    dump_faq,
    load_faq,
    placeholders,
)
from bot.faq.service import Decision, FaqService
from bot.services import open_services
from bot.settings import Settings
from storage.database import Database


def add_commands(commands: Any) -> None:
    """Add `faq load|export|ask|eval` to the top-level parser's subparsers object."""
    faq = commands.add_parser(
        "faq", help="load and test the FAQ", description="Load and test the FAQ."
    )
    actions = faq.add_subparsers(dest="faq_command", required=True, metavar="ACTION")

    load = actions.add_parser(
        "load", help="replace the FAQ from a YAML file", description=cmd_load.__doc__
    )
    load.add_argument("file", type=Path, metavar="FILE", help="FAQ YAML (see docs/faq.md)")
    load.add_argument(
        "--replace",
        action="store_true",
        help="drop what only the bot's FAQ holds (entries, linked wordings, pairs made in chat)",
    )
    load.set_defaults(handler=cmd_load)

    export = actions.add_parser(
        "export", help="write the FAQ as it is now to a YAML file", description=cmd_export.__doc__
    )
    export.add_argument("file", type=Path, metavar="FILE", help="where to write it ('-': stdout)")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.set_defaults(handler=cmd_export)

    ask = actions.add_parser(
        "ask", help="show what a member asking TEXT would get", description=cmd_ask.__doc__
    )
    ask.add_argument("text", metavar="TEXT", help="the question, as a member would type it")
    ask.add_argument("--language", choices=("en", "es"), help="the member's language setting")
    ask.add_argument("--json", action="store_true", help="print JSON")
    ask.add_argument("--faq", type=Path, metavar="FILE", help="use this FAQ file, not the database")
    ask.set_defaults(handler=cmd_ask)

    ev = actions.add_parser(
        "eval", help="score the FAQ on a list of test questions", description=cmd_eval.__doc__
    )
    ev.add_argument("questions", type=Path, metavar="QUESTIONS.yaml", help="list of {q, id}")
    ev.add_argument("--json", action="store_true", help="print JSON")
    ev.add_argument("--faq", type=Path, metavar="FILE", help="use this FAQ file, not the database")
    ev.set_defaults(handler=cmd_eval)


def _read_faq(path: Path) -> list:
    try:
        return load_faq(path)
    except FaqFileError as exc:
        raise CommandError(str(exc)) from None


@asynccontextmanager
async def _service(settings: Settings, faq_file: Path | None) -> AsyncIterator[FaqService]:
    """The FAQ service on the bot's database (opened and migrated as every command does),
    or on a scratch database holding only `faq_file`."""
    if faq_file is None:
        async with open_services(settings) as services:
            yield services.faq
        return
    entries = _read_faq(faq_file)
    with tempfile.TemporaryDirectory(prefix="unionbot-faq-") as scratch:
        async with Database(Path(scratch) / "faq.sqlite3") as db:
            await db.migrate()
            service = FaqService(db)
            await service.replace_all(entries)
            yield service


async def cmd_load(settings: Any, args: argparse.Namespace) -> None:
    """Replace the whole FAQ with the entries in FILE; a file with any error changes nothing.

    The FAQ also changes in chat: entries added, members' wordings linked to entries from
    /faqgaps and tickets, translations paired. A file that lacks any of what chat added
    since the last load is refused (nothing changes) unless --replace says to drop it;
    `unionbot faq export` writes the FAQ as it is, to edit and load back.
    """
    entries = _read_faq(args.file)
    async with _service(settings, None) as service:
        losses = await service.lost_by_loading(entries)
        if losses and not args.replace:
            raise CommandError(_refusal(args.file, losses))
        count = await service.replace_all(entries)
        tags = await service.tags()
    languages = sorted({e.language for e in entries})
    print(
        f"loaded {count} FAQ entries from {args.file} "
        f"({len(tags)} tags, languages: {', '.join(languages)})"
    )
    unfilled = placeholders(entries)
    if unfilled:
        print(
            f"warning: {len(unfilled)} entries still have text in [brackets] to fill in "
            "before members see it:",
            file=sys.stderr,
        )
        for where, marks in unfilled.items():
            print(f"  {where}: {' '.join(marks)}", file=sys.stderr)


def _refusal(path: Path, losses: Losses, shown: int = 5) -> str:
    def listed(items: list[str]) -> str:
        more = f", and {len(items) - shown} more" if len(items) > shown else ""
        return "; ".join(items[:shown]) + more

    lines = [f"{path} lacks what was added in chat since the last load; nothing was changed."]
    if losses.entries:
        lines.append(
            f"  entries not in the file ({len(losses.entries)}): {listed(list(losses.entries))}"
        )
    if losses.wordings:
        wordings = [f'{entry}: "{text}"' for entry, text in losses.wordings]
        lines.append(
            f"  wordings (alternates) not in the file ({len(wordings)}): {listed(wordings)}"
        )
    if losses.pairs:
        pairs = [f"{a} = {b}" for a, b in losses.pairs]
        lines.append(f"  translation pairs not in the file ({len(pairs)}): {listed(pairs)}")
    lines.append(
        "To keep them: unionbot faq export current.yaml, copy them into your file and load it."
        " To drop them: add --replace."
    )
    return "\n".join(lines)


async def cmd_export(settings: Any, args: argparse.Namespace) -> None:
    """Write the FAQ as it is now (with what was added, linked and paired in chat) to FILE,
    in the format `unionbot faq load` reads back."""
    if str(args.file) != "-" and args.file.exists() and not args.force:
        raise CommandError(f"{args.file} exists; nothing was written (add --force to replace it)")
    async with _service(settings, None) as service:
        entries = await service.entries()
    if not entries:
        raise CommandError("the FAQ is empty; nothing to export")
    text = dump_faq(entries)
    if str(args.file) == "-":
        sys.stdout.write(text)
        return
    partial = args.file.with_name(args.file.name + ".partial")
    try:  # all or nothing: a half-written file is never left under FILE's name
        partial.write_text(text, encoding="utf-8")
        partial.replace(args.file)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CommandError(f"{args.file}: cannot write it ({exc.strerror})") from None
    print(f"exported {len(entries)} FAQ entries to {args.file}")


def decision_dict(decision: Decision) -> dict[str, Any]:
    """A decision as plain data (the `faq ask --json` output)."""
    answer = decision.answer
    return {
        "question": decision.text,
        "language": decision.language,
        "kind": answer.kind,
        "entry_id": answer.entry_id,
        "suggestions": list(answer.suggestions),
        "candidates": [
            {
                "id": c.entry_id,
                "score": round(c.score, 4),
                "confidence": round(c.confidence(), 4),
                "coverage": round(c.coverage, 4),
                "title_coverage": round(c.title_coverage, 4),
                "bm25": round(c.bm25, 4),
                "covers_focus": c.covers_focus,
            }
            for c in answer.candidates[:5]
        ],
        "understood": [
            {"text": u.text, "terms": list(u.terms), "corrected": u.corrected}
            for u in decision.units
        ],
    }


async def cmd_ask(settings: Any, args: argparse.Namespace) -> None:
    """Show what a member asking TEXT would get: the answer, suggestions or "don't know"."""
    async with _service(settings, args.faq) as service:
        decision = await service.ask(args.text, args.language)
    if args.json:
        print(json.dumps(decision_dict(decision), ensure_ascii=False, indent=2))
        return
    answer = decision.answer
    if decision.entry is not None:
        print(f"answer: {decision.entry.id} — {decision.entry.question}")
    elif decision.suggestions:
        print("suggestions (no confident answer):")
        for entry in decision.suggestions:
            print(f"  - {entry.id} — {entry.question}")
    else:
        print('unknown: the member is told "I don\'t know that yet" and the question is logged')
    words = ", ".join(u.text + (" (typo fixed)" if u.corrected else "") for u in decision.units)
    print(f"read as {decision.language}: {words or '(no meaningful words)'}")
    if answer.candidates:
        print("candidates:      score  coverage title  bm25  focus")
        for c in answer.candidates[:5]:
            print(
                f"  {c.entry_id:<24} {c.score:5.2f}    {c.coverage:5.2f}  "
                f"{c.title_coverage:5.2f} {c.bm25:6.2f}  {'yes' if c.covers_focus else 'no'}"
            )


def format_report(report: Report) -> str:
    """The eval figures and the questions that went wrong, as text."""
    lines = [
        f"answerable questions:  {len(report.answerable)}",
        f"  top-1 (answer or first suggestion right): {report.top1:.1%}",
        f"  answered outright and right:              {report.answered_correctly:.1%}",
        f"  best-ranked entry right:                  {report.ranked_first:.1%}",
        f"out-of-scope questions: {len(report.out_of_scope)}",
        f'  "I don\'t know yet":                       {report.unknown_correct:.1%}',
        f"  not answered outright:                    {report.not_answered:.1%}",
        f"wrong confident answers: {report.wrong_answers}",
    ]
    misses = [o for o in report.outcomes if not o.correct]
    if misses:
        lines.append("misses:")
        for o in misses:
            got = f"{o.kind} {o.offered}" if o.offered else o.kind
            lines.append(f"  {o.question!r}: expected {o.expected or 'unknown'}, got {got}")
    return "\n".join(lines)


async def cmd_eval(settings: Any, args: argparse.Namespace) -> None:
    """Ask every question in QUESTIONS.yaml ({q, id}; id null = should not be answered)."""
    try:
        cases = load_questions(args.questions)
    except QuestionsFileError as exc:
        raise CommandError(str(exc)) from None
    async with _service(settings, args.faq) as service:
        if not await service.entries():
            raise CommandError("the FAQ is empty: load one with `unionbot faq load FILE`")
        known = {e.id for e in await service.entries()}
        missing = sorted({c.expected for c in cases if c.expected and c.expected not in known})
        if missing:
            raise CommandError(
                f"{args.questions.name}: ids not in the FAQ: {', '.join(missing[:5])}"
            )
        report = await evaluate(service, cases)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report))

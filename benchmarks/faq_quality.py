"""FAQ answer quality: our matcher beside plain FTS5 BM25, on a FAQ and a question set.

    .venv/bin/python benchmarks/faq_quality.py KB.yaml QUESTIONS.yaml [--markdown OUT.md]

QUESTIONS.yaml is a list of {q, id}; id null means the question is out of scope and the
right outcome is "I don't know yet". Both systems are deterministic, so one run suffices.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from bot.faq.evaluation import Report, evaluate, evaluate_baseline, load_questions
from bot.faq.loader import load_faq
from bot.faq.service import FaqService
from storage.database import Database


def table(ours: Report, baseline: Report) -> str:
    def pct(value: float) -> str:
        return f"{value:.1%}"

    rows = [
        ("top-1 on answerable (answer or first suggestion)", ours.top1, baseline.top1),
        ("best-ranked entry right (answerable)", ours.ranked_first, baseline.ranked_first),
        ("answered outright and right (answerable)", ours.answered_correctly,
         baseline.answered_correctly),
        ('"I don\'t know yet" on out-of-scope', ours.unknown_correct, baseline.unknown_correct),
        ("out-of-scope not answered outright", ours.not_answered, baseline.not_answered),
    ]  # fmt: skip
    lines = [
        f"| measure ({len(ours.answerable)} answerable, {len(ours.out_of_scope)} out of scope)"
        " | ours | plain BM25 |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {pct(a)} | {pct(b)} |" for name, a, b in rows]
    lines.append(
        f"| wrong confident answers (all questions) | {ours.wrong_answers} | "
        f"{baseline.wrong_answers} |"
    )
    return "\n".join(lines)


async def measure(kb: Path, questions: Path) -> tuple[Report, Report]:
    entries = load_faq(kb)
    cases = load_questions(questions)
    with tempfile.TemporaryDirectory() as scratch:
        async with Database(Path(scratch) / "faq.sqlite3") as db:
            await db.migrate()
            service = FaqService(db)
            await service.replace_all(entries)
            return await evaluate(service, cases), await evaluate_baseline(service, cases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kb", type=Path, help="FAQ YAML")
    parser.add_argument("questions", type=Path, help="questions YAML: list of {q, id}")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--misses", action="store_true", help="list the questions we got wrong")
    args = parser.parse_args()
    ours, baseline = asyncio.run(measure(args.kb, args.questions))
    output = table(ours, baseline)
    print(output)
    if args.misses:
        for o in ours.outcomes:
            if not o.correct:
                print(f"  miss: {o.question!r} expected {o.expected}, got {o.kind} {o.offered}")
    if args.markdown:
        args.markdown.write_text(output + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

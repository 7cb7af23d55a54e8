"""FAQ answer quality on questions the matcher was not tuned on, beside plain FTS5 BM25.

    .venv/bin/python benchmarks/faq_quality.py [--set NAME=KB.yaml,QUESTIONS.yaml ...]
        [--held-out NAME=KB.yaml,QUESTIONS.yaml ...] [--markdown OUT.md] [--misses]
        [--no-latency]

Without --set it reads the tuning sets: the shared ones beside the checkout
(../shared/data/faq: the clinicians' FAQ and the educators' FAQ) and our bilingual janitors'
set (benchmarks/data/faq/janitors: half its questions in Spanish, many about entries in the
other language). For every set, the decision parameters
(bot.faq.matcher.Params) are tuned by `bot.faq.evaluation.tune` on the *other* sets only,
then the set is measured with them: no figure comes from the data that tuned it. The
parameters the bot ships (DEFAULT_PARAMS) are printed beside what each tuning picked.

A --held-out set (benchmarks/data/faq/hotel, homecare, transit, grocery, meatpacking:
written blind) is never tuned on: it is measured with the parameters tuned on all the --set
sets together, which is how DEFAULT_PARAMS are made, and its misses are never printed
(--misses lists only the tuning sets'), so nobody changes the matcher after reading them.

The learning loop: a set is split in two halves (alternate questions); the questions of one
half that were not answered outright and right are linked to their right entry (what a
steward does from /faqgaps or a ticket: FaqService.link), then the other half is measured
again. Both directions, added up.

Within each set, k-fold (FOLDS folds, question i in fold i % FOLDS): the parameters are
tuned on the other folds of the same set and each fold is measured with them, which is how
a union tuning on its own earlier questions would fare.

QUESTIONS.yaml is a list of {q, id}; id null means out of scope. Everything is
deterministic, so one run is the figure; latency (--no-latency to skip) comes from
benchmarks/faq_latency.py at 1,000 entries.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.faq_latency import run as latency_run
from bot.faq.evaluation import (
    Case,
    Report,
    Sample,
    evaluate_baseline,
    load_questions,
    measure_all,
    report_for,
    samples,
    tune,
)
from bot.faq.loader import load_faq
from bot.faq.matcher import DEFAULT_PARAMS, Params
from bot.faq.service import FaqService
from storage.database import Database

FOLDS = 5
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "faq"
OURS = Path(__file__).resolve().parent / "data" / "faq"
DEFAULT_SETS = {
    "clinicians": (SHARED / "kb.yaml", SHARED / "dev_questions.yaml"),
    "educators": (SHARED / "educators" / "kb.yaml", SHARED / "educators" / "dev_questions.yaml"),
    "janitors": (OURS / "janitors" / "kb.yaml", OURS / "janitors" / "questions.yaml"),
}


@dataclass
class QuestionSet:
    name: str
    kb: Path
    questions: Path
    cases: list[Case]
    items: list[Sample]
    baseline: Report


@asynccontextmanager
async def faq_service(kb: Path, scratch: Path, name: str) -> AsyncIterator[FaqService]:
    async with Database(scratch / f"{name}.sqlite3") as db:
        await db.migrate()
        service = FaqService(db)
        await service.replace_all(load_faq(kb))
        yield service


def pct(value: float) -> str:
    return f"{value:.1%}"


def rows(ours: Report, base: Report) -> list[tuple[str, str, str]]:
    n = len(ours.outcomes)
    return [
        ("right entry shown (answer or a suggestion)", pct(ours.shown), pct(base.shown)),
        ("right entry shown first", pct(ours.top1), pct(base.top1)),
        ("answered outright and right", pct(ours.answered_correctly), pct(base.answered_correctly)),
        (
            f"wrong outright answers (of all {n})",
            f"{pct(ours.wrong_share)} ({ours.wrong_answers})",
            f"{pct(base.wrong_share)} ({base.wrong_answers})",
        ),
        (
            "out-of-scope answered outright",
            pct(ours.out_of_scope_answered),
            pct(base.out_of_scope_answered),
        ),
        (
            '"I don\'t know yet" on out-of-scope',
            pct(ours.unknown_correct),
            pct(base.unknown_correct),
        ),
        (
            "ranking: best-ranked right / in top 3",
            f"{pct(ours.ranked_first)} / {pct(ours.ranked_top3)}",
            f"{pct(base.ranked_first)} / {pct(base.ranked_top3)}",
        ),
    ]


def table(title: str, ours: Report, base: Report) -> str:
    lines = [
        f"| {title} ({len(ours.answerable)} answerable, {len(ours.out_of_scope)} out of scope)"
        " | ours | plain BM25 |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {a} | {b} |" for name, a, b in rows(ours, base)]
    return "\n".join(lines)


def describe(params: Params) -> str:
    return ", ".join(f"{k}={v:g}" for k, v in asdict(params).items())


async def learning_loop(qs: QuestionSet, params: Params, scratch: Path) -> tuple[Report, Report]:
    """Each half measured before and after linking the other half's misses."""
    before: list = []
    after: list = []
    for half in (0, 1):
        other = [(i, c) for i, c in enumerate(qs.cases) if i % 2 != half]
        mine = [c for i, c in enumerate(qs.cases) if i % 2 == half]
        async with faq_service(qs.kb, scratch, f"{qs.name}-loop{half}") as service:
            first = report_for(samples(service, mine, await measure_all(service, mine)), params)
            other_cases = [c for _, c in other]
            other_report = report_for(
                samples(service, other_cases, await measure_all(service, other_cases)), params
            )
            for case, got in zip(other_cases, other_report.outcomes, strict=True):
                if case.expected and not (got.kind == "answer" and got.offered == case.expected):
                    await service.link(case.expected, case.question)
            second = report_for(samples(service, mine, await measure_all(service, mine)), params)
        before += first.outcomes
        after += second.outcomes
    return Report(tuple(before)), Report(tuple(after))


def k_fold(items: Sequence[Sample], folds: int = FOLDS) -> tuple[Report, list[Params]]:
    """Each fold measured with parameters tuned on the other folds of the same set only."""
    outcomes = [None] * len(items)
    picked = []
    for fold in range(folds):
        tuning = [item for i, item in enumerate(items) if i % folds != fold]
        params = tune(tuning)
        picked.append(params)
        held = [i for i in range(len(items)) if i % folds == fold]
        report = report_for([items[i] for i in held], params)
        for i, got in zip(held, report.outcomes, strict=True):
            outcomes[i] = got
    return Report(tuple(outcomes)), picked


async def measure(
    sets: dict[str, tuple[Path, Path]],
    misses: bool,
    latency: bool,
    held_out: dict[str, tuple[Path, Path]] | None = None,
) -> tuple[str, dict[str, Params]]:
    """Each of `sets` tuned on the others; each of `held_out` measured with the parameters
    tuned on all of `sets` together (what the bot ships), never tuned on, misses never shown."""
    out: list[str] = []
    picked: dict[str, Params] = {}
    held_out = held_out or {}
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        async with AsyncExitStack() as stack:

            async def load(name: str, kb: Path, questions: Path) -> QuestionSet:
                cases = load_questions(questions)
                service = await stack.enter_async_context(faq_service(kb, scratch, name))
                measured = await measure_all(service, cases)
                baseline = await evaluate_baseline(service, cases)
                return QuestionSet(
                    name, kb, questions, cases, samples(service, cases, measured), baseline
                )

            loaded = [await load(name, *paths) for name, paths in sets.items()]
            kept_aside = [await load(name, *paths) for name, paths in held_out.items()]
            out.append(f"Shipped parameters (DEFAULT_PARAMS): {describe(DEFAULT_PARAMS)}\n")
            for qs in loaded:
                tuning = [item for other in loaded if other is not qs for item in other.items]
                tuned_on = ", ".join(o.name for o in loaded if o is not qs)
                params = tune(tuning) if tuning else DEFAULT_PARAMS
                picked[qs.name] = params
                ours = report_for(qs.items, params)
                out.append(f"### {qs.name}: tuned on {tuned_on or '(nothing: defaults)'}\n")
                out.append(f"Parameters: {describe(params)}\n")
                out.append(table(qs.name, ours, qs.baseline))
                before, after = await learning_loop(qs, params, scratch)
                out.append(
                    "\nLearning loop (each half, before → after linking the other half's misses):\n"
                )
                out.append("| measure | before | after |\n|---|---:|---:|")
                out += [f"| {n} | {a} | {b} |" for n, a, b in rows(before, after)[:5]]
                folded, fold_params = k_fold(qs.items)
                out.append(
                    f"\n{FOLDS}-fold within {qs.name} (each fold measured with parameters tuned"
                    " on the other folds only):\n"
                )
                out.append(table(qs.name, folded, qs.baseline))
                out.append(
                    "\nPer fold (title_share / bm25_share / reverse_share / answer_at / margin): "
                    + "; ".join(
                        f"{p.title_share:g}/{p.bm25_share:g}/{p.reverse_share:g}/"
                        f"{p.answer_at:g}/{p.margin:g}"
                        for p in fold_params
                    )
                )
                out.append("")
                if misses:
                    for o in ours.outcomes:
                        if o.expected not in o.shown[:1] and o.kind != "unknown":
                            out.append(
                                f"  miss: {o.question!r} expected {o.expected}, got {o.kind} "
                                f"{list(o.shown)}"
                            )
            if kept_aside:
                everything = [item for qs in loaded for item in qs.items]
                params = tune(everything)
                names = ", ".join(qs.name for qs in loaded)
                out.append(f"### Kept aside, measured with parameters tuned on {names}\n")
                same = "the same as" if params == DEFAULT_PARAMS else "NOT the same as"
                out.append(f"Parameters ({same} DEFAULT_PARAMS): {describe(params)}\n")
                for qs in kept_aside:
                    out.append(table(qs.name, report_for(qs.items, params), qs.baseline))
                    out.append("")
    if latency:
        results = await latency_run(1000, 300, 3)

        def median(values: Sequence[float]) -> float:
            return sorted(values)[len(values) // 2]

        out.append("### Latency, 1,000 entries (300 questions, median of 3 runs)\n")
        out.append("| per question | median | p99 |\n|---|---:|---:|")
        out.append(
            f"| ours (FaqService.ask) | {median(results['ours_median']):.2f} ms | "
            f"{median(results['ours_p99']):.2f} ms |"
        )
        out.append(
            f"| plain FTS5 BM25 | {median(results['base_median']):.2f} ms | "
            f"{median(results['base_p99']):.2f} ms |"
        )
    return "\n".join(out), picked


def parse_set(value: str) -> tuple[str, tuple[Path, Path]]:
    name, _, paths = value.partition("=")
    kb, _, questions = paths.partition(",")
    if not name or not kb or not questions:
        raise argparse.ArgumentTypeError("use NAME=KB.yaml,QUESTIONS.yaml")
    return name, (Path(kb), Path(questions))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set",
        type=parse_set,
        action="append",
        dest="sets",
        help="NAME=KB.yaml,QUESTIONS.yaml (repeat; default: the shared sets)",
    )
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    parser.add_argument("--misses", action="store_true", help="list what each set got wrong")
    parser.add_argument("--no-latency", action="store_true", help="skip the latency run")
    parser.add_argument(
        "--held-out",
        type=parse_set,
        action="append",
        default=[],
        help="NAME=KB.yaml,QUESTIONS.yaml: a kept-aside set, measured only, never tuned on",
    )
    args = parser.parse_args()
    sets = dict(args.sets) if args.sets else DEFAULT_SETS
    output, _ = asyncio.run(measure(sets, args.misses, not args.no_latency, dict(args.held_out)))
    print(output)
    if args.markdown:
        args.markdown.write_text(output + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

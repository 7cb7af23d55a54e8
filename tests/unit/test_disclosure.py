"""Complementary suppression: `isolating` finds every combination of published figures
that describes 1-4 responses (checked against brute force), and plans never allow one."""

from __future__ import annotations

import itertools
import random

from bot.surveys.disclosure import _coarse, isolating, make_plan


def brute_force(cells: dict[tuple[str, str], int], span: int = 2) -> bool:
    """Integer weights a_row + b_col in [-span, span]: does one describe 1..4 responses?"""
    rows = sorted({r for r, _ in cells})
    cols = sorted({c for _, c in cells})
    for a in itertools.product(range(-span, span + 1), repeat=len(rows)):
        for b in itertools.product(range(-span, span + 1), repeat=len(cols) - 1):
            weights = dict(zip(cols, (0, *b), strict=True))
            level = dict(zip(rows, a, strict=True))
            x = {cell: level[cell[0]] + weights[cell[1]] for cell, n in cells.items() if n}
            if all(v in (0, 1) for v in x.values()):
                total = sum(cells[cell] for cell, v in x.items() if v == 1)
                if 0 < total < 5:
                    return True
    return False


def describes(cells: dict[tuple[str, str], int], found: list[tuple[str, str]]) -> bool:
    """The cells `isolating` names really are one combination: solve a_r + b_c for them."""
    target = {cell: int(cell in found) for cell, n in cells.items() if n}
    level: dict[object, int] = {}
    for start in target:
        if ("r", start[0]) in level:
            continue
        level[("r", start[0])] = 0
        stack = [("r", start[0])]
        while stack:
            kind, name = stack.pop()
            for (r, c), x in target.items():
                if kind == "r" and r == name:
                    other, value = ("c", c), x - level[(kind, name)]
                elif kind == "c" and c == name:
                    other, value = ("r", r), x - level[(kind, name)]
                else:
                    continue
                if other not in level:
                    level[other] = value
                    stack.append(other)
                elif level[other] != value:
                    return False
    return 0 < sum(cells[c] for c in found) < 5


def test_the_riverside_attack_is_found() -> None:
    cells = {("Downey", "Therapist"): 8, ("Other", "Psychologist"): 7, ("Other", "Therapist"): 3}
    assert isolating(cells) == [("Other", "Therapist")]
    assert isolating({("Downey", "Therapist"): 8, ("Other", "Psychologist"): 7}) is None


def test_agrees_with_brute_force_on_random_cross_tabs() -> None:
    rng = random.Random(7)
    found_some = 0
    for _ in range(300):
        rows, cols = rng.randint(1, 3), rng.randint(1, 3)
        cells = {
            (f"w{r}", f"c{c}"): rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9])
            for r in range(rows)
            for c in range(cols)
        }
        found = isolating(cells)
        if brute_force(cells):
            assert found is not None, cells
        if found is not None:
            found_some += 1
            assert describes(cells, found), (cells, found)
    assert found_some > 20


def test_plans_leave_nothing_to_isolate() -> None:
    rng = random.Random(3)
    for _ in range(200):
        cells = {
            (f"w{r}", f"c{c}"): rng.choice([0, 1, 2, 3, 5, 8, 13])
            for r in range(rng.randint(1, 5))
            for c in range(rng.randint(1, 4))
        }
        if sum(cells.values()) < 5:
            continue  # nothing is shown at all below 5 responses
        plan = make_plan(cells, {0: cells}, [0])
        coarse = _coarse(cells, plan.worksite, plan.classification)
        assert isolating(coarse) is None, (cells, plan)
        for group in (plan.worksite, plan.classification):
            if group is not None:
                sizes: dict[str, int] = {}
                for (w, c), n in cells.items():
                    key = group[w] if group is plan.worksite else group[c]
                    sizes[key] = sizes.get(key, 0) + n
                assert len(sizes) >= 2 and min(sizes.values()) >= 5
        if "classification" in plan.csv and "worksite" in plan.csv:
            assert min(coarse.values()) >= 5

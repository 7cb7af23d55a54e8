"""Which breakdowns of a closed survey may be published so that no combination of them
isolates a small group (complementary suppression).

Every published figure — a group's response count, a question's tally in a group — is a
sum over the cells of the worksite × classification cross-tab. With worksite groups
W_i and classification groups C_j published besides the total, an integer combination
α·Total + Σ β_i·W_i + Σ γ_j·C_j weighs cell (i, j) by x_ij = α + β_i + γ_j, i.e. by
a_i + b_j for some integers a, b (rational weights give nothing more). It *describes* a
set U of cells when x is 1 on U and 0 on every other non-empty cell (empty cells add
nothing, whatever their weight). We publish only plans where no such U holds 1..4
responses, for the responses themselves and for the answerers of every question.

Finding such a U is a search for integer "levels" on rows and columns with
level(row) - level(col) in {0, 1} on every non-empty cell; U is where the difference is 1.
A cell with 5 or more responses can never be in U, so its row and column share a level;
what remains is a small graph searched exhaustively with a budget of 4 responses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.privacy import MIN_GROUP, OTHER, merge_counts

Cell = tuple[str | None, str | None]  # (worksite, classification) as stored
WORKSITE, CLASSIFICATION = "worksite", "classification"


@dataclass(frozen=True, slots=True)
class Plan:
    """What may be published for one closed survey."""

    # raw value -> published group; None when that breakdown is withheld altogether
    worksite: dict[str | None, str] | None
    classification: dict[str | None, str] | None
    # question position -> the breakdowns shown for it
    questions: dict[int, frozenset[str]] = field(default_factory=dict)
    # the group columns the per-response CSV may carry
    csv: frozenset[str] = frozenset()

    def mapping(self, by: str) -> dict[str | None, str] | None:
        return self.worksite if by == WORKSITE else self.classification

    def shown(self, question: int, by: str) -> bool:
        return by in self.questions.get(question, frozenset())


def _partition(counts: Mapping[str | None, int], minimum: int) -> dict[str | None, str] | None:
    """Primary suppression: groups under `minimum` into Other (Other under it, into the
    smallest group). None when fewer than two groups would remain (the total again)."""
    merged = merge_counts(counts, minimum)
    if len(merged) < 2:
        return None
    # A group absent from `merged` went to Other, the smallest one included when Other
    # was folded into it (merge_counts then names the result Other).
    return {
        name: name if name in merged and name is not None and name != OTHER else OTHER
        for name in counts
    }


def _coarse(
    cells: Mapping[Cell, int],
    rows: Mapping[str | None, str] | None,
    cols: Mapping[str | None, str] | None,
) -> dict[tuple[str, str], int]:
    """The cross-tab of published groups ('*' for a dimension not published)."""
    out: dict[tuple[str, str], int] = {}
    for (w, c), n in cells.items():
        if n <= 0:
            continue
        key = (rows.get(w, OTHER) if rows else "*", cols.get(c, OTHER) if cols else "*")
        out[key] = out.get(key, 0) + n
    return out


class _Sets:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, v: object) -> object:
        self.parent.setdefault(v, v)
        while self.parent[v] != v:
            self.parent[v] = self.parent[self.parent[v]]
            v = self.parent[v]
        return v

    def union(self, a: object, b: object) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[ra] = rb
        return True


def isolating(
    cells: Mapping[tuple[str, str], int], minimum: int = MIN_GROUP
) -> list[tuple[str, str]] | None:
    """Cells that some combination of the published figures describes alone, holding
    1..minimum-1 responses; None when there is no such combination.

    `cells` is the cross-tab of published groups: rows are worksite groups, columns
    classification groups (a single '*' row or column when that breakdown is not
    published); the published figures are the total, every row and every column.
    """
    edges = [(("r", r), ("c", c), n, (r, c)) for (r, c), n in cells.items() if n > 0]
    budget = minimum - 1
    sets = _Sets()
    for row, col, n, _ in edges:
        sets.find(row), sets.find(col)
        if n > budget:
            sets.union(row, col)  # never in U: same level
    while True:
        arcs: dict[tuple[object, object], tuple[int, list[tuple[str, str]]]] = {}
        for row, col, n, cell in edges:
            a, b = sets.find(row), sets.find(col)
            if a == b:
                continue
            weight, members = arcs.get((a, b), (0, []))
            arcs[(a, b)] = (weight + n, [*members, cell])
        changed = False
        for (a, b), (weight, _) in arcs.items():
            # heavy together, or arcs both ways (level(a) - level(b) both >= 0 and <= 0)
            if weight > budget or (b, a) in arcs:
                changed |= sets.union(a, b)
        changed |= _contract_cycles(sets, arcs)
        if not changed:
            break
    neighbours: dict[object, list[tuple[object, int, int, list[tuple[str, str]]]]] = {}
    for (a, b), (weight, members) in arcs.items():
        # +1: a's level minus b's is 0 or 1; -1: the other way round
        neighbours.setdefault(a, []).append((b, +1, weight, members))
        neighbours.setdefault(b, []).append((a, -1, weight, members))
    for (a, b), (weight, members) in sorted(arcs.items(), key=lambda i: i[1][0]):
        found = _search(neighbours, {a: 1, b: 0}, budget - weight, list(members))
        if found is not None:
            return found
    return None


def _contract_cycles(sets: _Sets, arcs: Mapping[tuple[object, object], object]) -> bool:
    """Directed cycles force every level on them equal: merge them (Tarjan's SCC)."""
    graph: dict[object, list[object]] = {}
    for a, b in arcs:
        graph.setdefault(a, []).append(b)
        graph.setdefault(b, [])
    index: dict[object, int] = {}
    low: dict[object, int] = {}
    stack: list[object] = []
    on_stack: set[object] = set()
    changed = False
    counter = 0

    def visit(root: object) -> None:
        nonlocal counter, changed
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    if member == node:
                        break
                    changed |= sets.union(member, node)

    for vertex in graph:
        if vertex not in index:
            visit(vertex)
    return changed


def _search(
    neighbours: Mapping[object, list[tuple[object, int, int, list[tuple[str, str]]]]],
    levels: dict[object, int],
    budget: int,
    chosen: list[tuple[str, str]],
) -> list[tuple[str, str]] | None:
    """Extend `levels` over the component within `budget`; the cells of U, or None."""
    if budget < 0:
        return None
    frontier = [v for v in levels for (n, *_rest) in neighbours.get(v, ()) if n not in levels]
    if not frontier:
        return chosen
    vertex = next(n for v in levels for (n, *_rest) in neighbours.get(v, ()) if n not in levels)
    options: set[int] | None = None
    for other, sign, _, _ in neighbours[vertex]:
        if other in levels:
            # sign +1: level(vertex) - level(other) in {0, 1}; -1: level(other) - level(vertex)
            allowed = {levels[other], levels[other] + sign}
            options = allowed if options is None else options & allowed
    for level in sorted(options or ()):
        cost, cells = 0, []
        for other, sign, weight, members in neighbours[vertex]:
            if other in levels and (level - levels[other]) * sign == 1:
                cost += weight
                cells += members
        if cost > budget:
            continue
        found = _search(neighbours, {**levels, vertex: level}, budget - cost, chosen + cells)
        if found is not None:
            return found
    return None


def _merge_one(
    mapping: dict[str | None, str], counts: Mapping[str | None, int], group: str
) -> dict[str | None, str] | None:
    """Fold `group` into Other (or, without an Other, into the smallest other group)."""
    sizes: dict[str, int] = {}
    for name, n in counts.items():
        sizes[mapping.get(name, OTHER)] = sizes.get(mapping.get(name, OTHER), 0) + n
    others = [g for g in sizes if g != group]
    if not others:
        return None
    target = OTHER if OTHER in others else min(others, key=lambda g: (sizes[g], g))
    merged = {name: (OTHER if g in (group, target) else g) for name, g in mapping.items()}
    return merged if len(set(merged.values())) >= 2 else None


def _marginals(cells: Mapping[Cell, int], axis: int) -> dict[str | None, int]:
    out: dict[str | None, int] = {}
    for cell, n in cells.items():
        out[cell[axis]] = out.get(cell[axis], 0) + n
    return out


Mapping_ = dict[str | None, str]


def _remedy(
    cells: Mapping[Cell, int],
    sites: Mapping[str | None, int],
    classes: Mapping[str | None, int],
    rows: Mapping_,
    cols: Mapping_,
    found: list[tuple[str, str]],
    minimum: int,
) -> tuple[Mapping_ | None, Mapping_ | None]:
    """One step of secondary suppression against the isolated cells `found`.

    Candidates: fold a row or column group touching them into Other, or withhold one
    breakdown altogether. A candidate that is safe at once and keeps the most groups
    wins; when none is, the smallest group touching the cells is folded and we go on.
    """
    candidates: list[tuple[Mapping_ | None, Mapping_ | None, int]] = [
        (rows, None, 0),
        (None, cols, 0),
    ]
    row_sizes, col_sizes = _coarse(cells, rows, None), _coarse(cells, None, cols)
    for r, c in found:
        candidates.append((_merge_one(rows, sites, r), cols, row_sizes.get((r, "*"), 0)))
        candidates.append((rows, _merge_one(cols, classes, c), col_sizes.get(("*", c), 0)))

    def groups(plan: tuple[Mapping_ | None, Mapping_ | None, int]) -> int:
        return sum(len(set(m.values())) for m in plan[:2] if m is not None)

    safe = [
        p
        for p in candidates
        if p[0] is None or p[1] is None or isolating(_coarse(cells, p[0], p[1]), minimum) is None
    ]
    best = max(safe, key=groups) if safe else min(candidates[2:], key=lambda p: p[2])
    return best[0], best[1]


def make_plan(
    cells: Mapping[Cell, int],
    answered: Mapping[int, Mapping[Cell, int]],
    questions: Iterable[int],
    minimum: int = MIN_GROUP,
) -> Plan:
    """The breakdowns that can be published: groups merged and breakdowns withheld until
    no combination of figures isolates fewer than `minimum` responses (or answerers of
    any question)."""
    sites, classes = _marginals(cells, 0), _marginals(cells, 1)
    rows, cols = _partition(sites, minimum), _partition(classes, minimum)
    while rows is not None and cols is not None:
        found = isolating(_coarse(cells, rows, cols), minimum)
        if found is None:
            break
        rows, cols = _remedy(cells, sites, classes, rows, cols, found, minimum)
    shown: dict[int, frozenset[str]] = {}
    for question in questions:
        base = answered.get(question, {})
        for dims in ((WORKSITE, CLASSIFICATION), (WORKSITE,), (CLASSIFICATION,), ()):
            r = rows if WORKSITE in dims else None
            c = cols if CLASSIFICATION in dims else None
            if (WORKSITE in dims and r is None) or (CLASSIFICATION in dims and c is None):
                continue
            if isolating(_coarse(base, r, c), minimum) is None:
                shown[question] = frozenset(dims)
                break
        else:
            shown[question] = frozenset()
    csv: frozenset[str] = frozenset()
    if rows is not None and cols is not None:
        if all(n >= minimum for n in _coarse(cells, rows, cols).values()):
            csv = frozenset((WORKSITE, CLASSIFICATION))
        else:
            csv = frozenset((WORKSITE,))
    elif rows is not None:
        csv = frozenset((WORKSITE,))
    elif cols is not None:
        csv = frozenset((CLASSIFICATION,))
    return Plan(rows, cols, shown, csv)

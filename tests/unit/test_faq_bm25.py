"""The in-memory BM25 ranker computes what FTS5's bm25() with column weights computes."""

from __future__ import annotations

import sqlite3

import pytest

from bot.faq.matcher import Bm25Index

DOCS = {
    "strike-pay": ("strike pay shift", "pay is 100 for each shift of the strike"),
    "pay-day": ("when is pay day", "every friday"),
    "picket": ("picket line sites", "outside every clinic on the line"),
    "vote": ("how do i vote", "press the button for your choice"),
}


def _index() -> Bm25Index:
    return Bm25Index(
        (entry_id, [(title.split(), 3.0), (body.split(), 1.0)], len((title + " " + body).split()))
        for entry_id, (title, body) in DOCS.items()
    )


@pytest.mark.parametrize("query", ["pay", "strike OR shift", "every OR line", "vote OR pay"])
def test_scores_match_fts5_bm25(query: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", [(k, *v) for k, v in DOCS.items()])
    rows = conn.execute(
        "SELECT id, -bm25(t, 0.0, 3.0, 1.0) FROM t WHERE t MATCH ? ORDER BY bm25(t, 0.0, 3.0, 1.0)",
        (query,),
    ).fetchall()
    ours = _index().search(query.split(" OR "), 10)
    assert [entry_id for entry_id, _ in ours] == [entry_id for entry_id, _ in rows]
    for (_, mine), (_, theirs) in zip(ours, rows, strict=True):
        assert mine == pytest.approx(theirs, rel=1e-9)


def test_limit_ties_and_unknown_terms() -> None:
    index = _index()
    assert index.search(["cafeteria"], 10) == []
    assert len(index.search(["every", "pay", "vote"], 2)) == 2
    # Equal scores keep file order.
    twins = Bm25Index(
        [("b", [(["x"], 1.0)], 1), ("a", [(["x"], 1.0)], 1), ("c", [(["y"], 1.0)], 1)]
    )
    assert [e for e, _ in twins.search(["x"], 5)] == ["b", "a"]
    assert Bm25Index(()).search(["x"], 5) == []

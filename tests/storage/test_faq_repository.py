"""FaqRepository on a real SQLite file: atomic replace, edits, tags, FTS5 search, gaps."""

from __future__ import annotations

import pytest

from storage.database import Database
from storage.faq import FaqEntry, FaqRepository, IndexTerms

ENTRIES = [
    FaqEntry("strike-pay", "How much is strike pay?", "Strike pay is $100 a shift.", ("money",)),
    FaqEntry(
        "picket-times",
        "When are picket shifts?",
        "Mornings and afternoons.",
        ("picket", "schedule"),
        ("What time is the picket?",),
    ),
    FaqEntry("huelga", "¿Por qué hay huelga?", "Por la carga de trabajo.", ("strike",), (), "es"),
]


async def test_replace_all_then_read_back(db: Database) -> None:
    repo = FaqRepository(db)
    assert await repo.replace_all(ENTRIES) == 3
    assert [e.id for e in await repo.all()] == ["strike-pay", "picket-times", "huelga"]
    assert await repo.get("picket-times") == ENTRIES[1]
    assert (await repo.get("huelga")).language == "es"
    assert await repo.get("nope") is None


async def test_replace_all_is_atomic(db: Database) -> None:
    repo = FaqRepository(db)
    await repo.replace_all(ENTRIES)
    duplicate = [*ENTRIES[:2], ENTRIES[0]]  # the UNIQUE id fails on the third insert
    with pytest.raises(Exception, match="UNIQUE"):
        await repo.replace_all(duplicate)
    assert [e.id for e in await repo.all()] == ["strike-pay", "picket-times", "huelga"]
    hits = await repo.search('"strike"', 10)
    assert {h.entry_id for h in hits} == {"strike-pay", "huelga"}  # index rolled back too


async def test_add_update_remove_keep_index_in_step(db: Database) -> None:
    repo = FaqRepository(db)
    await repo.replace_all(ENTRIES[:1])
    assert await repo.add(ENTRIES[1])
    assert not await repo.add(ENTRIES[1])  # id taken
    changed = FaqEntry("strike-pay", "How much is strike pay?", "It is $150 per shift now.")
    assert await repo.update(changed)
    assert not await repo.update(FaqEntry("ghost", "q", "a"))
    assert [h.entry_id for h in await repo.search('"150"')] == ["strike-pay"]
    assert await repo.search('"100"') == []
    assert await repo.remove("strike-pay")
    assert not await repo.remove("strike-pay")
    assert await repo.search('"150"') == []
    assert [e.id for e in await repo.all()] == ["picket-times"]


async def test_search_ranks_with_bm25_and_folds_accents_and_stems(db: Database) -> None:
    repo = FaqRepository(db)
    await repo.replace_all(ENTRIES)
    hits = await repo.search('"shifts"')  # porter: shift/shifts
    assert hits[0].entry_id in {"strike-pay", "picket-times"} and hits[0].score > 0
    assert [h.entry_id for h in await repo.search('"que"')] == ["huelga"]  # "qué" folded
    with pytest.raises(ValueError, match="bad search expression"):
        await repo.search('"unbalanced')


async def test_indexer_fills_the_term_columns(db: Database) -> None:
    repo = FaqRepository(db, indexer=lambda e: IndexTerms(f"xtopic {e.id}", "body", 7))
    await repo.replace_all(ENTRIES[:1])
    assert await repo.index_terms() == [("strike-pay", "xtopic strike-pay", "body", 7)]
    hits = await repo.search('{title_terms} : "xtopic"')
    assert [h.entry_id for h in hits] == ["strike-pay"]


async def test_gaps_hold_text_only_newest_first(db: Database) -> None:
    repo = FaqRepository(db)
    await repo.log_gap("where do I park?", "unknown")
    await repo.log_gap("how much is strike pay", "unhelpful", entry_id="strike-pay")
    gaps = await repo.gaps(10)
    assert [(g.text, g.reason, g.entry_id) for g in gaps] == [
        ("how much is strike pay", "unhelpful", "strike-pay"),
        ("where do I park?", "unknown", None),
    ]
    columns = {r[1] for r in await db.fetchall("PRAGMA table_info(faq_gaps)")}
    assert columns == {"id", "text", "reason", "entry_id", "at"}  # nothing links a member
    with pytest.raises(ValueError):
        await repo.log_gap("x", "because")
    assert await repo.clear_gaps() == 2


async def test_feedback_counts(db: Database) -> None:
    repo = FaqRepository(db)
    await repo.record_feedback("strike-pay", helpful=True)
    await repo.record_feedback("strike-pay", helpful=False)
    tally = await repo.record_feedback("strike-pay", helpful=False)
    assert (tally.helpful, tally.unhelpful) == (1, 2)
    assert [(f.entry_id, f.unhelpful) for f in await repo.feedback()] == [("strike-pay", 2)]


async def test_index_survives_vacuum(db: Database) -> None:
    repo = FaqRepository(db)
    await repo.replace_all(ENTRIES)
    await repo.remove("strike-pay")
    await db.checkpoint_and_vacuum()  # run after every vote closes
    assert [h.entry_id for h in await repo.search('"picket"')] == ["picket-times"]
    assert (await repo.get("huelga")).question == "¿Por qué hay huelga?"

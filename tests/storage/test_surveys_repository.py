"""Survey storage: one submission per member, no link in anonymous responses, forgetting."""

from __future__ import annotations

from storage.database import Database
from storage.members import MembersRepository
from storage.surveys import StoredAnswer, SurveysRepository

DEFINITION = {"id": "s", "privacy": "confidential", "closes_at": 2_000_000_000}


async def member(db: Database, member_id: str) -> int:
    rows = await db.write_returning(
        "INSERT INTO members (member_id, worksite) VALUES (?, 'Downey') RETURNING id", (member_id,)
    )
    return rows[0][0]


async def test_one_submission_and_forgetting_drops_the_confidential_link(db: Database) -> None:
    repo = SurveysRepository(db)
    stored = await repo.save(DEFINITION, 1_000, "cli")
    ana = await member(db, "A1")
    await repo.save_progress(stored.pk, ana, 1, {"q": 3}, 1_000)
    answers = [StoredAnswer(0, 3.0)]
    assert await repo.submit(stored.pk, ana, worksite="Downey", classification=None,
                             answers=answers, link_member=True)  # fmt: skip
    assert not await repo.submit(stored.pk, ana, worksite="Downey", classification=None,
                                 answers=answers, link_member=True)  # fmt: skip
    assert await db.fetchval("SELECT COUNT(*) FROM survey_responses") == 1
    assert await repo.progress(stored.pk, ana) is None  # discarded at submission
    assert await db.fetchval("SELECT member FROM survey_responses") == ana
    await repo.save_progress(stored.pk, ana, 0, {}, 1_000)
    await MembersRepository(db).forget(ana)
    assert await db.fetchval("SELECT member FROM survey_responses") is None
    assert await db.fetchval("SELECT COUNT(*) FROM survey_progress") == 0
    assert await db.fetchval("SELECT COUNT(*) FROM survey_answers") == 1  # the answer stays


async def test_response_ids_are_random_not_sequential(db: Database) -> None:
    repo = SurveysRepository(db)
    stored = await repo.save({**DEFINITION, "privacy": "anonymous"}, 1_000, "cli")
    for number in range(5):
        pk = await member(db, f"M{number}")
        await repo.submit(stored.pk, pk, worksite=None, classification=None,
                          answers=[StoredAnswer(0, 1.0)], link_member=False)  # fmt: skip
    ids = [r[0] for r in await db.fetchall("SELECT id FROM survey_responses")]
    assert (
        max(ids) > 1_000_000
        and await db.fetchval("SELECT COUNT(*) FROM survey_responses WHERE member IS NOT NULL") == 0
    )

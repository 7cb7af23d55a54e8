"""Survey storage: one sealed submission per member, none after close, the close opens
every box exactly once (and again after a crash), no link in anonymous responses."""

from __future__ import annotations

import pytest

from bot.keys import KeyService
from bot.surveys import sealed as boxes
from bot.surveys.model import Survey
from storage.database import Database
from storage.members import MembersRepository
from storage.seal_keys import SealKeysRepository
from storage.surveys import OpenedResponse, StoredAnswer, SurveysRepository

DEFINITION = {"id": "s", "privacy": "confidential", "closes_at": 2_000_000_000}
SECRET = "s" * 40


async def member(db: Database, member_id: str) -> int:
    rows = await db.write_returning(
        "INSERT INTO members (member_id, worksite, verified_at) VALUES (?, 'Downey', 1) "
        "RETURNING id",
        (member_id,),
    )
    return rows[0][0]


async def open_survey(db: Database, keys: KeyService, privacy: str = "confidential") -> int:
    repo = SurveysRepository(db)
    stored = await repo.save({**DEFINITION, "privacy": privacy}, 1_000, "cli", keys.server_key())
    assert await repo.move(stored.pk, "scheduled", "open")
    return stored.pk


def box_for(keys: KeyService, pk: int, public: bytes, member_pk: int | None, value: float) -> bytes:
    from bot import sealing

    plain = boxes.response_plaintext(
        Survey.from_json({"id": "s", "title": "s", "closes_at": 2_000_000_000, "questions": []}),
        "Downey",
        None,
        member_pk,
        [StoredAnswer(0, value)],
    )
    return sealing.seal(public, plain, boxes.response_subject(pk))


async def closer(db: Database, keys: KeyService, pk: int):  # type: ignore[no-untyped-def]
    key = await keys.key(boxes.response_subject(pk))
    assert key is not None
    opener = keys.server_opener(key)

    async def open_all(sealed: list[bytes]) -> list[OpenedResponse]:
        return [boxes.read_response(opener.open(b, boxes.response_subject(pk))) for b in sealed]

    return open_all


async def test_one_submission_and_forgetting_drops_the_confidential_link(db: Database) -> None:
    keys = KeyService(SealKeysRepository(db), SECRET)
    repo = SurveysRepository(db)
    pk = await open_survey(db, keys)
    public = await keys.public(boxes.response_subject(pk))
    ana, ben = await member(db, "A1"), await member(db, "B1")
    await repo.save_progress(pk, ana, b"sealed progress", 1_000)
    assert await repo.submit(pk, ana, box_for(keys, pk, public, ana, 3.0))
    assert not await repo.submit(pk, ana, box_for(keys, pk, public, ana, 3.0))
    assert await repo.submit(pk, ben, box_for(keys, pk, public, ben, 4.0))
    assert await repo.progress(pk, ana) is None  # discarded at submission
    assert await db.fetchval("SELECT COUNT(*) FROM survey_responses") == 0  # sealed while open
    await MembersRepository(db).forget(ben)  # his link must not come back at close
    assert await repo.close_sealed(pk, 10, boxes.response_subject(pk), await closer(db, keys, pk))
    links = {r[0] for r in await db.fetchall("SELECT member FROM survey_responses")}
    assert links == {ana, None}  # Ben's answer stays, without the link
    assert await db.fetchval("SELECT COUNT(*) FROM survey_sealed") == 0
    assert (await keys.key(boxes.response_subject(pk))).wrapped is None  # type: ignore[union-attr]
    # Closed: no more submissions, and a second close does nothing twice.
    carl = await member(db, "C1")
    assert not await repo.submit(pk, carl, b"late")
    assert not await repo.close_sealed(pk, 10, boxes.response_subject(pk), None)
    assert await db.fetchval("SELECT COUNT(*) FROM survey_answers") == 2


async def test_a_close_that_fails_midway_loses_and_doubles_nothing(db: Database) -> None:
    keys = KeyService(SealKeysRepository(db), SECRET)
    repo = SurveysRepository(db)
    pk = await open_survey(db, keys, "anonymous")
    public = await keys.public(boxes.response_subject(pk))
    for number in range(6):
        assert await repo.submit(
            pk, await member(db, f"M{number}"), box_for(keys, pk, public, None, float(number))
        )
    good = await closer(db, keys, pk)

    async def crash(sealed: list[bytes]) -> list[OpenedResponse]:
        await good(sealed)
        raise OSError("power cut while opening")

    with pytest.raises(OSError):
        await repo.close_sealed(pk, 10, boxes.response_subject(pk), crash)
    assert (await repo.get(pk)).state == "open"  # type: ignore[union-attr]
    assert await db.fetchval("SELECT COUNT(*) FROM survey_sealed") == 6
    assert await db.fetchval("SELECT COUNT(*) FROM survey_responses") == 0
    assert (await keys.key(boxes.response_subject(pk))).wrapped is not None  # type: ignore[union-attr]
    assert await repo.close_sealed(pk, 10, boxes.response_subject(pk), good)  # the re-run
    values = sorted(r[0] for r in await db.fetchall("SELECT value FROM survey_answers"))
    assert values == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    ids = [r[0] for r in await db.fetchall("SELECT id FROM survey_responses")]
    assert max(ids) > 1_000_000
    assert await db.fetchval("SELECT COUNT(*) FROM survey_responses WHERE member IS NOT NULL") == 0
    assert await repo.scrub_pending() == [pk]


async def test_schema_11_is_refused_while_a_survey_is_open(db: Database) -> None:
    from storage.database import DatabaseError

    keys = KeyService(SealKeysRepository(db), SECRET)
    await open_survey(db, keys)
    await db.execute("DELETE FROM schema_migrations WHERE version = 11")  # as before 11
    with pytest.raises(DatabaseError, match=r"cannot upgrade while a survey is open \(open: s\)"):
        await db.migrate()
    assert await db.fetchval("SELECT state FROM surveys") == "open"  # nothing changed

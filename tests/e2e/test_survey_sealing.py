"""The employer copies the server's files while a survey is open, and reads every
published figure after it closes. Neither tells them what any colleague answered."""

from __future__ import annotations

import itertools
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.keys import KeyService
from bot.membership.roster import import_roster, parse_roster
from bot.people import OPERATOR
from bot.sealing import SealError
from bot.surveys import sealed as boxes
from bot.surveys.render import results_json
from sandbox.harness import SANDBOX_SECRET, Sandbox
from storage.members import Member
from storage.seal_keys import SealKeysRepository
from tests.e2e.membership import Union, build_union
from tests.e2e.surveys import load_survey

UNIQUE = "Dr Okafor shreds my notes"  # one member's free text, unlike anything else
SITES = ["Downey", "Irvine", "Tustin"]
CLASSES = ["Psychologist", "Therapist"]


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


def known_answers(number: int) -> dict[str, object]:
    return {
        "hours": number % 9,
        "caseload": 101 + number,
        "wait": ["short", "mid", "long"][number % 3],
        "tasks": [["notes"], ["calls", "meetings"]][number % 2],
        "leave": 1 + number % 5,
        "reason": "workload" if number % 2 else "pay",
        "comment": UNIQUE if number == 17 else f"comment {number:02d}",
    }


async def members(sandbox: Sandbox, layout: list[tuple[str, str]]) -> list[Member]:
    services = sandbox.services
    lines = ["member_id,first_name,last_name,worksite,classification"]
    lines += [f"T{n},Taker,Number{n},{w},{c}" for n, (w, c) in enumerate(layout)]
    await import_roster(services.roster, parse_roster("\n".join(lines) + "\n", SANDBOX_SECRET))
    found = []
    for number in range(len(layout)):
        member = await services.members.by_member_id(f"T{number}")
        assert member is not None
        await services.members.link(member.id, 70_000 + number)
        refreshed = await services.members.get(member.id)
        assert refreshed is not None
        found.append(refreshed)
    return found


async def take(sandbox: Sandbox, pk: int, member: Member, answers: dict[str, object]) -> None:
    """Answer question by question, as the buttons and typed messages do."""
    service = sandbox.services.surveys
    outcome = await service.begin(pk, member)
    while outcome.step is not None and outcome.step.question is not None:
        step, question = outcome.step, outcome.step.question
        value = answers[question.id]
        if question.typed:
            outcome = await service.typed(member, str(value))  # type: ignore[assignment]
        elif question.type == "multiple":
            for option in value:  # type: ignore[attr-defined]
                await service.toggle(pk, member, step.position, question.option_index(option))  # type: ignore[arg-type]
            outcome = await service.done(pk, member, step.position)
        elif question.type == "scale":
            outcome = await service.choose(pk, member, step.position, int(value))  # type: ignore[call-overload]
        else:
            option = question.option_index(str(value))
            assert option is not None
            outcome = await service.choose(pk, member, step.position, option)
        assert outcome is not None and outcome.refusal is None, question.id
    assert (await service.submit(pk, member)).submitted


def copy_files(sandbox: Sandbox, folder: Path) -> Path:
    """What a stolen disk holds: the database, its WAL and shared memory, as they are."""
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{sandbox.database_path}{suffix}")
        if source.exists():
            shutil.copyfile(source, folder / f"copy.sqlite3{suffix}")
    return folder / "copy.sqlite3"


def wal_frames(path: Path) -> list[tuple[int, bytes]]:
    """(page number, page) of every frame in a WAL file, in the order written."""
    data = path.read_bytes()
    if len(data) < 32:
        return []
    page_size = int.from_bytes(data[8:12], "big")
    frames, offset = [], 32
    while offset + 24 + page_size <= len(data):
        frames.append(
            (
                int.from_bytes(data[offset : offset + 4], "big"),
                data[offset + 24 : offset + 24 + page_size],
            )
        )
        offset += 24 + page_size
    return frames


CLEAR = [
    re.compile(rb'"caseload"\s*:\s*1\d\d'),
    re.compile(rb'"wait"\s*:\s*"(short|mid|long)"'),
    re.compile(rb"comment \d\d"),
    re.compile(re.escape(UNIQUE.encode())),
]


def read_only(path: Path) -> sqlite3.Connection:
    """Read a copy as the attacker would, without SQLite folding its WAL away on close."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


async def test_a_copy_taken_while_open_holds_no_answer(union: Union, tmp_path: Path) -> None:
    sandbox = union.sandbox
    services = sandbox.services
    stored = await load_survey(sandbox)
    layout = [(SITES[n % 3], CLASSES[n % 2]) for n in range(30)]
    *takers, starter, halfway = await members(sandbox, layout + layout[:2])
    for number, member in enumerate(takers):  # a known order, with known answers
        await take(sandbox, stored.pk, member, known_answers(number))
        if number == 14:  # someone who only started: their progress is on disk too
            assert (await services.surveys.begin(stored.pk, starter)).step is not None
    assert (await services.surveys.begin(stored.pk, halfway)).step is not None
    for typed in ("39.5", "137"):
        assert await services.surveys.typed(halfway, typed) is not None

    copy = copy_files(sandbox, tmp_path / "stolen")
    backup = await services.db.backup_to(tmp_path / "backup.sqlite3")
    files = [p for p in copy.parent.iterdir()] + [backup]
    assert any(p.name.endswith("-wal") and p.stat().st_size > 0 for p in files)

    # 1. Not a byte of any answer, in the files, the WAL, the shared memory or the backup.
    for path in files:
        raw = path.read_bytes()
        for pattern in CLEAR:
            assert not pattern.search(raw), (path.name, pattern.pattern)

    # 2. No row of any table holds an answer: the tally tables are empty, the rest is
    #    sealed bytes (every box the same length, whatever was answered or written).
    for path in (copy, backup):
        with read_only(path) as conn:
            assert conn.execute("SELECT COUNT(*) FROM survey_responses").fetchone() == (0,)
            assert conn.execute("SELECT COUNT(*) FROM survey_answers").fetchone() == (0,)
            sizes = {r[0] for r in conn.execute("SELECT length(sealed) FROM survey_sealed")}
            assert conn.execute("SELECT COUNT(*) FROM survey_sealed").fetchone() == (30,)
            assert len(sizes) == 1
            progress = {r[0] for r in conn.execute("SELECT length(sealed) FROM survey_progress")}
            assert len(progress) == 1  # just started or nearly done: the same length
            tables = [
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            for table in tables:
                for row in conn.execute(f"SELECT * FROM {table}"):
                    text = repr(row).encode()
                    assert not any(p.search(text) for p in CLEAR), table

    # 3. Linkage by WAL order: the n-th participation written goes with the n-th box
    #    written. It pairs members with ciphertexts, which open to nothing without the key
    #    (SECRET_KEY is not in the files) and all look alike.
    with read_only(copy) as conn:
        boxes_in_db = [bytes(r[0]) for r in conn.execute("SELECT sealed FROM survey_sealed")]
    order: list[bytes] = []
    for _, page in wal_frames(copy.parent / "copy.sqlite3-wal"):
        for box in boxes_in_db:
            # a box spills onto overflow pages: its ephemeral key (bytes 1-33) is enough
            if box[1:33] in page and box not in order:
                order.append(box)
    assert order  # the attacker does find the boxes in write order...
    wrong = KeyService(SealKeysRepository(services.db), "an attacker's guess " * 3)
    key = await services.keys.key(boxes.response_subject(stored.pk))
    assert key is not None and key.wrapped is not None
    with pytest.raises(SealError):
        wrong.server_opener(key)  # ...but the key stays wrapped under SECRET_KEY
    for box in order:
        assert not any(p.search(box) for p in CLEAR)

    # After close: the count is exactly the known answers, and the boxes and key are gone.
    assert await services.surveys.close(stored.pk)
    closed = await services.surveys.repo.get(stored.pk)
    assert closed is not None
    data = results_json(await services.surveys.results(closed, None, OPERATOR))
    assert data["responses"] == 30
    caseload = next(q for q in data["questions"] if q["id"] == "caseload")
    assert caseload["stats"]["mean"] == pytest.approx(sum(101 + n for n in range(30)) / 30)
    wait = next(q for q in data["questions"] if q["id"] == "wait")
    assert list(wait["counts"].values()) == [10, 10, 10]
    leave = next(q for q in data["questions"] if q["id"] == "leave")
    assert list(leave["counts"].values()) == [6, 6, 6, 6, 6]
    reason = next(q for q in data["questions"] if q["id"] == "reason")
    assert reason["answered"] == 12  # shown only to those with leave >= 4
    with sqlite3.connect(sandbox.database_path) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM survey_answers WHERE text > ''")]
        assert UNIQUE in texts and len(texts) == 30
        assert conn.execute("SELECT COUNT(*) FROM survey_sealed").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM survey_progress").fetchone() == (0,)
        assert conn.execute("SELECT wrapped FROM seal_keys").fetchall() == [(None,)]
        assert conn.execute("SELECT scrub_pending FROM surveys").fetchall() == [(0,)]
    wal = Path(f"{sandbox.database_path}-wal")
    assert not wal.exists() or wal.stat().st_size < 64 * 1024  # noqa: ASYNC240 - vacuumed


# -- the published figures of a closed survey -----------------------------------------

# Downey has only therapists, Irvine only psychologists, Riverside 3 therapists: the
# layout where overall - Downey - Psychologist would be exactly the Riverside three.
ATTACK = (
    [("Downey", "Therapist")] * 8
    + [("Irvine", "Psychologist")] * 7
    + [("Riverside", "Therapist")] * 3
)


def vectors(data: dict, group: str | None) -> tuple[int, ...]:  # type: ignore[type-arg]
    """A published figure as numbers: per question, answered, every count, and the sum
    (mean x answered) of numbers and scales."""
    out: list[int] = []
    for question in data["questions"]:
        source = question if group is None else (question.get("groups") or {}).get(group)
        width = len(question.get("counts", {})) + (1 if "stats" in question else 0)
        if source is None:
            out += [0] * (1 + width)
            continue
        out.append(source.get("answered", 0))
        out += list(source.get("counts", {}).values())
        if "stats" in source:
            out.append(round(source["stats"]["mean"] * source["answered"]))
    return tuple(out)


async def truth(sandbox: Sandbox, survey_json: dict, worksite: str) -> tuple[int, ...]:  # type: ignore[type-arg]
    """The same numbers for one worksite, straight from the tally tables."""
    from bot.surveys.model import Survey

    survey = Survey.from_json(survey_json)
    db = sandbox.services.db
    out = [
        await db.fetchval("SELECT COUNT(*) FROM survey_responses WHERE worksite = ?", (worksite,))
    ]
    rows = await db.fetchall(
        "SELECT question, value, COUNT(*) FROM survey_answers WHERE worksite = ? GROUP BY 1, 2",
        (worksite,),
    )
    counts = {(q, v): n for q, v, n in rows}
    for index, question in enumerate(survey.questions):
        mine = {v: n for (q, v), n in counts.items() if q == index}
        if question.type == "multiple":
            out.append(mine.get(-1.0, 0))
        else:
            out.append(sum(mine.values()))
        if question.type in ("single", "multiple"):
            out += [mine.get(float(i), 0) for i in range(len(question.options))]
        if question.type == "scale":
            out += [mine.get(float(p), 0) for p in question.scale_points()]
        if question.type in ("scale", "number"):
            out.append(round(sum(v * n for v, n in mine.items())))
    return tuple(out)


async def test_no_combination_of_published_figures_isolates_three(
    union: Union, tmp_path: Path
) -> None:
    sandbox = union.sandbox
    services = sandbox.services
    stored = await load_survey(sandbox)
    takers = await members(sandbox, ATTACK)
    for number, member in enumerate(takers):
        await take(sandbox, stored.pk, member, known_answers(number))
    assert await services.surveys.close(stored.pk)
    closed = await services.surveys.repo.get(stored.pk)
    assert closed is not None
    published: dict[str, tuple[int, ...]] = {}
    overall = results_json(await services.surveys.results(closed, None, OPERATOR))
    published["overall"] = (overall["responses"], *vectors(overall, None))
    for by in ("worksite", "classification"):
        data = results_json(await services.surveys.results(closed, by, OPERATOR))
        for group, n in (data["groups"] or {}).items():
            published[f"{by}:{group}"] = (n, *vectors(data, group))
    # The Riverside three as the attacker wants them: count, every tally, every sum.
    target = await truth(sandbox, closed.definition, "Riverside")
    assert target[0] == 3
    names = list(published)
    assert "worksite:Riverside" not in names
    for coefficients in itertools.product(range(-3, 4), repeat=len(names)):
        combined = tuple(
            sum(c * published[n][i] for c, n in zip(coefficients, names, strict=True))
            for i in range(len(target))
        )
        assert combined != target, dict(zip(names, coefficients, strict=True))
    # What the old breakdowns published made it one subtraction away:
    everyone = published["overall"]
    downey = await truth(sandbox, closed.definition, "Downey")
    irvine = await truth(sandbox, closed.definition, "Irvine")  # = the psychologists
    assert tuple(a - b - c for a, b, c in zip(everyone, downey, irvine, strict=True)) == target
    # And the CSV: no group column, no row order, singles them out.
    text, count = await services.surveys.export(closed, OPERATOR)
    _header, *rows = text.strip().splitlines()
    assert count == 18 and "Riverside" not in text
    labels = [tuple(r.split(",")[:2]) for r in rows]
    assert all(labels.count(label) >= 5 for label in labels)

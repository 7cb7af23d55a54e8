"""Stewards and leaders read results after close: counts, statistics, breakdowns that hide
small groups (and every combination isolating one), charts and the leaders' CSV; while
open, only how many responded; members and forged buttons get nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox.harness import Sandbox
from sandbox.users import SentMessage
from tests.e2e.membership import Union, build_union, verify_by_contact
from tests.e2e.surveys import close_survey, load_survey, seed_responses

GROUPS = [
    ("Downey", "Psychologist", 4),
    ("Downey", "Therapist", 2),
    ("Irvine", "Therapist", 6),
    ("Tustin", "Psychologist", 3),
    ("Santa Ana", "Nurse", 2),
]


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


async def all_text(user, count: int) -> str:  # type: ignore[no-untyped-def]
    return "\n".join([(await user.next_message()).text for _ in range(count)])


async def results_messages(user, sandbox: Sandbox) -> list[SentMessage]:  # type: ignore[no-untyped-def]
    await sandbox.settle()
    found = []
    while True:
        try:
            found.append(await user.next_message(timeout=0.2))
        except AssertionError:
            return found


async def test_leader_sees_results_with_small_groups_merged(union: Union) -> None:
    sandbox, lee = union.sandbox, union.lee
    stored = await load_survey(sandbox)
    await seed_responses(sandbox, stored, GROUPS)
    await close_survey(sandbox, stored)
    lee.mark_read()

    await lee.send("/results check")
    messages = await results_messages(lee, sandbox)
    text = "\n".join(m.text for m in messages)
    assert "Responses: 17 of" in text
    assert "1. Protected hours a week? · 17 answered" in text
    assert "mean 3.3 · median 3 · middle half 1–5 · range 0–7 hours" in text
    assert "Under 2 weeks\n▓▓▓▓▓░░░░░ 53% (9)" in text
    assert "💬 17 written answers. Not shown in chat" in text
    assert "private note" not in text  # free text never in chat
    assert messages[-1].buttons[-1] == ["📊 Charts", "📎 CSV"]

    await lee.press("🏥 By worksite", messages[-1])
    text = "\n".join(m.text for m in await results_messages(lee, sandbox))
    # Tustin (3) and Santa Ana (2) are merged into Other (5); no group under 5 appears.
    assert "By worksite: Downey 6 · Irvine 6 · Other 5" in text
    assert "Tustin" not in text and "Santa Ana" not in text
    assert "▸ Downey (6): mean" in text and "▸ Other (5)" in text

    await lee.press("🧑‍⚕️ By classification", messages[-1])
    text = "\n".join(m.text for m in await results_messages(lee, sandbox))
    # Therapist (8) minus Irvine (6 therapists) would be Downey's 2 therapists: with the
    # worksites published, the classification breakdown is withheld.
    assert "Nurse" not in text and "Therapist" not in text and "Not broken down" in text

    await lee.press("📎 CSV", messages[-1])
    document = await lee.wait_for(lambda m: m.document is not None)
    rows = list(csv.DictReader(io.StringIO(document.document.content.decode())))  # type: ignore[union-attr]
    assert len(rows) == 17
    assert {r["worksite"] for r in rows} == {"Downey", "Irvine", "Other"}
    assert {r["classification"] for r in rows} == {""}
    assert all(
        sum(1 for x in rows if (x["worksite"], x["classification"]) == key) >= 5
        for key in {(r["worksite"], r["classification"]) for r in rows}
    )
    assert any(r["comment"].startswith("private note") for r in rows)
    assert "member_id" not in rows[0]  # anonymous: no link to export

    await lee.press("📊 Charts", messages[-1])
    photo = await lee.wait_for(lambda m: m.photo is not None)
    assert photo.photo is not None and photo.photo.content.startswith(b"\x89PNG")


async def test_steward_sees_only_their_worksite(union: Union) -> None:
    sandbox, sam = union.sandbox, union.sam
    stored = await load_survey(sandbox)
    await seed_responses(sandbox, stored, GROUPS)
    await close_survey(sandbox, stored)
    sam.mark_read()
    await sam.send("/results check")
    messages = await results_messages(sam, sandbox)
    text = "\n".join(m.text for m in messages)
    assert "Your worksites only: Downey" in text and "Responses: 6 of" in text
    assert messages[-1].buttons[-1] == ["📊 Charts"]  # no CSV for stewards
    await sam.press("🏥 By worksite", messages[-1])
    text = "\n".join(m.text for m in await results_messages(sam, sandbox))
    # Downey alone would just repeat the totals; 4 + 2 by classification would expose people.
    assert "Not broken down" in text and "Irvine" not in text
    await sam.press("🧑‍⚕️ By classification", messages[-1])
    text = "\n".join(m.text for m in await results_messages(sam, sandbox))
    assert "Therapist" not in text and "Psychologist" not in text
    await sam.press_data(f"v1:survey:csv:{stored.pk}", messages[-1])
    await sandbox.settle()
    assert sam.callback_answers[-1] == ("The CSV export is for leaders.", True)


async def test_too_few_responses_show_nothing_but_the_count(union: Union) -> None:
    sandbox, lee = union.sandbox, union.lee
    stored = await load_survey(sandbox)
    await seed_responses(sandbox, stored, [("Downey", "Therapist", 3)])
    await close_survey(sandbox, stored)
    lee.mark_read()
    await lee.send("/results check")
    text = "\n".join(m.text for m in await results_messages(lee, sandbox))
    assert "Responses: 3 of" in text
    assert "Results appear once at least 5 people have answered" in text
    assert "Protected hours" not in text
    await lee.press("📊 Charts")
    assert "No charts yet" in (await lee.next_message()).text


async def test_members_cannot_see_results(union: Union) -> None:
    sandbox = union.sandbox
    stored = await load_survey(sandbox)
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    ana.mark_read()
    await ana.send("/results check")
    assert "Survey results are for stewards and leaders." in (await ana.next_message()).text
    await ana.press_data(f"v1:survey:res:{stored.pk}:all")
    await ana.press_data(f"v1:survey:csv:{stored.pk}")
    await sandbox.settle()
    assert [a for a, _ in ana.callback_answers[-2:]] == [
        "Survey results are for stewards and leaders."
    ] * 2


async def test_results_for_unknown_survey_and_bad_breakdown(union: Union) -> None:
    lee, sandbox = union.lee, union.sandbox
    await lee.send("/results")
    assert "No survey has opened yet." in (await lee.next_message()).text
    await load_survey(sandbox)
    lee.mark_read()  # the announcement
    await lee.send("/results nope")
    assert 'There\'s no open or closed survey "nope"' in (await lee.next_message()).text
    await lee.send("/results check shoe-size")
    assert "Send /results SURVEY_ID" in (await lee.next_message()).text
    await lee.send("/results")
    listing = await lee.next_message()
    assert listing.buttons == [["Workload check"]]


async def test_while_open_leaders_see_only_how_many_responded(union: Union) -> None:
    sandbox, lee, sam = union.sandbox, union.lee, union.sam
    stored = await load_survey(sandbox)
    await seed_responses(sandbox, stored, GROUPS)
    lee.mark_read()
    sam.mark_read()
    await lee.send("/results check")
    [message] = await results_messages(lee, sandbox)
    assert "Responses: 17 of" in message.text and "sealed until the survey closes" in message.text
    assert "Protected hours" not in message.text and "mean" not in message.text
    assert message.buttons == []  # nothing to break down, chart or export
    for data in (
        f"v1:survey:csv:{stored.pk}",
        f"v1:survey:charts:{stored.pk}:all",
        f"v1:survey:res:{stored.pk}:worksite",
    ):
        await lee.press_data(data)
    texts = [m.text for m in await results_messages(lee, sandbox)]
    assert [a for a, _ in lee.callback_answers[-3:-1]] == [
        "🔒 No export while the survey is open: the answers are sealed until it closes.",
        "🔒 No charts while the survey is open: the answers are sealed until it closes.",
    ]
    assert len(texts) == 1 and "By worksite" not in texts[0] and "Downey" not in texts[0]
    assert all(m.document is None and m.photo is None for m in lee.inbox)
    # A steward's look before and after one more submission tells only the count.
    await sam.send("/results check")
    [before] = await results_messages(sam, sandbox)
    assert "Responses: 6 of" in before.text and "sealed" in before.text
    with pytest.raises(PermissionError):
        await sandbox.services.surveys.export(stored)

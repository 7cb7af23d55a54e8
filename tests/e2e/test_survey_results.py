"""Stewards and leaders read results after close: counts, statistics, breakdowns that hide
small groups (and every combination isolating one), charts and the leaders' CSV; while
open, only how many responded; members and forged buttons get nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.people import OPERATOR
from bot.surveys import render
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


def phone_bounds(survey_text: str, questions: int, header: int) -> tuple[int, int]:
    """The most lines and characters a summary may take: its header, two short lines a
    question (its text, clipped, then one figure), a blank line and the hint; and no more
    than half of everything in full (`survey_text`: the command line's results)."""
    return header + 2 * questions + 3, len(survey_text) // 2


async def test_leader_sees_a_phone_sized_summary_then_details(union: Union) -> None:
    sandbox, lee = union.sandbox, union.lee
    stored = await load_survey(sandbox)
    await seed_responses(sandbox, stored, GROUPS)
    stored = await close_survey(sandbox, stored)
    lee.mark_read()

    await lee.send("/results check")
    [summary] = await results_messages(lee, sandbox)
    results = await sandbox.services.surveys.results(stored, None, OPERATOR)
    tz = sandbox.services.surveys.tz
    full = "\n\n".join(render.results_messages("en", results, stored.closes_at, tz))
    header = render.header_lines("en", results, stored.closes_at, tz)
    most_lines, most_chars = phone_bounds(full, len(results.questions), len(header))
    lines = summary.text.splitlines()
    assert len(lines) <= most_lines and len(summary.text) <= most_chars, summary.text
    assert "Responses: 17 of" in summary.text
    # Each question once, with its headline figure on the next line.
    for number, question in enumerate(results.questions, 1):
        title = f"{number}. {question.question.text['en']}"
        assert lines.count(title) == 1, title
    after = lines[lines.index("1. Protected hours a week?") + 1]
    assert after.endswith("median 3 hours (0–40)") and after.startswith("▓")
    wait = lines[lines.index("3. Wait for a return visit?") + 1]
    assert wait.endswith("53% Under 2 weeks")
    assert "💬 17 written answers" in summary.text and "private note" not in summary.text
    # One button per question with details (not the written answers), then the views.
    assert summary.buttons == [
        ["1", "2", "3", "4", "5", "6"],
        ["🏥 By worksite", "🧑‍⚕️ By classification"],
        ["📊 Charts", "📎 CSV"],
    ]

    await lee.press("1", summary)
    [detail] = await results_messages(lee, sandbox)
    assert "1. Protected hours a week? · 17 answered" in detail.text
    assert "mean 3.3 · median 3 · middle half 1–5 · range 0–7 hours" in detail.text
    await lee.press("3", summary)
    [detail] = await results_messages(lee, sandbox)
    assert "Under 2 weeks\n▓▓▓▓▓░░░░░ 53% (9)" in detail.text
    assert "Active caseload" not in detail.text  # only the question tapped

    await lee.press("🏥 By worksite", summary)
    [by_site] = await results_messages(lee, sandbox)
    # Tustin (3) and Santa Ana (2) are merged into Other (5); no group under 5 appears.
    assert "By worksite: Downey 6 · Irvine 6 · Other 5" in by_site.text
    assert "Tustin" not in by_site.text and "Santa Ana" not in by_site.text
    roster = {
        w
        for (w,) in await sandbox.services.db.fetchall(
            "SELECT DISTINCT worksite FROM members WHERE verified_at IS NOT NULL"
        )
    }
    hidden = len(roster - {"Downey", "Irvine"})
    assert f"🔒 {hidden} worksites aren't shown by name" in by_site.text
    assert by_site.buttons[-2] == ["📋 Overall", "🧑‍⚕️ By classification"]
    await lee.press("1", by_site)
    [detail] = await results_messages(lee, sandbox)
    assert "▸ Downey (6): mean" in detail.text and "▸ Other (5)" in detail.text
    assert "🔒" not in detail.text  # the hidden worksites were said once, in the summary

    await lee.press("🧑‍⚕️ By classification", summary)
    [by_class] = await results_messages(lee, sandbox)
    # Therapist (8) minus Irvine (6 therapists) would be Downey's 2 therapists: with the
    # worksites published, the classification breakdown is withheld, said once.
    assert "Nurse" not in by_class.text and "Therapist" not in by_class.text
    assert by_class.text.count("🔒") == 1 and "Not broken down by classification" in by_class.text
    await lee.press("3", by_class)
    [detail] = await results_messages(lee, sandbox)
    assert "Not broken down" not in detail.text and "Therapist" not in detail.text

    await lee.press("📎 CSV", summary)
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

    await lee.press("📊 Charts", summary)
    photo = await lee.wait_for(lambda m: m.photo is not None)
    assert photo.photo is not None and photo.photo.content.startswith(b"\x89PNG")


async def test_a_question_without_its_own_breakdown_is_named_once(union: Union) -> None:
    """Worksites are published, but an optional question few answered is not broken down:
    one line in the summary names it (not a line under every question), and its detail."""
    sandbox, lee = union.sandbox, union.lee
    stored = await load_survey(sandbox)
    await seed_responses(sandbox, stored, [("Downey", "Therapist", 8), ("Irvine", "Nurse", 6)])
    stored = await close_survey(sandbox, stored)
    lee.mark_read()
    await lee.send("/results check worksite")
    [summary] = await results_messages(lee, sandbox)
    results = await sandbox.services.surveys.results(stored, "worksite", OPERATOR)
    withheld = [
        n
        for n, e in enumerate(results.questions, 1)
        if e.question.type != "text" and e.overall.shown and not e.groups
    ]
    assert withheld, "the seeded answers leave a question without a breakdown"
    numbers = ", ".join(map(str, withheld))
    assert summary.text.count("to break down") == 1
    assert f"{'questions' if len(withheld) > 1 else 'question'} {numbers} by worksite" in (
        summary.text
    )
    await lee.press(str(withheld[0]), summary)
    [detail] = await results_messages(lee, sandbox)
    assert detail.text.count("to break down") == 1 and "▸" not in detail.text


async def test_forged_and_stale_result_buttons_are_refused(union: Union) -> None:
    sandbox, lee = union.sandbox, union.lee
    stored = await load_survey(sandbox)
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    await seed_responses(sandbox, stored, GROUPS)
    ana.mark_read()
    lee.mark_read()
    # Open: the answers are sealed, even to a leader who types the data of a detail button.
    await lee.press_data(f"v1:survey:q:{stored.pk}:0:all")
    await sandbox.settle()
    assert lee.callback_answers[-1][0].startswith("🔒 No details while the survey is open")
    stored = await close_survey(sandbox, stored)
    # A member with a forged detail button gets nothing, before or after the close.
    for data in (f"v1:survey:q:{stored.pk}:0:all", f"v1:survey:q:{stored.pk}:2:worksite"):
        await ana.press_data(data)
    await sandbox.settle()
    assert [a for a, _ in ana.callback_answers[-2:]] == [
        "Survey results are for stewards and leaders."
    ] * 2
    # A leader's forged numbers: no such question, free text (no details), bad shapes.
    for data in (
        f"v1:survey:q:{stored.pk}:99:all",
        f"v1:survey:q:{stored.pk}:6:all",
        f"v1:survey:q:{stored.pk}:-1:all",
        f"v1:survey:q:{stored.pk}:0:shoe",
        f"v1:survey:q:{stored.pk}:0",
        f"v1:survey:q:{stored.pk + 50}:0:all",
    ):
        await lee.press_data(data)
    await sandbox.settle()
    refused = [a for a, _ in lee.callback_answers[-6:]]
    assert len(refused) == 6 and all("expired" in a or "no longer" in a for a in refused), refused
    assert [m for m in (*ana.inbox, *lee.inbox) if "answered" in m.text] == []


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
        await sandbox.services.surveys.export(stored, OPERATOR)

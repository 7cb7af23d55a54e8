"""Strike-authorization votes end to end, as members and leaders use them on their phones."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bot.votes.definition import MAJORITY, TWO_THIRDS
from tests.e2e.voting import (
    VOTE_BUTTON,
    Voters,
    cast,
    close_vote,
    counts,
    create_vote,
    open_vote,
    received,
)


async def test_create_open_vote_close_result(voters: Voters) -> None:
    sandbox, union = voters.sandbox, voters.union
    vote = await create_vote(sandbox, question="Authorize a <b>strike</b>?")
    ballots = await open_vote(voters, vote, *voters.everyone)
    announcement = ballots[voters.ana]
    assert "Vote now: Authorize a <b>strike</b>?" in announcement.text  # typed text escaped
    assert "Vota ya" in ballots[voters.lucia].text
    # Ana votes: the choice is shown for confirmation, then replaced by a receipt.
    await voters.ana.press(VOTE_BUTTON, announcement)
    await voters.ana.next_edit(announcement)
    assert announcement.buttons == [["Yes"], ["No"]]
    await voters.ana.press("Yes", announcement)
    await voters.ana.next_edit(announcement)
    assert "You are voting Yes. Ballots cannot be changed. Confirm?" in announcement.text
    await voters.ana.press("✅ Confirm my ballot", announcement)
    await voters.ana.next_edit(announcement)
    assert "Your ballot is in" in announcement.text
    assert "Yes" not in announcement.text and announcement.buttons == []
    receipt = announcement.text.split("Your receipt: ")[1].split()[0]
    # Everyone else votes: 4 Yes, 2 No in all.
    for user, option in (
        (voters.ben, "Yes"),
        (voters.lucia, "No"),
        (union.sam, "Yes"),
        (union.iris, "No"),
        (union.lee, "Yes"),
    ):
        await cast(sandbox, user, ballots[user], option)
    assert await counts(sandbox) == (6, 6)
    # While open, the receipt is recorded, not yet counted.
    voters.ana.mark_read()
    await voters.ana.send(f"/verify {receipt.lower()}")
    assert "is recorded in vote #1" in (await voters.ana.next_message()).text
    union.lee.mark_read()
    await close_vote(voters, vote)
    result = await received(union.lee, "Result:")
    assert "Yes\n▓▓▓▓▓▓▓░░░ 67% (4)" in result.text
    assert "Ballots: 6 of 6 eligible members (100% turnout)" in result.text
    assert "The motion PASSED" in result.text  # exactly two-thirds passes
    assert result.buttons == [["🖼 Chart", "📄 Result CSV"], ["🧾 Receipts CSV"]]
    await received(voters.lucia, "Resultado:")
    await received(voters.ana, "Result:")
    await voters.ana.send(f"/verify {receipt}")
    assert "was counted in vote #1" in (await voters.ana.next_message()).text
    # The leader pulls the chart and the CSVs; every export is audited.
    await union.lee.press("🖼 Chart", result)
    chart = await union.lee.wait_for(lambda m: m.photo is not None)
    assert chart.photo is not None and chart.photo.content.startswith(b"\x89PNG")
    await union.lee.press("📄 Result CSV", result)
    document = await union.lee.wait_for(lambda m: m.document is not None)
    assert document.document is not None
    assert "1,Yes,4,66.7%" in document.document.content.decode()
    await union.lee.press("🧾 Receipts CSV", result)
    receipts = await union.lee.wait_for(lambda m: m.document is not None and m is not document)
    assert receipts.document is not None and receipt in receipts.document.content.decode()
    actions = [e.action for e in await sandbox.services.audit.recent(action=None)]
    for action in (
        "vote.create",
        "vote.open",
        "vote.close",
        "vote.export.chart",
        "vote.export.result",
        "vote.export.receipts",
    ):
        assert action in actions


@pytest.mark.parametrize(
    ("threshold", "quorum", "yes", "no", "passed", "why"),
    [
        (TWO_THIRDS, None, 2, 1, True, "exactly two-thirds passes"),
        (TWO_THIRDS, None, 3, 2, False, "one short of two-thirds (3 of 5)"),
        (MAJORITY, None, 2, 2, False, "a tie is not a majority"),
        (MAJORITY, Fraction(1, 2), 2, 1, True, "quorum exactly met: 3 of 6"),
        (MAJORITY, Fraction(1, 2), 2, 0, False, "quorum one short: 2 of 6"),
    ],
)
async def test_threshold_and_quorum_edges(
    voters: Voters, threshold: object, quorum: object, yes: int, no: int, passed: bool, why: str
) -> None:
    sandbox = voters.sandbox
    vote = await create_vote(sandbox, threshold=threshold, quorum=quorum)
    ballots = await open_vote(voters, vote, *voters.everyone)
    choices = ["Yes"] * yes + ["No"] * no
    for user, option in zip(voters.everyone, choices, strict=False):
        await cast(sandbox, user, ballots[user], option)
    await close_vote(voters, vote)
    result = await received(voters.union.lee, "Result:")
    assert ("The motion PASSED" in result.text) is passed, why

"""Ballot integrity and secrecy: hostile buttons, races, the roll, sealed results, restarts."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox.harness import Sandbox
from storage.members import Role
from storage.votes import CastOutcome
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.membership import verify_by_contact
from tests.e2e.voting import (
    Voters,
    ballot_message,
    build_voters,
    cast,
    close_vote,
    counts,
    create_vote,
    open_vote,
    received,
)


@pytest.fixture
async def voters(tmp_path: Path) -> AsyncIterator[Voters]:
    async with Sandbox(tmp_path, admin_ids=(ADMIN_ID,)) as sandbox:
        yield await build_voters(sandbox)


async def last_answer(user: object, sandbox: Sandbox) -> str | None:
    await sandbox.settle()
    return user.callback_answers[-1][0]  # type: ignore[attr-defined]


async def test_forged_callbacks_of_every_kind_store_nothing(voters: Voters) -> None:
    sandbox, ana = voters.sandbox, voters.ana
    later = await create_vote(sandbox, question="Later vote")
    done = await create_vote(sandbox, question="Done vote")
    vote = await create_vote(sandbox)
    await open_vote(voters, done, ana)
    await close_vote(voters, done)
    ballot = await open_vote(voters, vote, ana)
    ballot = await ballot_message(ana, vote.id)
    before = await counts(sandbox)
    forged = {
        "v1:vote:cast:999:0": "doesn't exist",  # a vote that does not exist
        f"v1:vote:cast:{later.id}:0": "isn't open yet",  # not yet open
        f"v1:vote:cast:{done.id}:0": "is closed",  # closed
        f"v1:vote:cast:{vote.id}:2": "isn't one of the options",  # only 0 and 1 exist
        f"v1:vote:cast:{vote.id}:99999999999999999999": "isn't one of the options",
        f"v1:vote:cast:{vote.id}:-1": "isn't one of the options",
        f"v1:vote:cast:{vote.id}:x": "isn't one of the options",
        f"v1:vote:cast:{vote.id}": "isn't one of the options",
        f"v1:vote:pick:{vote.id}:5": "isn't one of the options",
        "v1:vote:cast:1;DROP TABLE votes:0": "no longer works",
        "v1:vote:steal:1:0": "no longer works",
        "v2:vote:cast:1:0": "no longer works",
    }
    for data, answer in forged.items():
        await ana.press_data(data, ballot)
        assert answer in (await last_answer(ana, sandbox) or ""), data
    assert await counts(sandbox) == before == (0, 0)
    # A group chat is never a place to vote, even with valid data.
    group = sandbox.emulator.add_group("Break room", members=[ana])
    await ana.send("/start", chat=group)
    await sandbox.settle()
    await ana.press_data(f"v1:vote:cast:{vote.id}:0", group.last, chat=group)
    assert "private chat" in (await last_answer(ana, sandbox) or "")
    # Someone who is not a verified member, replaying a real button.
    stranger = sandbox.user("Mallory")
    await stranger.send("/start")
    await sandbox.settle()
    await stranger.press_data(f"v1:vote:cast:{vote.id}:0")
    assert "verify as a member first" in (await last_answer(stranger, sandbox) or "")
    assert await counts(sandbox) == (0, 0)
    # A real ballot still goes through afterwards; replaying it is refused.
    await cast(sandbox, ana, ballot, "No")
    await ana.press_data(f"v1:vote:cast:{vote.id}:0", ballot)
    assert "already voted" in (await last_answer(ana, sandbox) or "")
    assert await counts(sandbox) == (1, 1)


async def test_fifty_concurrent_casts_yield_one_ballot(voters: Voters) -> None:
    sandbox, ben = voters.sandbox, voters.ben
    vote = await create_vote(sandbox)
    ballot = (await open_vote(voters, vote, ben))[ben]
    # Fifty presses of Confirm at once, from a forged client (or a very nervous thumb).
    await asyncio.gather(
        *(ben.press_data(f"v1:vote:cast:{vote.id}:{i % 2}", ballot) for i in range(50))
    )
    await sandbox.settle()
    assert await counts(sandbox) == (1, 1)
    answers = [text for text, _ in ben.callback_answers]
    assert answers.count("Your ballot is in.") == 1
    assert sum("already voted" in (a or "") for a in answers) == 49
    # And straight at the service, bypassing Telegram's ordering entirely.
    member = await voters.union.member("A4")
    outcomes = await asyncio.gather(
        *(sandbox.services.votes.cast(vote.id, member, 0) for _ in range(50))
    )
    assert sorted(o for o, _ in outcomes).count(CastOutcome.CAST) == 1
    assert await counts(sandbox) == (2, 2)


async def test_member_verified_after_opening_is_not_on_the_roll_until_added(
    voters: Voters,
) -> None:
    sandbox, lee = voters.sandbox, voters.union.lee
    vote = await create_vote(sandbox)
    await open_vote(voters, vote, voters.ana, lee)
    # Cy's standing is fixed in the roster after the vote opened; he verifies now.
    await sandbox.services.db.execute(
        "UPDATE members SET status = 'good_standing' WHERE member_id = 'A3'"
    )
    cy = sandbox.user("Cy")
    await verify_by_contact(sandbox, cy, "A3")
    cy.mark_read()
    await cy.send("/vote")
    assert "no vote open to you" in (await cy.next_message()).text
    await cy.press_data(f"v1:vote:cast:{vote.id}:0")
    assert "not on the roll" in (await last_answer(cy, sandbox) or "")
    assert await counts(sandbox) == (0, 0)
    # A leader adds him explicitly; he gets the ballot and can vote. It is audited.
    lee.mark_read()
    await lee.send(f"/votes add {vote.id} A3")
    assert "A3 is on the roll of vote #1" in (await lee.next_message()).text
    await lee.send(f"/votes add {vote.id} A3")
    assert "already on this vote's roll" in (await lee.next_message()).text
    await lee.send(f"/votes add {vote.id} NOPE")
    assert "isn't a verified, active member" in (await lee.next_message()).text
    await lee.send("/votes add one A3")
    assert "Usage" in (await lee.next_message()).text
    ballot = await ballot_message(cy, vote.id)
    await cast(sandbox, cy, ballot, "Yes")
    assert await counts(sandbox) == (1, 1)
    stored = await sandbox.services.votes.repo.get(vote.id)
    assert stored is not None and stored.roll_size == 7
    [entry] = await sandbox.services.audit.recent(action="vote.roll_add")
    assert entry.actor == f"tg:{lee.id}" and entry.subject == "vote:1"
    # A member cannot add anyone.
    voters.ana.mark_read()
    await voters.ana.send(f"/votes add {vote.id} A3")
    assert "don't have permission" in (await voters.ana.next_message()).text


async def test_results_are_invisible_before_close_to_every_role(voters: Voters) -> None:
    sandbox, union = voters.sandbox, voters.union
    admin = sandbox.user("Rosa", user_id=ADMIN_ID)
    await admin.send("/start")
    await sandbox.settle()
    vote = await create_vote(sandbox)
    ballots = await open_vote(voters, vote, voters.ana, union.lee)
    await cast(sandbox, voters.ana, ballots[voters.ana], "Yes")
    for user, refusal in (
        (voters.ana, "permission"),
        (union.sam, "permission"),
        (union.lee, "sealed"),
        (admin, "sealed"),
    ):
        for action in ("result", "chart", "csv", "receipts"):
            await user.press_data(f"v1:votes:{action}:{vote.id}")
            assert refusal in (await last_answer(user, sandbox) or ""), (user.name, action)
        assert not any(m.photo or m.document for m in user.inbox)
        assert not any("Result:" in m.text for m in user.inbox)
    # The leader's card for an open vote offers turnout only.
    union.lee.mark_read()
    await union.lee.send("/votes")
    listing = await union.lee.next_message()
    await union.lee.press(f"#{vote.id} ›", listing)
    await union.lee.next_edit(listing)
    assert listing.buttons == [["📈 Turnout"], ["‹ All votes"]]
    await union.lee.press("📈 Turnout", listing)
    turnout = await union.lee.next_message()
    assert "Voted so far: 1 of 6 (17%)" in turnout.text
    assert "Yes" not in turnout.text
    # Worksites with fewer than 5 people on the roll are merged: Downey 3, Irvine 3.
    assert "Other: 1 of 6" in turnout.text and "Downey" not in turnout.text


async def test_restart_while_open_the_vote_still_closes_on_time(voters: Voters) -> None:
    sandbox = voters.sandbox
    vote = await create_vote(sandbox)
    ballots = await open_vote(voters, vote, voters.ana)
    await cast(sandbox, voters.ana, ballots[voters.ana], "Yes")
    await sandbox.stop_bot()
    # While the bot is down, its closing time comes near.
    closes = int(time.time()) + 2
    with sqlite3.connect(sandbox.database_path) as conn:
        conn.execute("UPDATE scheduled_jobs SET due_at = ? WHERE kind = 'vote.close'", (closes,))
        conn.execute("DROP TRIGGER votes_rules_frozen")  # the test moves the time; the bot can't
        conn.execute(
            "UPDATE votes SET opens_at = ?, closes_at = ? WHERE id = ?",
            (closes - 60, closes, vote.id),
        )
    await sandbox.start_bot()
    result = await received(voters.union.lee, "Result:", timeout=15)
    assert "Ballots: 1 of 6" in result.text
    stored = await sandbox.services.votes.repo.get(vote.id)
    assert stored is not None and stored.state == "closed"
    assert stored.closed_at is not None and stored.closed_at >= closes


async def test_after_close_ballots_cannot_be_ordered_or_joined_to_members(
    voters: Voters, caplog: pytest.LogCaptureFixture
) -> None:
    sandbox = voters.sandbox
    vote = await create_vote(sandbox)
    ballots = await open_vote(voters, vote, *voters.everyone)
    receipts = []
    for user, option in zip(voters.everyone, ["Yes", "No", "Yes", "Yes", "No", "Yes"], strict=True):
        receipts.append(await cast(sandbox, user, ballots[user], option))
    await close_vote(voters, vote)
    await received(voters.union.lee, "Result:")
    path = sandbox.database_path
    # The WAL was checkpointed and truncated at close: what it holds since (the result
    # broadcast, the audit entry) carries no ballot.
    wal = path.with_name(path.name + "-wal")
    wal_bytes = wal.read_bytes() if wal.exists() else b""
    with sqlite3.connect(path) as conn:
        columns = {
            table: [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for table in ("vote_ballots", "vote_participation")
        }
        assert columns == {
            "vote_ballots": ["tracker", "vote", "sealed"],
            "vote_participation": ["vote", "member"],
        }
        for table in ("vote_ballots", "vote_participation"):  # no hidden insertion counter
            with pytest.raises(sqlite3.OperationalError):
                conn.execute(f"SELECT rowid FROM {table}")
        # Stored order is the random receipt's order, not the order people voted in: scan
        # the table's own B-tree (its primary key), not the tally index.
        table_scan = "SELECT tracker FROM vote_ballots INDEXED BY sqlite_autoindex_vote_ballots_1"
        stored = [r[0] for r in conn.execute(table_scan)]
        assert stored == sorted(stored)
        canonical = [r.replace("-", "") for r in receipts]
        assert sorted(canonical) == stored, (receipts, stored)
        assert not any(r.encode() in wal_bytes for r in canonical)
        # Participation is in member order, with no time.
        members = [r[1] for r in conn.execute("SELECT vote, member FROM vote_participation")]
        assert members == sorted(members)
        # No other table holds a receipt, a choice per member, or a cast time.
        dump = "\n".join(conn.iterdump())
        for receipt in canonical:
            lines = [line for line in dump.splitlines() if receipt in line]
            assert len(lines) == 1 and lines[0].startswith('INSERT INTO "vote_ballots"')
        audit = [r[0] for r in conn.execute("SELECT action FROM audit_log")]
        assert not any("cast" in a or "ballot" in a for a in audit)
    # Nor do the logs.
    assert not any(r in caplog.text for r in receipts + canonical)


async def test_forgetme_keeps_the_ballot_and_one_member_one_vote(voters: Voters) -> None:
    sandbox, ben = voters.sandbox, voters.ben
    vote = await create_vote(sandbox)
    ballot = (await open_vote(voters, vote, ben))[ben]
    await cast(sandbox, ben, ballot, "No")
    await ben.send("/forgetme")
    await sandbox.settle()
    await ben.press("🗑 Yes, forget me")
    await sandbox.settle()
    assert await counts(sandbox) == (1, 1)
    # He comes back (a steward vouches for him again): the same member, who has voted.
    member = await voters.union.member("A2")
    await sandbox.services.members.link(member.id, ben.id)
    await ben.press_data(f"v1:vote:cast:{vote.id}:0", ballot)
    assert "already voted" in (await last_answer(ben, sandbox) or "")
    assert await counts(sandbox) == (1, 1)


async def test_only_leaders_manage_votes(voters: Voters) -> None:
    sandbox, sam = voters.sandbox, voters.union.sam
    vote = await create_vote(sandbox)
    for command in ("/votes", "/newvote"):
        await sam.send(command)
        assert "don't have permission" in (await sam.next_message()).text
    await sam.press_data(f"v1:votes:cancelok:{vote.id}")
    assert "permission" in (await last_answer(sam, sandbox) or "")
    stored = await sandbox.services.votes.repo.get(vote.id)
    assert stored is not None and stored.state == "scheduled"
    assert (await voters.union.member("S1")).role == Role.STEWARD


async def test_a_late_confirm_still_gets_its_receipt(voters: Voters) -> None:
    """Under load Telegram refuses an answer to a press older than its timeout; the ballot
    is in by then, so the member must still see the receipt (and no apology)."""
    sandbox, ana = voters.sandbox, voters.ana
    vote = await create_vote(sandbox)
    ballot = (await open_vote(voters, vote, ana))[ana]
    for button in ("🗳 Vote", "Yes"):
        await ana.press(button, ballot)
        await ana.next_edit(ballot)
    sandbox.emulator.world.callback_query_ttl = -1  # the answer to Confirm comes "too late"
    await ana.press("✅ Confirm my ballot", ballot)
    await ana.next_edit(ballot)
    assert "Your ballot is in" in ballot.text and "Your receipt:" in ballot.text
    assert not any("went wrong" in m.text for m in ana.inbox)
    assert await counts(sandbox) == (1, 1)

"""Sealed ballots, tried as the employer: copies of every file the server writes, taken
while a vote is open, and (in trustee mode) the server's .env as well.

The attacker here is stronger than any real one: the test hands them the exact link from
each member to their sealed ballot (the receipts), which is what page-order or WAL-frame
analysis of the copies could at best recover. Even so, nothing in the files says how
anyone voted, because the only thing that opens a ballot is a private key that is in no
file in usable form.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import sealing
from bot.keys import SHARES_PURPOSE, WRAP_PURPOSE
from bot.sealing import Opener, SealError, Share
from sandbox import SimUser
from sandbox.harness import SANDBOX_SECRET, Sandbox
from storage.members import Role
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.membership import crowd
from tests.e2e.voting import (
    Voters,
    ballot_message,
    build_voters,
    cast,
    close_vote,
    create_vote,
    local,
    open_vote,
    received,
    run_job,
)

VOTERS = 40


@pytest.fixture
async def voters(tmp_path: Path) -> AsyncIterator[Voters]:
    async with Sandbox(tmp_path, admin_ids=(ADMIN_ID,)) as sandbox:
        yield await build_voters(sandbox)


def copy_server_files(sandbox: Sandbox, into: Path) -> list[Path]:
    """What someone with the disk gets at this moment: the database, -wal, -shm, backups."""
    into.mkdir()
    path = sandbox.database_path
    copies = []
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            copies.append(Path(shutil.copy(source, into / source.name)))
    return copies


def rows_of_copy(copies: list[Path]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, as SQLite reads the copy (WAL frames replayed)."""
    with sqlite3.connect(f"file:{copies[0]}?mode=ro", uri=True) as conn:  # leaves the copy as is
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            table: conn.execute(f'SELECT * FROM "{table}"').fetchall()
            for table in tables
            if not table.startswith("faq_index")
        }


async def cast_all(voters: Voters, users: list[SimUser], choices: list[str]) -> dict[str, str]:
    """Each member votes in turn (a known order, known choices); their receipts by name."""
    vote = await create_vote(voters.sandbox)
    await open_vote(voters, vote)
    receipts = {}
    for user, choice in zip(users, choices, strict=True):
        ballot = await ballot_message(user, vote.id)
        receipts[user.name] = (await cast(voters.sandbox, user, ballot, choice)).replace("-", "")
    return receipts


async def test_copies_taken_while_the_vote_is_open_say_nothing_about_any_choice(
    voters: Voters, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sandbox = voters.sandbox
    users = await crowd(sandbox, VOTERS)
    choices = ["Yes" if (i * 7) % 3 else "No" for i in range(VOTERS)]
    receipts = await cast_all(voters, users, choices)
    # The employer copies the live files, and has last night's backup.
    live = copy_server_files(sandbox, tmp_path / "live")
    backup = await sandbox.services.db.backup_to(tmp_path / "backup" / "unionbot.sqlite3")
    key = await sandbox.services.keys.key("vote:1")
    assert key is not None and key.wrapped is not None and key.mode == "server"
    private = sealing.unwrap(
        sealing.server_key(SANDBOX_SECRET, WRAP_PURPOSE), key.wrapped, key.key_id
    )

    for copy in (live, [backup]):
        rows = rows_of_copy(copy)
        assert rows["vote_results"] == []  # no running tally anywhere
        boxes = {tracker: box for tracker, vote, box in rows["vote_ballots"] if vote == 1}
        assert len(boxes) == VOTERS
        # Perfect linkage handed to the attacker: member -> their sealed ballot.
        by_member = {name: boxes[receipt] for name, receipt in receipts.items()}
        assert len({len(box) for box in by_member.values()}) == 1  # lengths tell nothing
        yes = [box for (name, box), c in zip(by_member.items(), choices, strict=True) if c == "Yes"]
        no = [box for (name, box), c in zip(by_member.items(), choices, strict=True) if c == "No"]
        # No byte of the box is the same in every Yes ballot and different in every No one.
        for i in range(len(yes[0])):
            assert not (
                {b[i] for b in yes} & {b[i] for b in no} == set() and len({b[i] for b in yes}) == 1
            )
        # Without SECRET_KEY the wrapped key opens nothing.
        with pytest.raises(SealError):
            sealing.unwrap(
                sealing.server_key("a guessed secret" * 3, WRAP_PURPOSE), key.wrapped, key.key_id
            )
    # The private key itself is in no file the server wrote, nor in the log.
    for path in [*live, backup]:
        assert private not in path.read_bytes()
    assert private.hex() not in caplog.text
    # The limit of server mode, said plainly in docs/security.md: with .env as well, the
    # boxes open. Trustee mode (below) is for when that is not acceptable.
    opener = Opener(private)
    opened = {name: opener.open(box, "vote:1") for name, box in by_member.items()}
    assert [int.from_bytes(v, "big") for v in opened.values()] == [
        0 if c == "Yes" else 1 for c in choices
    ]

    # At the close the bot counts by itself, keeps only the totals and erases the key.
    await close_vote(voters, await sandbox.services.votes.repo.get(1))  # type: ignore[arg-type]
    result = await received(voters.union.lee, "Result:")
    assert f"65% ({choices.count('Yes')})" in result.text and "35% (14)" in result.text
    after = copy_server_files(sandbox, tmp_path / "after")
    rows = rows_of_copy(after)
    assert sorted(rows["vote_results"]) == [
        (1, 0, choices.count("Yes")),
        (1, 1, choices.count("No")),
    ]
    assert next(r for r in rows["seal_keys"] if r[0] == "vote:1")[3] is None  # wrapped key gone
    for path in after:
        assert key.wrapped not in path.read_bytes()


async def make_trustees(voters: Voters) -> list[SimUser]:
    """Lee and two more leaders, each of whom has talked to the bot."""
    sandbox = voters.sandbox
    extra = await crowd(sandbox, 2, worksite="Irvine")
    for n, user in enumerate(extra):
        member = await sandbox.services.members.by_member_id(f"C{n:04d}")
        assert member is not None
        await sandbox.services.roles.grant("cli", member, Role.LEADER)
        await user.send("/start")
    await sandbox.settle()
    return [voters.union.lee, *extra]


async def newvote_with_trustees(voters: Voters, trustees: list[SimUser], needed: str) -> None:
    """Lee sets up a strike vote in chat, choosing the trustee mode /newvote proposes."""
    lee, sandbox = voters.union.lee, voters.sandbox
    ids = [f"C{n:04d}" for n in range(len(trustees) - 1)]
    for text in (
        "/newvote",
        "Strike?",
        "¿Huelga?",
        "Yes / No",
        "Everyone",
        "Everyone",
        local(sandbox, 1),
        local(sandbox, 2),
        "Two-thirds",
        "No quorum",
        "Yes, show members",
        "🔑 Trustees",
        "\n".join(["L1", *ids]),
    ):
        await lee.send(text)
    await received(lee, f"How many of the {len(trustees)} trustees")
    await lee.send(needed)
    preview = await received(lee, "Count opened by:")
    assert f"Count opened by: {needed} of these trustees: L1, C0000, C0001" in preview.text
    await lee.press("✅ Create the vote", preview)
    await lee.next_edit(preview)
    assert "Vote #1 is scheduled" in preview.text


def share_of(user: SimUser) -> str:
    [message] = [m for m in user.inbox if "You are a trustee" in m.text]
    found = next(word for word in message.text.split() if word.startswith("UBK1-"))
    return found


async def test_trustees_two_of_three_unlock_the_count_and_nothing_less_opens_it(
    voters: Voters, tmp_path: Path
) -> None:
    sandbox = voters.sandbox
    trustees = await make_trustees(voters)
    await newvote_with_trustees(voters, trustees, "2")
    shares = [share_of(t) for t in trustees]
    assert len(set(shares)) == 3
    # The shares themselves are nowhere on the server.
    path = sandbox.database_path
    files = [
        path.with_name(path.name + s)
        for s in ("", "-wal")
        if path.with_name(path.name + s).exists()
    ]
    for share in shares:
        value = Share.parse(share)
        assert value is not None
        assert not any(
            value.value in f.read_bytes() or share.encode() in f.read_bytes() for f in files
        )
    vote = (await sandbox.services.votes.repo.recent())[0]
    # A share pasted while the vote is open is refused and never kept.
    ana, ben, lee = voters.ana, voters.ben, voters.union.lee
    await lee.send(shares[0])
    assert "still open" in (await received(lee, "still open")).text
    ballots = await open_vote(voters, vote, ana, ben)
    await cast(sandbox, ana, ballots[ana], "Yes")
    await cast(sandbox, ben, ballots[ben], "No")

    # Someone copies every server file, .env (SECRET_KEY) included, at any moment: sealed.
    await close_vote(voters, vote)
    await received(lee, "Vote #1 has closed")
    key = await sandbox.services.keys.key("vote:1")
    assert key is not None and key.wrapped is not None
    server_opener = sandbox.services.keys.server_opener
    with pytest.raises(SealError):
        server_opener(key)
    for purpose in (WRAP_PURPOSE, SHARES_PURPOSE):
        with pytest.raises(SealError):
            sealing.unwrap(sealing.server_key(SANDBOX_SECRET, purpose), key.wrapped, key.key_id)
    # Leaders see the vote is sealed, and who is awaited; nobody sees a result.
    await lee.send("/votes")
    listing = await lee.next_message()
    assert "#1 · closed · sealed" in listing.text
    await lee.press("#1 ›", listing)
    await lee.next_edit(listing)
    awaited = "Still awaited: Lee Leader, Member0 Crowd, Member1 Crowd"
    assert f"Unlocked by 0 of 2 trustees needed. {awaited}" in listing.text
    await lee.press_data("v1:votes:result:1", listing)
    await sandbox.settle()
    assert "still sealed" in (lee.callback_answers[-1][0] or "")

    # Wrong shares are refused and audited; nothing is kept.
    first, second, third = trustees
    forged = Share.parse(shares[1])
    assert forged is not None
    altered = Share(forged.key_id, forged.index, bytes(16)).text()
    await second.send(altered)
    assert "doesn't match" in (await received(second, "doesn't match")).text
    await second.send(shares[2])  # someone else's share
    assert "belongs to another trustee" in (await received(second, "belongs to another")).text
    await second.send(shares[1][:-3])
    assert "isn't complete" in (await received(second, "isn't complete")).text
    refused = await sandbox.services.audit.recent(action="vote.unlock.refused")
    assert len(refused) == 2
    # 1 of 3: kept (wrapped), still sealed; a restart loses nothing.
    await second.send(shares[1])
    assert "(1 of 2)" in (await received(second, "Thank you")).text
    await second.send(shares[1])
    assert "I already have your share" in (await received(second, "already have")).text
    copies = copy_server_files(sandbox, tmp_path / "one-share")
    rows = rows_of_copy(copies)
    returned = [r[4] for r in rows["seal_trustees"] if r[4] is not None]
    assert len(returned) == 1
    # Even with .env, one returned share plus anything else on disk does not open it.
    one = sealing.unwrap(
        sealing.server_key(SANDBOX_SECRET, SHARES_PURPOSE), returned[0], f"{key.key_id}:2"
    )
    with pytest.raises(SealError):
        sealing.unwrap(sealing.combine([Share(key.key_id, 2, one)]), key.wrapped, key.key_id)
    assert (await sandbox.services.votes.repo.get(1)).sealed  # type: ignore[union-attr]
    # The reminder (every 6 hours while sealed) goes to the trustees still awaited only.
    for user in trustees:
        user.mark_read()
    await run_job(sandbox, "vote.trustees", "1")
    for user in (first, third):
        assert "1 of 2 trustees have unlocked it" in (await received(user, "is still sealed")).text
    await sandbox.settle()
    assert not any("is still sealed" in m.text for m in second.inbox)
    await sandbox.restart()

    # The second trustee needed: counted at once, result announced, key erased.
    await third.send(f"here it is: {shares[2]}")
    assert "last share needed" in (await received(third, "last share")).text
    result = await received(ana, "Result:")
    assert result.text.count("50% (1)") == 2
    key = await sandbox.services.keys.key("vote:1")
    assert key is not None and key.wrapped is None
    assert all(t.returned is None for t in await sandbox.services.keys.repo.trustees("vote:1"))
    await first.send(shares[0])
    assert "already been counted" in (await received(first, "already been counted")).text
    actions = [e.action for e in await sandbox.services.audit.recent()]
    assert actions.count("vote.unlock") == 2 and "vote.count" in actions


async def test_a_trustee_who_cannot_be_reached_means_no_vote(voters: Voters) -> None:
    sandbox = voters.sandbox
    trustees = await make_trustees(voters)
    await trustees[2].block()
    lee = voters.union.lee
    for text in (
        "/newvote",
        "Strike?",
        "¿Huelga?",
        "Yes / No",
        "Everyone",
        "Everyone",
        local(sandbox, 1),
        local(sandbox, 2),
        "Two-thirds",
        "No quorum",
        "Yes, show members",
        "🔑 Trustees",
        "L1\nC0000\nNOBODY",
    ):
        await lee.send(text)
    await lee.send("2")
    preview = await received(lee, "Count opened by:")
    await lee.press("✅ Create the vote", preview)
    await lee.next_edit(preview)
    assert "NOBODY can't be a trustee" in preview.text
    assert await sandbox.services.votes.repo.recent() == []
    for text in (
        "/newvote",
        "Strike?",
        "¿Huelga?",
        "Yes / No",
        "Everyone",
        "Everyone",
        local(sandbox, 1),
        local(sandbox, 2),
        "Two-thirds",
        "No quorum",
        "Yes, show members",
        "🔑 Trustees",
        "All leaders",
        "2",
    ):
        await lee.send(text)
    preview = await received(lee, "Count opened by:")
    await lee.press("✅ Create the vote", preview)
    await lee.next_edit(preview)
    assert "couldn't send C0001 their key share" in preview.text
    assert await sandbox.services.votes.repo.recent() == []

"""Everyone on a vote's roll gets its result once: a leader on the roll gets the leaders'
copy (with the export buttons) and no second one."""

from __future__ import annotations

from collections.abc import Awaitable

from sandbox import SimUser
from sandbox.users import SentMessage
from tests.e2e import voting
from tests.e2e.voting import (
    Voters,
    cast,
    close_vote,
    create_vote,
    open_vote,
    received,
)
from tests.e2e.waiting import eventually


def results_in(user: SimUser) -> list[SentMessage]:
    return [m for m in user.inbox if "Result:" in m.text or "Resultado:" in m.text]


async def test_a_leader_on_the_roll_gets_the_result_once(voters: Voters) -> None:
    sandbox, lee = voters.sandbox, voters.union.lee
    vote = await create_vote(sandbox)
    ballots = await open_vote(voters, vote, *voters.everyone)  # Lee is on the roll
    for user in (voters.ana, lee):
        await cast(sandbox, user, ballots[user], "Yes")
    await close_vote(voters, vote)
    await received(lee, "Result:")
    await eventually(lambda: all(results_in(u) for u in voters.everyone), "every result")
    # Both result broadcasts (leaders', roll's) have handled every copy: nothing more comes.
    done = "SELECT COUNT(*) FROM broadcasts WHERE kind LIKE 'vote.result%' AND state = 'done'"
    await voting.eventually(lambda: _is(sandbox.services.db.fetchval(done), 2))
    [copy] = results_in(lee)
    assert copy.buttons == [["🖼 Chart", "📄 Result CSV"], ["🧾 Receipts CSV"]]
    for user in voters.everyone:
        assert len(results_in(user)) == 1, user.name


async def _is(value: Awaitable[object], expected: object) -> bool:
    return await value == expected

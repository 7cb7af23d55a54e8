"""Vote files with an id, on the running bot: one vote per id, changed only until it opens."""

from __future__ import annotations

import pytest

from bot.people import OPERATOR
from bot.votes.service import LoadOutcome, VoteError
from sandbox.harness import Sandbox
from tests.e2e.voting import Voters, local, run_job

FILE = """\
id: strike-may
question: {{en: "Strike in May?", es: "¿Huelga en mayo?"}}
opens_at: "{opens}"
closes_at: "{closes}"
threshold: two-thirds
"""


async def pending(sandbox: Sandbox, kind: str) -> list[tuple[int, int]]:
    jobs = await sandbox.services.scheduler.jobs.pending()
    return [(j.id, j.due_at) for j in jobs if j.kind == kind]


async def test_a_moved_opening_leaves_no_old_timer_that_could_open_it(voters: Voters) -> None:
    sandbox = voters.sandbox
    votes = sandbox.services.votes
    first = FILE.format(opens=local(sandbox, 1), closes=local(sandbox, 5))
    vote = (await votes.load_file(first, "may.yaml", OPERATOR)).vote
    [(old_job, _)] = await pending(sandbox, "vote.open")
    moved = FILE.format(opens=local(sandbox, 2), closes=local(sandbox, 5))
    loaded = await votes.load_file(moved, "may.yaml", OPERATOR)
    assert (loaded.outcome, loaded.changed, loaded.vote.id) == (
        LoadOutcome.UPDATED,
        ("opens_at",),
        vote.id,
    )
    [(new_job, due)] = await pending(sandbox, "vote.open")
    assert new_job != old_job and due == loaded.vote.opens_at
    # The running bot armed a timer for the old job at the old time; when it fires, nothing.
    await sandbox.services.scheduler.run_job(old_job)
    assert (await votes.get(vote.id)).state == "scheduled"  # type: ignore[union-attr]
    assert len(await votes.recent()) == 1


async def test_an_opened_vote_s_file_is_compared_not_loaded(voters: Voters) -> None:
    sandbox = voters.sandbox
    services = sandbox.services
    text = FILE.format(opens=local(sandbox, 1), closes=local(sandbox, 5))
    vote = (await services.votes.load_file(text, "may.yaml", OPERATOR)).vote
    await run_job(sandbox, "vote.open", str(vote.id))
    clock = services.scheduler.clock
    services.scheduler.clock = lambda: vote.opens_at + 600.0  # its opening is now past
    try:
        again = await services.votes.load_file(text, "may.yaml", OPERATOR)
        assert (again.outcome, again.vote.state) == (LoadOutcome.UNCHANGED, "open")
        with pytest.raises(VoteError) as refused:
            await services.votes.load_file(
                text.replace("¿Huelga en mayo?", "¿Huelga en junio?"), "may.yaml", OPERATOR
            )
    finally:
        services.scheduler.clock = clock
    assert refused.value.reason == "frozen" and refused.value.fields == ("question",)
    assert refused.value.vote is not None and refused.value.vote.id == vote.id
    stored = await services.votes.get(vote.id)
    assert stored is not None and stored.question["es"] == "¿Huelga en mayo?"

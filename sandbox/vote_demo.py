"""The vote scene of `unionbot demo`: a leader's vote opens, members vote, it closes."""

from __future__ import annotations

import asyncio

from bot.callbacks import pack
from bot.people import OPERATOR
from bot.votes.definition import TWO_THIRDS, VoteDefinition
from sandbox.harness import Sandbox
from sandbox.users import SentMessage, SimUser


async def play_vote(sandbox: Sandbox, leader: SimUser, ballots: list[tuple[SimUser, str]]) -> None:
    """Create, open, vote, verify a receipt, close; the timers' jobs are run at once here."""
    services = sandbox.services
    now = int(services.now().timestamp())
    vote = await services.votes.create(
        VoteDefinition(
            question={
                "en": "Do you authorize a strike if management won't cap caseloads?",
                "es": "¿Autorizas una huelga si la gerencia no limita la carga de casos?",
            },
            opens_at=now + 60,
            closes_at=now + 3600,
            threshold=TWO_THIRDS,
        ),
        OPERATOR,
    )
    await _run(sandbox, "vote.open", str(vote.id))
    for member, option in ballots:
        message = await _ballot(member, vote.id)
        for button in (message.buttons[0][0], option, message_confirm(member)):
            await member.press(button, message)
            await member.next_edit(message)
        await sandbox.settle()
    await leader.send("/votes")
    await sandbox.settle()
    await _run(sandbox, "vote.close", str(vote.id))
    await _wait(lambda: any("Result" in m.text for m in leader.inbox))
    first = ballots[0][0]
    code = next(line for line in reversed(first.inbox) if "receipt" in line.text.lower())
    typed = code.text.split("/verify ")[-1].split()[0]
    await first.send(f"/verify {typed}")
    await sandbox.settle()
    await _wait(
        lambda: all(
            any("Result" in m.text or "Resultado" in m.text for m in u.inbox) for u, _ in ballots
        )
    )


def message_confirm(member: SimUser) -> str:
    return "✅ Confirmar mi voto" if member.language_code == "es" else "✅ Confirm my ballot"


async def _run(sandbox: Sandbox, kind: str, key: str) -> None:
    scheduler = sandbox.services.scheduler
    [job] = [j for j in await scheduler.jobs.pending() if (j.kind, j.key) == (kind, key)]
    await scheduler.run_job(job.id)


async def _ballot(member: SimUser, vote_id: int) -> SentMessage:
    data = pack("vote", "show", vote_id)
    await _wait(lambda: any(data in row for m in member.inbox for row in m.button_data))
    return next(m for m in reversed(member.inbox) if any(data in row for row in m.button_data))


async def _wait(ready: object, timeout: float = 15.0) -> None:  # noqa: ASYNC109
    for _ in range(int(timeout / 0.05)):
        if ready():  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("the demo's vote did not progress")

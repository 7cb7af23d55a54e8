"""A small union ready to vote: six verified members, one lapsed, and helpers to run a vote."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from fractions import Fraction

from bot.people import OPERATOR
from bot.votes.definition import TWO_THIRDS, Threshold, VoteDefinition
from sandbox import SimUser
from sandbox.harness import Sandbox
from sandbox.users import SentMessage
from storage.votes import Vote
from tests.e2e.membership import Union, build_union, verify_by_contact

VOTE_BUTTON = "🗳 Vote"
# A vote's columns as the repository takes them: open from the start, closing far ahead.
VOTE_ROW = {
    "question": {"en": "Strike?", "es": "¿Huelga?"},
    "options": [{"en": "Yes", "es": "Sí"}, {"en": "No", "es": "No"}],
    "worksites": [],
    "classifications": [],
    "opens_at": 1,
    "closes_at": 4_000_000_000,
    "threshold_num": 2,
    "threshold_den": 3,
    "reminders": [],
}
CONFIRM = "✅ Confirm my ballot"
RECEIPT = re.compile(r"Your receipt: ([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})")


@dataclass
class Voters:
    """Everyone who can vote: members A1, A2, A4 (Spanish), stewards Sam, Iris, leader Lee."""

    union: Union
    ana: SimUser
    ben: SimUser
    lucia: SimUser
    users: dict[str, SimUser] = field(default_factory=dict)

    @property
    def sandbox(self) -> Sandbox:
        return self.union.sandbox

    @property
    def everyone(self) -> list[SimUser]:
        u = self.union
        return [self.ana, self.ben, self.lucia, u.sam, u.iris, u.lee]


async def build_voters(sandbox: Sandbox) -> Voters:
    union = await build_union(sandbox)
    users = {}
    for member_id, name, language in (
        ("A1", "Ana", "en"),
        ("A2", "Ben", "en"),
        ("A4", "Lucía", "es"),
    ):
        user = sandbox.user(name, language_code=language)
        await verify_by_contact(sandbox, user, member_id)
        user.mark_read()
        users[member_id] = user
    for user in (union.sam, union.iris, union.lee):
        user.mark_read()
    return Voters(union, users["A1"], users["A2"], users["A4"], users)


def local(sandbox: Sandbox, hours: int) -> str:
    """A time `hours` from now as a leader types it, in the union's zone."""
    when = datetime.now(sandbox.services.settings.tz) + timedelta(hours=hours)
    return when.strftime("%Y-%m-%d %H:%M")


def definition(sandbox: Sandbox, **overrides: object) -> VoteDefinition:
    """A vote opening in an hour and closing in two (tests run its jobs when they choose)."""
    now = int(sandbox.services.now().timestamp())
    values: dict[str, object] = {
        "question": "Do you authorize a strike?",
        "opens_at": now + 3600,
        "closes_at": now + 7200,
        "threshold": TWO_THIRDS,
    }
    values.update(overrides)
    return VoteDefinition(**values)  # type: ignore[arg-type]


async def create_vote(sandbox: Sandbox, **overrides: object) -> Vote:
    return await sandbox.services.votes.create(definition(sandbox, **overrides), OPERATOR)


async def run_job(sandbox: Sandbox, kind: str, key: str) -> None:
    """Run a vote's scheduled job now, exactly as its timer would."""
    services = sandbox.services
    [job] = [j for j in await services.scheduler.jobs.pending() if (j.kind, j.key) == (kind, key)]
    await services.scheduler.run_job(job.id)


async def open_vote(voters: Voters, vote: Vote, *expected: SimUser) -> dict[SimUser, SentMessage]:
    """Open the vote; wait for the announcement in each expected member's chat."""
    await run_job(voters.sandbox, "vote.open", str(vote.id))
    return {user: await ballot_message(user, vote.id) for user in expected}


async def ballot_message(user: SimUser, vote_id: int, timeout: float = 10.0) -> SentMessage:  # noqa: ASYNC109
    """The newest message in the member's chat with this vote's Vote button (waits for it)."""
    data = f"v1:vote:show:{vote_id}"
    for _ in range(int(timeout / 0.05)):
        for message in reversed(user.inbox):
            if any(data in row for row in message.button_data):
                return message
        await asyncio.sleep(0.05)
    raise AssertionError(f"{user.name} got no ballot for vote {vote_id}")


async def received(user: SimUser, text: str, timeout: float = 10.0) -> SentMessage:  # noqa: ASYNC109
    """The newest message in the user's chat containing `text`, waiting for it if needed."""
    for _ in range(int(timeout / 0.05)):
        for message in reversed(user.inbox):
            if text in message.text:
                user.mark_read()
                return message
        await asyncio.sleep(0.05)
    raise AssertionError(f"{user.name} never got a message with {text!r}")


async def close_vote(voters: Voters, vote: Vote) -> None:
    await run_job(voters.sandbox, "vote.close", str(vote.id))


async def cast(sandbox: Sandbox, user: SimUser, ballot: SentMessage, option: str) -> str:
    """Vote → option → Confirm on one message, as a member taps; returns the receipt.

    `option` is the English label; a Spanish-speaking member taps the default Yes as Sí.
    """
    spanish = user.language_code == "es"
    confirm = "✅ Confirmar mi voto" if spanish else CONFIRM
    vote_button = "🗳 Votar" if spanish else VOTE_BUTTON
    option = {"Yes": "Sí"}.get(option, option) if spanish else option
    if ballot.find_button(vote_button) is not None:
        await user.press(vote_button, ballot)
        await user.next_edit(ballot)
    await user.press(option, ballot)
    await user.next_edit(ballot)
    await user.press(confirm, ballot)
    await user.next_edit(ballot)
    await sandbox.settle()
    match = RECEIPT.search(ballot.text) or re.search(r"comprobante: (\S+)", ballot.text)
    assert match, ballot.text
    return match.group(1)


async def counts(sandbox: Sandbox) -> tuple[int, int]:
    """(ballots, participation rows) in the whole database."""
    db = sandbox.services.db
    ballots = await db.fetchval("SELECT COUNT(*) FROM vote_ballots")
    participation = await db.fetchval("SELECT COUNT(*) FROM vote_participation")
    return ballots, participation


async def eventually(check: object, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    """Poll an async predicate until true (the delivery engine works concurrently)."""
    for _ in range(int(timeout / 0.05)):
        if await check():  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition never became true")


def threshold(text: str) -> Threshold:
    num, den = text.split("/")
    return Threshold(Fraction(int(num), int(den)))

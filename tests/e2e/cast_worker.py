"""A process that casts ballots as fast as it can and prints each receipt once committed.

tests/e2e/test_vote_crash.py kills it with SIGKILL mid-way (settings from the environment).
"""

from __future__ import annotations

import asyncio
import sys

from bot.services import open_services
from bot.settings import load_settings
from storage.votes import CastOutcome


async def main(vote_id: int) -> None:
    async with open_services(load_settings()) as services:
        for member_id in await services.votes.repo.roll(vote_id):
            member = await services.members.get(member_id)
            assert member is not None
            outcome, receipt = await services.votes.cast(vote_id, member, member_id % 2)
            if outcome is CastOutcome.CAST:  # committed: this ballot must survive anything
                print(f"{member_id} {receipt}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))

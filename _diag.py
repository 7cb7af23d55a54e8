import asyncio, tempfile
from pathlib import Path
from bot.sandbox.harness import Sandbox
import handlers.votes as hv
calls = 0
orig = hv.on_ballot

async def counting(update, context):
    global calls; calls += 1
    return await orig(update, context)
async def main():
    hv.on_ballot = counting
    with tempfile.TemporaryDirectory() as d:
        async with Sandbox(Path(d), broadcast_rate=1000, paid_broadcast=True) as sandbox:
            from benchmarks.votes import add_members, new_vote, ballot_of
            users = await add_members(sandbox, 50)
            vote = await new_vote(sandbox)
            ballots = await asyncio.gather(*(ballot_of(u, vote.id) for u in users))
            for u, b in zip(users, ballots):
                await u.press_data(f"v1:vote:cast:{vote.id}:0", b)
            await asyncio.gather(*(u.next_edit(b, timeout=60) for u, b in zip(users, ballots)))
            await sandbox.settle()
            n = await sandbox.services.db.fetchval("SELECT COUNT(*) FROM audit_log")
            print("presses 50, cast calls:", calls)
if __name__ == "__main__":
    asyncio.run(main())

"""A SIGKILL while members are casting loses no committed ballot and allows no second one."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.services import open_services
from bot.settings import load_settings
from storage.votes import CastOutcome
from tests.conftest import TEST_SECRET
from tests.e2e.voting import VOTE_ROW

MEMBERS = 400
KILL_AFTER = 120


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "crash.sqlite3"))
    return {
        **os.environ,
        "SECRET_KEY": TEST_SECRET,
        "DATABASE_PATH": str(tmp_path / "crash.sqlite3"),
    }


async def open_a_vote() -> int:
    async with open_services(load_settings()) as services:
        await services.db.conn.executemany(
            "INSERT INTO members (member_id, telegram_id, worksite, verified_at) "
            "VALUES (?, ?, 'Downey', 1)",
            [(f"M{i}", 7000 + i) for i in range(MEMBERS)],
        )
        vote = await services.votes.repo.create(VOTE_ROW, "cli")
        await services.votes.open(vote.id)
        return vote.id


async def after_the_crash(vote_id: int, printed: dict[int, str]) -> None:
    async with open_services(load_settings()) as services:
        db, votes = services.db, services.votes
        trackers = set(await votes.repo.receipts(vote_id))
        assert set(printed.values()) <= trackers  # every committed ballot survived
        ballots = await db.fetchval("SELECT COUNT(*) FROM vote_ballots WHERE vote = ?", (vote_id,))
        assert ballots == await votes.repo.participants(vote_id) >= len(printed)
        # Everyone tries again: who had voted is refused, the rest cast once.
        outcomes = []
        for member_id in await votes.repo.roll(vote_id):
            member = await services.members.get(member_id)
            assert member is not None
            outcomes.append((await votes.cast(vote_id, member, member_id % 2))[0])
        assert outcomes.count(CastOutcome.ALREADY_VOTED) == ballots
        assert outcomes.count(CastOutcome.CAST) == MEMBERS - ballots
        tally = await votes.close(vote_id)
        assert tally is not None and tally.ballots == MEMBERS
        roll = await votes.repo.roll(vote_id)
        assert tally.counts == (sum(1 for m in roll if m % 2 == 0), sum(1 for m in roll if m % 2))


def test_sigkill_while_casting_loses_no_ballot_and_allows_no_second(env: dict[str, str]) -> None:
    vote_id = asyncio.run(open_a_vote())
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.cast_worker", str(vote_id)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert worker.stdout is not None
    printed: dict[int, str] = {}
    for line in worker.stdout:
        member, receipt = line.split()
        printed[int(member)] = receipt
        if len(printed) == KILL_AFTER:
            worker.send_signal(signal.SIGKILL)
            break
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL  # it really died mid-way, not at the end
    asyncio.run(after_the_crash(vote_id, printed))

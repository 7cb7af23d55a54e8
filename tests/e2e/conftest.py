"""End-to-end fixtures: the real bot over HTTP against the emulator, on a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox.harness import Sandbox
from tests.e2e.voting import Voters, build_voters

ADMIN_ID = 4242


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    """A running bot whose only admin has Telegram id ADMIN_ID."""
    async with Sandbox(tmp_path, admin_ids=(ADMIN_ID,)) as running:
        yield running


@pytest.fixture
async def voters(tmp_path: Path) -> AsyncIterator[Voters]:
    """A running bot with a union whose members are verified and ready to vote."""
    async with Sandbox(tmp_path) as running:
        yield await build_voters(running)

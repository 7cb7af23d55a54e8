"""Waiting for things the bot does in the background (the delivery engine, scheduled jobs)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def eventually(condition: Callable[[], bool], what: str = "condition") -> None:
    """Poll `condition` for up to 30 s; fail with `what` if it never holds."""
    for _ in range(600):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{what} never happened")

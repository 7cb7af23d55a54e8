"""The delivery engine through the emulator: paced, retried, persisted, reported."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.outgoing import Button, Outgoing
from sandbox import SimUser
from sandbox.harness import Sandbox
from storage.delivery import Progress
from tests.e2e.membership import Union, build_union, verify_by_contact


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


async def members(union: Union, *ids: str) -> list[SimUser]:
    users = []
    for member_id in ids:
        user = union.sandbox.user(f"M{member_id}")
        await verify_by_contact(union.sandbox, user, member_id)
        user.mark_read()
        users.append(user)
    return users


async def finished(sandbox: Sandbox, broadcast: int) -> Progress:
    """Wait (up to 30 s) until the engine has closed the broadcast; its final counts."""
    for _ in range(600):
        stored = await sandbox.services.delivery.repo.get(broadcast)
        if stored is not None and stored.state != "sending":
            return await sandbox.services.delivery.progress(broadcast)
        await asyncio.sleep(0.05)
    raise AssertionError(
        f"broadcast {broadcast} still sending: "
        f"{await sandbox.services.delivery.progress(broadcast)}"
    )


MESSAGES = {
    "en": Outgoing("📰 <b>Bargaining update</b>", ((Button("✅ Got it", "v1:x:ack:1"),),)),
    "es": Outgoing("📰 <b>Noticia de la negociación</b>"),
}


async def test_each_member_gets_one_copy_in_their_language(union: Union) -> None:
    sandbox = union.sandbox
    ana, lucia = await members(union, "A1", "A4")
    pks = [(await union.member(m)).id for m in ("A1", "A4")]
    broadcast = await sandbox.services.delivery.enqueue(
        kind="test", subject=None, recipients=pks, messages=MESSAGES, created_by="cli"
    )
    assert (await ana.next_message()).text == "📰 Bargaining update"
    assert (await lucia.next_message()).text == "📰 Noticia de la negociación"
    progress = await finished(sandbox, broadcast)
    assert (progress.total, progress.sent, progress.pending) == (2, 2, 0)

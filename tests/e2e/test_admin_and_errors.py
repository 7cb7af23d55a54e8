"""Admin backups from the phone, and what people see when something breaks."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from sandbox.harness import Sandbox
from tests.e2e.conftest import ADMIN_ID


def backups_in(sandbox: Sandbox) -> list[str]:
    folder = sandbox.folder / "backups"
    return sorted(p.name for p in folder.glob("*.sqlite3")) if folder.exists() else []


async def test_admin_backs_up_from_the_phone(sandbox: Sandbox) -> None:
    boss = sandbox.user("Rosa", user_id=ADMIN_ID)
    await boss.send("/backup")
    reply = await boss.next_message()
    assert reply.text.startswith("💾 Backup saved: unionbot-")
    [name] = backups_in(sandbox)
    assert name in reply.text
    with sqlite3.connect(sandbox.folder / "backups" / name) as copy:
        assert copy.execute("SELECT role FROM members").fetchall() == [("admin",)]
    [entry] = await sandbox.services.audit.recent(action="db.backup")
    assert entry.actor == f"tg:{ADMIN_ID}" and entry.subject == name


async def test_member_cannot_back_up(sandbox: Sandbox) -> None:
    ana = sandbox.user("Ana")
    await ana.send("/backup")
    assert (await ana.next_message()).text == "Sorry, you don't have permission to do that."
    assert backups_in(sandbox) == []
    assert await sandbox.services.audit.recent(action="db.backup") == []


async def test_failure_is_logged_and_the_person_told_without_internals(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    ana = sandbox.user("Ana")
    await sandbox.services.db.close()  # the database goes away under the running bot
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        await ana.send("/start")
        reply = await ana.next_message()
    assert reply.text == "😕 Sorry, something went wrong on our side. Please try again in a minute."
    [record] = [r for r in caplog.records if r.name == "handlers.errors"]
    assert f"user {ana.id}" in record.getMessage() and "kind message" in record.getMessage()
    assert record.exc_info is not None  # the traceback goes to the log, not the chat
    assert "database" not in reply.text.lower()
    await sandbox.services.db.connect()  # once it is back, the bot carries on
    await ana.send("/start")
    assert "Welcome" in (await ana.next_message()).text

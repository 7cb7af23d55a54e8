"""Survey reminders come only after the survey has opened: one whose time fell before the
opening is never sent, after a restart or when the survey opens late."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.people import OPERATOR
from sandbox import SimUser
from sandbox.harness import Sandbox
from storage.surveys import StoredSurvey
from tests.e2e.membership import Union, build_union, verify_by_contact
from tests.e2e.surveys import SURVEY
from tests.e2e.waiting import eventually

REMINDED = "⏰"  # the reminder's first character (survey.reminder)


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


async def ana_of(union: Union) -> SimUser:
    ana = union.sandbox.user("Ana")
    await verify_by_contact(union.sandbox, ana, "A1")
    ana.mark_read()
    return ana


async def store(
    sandbox: Sandbox, closes_in: timedelta, opens_in: timedelta | None = None
) -> StoredSurvey:
    """Store the test survey (default reminder: 24 hours before closing) as the CLI does."""
    now = datetime.now(sandbox.services.settings.tz)
    opens = "" if opens_in is None else f"opens_at: {(now + opens_in):%Y-%m-%d %H:%M}"
    text = SURVEY.format(audience=opens, closes=f"{(now + closes_in):%Y-%m-%d %H:%M}")
    service = sandbox.services.surveys
    return await service.store(service.parse(text, "check.yaml"), OPERATOR)


def reminders(sandbox: Sandbox) -> int:
    with sqlite3.connect(sandbox.database_path) as conn:
        [(count,)] = conn.execute(
            "SELECT COUNT(*) FROM broadcasts WHERE kind = 'survey.remind'"
        ).fetchall()
    return count


async def test_a_reminder_due_before_the_opening_is_not_sent_after_a_restart(
    union: Union,
) -> None:
    sandbox = union.sandbox
    ana = await ana_of(union)
    stored = await store(sandbox, closes_in=timedelta(hours=12))  # 24h before: not yet open
    announcement = await ana.next_message()
    assert "▶️ Start" in announcement.buttons[0]
    await sandbox.restart()
    await sandbox.settle()
    await sandbox.restart()  # and again: still nothing
    await sandbox.settle()
    assert reminders(sandbox) == 0
    assert not any(m.text.startswith(REMINDED) for m in ana.inbox)
    current = await sandbox.services.surveys.get(stored.pk)
    assert current is not None and current.state == "open"


async def test_a_survey_that_opens_late_does_not_remind_at_once(
    union: Union, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox = union.sandbox
    ana = await ana_of(union)
    # Opens in an hour, closes in two days: the reminder is due in a day.
    stored = await store(sandbox, closes_in=timedelta(days=2), opens_in=timedelta(hours=1))
    service = sandbox.services.surveys
    assert (await service.get(stored.pk)).state == "scheduled"  # type: ignore[union-attr]
    # The bot was down from before the opening until after the reminder's time.
    later = service.clock() + timedelta(days=1, hours=1).total_seconds()
    monkeypatch.setattr(service, "clock", lambda: later)
    await service.catch_up()  # what start-up does
    await eventually(lambda: any("▶️ Start" in str(m.buttons) for m in ana.inbox), "opened")
    assert await service.remind(stored.pk, 1) is None  # what the overdue timer runs
    await sandbox.settle()
    assert reminders(sandbox) == 0
    assert not any(m.text.startswith(REMINDED) for m in ana.inbox)


async def test_a_reminder_due_after_the_opening_is_still_sent_after_a_restart(
    union: Union, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox = union.sandbox
    ana = await ana_of(union)
    stored = await store(sandbox, closes_in=timedelta(days=2))  # reminder due in a day
    await ana.next_message()  # the announcement
    service = sandbox.services.surveys
    later = service.clock() + timedelta(days=1, hours=1).total_seconds()
    monkeypatch.setattr(service, "clock", lambda: later)
    await service.catch_up()  # start-up after the bot was down at the reminder's time
    reminder = await ana.next_message()
    assert reminder.text.startswith(REMINDED) and "Workload check" in reminder.text
    assert reminders(sandbox) == 1
    assert (await service.get(stored.pk)).reminders_sent == 1  # type: ignore[union-attr]

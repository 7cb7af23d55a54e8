"""Drafts kept across restarts are data, never code: wizards resume, tampered rows are dropped."""

from __future__ import annotations

import json
import logging
import os
import pickle
import sqlite3
from pathlib import Path

import pytest

from sandbox.harness import Sandbox
from storage.database import available_migrations
from tests.e2e.voting import Voters, local, received


def stored_drafts(sandbox: Sandbox) -> dict[int, str]:
    with sqlite3.connect(sandbox.database_path) as conn:
        return dict(conn.execute("SELECT telegram_id, data FROM user_drafts").fetchall())


async def test_newvote_preview_survives_a_restart_then_confirms(voters: Voters) -> None:
    sandbox, lee = voters.sandbox, voters.union.lee
    opens, closes = local(sandbox, 2), local(sandbox, 5)
    for text in (
        "/newvote",
        "Strike?",
        "¿Huelga?",
        "Yes / No",
        "Everyone",
        "Everyone",
        opens,
        closes,
        "Two-thirds",
        "50%",
        "Yes, show members",
        "🤖 The bot, at close",
    ):
        await lee.send(text)
    preview = await received(lee, "Quorum: 50%")
    await sandbox.settle()
    await sandbox.restart()  # a deploy while the leader reads the preview
    stored = json.loads(stored_drafts(sandbox)[lee.id])
    assert stored["newvote"]["definition"]["$"] == "vote_definition"
    assert stored["newvote"]["definition"]["v"]["question"] == {"en": "Strike?", "es": "¿Huelga?"}
    await lee.press("✅ Create the vote", preview)
    await lee.next_edit(preview)
    assert "Vote #1 is scheduled" in preview.text
    [vote] = await sandbox.services.votes.repo.recent()
    assert (vote.threshold_num, vote.threshold_den, vote.quorum_num, vote.quorum_den) == (
        2,
        3,
        1,
        2,
    )


async def test_a_scheduled_broadcast_draft_keeps_its_time_across_a_restart(
    voters: Voters,
) -> None:
    sandbox, lee = voters.sandbox, voters.union.lee
    await lee.send("/broadcast")
    await lee.send("Strike vote meeting")
    await sandbox.settle()
    for label in ("Next ➡", "Normal", "⏰ Schedule"):
        await lee.press(label)
        await sandbox.settle()
    await lee.send("2099-03-04 18:30")
    await sandbox.settle()
    await sandbox.restart()
    await lee.press("✅ Confirm")
    await sandbox.settle()
    assert "is scheduled for Wed Mar 4, 2099, 6:30\u00a0PM" in lee.last.text  # type: ignore[union-attr]


def old_database(path: Path, draft: bytes, telegram_id: int) -> None:
    """A database (e.g. a restored backup) from before drafts were JSON, with a pickled row."""
    with sqlite3.connect(path) as conn:
        for version, name, sql in available_migrations():
            if version >= 12:
                break
            conn.executescript(sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 0)", (version, name))
        conn.execute("INSERT INTO user_drafts VALUES (?, ?)", (telegram_id, draft))


class Exploit:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


async def test_a_pickled_draft_in_a_restored_backup_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    sandbox = Sandbox(tmp_path)
    old_database(sandbox.database_path, pickle.dumps({"draft": Exploit(marker)}), 777)
    async with sandbox:
        assert not marker.exists()
        assert stored_drafts(sandbox) == {}  # dropped unread by migration 0012
        ana = sandbox.user("Ana")
        await ana.send("/start")
        assert "Welcome" in (await ana.next_message()).text
    assert not marker.exists()


async def test_a_tampered_json_draft_is_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with Sandbox(tmp_path) as sandbox:
        pass  # a migrated database
    with sqlite3.connect(sandbox.database_path) as conn:
        conn.executemany(
            "INSERT INTO user_drafts VALUES (?, ?)",
            [
                (501, '{"draft": {"$": "os.system", "v": "touch owned"}}'),
                (502, '{"newvote": {"definition": {"$": "vote_definition", "v": {"x": 1}}}}'),
                (503, '{"typed_id": "A1"}'),  # an ordinary draft stays
            ],
        )
    with caplog.at_level(logging.WARNING, logger="bot.runtime.persistence"):
        async with sandbox:
            assert stored_drafts(sandbox) == {503: '{"typed_id": "A1"}'}
            assert sandbox.application is not None
            assert sandbox.application.user_data[503] == {"typed_id": "A1"}
            ana = sandbox.user("Ana")
            await ana.send("/start")
            assert "Welcome" in (await ana.next_message()).text
    warnings = [r.getMessage() for r in caplog.records if r.name == "bot.runtime.persistence"]
    assert len(warnings) == 2 and all("dropped the stored draft of user 50" in w for w in warnings)
    assert not (tmp_path / "owned").exists()

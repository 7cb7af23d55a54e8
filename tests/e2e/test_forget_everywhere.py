"""After /forgetme, no copy of the database or its WAL holds the Telegram id or the name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.membership.roster import import_roster, parse_roster
from sandbox.harness import SANDBOX_SECRET, Sandbox
from tests.e2e.membership import approve_request_of, build_union
from tests.e2e.voting import eventually, received

TG_ID = 918273645
FIRST, LAST = "Zebulonia", "Quixwright"
ROSTER = f"""member_id,first_name,last_name,phone,worksite,classification,status,language
Z1,{FIRST},{LAST},213-555-0123,Downey,Therapist,good_standing,
"""


def rows_holding(path: Path, needle: int) -> list[str]:
    """Every (table.column) in the whole database with a value equal to or containing needle."""
    found = []
    with sqlite3.connect(path) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            for column in [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]:
                hits = conn.execute(
                    f'SELECT COUNT(*) FROM "{table}" WHERE "{column}" = ? '
                    f'OR CAST("{column}" AS TEXT) LIKE ?',
                    (needle, f"%{needle}%"),
                ).fetchone()[0]
                if hits:
                    found.append(f"{table}.{column}")
    return found


async def test_forgetme_leaves_no_telegram_id_or_name_in_any_file(tmp_path: Path) -> None:
    async with Sandbox(tmp_path) as sandbox:
        union = await build_union(sandbox)
        await import_roster(sandbox.services.roster, parse_roster(ROSTER, SANDBOX_SECRET))
        zeb = sandbox.user(FIRST, user_id=TG_ID)
        await zeb.send("/start")
        await zeb.share_contact("+1 213 555 0123")
        await sandbox.settle()
        await approve_request_of(sandbox, zeb)  # her steward confirms the phone's request
        await received(zeb, "verified")
        # She receives a bargaining update and taps Got it (the outbox records both).
        lee = union.lee
        await lee.send("/broadcast")
        await lee.send("Picket at noon")
        await sandbox.settle()
        for label in ("Next ➡", "Normal", "📤 Now", "✅ Confirm"):
            await lee.press(label)
            await sandbox.settle()
        update = await received(zeb, "Picket at noon")

        async def recorded() -> bool:  # the engine records "sent" just after Telegram has it
            sent = "SELECT COUNT(*) FROM deliveries WHERE chat_id = ? AND state = 'sent'"
            return await sandbox.services.db.fetchval(sent, (TG_ID,)) == 1

        await eventually(recorded)
        await zeb.press("✅ Got it", update)
        await sandbox.settle()
        assert "deliveries.chat_id" in rows_holding(sandbox.database_path, TG_ID)

        await zeb.send("/forgetme")
        question = await received(zeb, "Go ahead?")
        await zeb.press("🗑 Yes, forget me", question)
        await received(zeb, "The bot has forgotten you")
        await sandbox.settle()

        async def gone() -> bool:  # PTB drops the draft row on its next persistence run
            return rows_holding(sandbox.database_path, TG_ID) == []

        await eventually(gone)
        counts = await sandbox.services.db.fetchone(
            "SELECT COUNT(*), COUNT(acked_at) FROM deliveries WHERE broadcast = 1"
        )
        assert counts is not None and counts[1] == 1  # the update's tally keeps her "Got it"
        await sandbox.services.db.checkpoint()  # the bot did so already; settle races
        db = sandbox.database_path
        for path in (db, db.with_name(db.name + "-wal")):
            raw = path.read_bytes() if path.exists() else b""
            assert FIRST.encode() not in raw and LAST.encode() not in raw, path.name


async def test_pending_copies_for_a_forgotten_member_are_never_sent(tmp_path: Path) -> None:
    async with Sandbox(tmp_path) as sandbox:
        await import_roster(sandbox.services.roster, parse_roster(ROSTER, SANDBOX_SECRET))
        member = await sandbox.services.members.by_member_id("Z1")
        assert member is not None
        await sandbox.services.members.link(member.id, TG_ID)
        db = sandbox.services.db
        await db.execute(
            "INSERT INTO broadcasts (id, kind, payload, created_by) "
            "VALUES (90, 'test', '{}', 'cli')"
        )
        await db.execute(
            "INSERT INTO deliveries (broadcast, member, chat_id, language, due_at) "
            "VALUES (90, ?, ?, 'en', 1e12)",  # due far in the future: the engine leaves it
            (member.id, TG_ID),
        )
        await sandbox.services.members.forget(member.id)
        assert await db.fetchval("SELECT COUNT(*) FROM deliveries WHERE broadcast = 90") == 0
        assert rows_holding(sandbox.database_path, TG_ID) == []

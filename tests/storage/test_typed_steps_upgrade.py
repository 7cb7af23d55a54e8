"""Schema 16: typed steps waiting in `pending_inputs` move into their person's draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.drafts import decode
from storage import database
from storage.database import Database


async def test_waiting_steps_move_into_drafts_and_the_table_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = database.available_migrations()
    assert shipped[15][1] == "0016_typed_steps.sql"
    path = tmp_path / "old.sqlite3"
    monkeypatch.setattr(database, "available_migrations", lambda: shipped[:15])
    async with Database(path) as db:
        await db.migrate()
        rows = [  # a steward answering in the group and in private; a leader mid-FAQ-add
            (7, -100, "answer", None, "{}", 55, 1000),
            (7, 7, "faq_link", None, '{"source": "g", "number": 3}', 56, 1001),
            (8, 8, "faq_add", None, '{"step": "answer", "question": "¿Pago?"}', None, 1002),
        ]
        for row in rows:
            await db.execute("INSERT INTO pending_inputs VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        await db.execute(  # 8 is also halfway through a wizard: that draft stays
            "INSERT INTO user_drafts (telegram_id, data) VALUES (8, ?)", ('{"correcting": 4}',)
        )
    monkeypatch.setattr(database, "available_migrations", lambda: shipped[:16])
    async with Database(path) as db:
        assert await db.migrate() == ["0016_typed_steps.sql"]
        drafts = {
            r["telegram_id"]: decode(r["data"])
            for r in await db.fetchall("SELECT telegram_id, data FROM user_drafts")
        }
        tables = await db.fetchall("SELECT name FROM sqlite_master WHERE name = 'pending_inputs'")
    assert tables == []
    assert drafts == {
        7: {
            "typing": {
                "-100": {"kind": "answer", "ticket": None, "data": {}, "prompt": 55, "at": 1000},
                "7": {
                    "kind": "faq_link",
                    "ticket": None,
                    "data": {"source": "g", "number": 3},
                    "prompt": 56,
                    "at": 1001,
                },
            }
        },
        8: {
            "correcting": 4,
            "typing": {
                "8": {
                    "kind": "faq_add",
                    "ticket": None,
                    "data": {"step": "answer", "question": "¿Pago?"},
                    "prompt": None,
                    "at": 1002,
                }
            },
        },
    }

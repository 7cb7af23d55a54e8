"""`unionbot demo`: the real bot on the local emulator, playing a short scene.

The scene grows with every feature; each step is what a member, steward or leader
would do on their phone.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from bot.sandbox.harness import Sandbox

ADMIN_ID = 7001


async def run_demo() -> str:
    """Play the scene on a throwaway database and return the transcript."""
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="unionbot-demo-") as folder:
        async with Sandbox(Path(folder), admin_ids=(ADMIN_ID,)) as sandbox:
            ana = sandbox.user("Ana", last_name="Reyes")
            lucia = sandbox.user("Lucía", language_code="es")
            rosa = sandbox.user("Rosa", last_name="Chair", user_id=ADMIN_ID)
            for person, text in (
                (ana, "/start"),
                (ana, "/help"),
                (lucia, "/start"),
                (rosa, "/help"),
                (rosa, "/backup"),
                (ana, "/strike"),
            ):
                await person.send(text)
                await sandbox.settle()
            return sandbox.emulator.render_transcript()

"""Someone who reads the log at DEBUG: no token, phone, ballot, receipt or typed answer."""

from __future__ import annotations

import base64
import io
import logging
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.logs import CAPS, CHATTER, configure_logging, redact
from bot.settings import Settings
from sandbox.harness import Sandbox
from tests.e2e.membership import PHONES
from tests.e2e.surveys import answer_low_caseload, load_survey, press_and_edit
from tests.e2e.voting import build_voters, cast, create_vote, open_vote

# Shaped like a real token (bot id, colon, 35 characters), so the pattern is tested too.
TOKEN = "7012345678:AAHd9fQx_k2-Lm8Zt0QpR7sVw3YbC4nE5uJ"
FREE_TEXT = "my supervisor Dana threatens us"
FAILING_TEXT = "please fire the scab at downey"


def cli_secrets(settings: Settings) -> tuple[str, ...]:
    from bot.cli.main import log_secrets

    return log_secrets(settings)


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """The root logger at DEBUG with a handler installed exactly as `unionbot run` does."""
    root = logging.getLogger()
    level = root.level
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)
    for name in (*CAPS, *CHATTER):
        logging.getLogger(name).setLevel(logging.NOTSET)


@asynccontextmanager
async def logging_to(captured: io.StringIO, level: str, running: Sandbox) -> AsyncIterator[Sandbox]:
    """The bot running with logging installed as `unionbot run` does, at `level`."""
    handler = logging.StreamHandler(captured)
    configure_logging(level, handler=handler, secrets=cli_secrets(running.make_settings()))
    try:
        async with running:
            yield running
    finally:
        logging.getLogger().removeHandler(handler)


@pytest.fixture
async def sandbox(tmp_path: Path, captured: io.StringIO) -> AsyncIterator[Sandbox]:
    async with logging_to(captured, "DEBUG", Sandbox(tmp_path, token=TOKEN)) as running:
        yield running


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


async def test_no_secret_reaches_the_log_at_debug(sandbox: Sandbox, captured: io.StringIO) -> None:
    # Verification by contact (three members share their phones), a vote cast, a receipt
    # checked, a survey with a free-text answer, and an update that fails.
    voters = await build_voters(sandbox)
    vote = await create_vote(sandbox)
    ballots = await open_vote(voters, vote, voters.ana, voters.ben)
    voters.ben.mark_read()
    receipt = await cast(sandbox, voters.ana, ballots[voters.ana], "Yes")
    await voters.ana.send(f"/verify {receipt}")
    assert "counted" in (await voters.ana.next_message()).text
    voters.ana.mark_read()
    # The sealed ballot itself, as the log could show it (repr, hex, base64), a piece of it.
    [sealed] = await sandbox.services.db.fetchall("SELECT sealed FROM vote_ballots")
    box = bytes(sealed[0])
    shapes = (repr(box[:12])[2:-1], box[:12].hex(), base64.b64encode(box[:12]).decode())

    await load_survey(sandbox)
    ben = voters.ben
    question = await answer_low_caseload(ben)
    assert "Anything else?" in question.text
    await ben.send(FREE_TEXT)
    review = await ben.next_message()
    assert "Thank you!" in (await press_and_edit(ben, "📨 Submit", review)).text

    await sandbox.services.db.close()  # the next update fails in its handler
    lucia = voters.lucia
    await lucia.send(FAILING_TEXT)
    await lucia.next_message()
    await sandbox.services.db.connect()
    await sandbox.settle()

    log = captured.getvalue()
    # Our code logged at DEBUG the whole time; the log recorded the failure.
    assert logging.getLogger("bot.votes.service").isEnabledFor(logging.DEBUG)
    [failure] = [line for line in log.splitlines() if "failed (chat" in line]
    assert f"user {lucia.id}" in failure and "kind message" in failure
    assert FAILING_TEXT not in log and "scab" not in log

    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    for member_id in ("A1", "A2", "A4"):
        assert PHONES[member_id] not in log
        assert digits(PHONES[member_id])[-7:] not in digits(log.replace(str(lucia.id), ""))
    assert "phone_number" not in log and "contact" not in log.lower()
    assert f"v1:vote:cast:{vote.id}" not in log and "v1:vote:pick" not in log
    assert receipt not in log and receipt.replace("-", "") not in log
    assert FREE_TEXT not in log and "supervisor" not in log
    for shape in shapes:
        assert shape not in log and shape.lower() not in log.lower(), shape


def test_caps_hold_whatever_log_level_says(captured: io.StringIO) -> None:
    handler = configure_logging("DEBUG", handler=logging.StreamHandler(captured))
    try:
        logging.getLogger("telegram.Bot").debug("Calling Bot API endpoint with %s", "params")
        logging.getLogger("telegram.ext.Application").debug("update dump")
        logging.getLogger("httpx").info("HTTP Request: POST https://api/bot%s/getMe", TOKEN)
        logging.getLogger("aiosqlite").debug("executing INSERT ... ('ABCD-EFGH')")
        logging.getLogger("bot.something").debug("our own debug line")
        logging.getLogger("telegram.ext.Application").warning("a library warning")
    finally:
        logging.getLogger().removeHandler(handler)
    log = captured.getvalue()
    assert "our own debug line" in log and "a library warning" in log
    for dropped in ("Calling Bot API", "update dump", "HTTP Request", "executing"):
        assert dropped not in log


@pytest.mark.parametrize(("level", "heard"), [("DEBUG", True), ("INFO", False)])
def test_scheduler_chatter_is_heard_only_at_debug(
    captured: io.StringIO, level: str, heard: bool
) -> None:
    handler = configure_logging(level, handler=logging.StreamHandler(captured))
    try:
        job = logging.getLogger("apscheduler.executors.default")
        job.info('Job "scheduled:adopt" executed successfully')
        job.warning("Run time of job was missed by 0:00:02")
    finally:
        logging.getLogger().removeHandler(handler)
    log = captured.getvalue()
    assert ("executed successfully" in log) is heard
    assert "was missed" in log  # its warnings always


def test_quiet_level_is_not_loosened_by_the_caps(captured: io.StringIO) -> None:
    handler = configure_logging("ERROR", handler=logging.StreamHandler(captured))
    try:
        logging.getLogger("telegram.ext.Application").info("Application started")
    finally:
        logging.getLogger().removeHandler(handler)
    assert captured.getvalue() == ""


def test_the_filter_rewrites_messages_arguments_and_tracebacks(captured: io.StringIO) -> None:
    handler = configure_logging("INFO", handler=logging.StreamHandler(captured))
    log = logging.getLogger("bot.test")
    share = "UBK1-0A1B2C3D-2-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    try:
        log.info("request to https://api.telegram.org/bot%s/sendMessage", TOKEN)
        log.info("contact %s", {"phone_number": "2135550142", "user_id": 77})
        log.info("shares %s and %s", share, share.lower())
        log.info("receipt ABCD-EF23-GH45-JK67, data v1:vote:cast:3:1 and v1:vote:pick:3:0")
        log.info("phones +1 213 555 0142, (213) 555-0142, 213-555-0199, 12135550177")
        try:
            raise RuntimeError(f"boom with {TOKEN} and {share}")
        except RuntimeError:
            log.exception("failed")
    finally:
        logging.getLogger().removeHandler(handler)
    text = captured.getvalue()
    assert "RuntimeError: boom with [token] and [key share]" in text
    gone = (
        TOKEN,
        "2135550142",
        "ubk1-",
        "UBK1-0A",
        "ABCD-EF23",
        "v1:vote:cast:3",
        "v1:vote:pick:3",
        "555 0142",
        "555-0142",
        "555-0199",
        "12135550177",
    )
    for secret in gone:
        assert secret not in text, secret
    assert "user_id': 77" in text  # ids stay: the operator needs them


def test_redact_leaves_ordinary_text_and_ids_alone() -> None:
    plain = "update 1042 failed (chat 987654321, user 987654321, kind message) at 2025-03-01"
    assert redact(plain) == plain
    assert redact("the secret xyz here", secrets=("xyz",)) == "the secret [redacted] here"

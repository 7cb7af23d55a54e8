"""The log an operator reads at LOG_LEVEL=INFO: one line per event that matters (start,
broadcasts with their counts, votes and surveys opened and closed with turnout, each
verification's outcome, backups), no scheduler or HTTP chatter, and nobody's name, phone
or Telegram id."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox import SimUser
from sandbox.harness import Sandbox
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.membership import PHONES, ROSTER
from tests.e2e.surveys import close_survey, load_survey
from tests.e2e.test_log_secrets import TOKEN, digits, logging_to
from tests.e2e.test_log_secrets import captured as captured  # the fixture
from tests.e2e.test_updates import send_update
from tests.e2e.voting import build_voters, cast, close_vote, create_vote, open_vote, received
from tests.e2e.waiting import eventually


@pytest.fixture
async def sandbox(tmp_path: Path, captured: io.StringIO) -> AsyncIterator[Sandbox]:
    """The bot with logging installed as `unionbot run` does, at INFO."""
    running = Sandbox(tmp_path, token=TOKEN, admin_ids=(ADMIN_ID,))
    async with logging_to(captured, "INFO", running):
        yield running


def lines(captured: io.StringIO, pattern: str) -> list[str]:
    return [line for line in captured.getvalue().splitlines() if re.search(pattern, line)]


def once(captured: io.StringIO, pattern: str) -> str:
    found = lines(captured, pattern)
    assert len(found) == 1, (pattern, found, captured.getvalue())
    assert " INFO " in found[0], found[0]
    return found[0]


async def reject_request_of(sandbox: Sandbox, user: SimUser) -> None:
    """The first reviewer shown `user`'s request taps Reject."""
    requests = sandbox.services.verification.requests
    request = await requests.pending_for(user.id)
    assert request is not None
    chat_id, message_id = (await requests.messages(request.id))[0]
    reviewer = sandbox.emulator.world.users[chat_id]
    message = reviewer.bot_message(message_id)
    assert message is not None
    label = next(b for row in message.buttons for b in row if "Reject" in b)
    await reviewer.press(label, message)
    await sandbox.settle()


async def test_each_event_is_one_info_line_without_personal_data(
    sandbox: Sandbox, captured: io.StringIO
) -> None:
    database = re.escape(str(sandbox.database_path))
    once(captured, rf"unionbot \S+ started as @\w+: database {database} \(schema \d+\), \d+ sch")

    # Verification: three members by phone, approved by a steward; a lapsed one refused.
    voters = await build_voters(sandbox)
    assert len(lines(captured, r"verification needs a steward \(request \d+, shared phone\)")) == 3
    assert len(lines(captured, r"verification approved \(request \d+\)$")) == 3
    cy = sandbox.user("Cy", last_name="Lapsed")
    await cy.send("/start")
    await cy.share_contact(PHONES["A3"])
    await sandbox.settle()
    await reject_request_of(sandbox, cy)
    once(captured, r"verification refused by a steward \(request \d+\)")

    # A bargaining update to everyone; Ben has blocked the bot (the bot does not know yet).
    union, ben = voters.union, voters.ben
    ben.blocked = True
    report = await send_update(union.lee, sandbox, "Picket at noon", "👥 Everyone")
    await eventually(lambda: report.text.startswith("📬"), "the delivery report")
    queued = once(captured, r"broadcast \d+ queued \(update\): \d+ recipients")
    number = re.search(r"broadcast (\d+)", queued).group(1)  # type: ignore[union-attr]
    finished = once(captured, rf"broadcast {number} finished \(update\)")
    assert re.search(r": [1-9]\d* sent, 1 failed, 1 blocked, 0 skipped$", finished), finished

    # A vote: opened with its roll, closed with its turnout, counted.
    ben.blocked = False
    vote = await create_vote(sandbox)
    ballots = await open_vote(voters, vote, voters.ana)
    await cast(sandbox, voters.ana, ballots[voters.ana], "Yes")
    await close_vote(voters, vote)
    await received(union.lee, "Result:")
    roll = once(captured, rf"vote {vote.id} opened: \d+ on the roll")
    size = int(re.search(r"(\d+) on the roll", roll).group(1))  # type: ignore[union-attr]
    once(captured, rf"vote {vote.id} closed: 1 of {size} voted$")
    once(captured, rf"vote {vote.id} counted; the result goes out now")

    # A survey: opened to its audience, closed with how many answered.
    stored = await load_survey(sandbox)
    await close_survey(sandbox, stored)
    once(captured, r"survey check opened: announced to \d+ members")
    once(captured, r"survey check closed: 0 responses of \d+ members")

    # A backup, from an admin's /backup.
    admin = sandbox.user("Ada", user_id=ADMIN_ID)
    await admin.send("/backup")
    await sandbox.settle()
    once(
        captured, r"backup written: \S+unionbot-\d{8}-\d{6}\.sqlite3 \(\d+(\.\d)? [KM]?B\); 1 kept"
    )

    log = captured.getvalue()
    # No scheduler or HTTP chatter at INFO (the open and close above ran as jobs).
    for chatter in (
        "Running job",
        "executed successfully",
        "apscheduler",
        "HTTP Request",
        "aiohttp",
    ):
        assert chatter not in log, chatter
    # Nobody's name, phone or Telegram id.
    people = [*voters.everyone, cy, admin]
    for person in people:
        assert str(person.id) not in log, person.name
    for row in ROSTER.splitlines()[1:]:
        _, first, last, phone, *_ = row.split(",")
        assert not re.search(rf"\b({first}|{last})\b", log), first
        if phone:
            assert digits(phone)[-7:] not in digits(log), phone
    for phone in PHONES.values():
        assert phone not in log

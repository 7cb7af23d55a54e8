"""Every message gets through: one outbound budget, replies first, and no silent step.

These run the real bot against the emulator with Telegram's limits switched on, in both
of its models (token bucket and strict sliding window), and assert what people receive
and the counts, never timings.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.long_text import LIMIT, length
from bot.membership.roster import import_roster, parse_roster
from bot.outgoing import Outgoing
from sandbox import Limits, SimUser
from sandbox.harness import SANDBOX_SECRET, Sandbox
from tests.e2e.membership import PHONES, build_union, crowd, verify_by_contact
from tests.e2e.test_updates import Strike, compose, send_update, strike_in
from tests.e2e.waiting import eventually

MODELS = ("bucket", "window")


def telegram_limits(model: str) -> Limits:
    return Limits(global_per_second=30, private_per_second=1, private_burst=3, model=model)


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    failures = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not failures, [r.getMessage() for r in failures]


def helped(user: SimUser) -> bool:
    return any("What you can do" in m.text for m in user.inbox)


@pytest.mark.parametrize("model", MODELS)
async def test_a_member_is_answered_while_a_broadcast_runs(
    tmp_path: Path, model: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with Sandbox(tmp_path, limits=telegram_limits(model)) as sandbox:
        people = await crowd(sandbox, 120)
        pks = [
            m.id
            for m in await sandbox.services.members.delivery_targets(
                [(await sandbox.services.members.by_telegram_id(p.id)).id for p in people]  # type: ignore[union-attr]
            )
        ]
        broadcast = await sandbox.services.delivery.enqueue(
            kind="test",
            subject=None,
            recipients=pks,
            messages={"en": Outgoing("📰 Strike news")},
            created_by="cli",
        )
        await eventually(lambda: sandbox.emulator.stats.sent >= 10, "the broadcast started")
        asking = people[-3:]  # at the end of the queue: their copy comes last
        for person in asking:
            await person.send("/help")
        await eventually(lambda: all(helped(p) for p in asking), "answers to /help")
        # Answered while most of the broadcast was still to go: replies go first.
        progress = await sandbox.services.delivery.progress(broadcast)
        assert progress.pending > 30
        await eventually(
            lambda: all(any("Strike news" in m.text for m in p.inbox) for p in people),
            "the whole broadcast",
        )
        assert sandbox.emulator.stats.rate_limited == 0  # paced under either model
        for person in people:
            assert sum("Strike news" in m.text for m in person.inbox) == 1
    no_tracebacks(caplog)


TOLD = "passed this on to a steward"  # the one reply to a shared phone number


@pytest.mark.parametrize("model", MODELS)
async def test_onboarding_rush_every_member_is_told(
    tmp_path: Path, model: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    count = 40
    async with Sandbox(tmp_path, limits=telegram_limits(model)) as sandbox:
        phones = [f"213-555-01{n:02d}" for n in range(count)]
        rows = "".join(f"N{n:03d},New{n},Member,{p},Downey,,,\n" for n, p in enumerate(phones))
        header = "member_id,first_name,last_name,phone,worksite,classification,status,language\n"
        await import_roster(sandbox.services.roster, parse_roster(header + rows, SANDBOX_SECRET))
        users = [sandbox.user(f"New{n}") for n in range(count)]
        for user, phone in zip(users, phones, strict=True):
            await user.share_contact(phone)  # all at once, as on day one
        await sandbox.settle(timeout=60)
        await eventually(
            lambda: all(any(TOLD in m.text for m in u.inbox) for u in users),
            "every member told",
        )
        for user in users:
            assert sum(TOLD in m.text for m in user.inbox) == 1
    no_tracebacks(caplog)


async def test_a_reply_that_meets_flood_control_is_sent_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with Sandbox(tmp_path) as sandbox:
        ana = sandbox.user("Ana")
        sandbox.emulator.faults.inject("sendMessage", status=429, retry_after=1, count=1)
        await ana.send("/help")
        await sandbox.settle()
        assert helped(ana)
        assert sandbox.emulator.stats.rate_limited == 1
        outbound = sandbox.services.delivery.outbound
        assert outbound is not None and outbound.stats.retried == 1
    no_tracebacks(caplog)


async def test_long_updates_are_listed_within_telegrams_limit(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with Sandbox(tmp_path) as sandbox:
        strike = await strike_in(sandbox)
        lee, ana = strike.union.lee, strike.ana
        first = "First " + "a" * 3000
        second = "Second " + "b" * 3900  # one update close to the limit by itself
        for text in (first, second):
            summary = await send_update(lee, sandbox, text, "👥 Everyone")
            await eventually(lambda s=summary: s.text.startswith("📬"), "the report")
        ana.mark_read()
        await ana.send("/updates")
        await sandbox.settle()
        listing = [m for m in ana.inbox if "Second" in m.text or "First" in m.text]
        listed = ana.inbox[-2:]
        assert all(length(m.html) <= LIMIT for m in listed)
        assert any(first in m.text for m in listed) and any(second in m.text for m in listed)
        assert listing and not any("went wrong" in m.text for m in ana.inbox)
    no_tracebacks(caplog)


async def test_wizard_presses_that_change_nothing_get_a_clear_answer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with Sandbox(tmp_path) as sandbox:
        strike: Strike = await strike_in(sandbox)
        lee = strike.union.lee
        audience = await compose(lee, sandbox, "Picket at noon")
        await lee.press("👥 Everyone", audience)
        await sandbox.settle()
        assert "Everyone is already chosen" in (lee.callback_answers[-1][0] or "")
        await lee.press_data("v1:bc:site:99", audience)  # a worksite that is not in the list
        await sandbox.settle()
        assert "not in your list" in (lee.callback_answers[-1][0] or "")
        await lee.press_data("v1:bc:site:0:0", audience)  # an extra field
        await sandbox.settle()
        assert "no longer works" in (lee.callback_answers[-1][0] or "")
        await lee.press_data("v1:bc:urgent:7", audience)
        await sandbox.settle()
        assert "no longer works" in (lee.callback_answers[-1][0] or "")
        # The wizard still works after all that.
        await lee.press("Next ➡", audience)
        await sandbox.settle()
        assert "urgent" in audience.text.lower()
        assert not any("went wrong" in m.text for m in lee.inbox)
    no_tracebacks(caplog)


STICKER = {
    "sticker": {
        "file_id": "st1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
}
LOCATION = {"location": {"latitude": 33.94, "longitude": -118.13}}
VOICE = {"voice": {"file_id": "vo1", "file_unique_id": "u2", "duration": 3}}


async def _each_kind(sandbox: Sandbox, user: SimUser) -> list[str]:
    """Send one of every kind of message the bot does not read; the replies."""
    replies = []
    for send in (
        lambda: user.send_photo(b"\x89PNG", caption=None),
        lambda: user.send_content(STICKER),
        lambda: user.send_document("notes.txt", b"hello"),
        lambda: user.send_content(LOCATION),
        lambda: user.send_content(VOICE),
    ):
        before = len(user.inbox)
        await send()
        await sandbox.settle()
        assert len(user.inbox) == before + 1, "no answer"
        replies.append(user.inbox[-1].text)
    return replies


async def test_every_kind_of_message_gets_an_answer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with Sandbox(tmp_path) as sandbox:
        union = await build_union(sandbox)
        guest = sandbox.user("Guest")
        replies = await _each_kind(sandbox, guest)
        assert "can't read pictures" in replies[0] and "sticker" in replies[1]
        assert "file" in replies[2] and "locations" in replies[3] and "voice" in replies[4]
        assert all("/verify" in text for text in replies)  # what to do instead
        ana = sandbox.user("Ana")
        await verify_by_contact(sandbox, ana, "A1")
        replies = await _each_kind(sandbox, ana)
        assert all("/help" in text for text in replies)
        await ana.share_contact(PHONES["A2"], own=False, user_id=99999)  # a coworker's card
        await sandbox.settle()
        assert "own phone" in ana.inbox[-1].text
        # In the middle of a flow: the wizard waits for text, and says what it expects.
        lee = union.lee
        await lee.send("/broadcast")
        await sandbox.settle()
        await lee.send_content(STICKER)
        await sandbox.settle()
        assert "sticker" in lee.inbox[-1].text and "/cancel" in lee.inbox[-1].text
        await lee.send("Picket at noon")  # the wizard carries on
        await sandbox.settle()
        assert "Who should get it" in lee.inbox[-1].text
    no_tracebacks(caplog)


async def test_spanish_member_is_confirmed_in_spanish(tmp_path: Path) -> None:
    async with Sandbox(tmp_path) as sandbox:
        await build_union(sandbox)
        lucia = sandbox.user("Lucía", language_code="en")  # her phone is set to English
        await verify_by_contact(sandbox, lucia, "A4")  # the roster says Spanish
        await sandbox.settle()
        assert any("confirmó tu membresía" in m.text for m in lucia.inbox)
        assert not any("confirmed your membership" in m.text for m in lucia.inbox)

"""The outbound path's pacing, priorities and flood handling; strict callbacks; long texts."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import BadRequest, RetryAfter

from bot.callbacks import pack, parse, unpack
from bot.delivery.limiter import BULK, CUT, HEADROOM, Outbound, _Lane
from bot.long_text import LIMIT, balanced, length, shorten, split
from bot.long_text import pack as pack_blocks
from sandbox.limits import Limits, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# -- pacing ------------------------------------------------------------------------


def test_slots_are_evenly_spaced_with_no_start_up_burst() -> None:
    lane = _Lane(ceiling=20.0 * HEADROOM)  # as the path paces a 20/s limit
    clock = Clock()
    released = []
    for _ in range(60):
        clock.now = max(clock.now, lane.next_at)  # released exactly when allowed
        lane.take(clock.now, resume_at=float("-inf"))
        released.append(clock.now)
    # Never more than the rate in any one-second window, from the very first send.
    for i, start in enumerate(released):
        assert sum(1 for t in released[i:] if t < start + 1.0) <= 20


def test_a_late_release_is_not_made_up_in_a_burst() -> None:
    lane = _Lane(ceiling=10.0)
    lane.take(0.0, float("-inf"))
    lane.take(5.0, float("-inf"))  # idle for five seconds
    assert lane.next_at == pytest.approx(5.1)


def test_a_429_cuts_the_rate_once_then_it_recovers() -> None:
    lane = _Lane(ceiling=28.8)
    lane.cut(10.0)
    lane.cut(10.5)  # the same burst of 429s
    assert lane.rate == pytest.approx(28.8 * CUT)
    assert lane.current(now=11.0, resume_at=11.0) == pytest.approx(28.8 * CUT)
    assert lane.current(now=200.0, resume_at=11.0) == pytest.approx(28.8)


async def test_replies_go_before_bulk_sends() -> None:
    outbound = Outbound(rate=20.0)
    order: list[str] = []

    async def one(name: str, chat: int, bulk: bool) -> None:
        await outbound.acquire(chat, bulk=bulk)
        order.append(name)

    bulk = [asyncio.create_task(one(f"bulk{n}", 1000 + n, True)) for n in range(6)]
    await asyncio.sleep(0)
    reply = asyncio.create_task(one("reply", 7, False))
    await asyncio.gather(*bulk, reply)
    assert order.index("reply") <= 1  # at most the slot already handed out
    await outbound.shutdown()


async def test_one_chat_gets_at_most_three_in_a_burst() -> None:
    outbound = Outbound(rate=1000.0)
    clock_started = asyncio.get_running_loop().time()
    times: list[float] = []

    async def one() -> None:
        await outbound.acquire(42)
        times.append(asyncio.get_running_loop().time() - clock_started)

    await asyncio.gather(*(one() for _ in range(4)))
    assert sum(1 for t in times if t < 1.0) == 3  # the fourth waits for the window
    await outbound.shutdown()


async def test_edits_answering_members_share_their_chat_budget_not_the_overall_one() -> None:
    """Telegram counts an edit with sends in its chat; the ~30/s overall figure is about
    sending to many chats. So a vote rush's edits are held per chat, never to 30/s in all,
    while a broadcast's corrections (bulk edits) still take overall slots."""
    clock = Clock()  # frozen: only what needs no overall slot can be released
    outbound = Outbound(rate=2.0, clock=clock)
    done: list[str] = []

    async def ok() -> bool:
        return True

    async def edit(chat: int, bulk: bool) -> None:
        args = BULK if bulk else None
        await outbound.process_request(ok, (), {}, "editMessageText", {"chat_id": chat}, args)
        done.append("bulk" if bulk else "reply")

    replies = [asyncio.create_task(edit(chat, False)) for chat in range(1, 21)]
    await asyncio.wait_for(asyncio.gather(*replies), timeout=30)  # all 20 chats, at once
    bulk = [asyncio.create_task(edit(chat, True)) for chat in range(100, 104)]
    for _ in range(50):
        await asyncio.sleep(0.01)
    assert done.count("reply") == 20 and done.count("bulk") == 1  # one overall slot so far
    for task in bulk:
        task.cancel()
    await outbound.shutdown()


async def test_a_reply_meeting_429_is_retried_and_bulk_is_handed_back() -> None:
    outbound = Outbound(rate=1000.0)
    calls = 0

    async def flaky() -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RetryAfter(0)
        return "ok"

    data = {"chat_id": 5}
    assert await outbound.process_request(flaky, (), {}, "sendMessage", data, None) == "ok"
    assert calls == 2 and outbound.stats.retried == 1
    calls = 0
    with pytest.raises(RetryAfter):
        await outbound.process_request(flaky, (), {}, "sendMessage", data, BULK)
    await outbound.shutdown()


async def test_a_call_that_is_not_paced_waits_out_its_429_before_trying_again() -> None:
    outbound = Outbound(rate=1000.0)
    paused_at_retry: list[float] = []

    async def answer() -> bool:
        if not paused_at_retry:
            paused_at_retry.append(-1.0)
            raise RetryAfter(1)
        paused_at_retry.append(outbound.paused_for)
        return True

    data = {"callback_query_id": "7"}
    assert await outbound.process_request(answer, (), {}, "answerCallbackQuery", data, None)
    assert paused_at_retry[1:] == [0.0]  # sent again only once the flood wait was over
    await outbound.shutdown()


async def test_not_modified_is_success() -> None:
    outbound = Outbound()

    async def same() -> None:
        raise BadRequest("Message is not modified: specified new message content is the same")

    async def other() -> None:
        raise BadRequest("Message is too long")

    assert await outbound.process_request(same, (), {}, "editMessageText", {}, None) is True
    with pytest.raises(BadRequest):
        await outbound.process_request(other, (), {}, "editMessageText", {}, None)
    await outbound.shutdown()


# -- the emulator's sliding window ---------------------------------------------------


def test_sliding_window_model_allows_nothing_in_advance() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(global_per_second=30, model="window"), clock)
    allowed = sum(limiter.acquire(n, is_private=True) is None for n in range(40))
    assert allowed == 30
    clock.now += 0.5
    assert limiter.acquire(99, is_private=True) == 1  # the window has not moved on yet
    clock.now += 0.51
    assert limiter.acquire(99, is_private=True) is None
    for _ in range(2):
        assert limiter.acquire(500, is_private=True) is None
    clock.now += 1.5
    assert limiter.acquire(500, is_private=True) is None  # the third of a burst of three
    assert limiter.acquire(500, is_private=True) is not None  # a fourth within 3 s


# -- callback data ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "v1:bc:site:0:0",  # an extra field
        "v1:bc:site",  # a missing one
        "v1:bc:site:x",  # a word where a number belongs
        "v1:bc:urgent:2",  # not one of the allowed values
        "v1:bc:steal",  # an unknown action
        "v1:nope:site:1",  # an unknown feature
        "v2:bc:site:1",  # another version
        "v1:upd:ack:-1",
        "v1:role:set:3:emperor",
    ],
)
def test_malformed_callback_data_is_refused(data: str) -> None:
    assert parse(data) is None


def test_well_formed_callback_data_round_trips() -> None:
    data = pack("bc", "site", 3)
    assert unpack(data, "bc", {"site"}) is not None
    assert unpack(data, "bc", {"class"}) is None
    assert parse(pack("survey", "pick", 1, 2, 3)) is not None
    with pytest.raises(ValueError):
        pack("bc", "site", 1, 2)


# -- long texts ---------------------------------------------------------------------------


def test_long_text_is_split_between_paragraphs_and_each_part_fits() -> None:
    text = "\n\n".join(f"<b>Item {n}</b>\n" + "x" * 900 for n in range(12))
    parts = split(text)
    assert len(parts) > 1 and all(length(p) <= LIMIT and balanced(p) for p in parts)
    assert "".join(parts).count("<b>Item") == 12


def test_a_block_too_long_alone_is_shortened_to_plain_text() -> None:
    block = "<i>" + "é" * 5000 + "</i>"
    (only,) = pack_blocks([block])
    assert length(only) <= LIMIT and only.endswith("…") and "<i>" not in only
    assert shorten("<b>short</b>") == "<b>short</b>"

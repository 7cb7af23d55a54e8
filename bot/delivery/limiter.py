"""The one outbound path: every Bot API call the application makes passes through here.

PTB hands each request of the application's bot to `Outbound.process_request` (its
`BaseRateLimiter` hook). One pacing state serves replies, edits, callback answers,
broadcasts and reminders alike, so the budget Telegram gives a bot (about 30 messages a
second overall, about one a second per private chat with short bursts, 20 a minute per
group, 1000 a second for paid broadcasts) is shared, never counted twice.

* **Priority.** Calls marked `rate_limit_args=BULK` (the delivery engine's) wait behind
  everything else: a member's reply goes out at the next free slot, a fraction of a
  second, however big the broadcast.
* **Pacing.** Slots are spaced evenly at a little under the limit (`HEADROOM`), starting
  with none in hand: no start-up burst, and never more than the limit in any one-second
  window, whichever way Telegram counts (a token bucket or a sliding window). Each chat
  gets at most `CHAT_BURST` messages in any `CHAT_WINDOW` seconds, each group 20 a minute.
* **Flood control.** A 429 stops *every* call for `retry_after`, and cuts the rate (AIMD:
  multiplied by `CUT` once per flood wait, then recovering linearly to the ceiling). A
  reply that meets a 429 is sent again; a bulk call's 429 goes back to the engine, which
  requeues the copy durably.
* **Harmless errors are success.** "message is not modified" (an edit that changes
  nothing) and an expired callback query are answered with `True`: the person already
  sees what we meant to show, so there is nothing to retry and nothing to log as a failure.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import itertools
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

BULK = "bulk"  # rate_limit_args of the delivery engine's calls
HEADROOM = 0.96  # pace at 96% of the limit: room for network jitter, still >= 95%
CUT = 0.85  # on a 429 the rate is multiplied by this...
FLOOR = 0.25  # ...but never below this share of the ceiling
RECOVERY = 0.05  # share of the ceiling regained per second without a 429
LATE = 0.25  # a slot missed by more than this share of an interval is not made up
CHAT_BURST, CHAT_WINDOW = 3, 3.1  # per private chat: 3 in 3 s (+ margin), i.e. 1/s
GROUP_BURST, GROUP_WINDOW = 20, 61.0  # per group: 20 a minute (+ margin)
MAX_RETRIES = 6  # 429s a reply may meet before it is given up

# Calls that post a message: the overall and the per-chat budgets. (Per Telegram, the
# ~30/s overall figure is about sending to many chats; edits share each chat's budget
# with sends, and answerCallbackQuery has no limit.)
_SENDS = frozenset(
    m.lower()
    for m in (
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendAudio",
        "sendVoice",
        "sendAnimation",
        "sendSticker",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendPoll",
        "sendDice",
        "sendMediaGroup",
        "sendVideoNote",
        "sendPaidMedia",
        "sendInvoice",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
    )
)
# Calls that change what was sent: the chat's budget; the overall one only when they are
# bulk work (a correction edited into every copy of a broadcast).
_CHANGES = frozenset(
    m.lower()
    for m in (
        "editMessageText",
        "editMessageCaption",
        "editMessageMedia",
        "editMessageReplyMarkup",
        "deleteMessage",
        "deleteMessages",
        "pinChatMessage",
        "unpinChatMessage",
    )
)
_HARMLESS = ("message is not modified", "query is too old", "query id is invalid")

Call = Callable[..., Coroutine[Any, Any, Any]]


@dataclass(order=True)
class _Waiter:
    priority: int
    seq: int
    chat: int | None = field(compare=False)
    paid: bool = field(compare=False)
    future: asyncio.Future[None] = field(compare=False)
    overall: bool = field(compare=False, default=True)  # draws on the overall budget


@dataclass
class _Lane:
    """One overall budget (free or paid): evenly spaced slots, cut and recovered on 429s."""

    ceiling: float
    rate: float = 0.0
    next_at: float = 0.0
    cut_rate: float = 0.0
    cut_at: float = float("-inf")

    def __post_init__(self) -> None:
        self.rate = self.cut_rate = self.ceiling

    def current(self, now: float, resume_at: float) -> float:
        """The rate now: the cut one during a flood wait, then climbing back."""
        climbed = self.cut_rate + max(0.0, now - resume_at) * self.ceiling * RECOVERY
        self.rate = min(self.ceiling, climbed)
        return self.rate

    def take(self, now: float, resume_at: float) -> None:
        interval = 1.0 / self.current(now, resume_at)
        # Released a little late: keep the even spacing. Much later (idle, a flood wait):
        # start from now, so missed slots are never made up in a burst.
        base = self.next_at if 0 <= now - self.next_at < interval * LATE else now
        self.next_at = base + interval

    def cut(self, now: float) -> None:
        if now - self.cut_at < 1.0:  # several 429s for one burst count once
            return
        self.cut_at = now
        self.cut_rate = max(self.ceiling * FLOOR, self.rate * CUT)
        self.rate = self.cut_rate


@dataclass
class Stats:
    """What the path did (for logs, tests and benchmarks)."""

    calls: int = 0
    rate_limited: int = 0
    retried: int = 0
    harmless: int = 0
    max_wait: dict[str, float] = field(default_factory=lambda: {"reply": 0.0, "bulk": 0.0})


class Outbound(BaseRateLimiter[str]):
    """Shared pacing for every call, replies first; see the module docstring."""

    def __init__(
        self,
        rate: float = 30.0,
        paid_rate: float = 1000.0,
        *,
        bulk_rate: float | None = None,
        headroom: float = HEADROOM,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.clock = clock
        self.free = _Lane(rate * headroom)
        self.paid = _Lane(paid_rate * headroom)
        # Bulk sends may be held to less than the limit (BROADCAST_RATE); replies never are.
        self.bulk = _Lane(bulk_rate * headroom) if bulk_rate and bulk_rate < rate else None
        self.resume_at = float("-inf")  # nobody sends before this (a 429's retry_after)
        self.stats = Stats()
        self._queue: list[_Waiter] = []
        self._seq = itertools.count()
        self._chats: dict[int, deque[float]] = {}
        # (messages, seconds) a private chat / a group may receive; None: not limited.
        self.private_budget: tuple[int, float] | None = (CHAT_BURST, CHAT_WINDOW)
        self.group_budget: tuple[int, float] | None = (GROUP_BURST, GROUP_WINDOW)
        self._wake = asyncio.Event()
        self._pump: asyncio.Task[None] | None = None

    async def initialize(self) -> None:
        """Nothing to set up: the pump starts with the first call and stops when idle."""

    async def shutdown(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
            self._pump = None
        for waiter in self._queue:
            if not waiter.future.done():
                waiter.future.cancel()
        self._queue.clear()

    def _lanes(self) -> list[_Lane]:
        return [self.free, self.paid] + ([self.bulk] if self.bulk else [])

    @property
    def paused_for(self) -> float:
        return max(0.0, self.resume_at - self.clock())

    def flood_wait(self, seconds: float) -> None:
        """Telegram said 429: everyone waits, and the rate is cut."""
        now = self.clock()
        self.stats.rate_limited += 1
        self.resume_at = max(self.resume_at, now + seconds)
        for lane in self._lanes():
            lane.cut(now)
        self._wake.set()

    async def process_request(
        self,
        callback: Call,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> Any:
        self.stats.calls += 1
        name = endpoint.lower()
        bulk = rate_limit_args == BULK
        paced = name in _SENDS or name in _CHANGES
        chat = _chat_id(data) if paced else None
        paid = bool(data.get("allow_paid_broadcast"))
        overall = bulk or name in _SENDS  # a reply's edit counts in its own chat only
        for attempt in itertools.count():
            if paced:
                await self.acquire(chat, bulk=bulk, paid=paid, overall=overall)
            elif attempt:  # not paced (a button's answer): still wait out the 429
                await asyncio.sleep(self.paused_for)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = _seconds(exc.retry_after)
                self.flood_wait(wait)
                if bulk or attempt >= MAX_RETRIES:
                    raise  # the engine requeues bulk copies itself
                self.stats.retried += 1
                log.warning(
                    "flood control on %s: waiting %.0f s, then sending again", endpoint, wait
                )
            except BadRequest as exc:
                if not any(text in exc.message.lower() for text in _HARMLESS):
                    raise
                self.stats.harmless += 1
                log.debug("%s: %s (nothing to do)", endpoint, exc.message)
                return True
        raise AssertionError("unreachable")

    async def acquire(
        self, chat: int | None, *, bulk: bool = False, paid: bool = False, overall: bool = True
    ) -> None:
        """Wait for a slot: overall (unless not `overall`), and for `chat` if given; replies
        before bulk."""
        self._ensure_pump()
        loop = asyncio.get_running_loop()
        waiter = _Waiter(
            1 if bulk else 0, next(self._seq), chat, paid, loop.create_future(), overall
        )
        bisect.insort(self._queue, waiter)
        self._wake.set()
        started = self.clock()
        try:
            await waiter.future
        finally:
            if not waiter.future.done():  # cancelled while waiting: give the place up
                with contextlib.suppress(ValueError):
                    self._queue.remove(waiter)
        kind = "bulk" if bulk else "reply"
        self.stats.max_wait[kind] = max(self.stats.max_wait[kind], self.clock() - started)

    # -- the pump: hands out slots in priority order -------------------------------------

    def _ensure_pump(self) -> None:
        if self._pump is None or self._pump.done():
            self._pump = asyncio.get_running_loop().create_task(self._run(), name="outbound")

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            delay = self._release_ready()
            self._wake.clear()
            if delay is None:
                return  # nothing waiting: the next acquire starts a new pump
            handle = loop.call_later(delay, self._wake.set)
            try:
                await self._wake.wait()
            finally:
                handle.cancel()

    def _release_ready(self) -> float | None:
        """Release every waiter whose slot has come; seconds until the next may, or None."""
        while True:
            now = self.clock()
            if not self._queue:
                return None
            soonest = float("inf")
            for index, waiter in enumerate(self._queue):
                if waiter.future.done():
                    del self._queue[index]
                    break  # the list changed: look again
                lanes = [self.paid if waiter.paid else self.free] if waiter.overall else []
                if waiter.priority and self.bulk is not None and not waiter.paid:
                    lanes.append(self.bulk)
                ready_at = max(
                    self.resume_at,
                    self._chat_ready_at(waiter.chat, now),
                    *(lane.next_at for lane in lanes),
                )
                if ready_at <= now:
                    del self._queue[index]
                    for lane in lanes:
                        lane.take(now, self.resume_at)
                    if waiter.chat is not None:
                        self._chats.setdefault(waiter.chat, deque()).append(now)
                    waiter.future.set_result(None)
                    break
                soonest = min(soonest, ready_at)
            else:
                if len(self._chats) > 50_000:
                    self._forget_idle_chats(now)
                return max(0.0005, soonest - now)

    def _chat_ready_at(self, chat: int | None, now: float) -> float:
        if chat is None:
            return 0.0
        sent = self._chats.get(chat)
        if not sent:
            return 0.0
        budget = self.private_budget if chat > 0 else self.group_budget
        if budget is None:
            return 0.0
        burst, window = budget
        while sent and sent[0] <= now - window:
            sent.popleft()
        return 0.0 if len(sent) < burst else sent[0] + window

    def _forget_idle_chats(self, now: float) -> None:
        self._chats = {c: s for c, s in self._chats.items() if s and s[-1] > now - GROUP_WINDOW}


def _chat_id(data: dict[str, Any]) -> int | None:
    """The numeric chat a send goes to (None for @usernames: only the overall budget)."""
    chat = data.get("chat_id")
    if isinstance(chat, int):
        return chat
    if isinstance(chat, str) and chat.lstrip("-").isdigit():
        return int(chat)
    return None


def _seconds(retry_after: int | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)

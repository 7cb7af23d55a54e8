"""The worker that drains the outbox as fast as Telegram allows, and never loses a copy.

One dispatcher claims due deliveries in small batches (marking them in flight in the
database) and sends each in its own task. Pacing is not done here: every call goes through
the application's one outbound path (`bot.delivery.limiter.Outbound`), marked as bulk so
members' replies go first, sharing one budget with everything else the bot sends. Every outcome
is written back. After a crash, copies still marked in flight go out again: at most the
few that were in flight at that moment can arrive twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot.delivery.limiter import BULK
from bot.delivery.outgoing import markup, send
from bot.outgoing import Outgoing, message_for
from storage.delivery import Broadcast, Delivery, DeliveryRepository, Progress
from storage.members import MembersRepository

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
MAX_BACKOFF = 60.0
PROGRESS_EVERY = 3.0  # seconds between progress-message edits
# Outcomes are written in small batches: one transaction per 50 ms instead of one per
# message. A crash loses at most that window, whose copies are then sent again.
FLUSH_EVERY = 0.05
FLUSH_SIZE = 200
BLOCKED = ("Forbidden", "blocked the bot")  # how a 403's failure reason starts

Finished = Callable[[Broadcast, Progress], Awaitable[None]]
Watcher = Callable[[Broadcast, Progress, bool], Awaitable[None]]


class DeliveryEngine:
    """Sends what the outbox holds: paced, retried, persisted, resumable."""

    def __init__(
        self,
        repo: DeliveryRepository,
        members: MembersRepository,
        bot: ExtBot[Any],
        *,
        rate: float,
        paid: bool,
        default_language: str,
        concurrency: int = 8,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.repo = repo
        self.members = members
        self.bot = bot
        self.paid = paid
        self.default_language = default_language
        self.clock = clock
        self.batch = max(1, min(500, int(rate / 2)))  # half a second of work claimed at once
        self._in_flight = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._stopping = False
        self._runner: asyncio.Task[None] | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._flusher: asyncio.Task[None] | None = None
        self._outcomes: list[tuple[int, str, str | None, int | None, float]] = []
        self._flush_now = asyncio.Event()
        self._broadcasts: dict[int, Broadcast] = {}
        self._last_progress: dict[int, tuple[float, int]] = {}
        self._on_finished: dict[str, Finished] = {}
        self.progress_watcher: Watcher | None = None

    def on_finished(self, kind: str, callback: Finished) -> None:
        """Call `callback` once when a broadcast of `kind` has handled every copy."""
        self._on_finished[kind] = callback

    async def start(self) -> None:
        requeued = await self.repo.requeue_in_flight()
        if requeued:
            log.warning("resuming %d deliveries that were in flight when the bot stopped", requeued)
        self._stopping = False
        self._runner = asyncio.create_task(self._run(), name="delivery-dispatcher")
        self._watcher = asyncio.create_task(self._watch(), name="delivery-progress")
        self._flusher = asyncio.create_task(self._flush_loop(), name="delivery-outcomes")

    async def stop(self) -> None:
        """Stop claiming, let copies in flight finish, and write their outcomes."""
        self._stopping = True
        self._wake.set()
        for task in (self._runner, self._watcher):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._flusher is not None:
            self._flusher.cancel()
            await asyncio.gather(self._flusher, return_exceptions=True)
        await self._flush()

    def wake(self) -> None:
        """New work is in the outbox."""
        self._wake.set()

    # -- dispatching --------------------------------------------------------------

    async def _run(self) -> None:
        while not self._stopping:
            try:
                batch = await self.repo.claim(self.clock(), self.batch)
            except Exception:
                log.exception("could not claim deliveries; retrying")
                await asyncio.sleep(1)
                continue
            if not batch:
                self._wake.clear()
                await self._idle()
                continue
            for index, delivery in enumerate(batch):
                await self._in_flight.acquire()
                if self._stopping:
                    self._in_flight.release()
                    await self.repo.put_back([d.id for d in batch[index:]], self.clock())
                    return
                task = asyncio.create_task(self._deliver(delivery))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _idle(self) -> None:
        """Sleep until woken, or until the next retry comes due."""
        next_due = await self.repo.next_due()
        timeout = 5.0 if next_due is None else max(0.05, min(5.0, next_due - self.clock()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)

    async def _deliver(self, delivery: Delivery) -> None:
        try:
            await self._attempt(delivery)
        except Exception:
            log.exception("delivery %s: unexpected failure", delivery.id)
            await self._outcome(delivery, "failed", "internal error")
        finally:
            self._in_flight.release()

    async def _attempt(self, delivery: Delivery) -> None:
        broadcast = await self._broadcast(delivery.broadcast)
        message = message_for(broadcast.payload, delivery.language, self.default_language)
        try:
            message_id = await self._perform(broadcast, delivery, message)
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after)  # the outbound path already holds everyone
            log.warning("flood control: everyone waits %.0f s", wait)
            await self.repo.put_back([delivery.id], self.clock() + wait)
            self.wake()
        except Forbidden as exc:
            await self.members.set_reachable(delivery.chat_id, False)
            await self._outcome(delivery, "failed", _reason(exc, BLOCKED[1]))
        except BadRequest as exc:  # "not modified" is success already (the outbound path)
            await self._outcome(delivery, "failed", _reason(exc))
        except NetworkError as exc:  # includes timeouts and Telegram's 5xx
            await self._retry_or_fail(delivery, exc)
        else:
            await self._outcome(delivery, "sent", None, message_id)

    async def _perform(
        self, broadcast: Broadcast, delivery: Delivery, message: Outgoing
    ) -> int | None:
        """Make the API call for one copy; the id of the message in the member's chat."""
        chat, keyboard = delivery.chat_id, markup(message)
        if broadcast.op == "delete":
            assert delivery.message_id is not None
            await self.bot.delete_message(chat, delivery.message_id, rate_limit_args=BULK)
            return delivery.message_id
        if broadcast.op == "edit":
            assert delivery.message_id is not None
            if message.photo or message.document:
                await self.bot.edit_message_caption(
                    chat,
                    delivery.message_id,
                    caption=message.text,
                    reply_markup=keyboard,
                    rate_limit_args=BULK,
                )
            else:
                await self.bot.edit_message_text(
                    message.text,
                    chat,
                    delivery.message_id,
                    reply_markup=keyboard,
                    rate_limit_args=BULK,
                )
            return delivery.message_id
        extra: dict[str, Any] = {"rate_limit_args": BULK}
        if self.paid:
            extra["allow_paid_broadcast"] = True
        return (await send(self.bot, chat, message, **extra)).message_id

    async def _retry_or_fail(self, delivery: Delivery, exc: TelegramError) -> None:
        reason = _reason(exc, "network error")
        if delivery.attempts >= MAX_ATTEMPTS:
            await self._outcome(delivery, "failed", f"{reason} (after {delivery.attempts} tries)")
            return
        backoff = min(MAX_BACKOFF, 2.0**delivery.attempts)
        await self.repo.retry_later(delivery.id, self.clock() + backoff, reason)
        self.wake()

    async def _outcome(
        self, delivery: Delivery, state: str, reason: str | None, message_id: int | None = None
    ) -> None:
        self._outcomes.append((delivery.id, state, reason, message_id, self.clock()))
        if len(self._outcomes) >= FLUSH_SIZE:
            self._flush_now.set()

    async def _flush_loop(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._flush_now.wait(), FLUSH_EVERY)
            self._flush_now.clear()
            try:
                await self._flush()
            except Exception:
                log.exception("could not record delivery outcomes; will retry")

    async def _flush(self) -> None:
        """Write the outcomes gathered so far in one transaction."""
        if not self._outcomes:
            return
        batch, self._outcomes = self._outcomes, []
        try:
            await self.repo.record(batch)
        except Exception:
            self._outcomes = batch + self._outcomes  # keep them for the next try
            raise

    async def _broadcast(self, broadcast_id: int) -> Broadcast:
        cached = self._broadcasts.get(broadcast_id)
        if cached is None:
            cached = await self.repo.get(broadcast_id)
            assert cached is not None
            self._broadcasts[broadcast_id] = cached
        return cached

    # -- progress and completion ------------------------------------------------------

    async def _watch(self) -> None:
        """Once a second: report progress, and close broadcasts that are done."""
        while not self._stopping:
            try:
                await self.check_progress()
            except Exception:
                log.exception("progress check failed")
            await asyncio.sleep(1.0)

    async def check_progress(self) -> None:
        for broadcast in await self.repo.active():
            progress = await self.repo.progress(broadcast.id)
            if progress.done:
                if await self.repo.finish(broadcast.id):
                    log.info(
                        "broadcast %d finished (%s): %d sent, %d failed, %d blocked, %d skipped",
                        broadcast.id,
                        broadcast.kind,
                        progress.sent,
                        progress.failed,
                        blocked(progress),
                        progress.skipped,
                    )
                    await self._report(broadcast, progress, final=True)
                    callback = self._on_finished.get(broadcast.kind)
                    if callback is not None:
                        await callback(broadcast, progress)
                    self._broadcasts.pop(broadcast.id, None)
                    self._last_progress.pop(broadcast.id, None)
                continue
            last_at, last_handled = self._last_progress.get(broadcast.id, (0.0, -1))
            now = self.clock()
            if progress.handled != last_handled and now - last_at >= PROGRESS_EVERY:
                self._last_progress[broadcast.id] = (now, progress.handled)
                await self._report(broadcast, progress, final=False)

    async def _report(self, broadcast: Broadcast, progress: Progress, final: bool) -> None:
        if self.progress_watcher is not None and broadcast.progress_chat is not None:
            try:
                await self.progress_watcher(broadcast, progress, final)
            except TelegramError as exc:
                log.info("could not update progress of broadcast %s: %s", broadcast.id, exc)


def blocked(progress: Progress) -> int:
    """Failed copies whose member blocked the bot or deleted their account (403)."""
    return sum(n for reason, n in progress.failures.items() if reason.startswith(BLOCKED))


def _seconds(retry_after: int | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)


def _reason(exc: TelegramError, default: str = "error") -> str:
    return (exc.message or default)[:200]

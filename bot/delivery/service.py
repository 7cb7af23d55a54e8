"""Putting messages in the outbox, and changing or taking back what was sent."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.delivery.engine import DeliveryEngine, Finished
from bot.delivery.limiter import Outbound
from bot.delivery.report import final_report, progress_text
from bot.outgoing import Outgoing, payload
from storage.delivery import Broadcast, DeliveryRepository, Progress, Recipient
from storage.members import Member, MembersRepository

log = logging.getLogger(__name__)

# Where the sender watches: (chat id, message id, language).
ProgressMessage = tuple[int, int, str]


class DeliveryService:
    """The one way bulk messages are sent: recipients resolved, rows written, engine woken."""

    def __init__(
        self, repo: DeliveryRepository, members: MembersRepository, default_language: str
    ) -> None:
        self.repo = repo
        self.members = members
        self.default_language = default_language
        self.engine: DeliveryEngine | None = None
        self.outbound: Outbound | None = None

    def attach(
        self, bot: ExtBot[Any], outbound: Outbound, *, rate: float, paid: bool, concurrency: int
    ) -> DeliveryEngine:
        """Create the engine for a running bot whose calls all go through `outbound`."""
        self.outbound = outbound
        self.engine = DeliveryEngine(
            self.repo,
            self.members,
            bot,
            rate=rate,
            paid=paid,
            concurrency=concurrency,
            default_language=self.default_language,
        )
        self.engine.progress_watcher = self._show_progress
        return self.engine

    def on_finished(self, kind: str, callback: Finished) -> None:
        """Run `callback(broadcast, progress)` when a broadcast of `kind` is done."""
        assert self.engine is not None
        self.engine.on_finished(kind, callback)

    async def enqueue(
        self,
        *,
        kind: str,
        subject: str | None,
        recipients: Iterable[int],
        messages: dict[str, Outgoing],
        created_by: str,
        urgent: bool = False,
        progress: ProgressMessage | None = None,
    ) -> int:
        """Send `messages` (by language) to members `recipients` (member ids); the broadcast id.

        Only verified, linked, active members get a copy. Muted members are skipped unless
        `urgent`; members known to have blocked the bot are skipped. Both are counted.
        """
        targets = await self.members.delivery_targets(recipients)
        rows = [
            Recipient(
                member.id,
                member.telegram_id,  # type: ignore[arg-type]
                member.language or self.default_language,
                _skip_reason(member, urgent),
            )
            for member in targets
        ]
        broadcast = await self.repo.create(
            kind=kind,
            subject=subject,
            payload=payload(messages),
            urgent=urgent,
            created_by=created_by,
            recipients=rows,
            progress=progress,
        )
        log.info(
            "broadcast %d queued (%s%s): %d recipients, %d skipped (muted or unreachable)",
            broadcast,
            kind,
            ", urgent" if urgent else "",
            len(rows),
            sum(1 for row in rows if row.skip_reason is not None),
        )
        self._wake()
        return broadcast

    async def change_sent(
        self,
        broadcast_id: int,
        *,
        op: str,
        messages: dict[str, Outgoing] | None,
        created_by: str,
        progress: ProgressMessage | None = None,
    ) -> int:
        """Edit (op='edit') or delete (op='delete') every delivered copy, paced like sends."""
        original = await self.repo.get(broadcast_id)
        assert original is not None
        copies = await self.repo.sent_copies(broadcast_id)
        rows = [
            Recipient(member, chat, language, None, message)
            for member, chat, message, language in copies
        ]
        changed = await self.repo.create(
            kind=f"{original.kind}.{op}",
            subject=original.subject,
            payload=payload(messages) if messages else original.payload,
            urgent=original.urgent,
            created_by=created_by,
            recipients=rows,
            op=op,
            target=broadcast_id,
            progress=progress,
        )
        log.info("broadcast %d queued (%s of %d): %d copies", changed, op, broadcast_id, len(rows))
        self._wake()
        return changed

    async def progress_message(
        self, chat_id: int, text: str, language: str
    ) -> ProgressMessage | None:
        """Send the message a sender watches a broadcast's progress in, now; None if it
        could not be sent (the broadcast still goes out, the sender just sees no bar)."""
        if self.engine is None:
            return None
        try:
            sent = await self.engine.bot.send_message(chat_id, text)
        except TelegramError:
            return None
        return (sent.chat_id, sent.message_id, language)

    async def progress(self, broadcast_id: int) -> Progress:
        return await self.repo.progress(broadcast_id)

    def _wake(self) -> None:
        if self.engine is not None:
            self.engine.wake()

    async def _show_progress(self, broadcast: Broadcast, progress: Progress, final: bool) -> None:
        """Edit the sender's progress message: a bar while sending, the report at the end."""
        assert self.engine is not None
        assert broadcast.progress_chat is not None and broadcast.progress_message is not None
        language = broadcast.progress_language or self.default_language
        text = final_report(language, progress) if final else progress_text(language, progress)
        await self.engine.bot.edit_message_text(
            text, broadcast.progress_chat, broadcast.progress_message
        )


def _skip_reason(member: Member, urgent: bool) -> str | None:
    """Why a member gets no copy of this broadcast, if they don't."""
    if not member.reachable:
        return "unreachable"
    if member.muted and not urgent:
        return "muted"
    return None

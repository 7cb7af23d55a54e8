"""Asking someone to type something next: a ForceReply prompt and a pending input in the DB.

The pending input survives a restart; in a group the typed text must reply to the prompt,
which is also how Telegram delivers it to a bot in privacy mode.
"""

from __future__ import annotations

from typing import Any

from telegram import ForceReply

from bot.i18n import Safe
from bot.runtime.context import BotContext
from storage.pending import PendingInput

PENDING_TTL = 3600  # seconds: a prompt left unanswered longer is forgotten


async def ask_to_type(
    context: BotContext,
    telegram_id: int,
    chat_id: int,
    kind: str,
    text: Safe,
    *,
    ticket: int | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Remember what we expect from this person in this chat, and ask them for it."""
    services = context.services
    now = int(services.scheduler.clock())
    await services.pending.expect(
        PendingInput(telegram_id, chat_id, kind, ticket, data or {}, None, now)
    )
    # selective: in a group only the person mentioned in the prompt gets the reply field.
    sent = await context.bot.send_message(chat_id, text, reply_markup=ForceReply(selective=True))
    await services.pending.set_prompt(telegram_id, chat_id, sent.message_id)


async def pending_for(context: BotContext, telegram_id: int, chat_id: int) -> PendingInput | None:
    services = context.services
    since = int(services.scheduler.clock()) - PENDING_TTL
    return await services.pending.get(telegram_id, chat_id, since)

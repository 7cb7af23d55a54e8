"""Asking someone to type something next: a ForceReply prompt, and the step kept with the
person's other half-finished flows (their `user_data`, stored by bot/runtime/persistence.py).

A typed step belongs to one chat (a steward answers a ticket in the stewards' group, or
in private) and is forgotten after an hour; it survives a restart like every wizard's
draft. In a group the typed text must reply to the prompt, which is also how Telegram
delivers it to a bot in privacy mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram import ForceReply

from bot.i18n import Safe
from bot.runtime.context import BotContext

PENDING_TTL = 3600  # seconds: a prompt left unanswered longer is forgotten
TYPING = "typing"  # the user_data key: chat id -> the step waiting for text there


@dataclass(frozen=True, slots=True)
class PendingInput:
    """One person, in one chat, was asked to type something (`kind`) about `ticket`."""

    telegram_id: int
    chat_id: int
    kind: str
    ticket: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    prompt_id: int | None = None
    created_at: int = 0


async def ask_to_type(
    context: BotContext,
    chat_id: int,
    kind: str,
    text: Safe,
    *,
    ticket: int | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Remember what we expect from the sender in this chat (one step per chat: a new one
    replaces the old), and ask them for it."""
    steps = _steps(context)
    step = {"kind": kind, "ticket": ticket, "data": data or {}, "prompt": None}
    steps[str(chat_id)] = step | {"at": int(context.services.scheduler.clock())}
    # selective: in a group only the person mentioned in the prompt gets the reply field.
    sent = await context.bot.send_message(chat_id, text, reply_markup=ForceReply(selective=True))
    steps[str(chat_id)]["prompt"] = sent.message_id


def pending_for(context: BotContext, telegram_id: int, chat_id: int) -> PendingInput | None:
    """What the sender (`telegram_id`) was asked to type in this chat, unless it is older
    than an hour."""
    steps = _steps(context)
    step = steps.get(str(chat_id))
    if step is None:
        return None
    if step["at"] < context.services.scheduler.clock() - PENDING_TTL:
        del steps[str(chat_id)]
        return None
    return PendingInput(
        telegram_id,
        chat_id,
        step["kind"],
        step["ticket"],
        step["data"],
        step["prompt"],
        step["at"],
    )


def forget_typing(context: BotContext, chat_id: int) -> bool:
    """Stop waiting for the sender's text in this chat; True when a step was waiting."""
    steps = _steps(context)
    found = steps.pop(str(chat_id), None) is not None
    if not steps:
        context.user_data.pop(TYPING, None)  # type: ignore[union-attr]
    return found


def _steps(context: BotContext) -> dict[str, dict[str, Any]]:
    assert context.user_data is not None
    return context.user_data.setdefault(TYPING, {})

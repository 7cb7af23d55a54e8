"""Typed text: what the person was asked to type, else a question for the FAQ.

Registered after every feature and before the fallback, so other features' conversations
see text first. In groups only a reply to the bot's own prompt counts (a steward's answer
in the stewards' group); members' questions are never taken in groups.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import (
    Application,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.i18n import t
from bot.people import Person
from bot.runtime.context import BotContext
from handlers import fallback
from handlers.common import GOOD_STANDING, VERIFIED, Need, gate, person_of, reply
from handlers.faq import admin as faqadmin
from handlers.faq import answers as faq
from handlers.faq import link as faqlink
from handlers.prompts import PendingInput, forget_typing, pending_for
from handlers.tickets import commands as tickets
from storage.members import Role

Step = Callable[[Update, BotContext, Person, PendingInput, str], Awaitable[None]]
# Each step with what its typist must still be when they send it (`gate`, re-checked on
# every message: a role can be revoked between the prompt and the answer).
STEPS: dict[str, tuple[Need, Step]] = {
    "ask": (GOOD_STANDING, tickets.typed_question),
    "reply": (VERIFIED, tickets.typed_reply),
    "answer": (Role.STEWARD, tickets.typed_answer),
    "faq_add": (Role.LEADER, faqadmin.typed_add),
    "faq_edit": (Role.LEADER, faqadmin.typed_edit),
    "faq_link": (Role.STEWARD, faqlink.typed_search),
}
GROUP_STEPS = {"answer"}  # the only typing the bot takes in a group


async def on_private_text(update: Update, context: BotContext) -> None:
    """A pending step if there is one; otherwise a verified member's question."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and message.text is not None and chat is not None
    person = await person_of(update, context)
    pending = pending_for(context, person.telegram_id, chat.id)
    if pending is not None and pending.kind in STEPS:
        await _step(update, context, pending, message.text)
        return
    if not person.verified:
        await fallback.unknown_text(update, context)
        return
    await faq.answer_question(update, context, person, message.text)


async def on_group_reply(update: Update, context: BotContext) -> None:
    """A reply in a group: handled only when it answers this person's own prompt."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and message.text is not None and chat is not None
    replied = message.reply_to_message
    person = await person_of(update, context)
    pending = pending_for(context, person.telegram_id, chat.id)
    if pending is None or replied is None or pending.prompt_id != replied.message_id:
        return  # group chatter is not for the bot
    if pending.kind in GROUP_STEPS:
        await _step(update, context, pending, message.text)


async def _step(update: Update, context: BotContext, pending: PendingInput, text: str) -> None:
    """The typed step, if its typist still may; else the refusal, and the step is dropped."""
    need, step = STEPS[pending.kind]
    person = await gate(update, context, need)
    if person is None:
        forget_typing(context, pending.chat_id)
        return
    await step(update, context, person, pending, text)


async def cancel(update: Update, context: BotContext) -> None:
    """/cancel: forget what the bot was waiting for, if anything."""
    chat = update.effective_chat
    person = await person_of(update, context)
    assert chat is not None
    if forget_typing(context, chat.id):
        await reply(update, t(person.language, "input.cancelled"))
        return
    await fallback.cancel(update, context)


def register(application: Application) -> None:  # type: ignore[type-arg]
    # Conversations registered earlier (verify's form) still see their own /cancel first.
    application.add_handler(CommandHandler("cancel", cancel))
    text = filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & text, on_private_text))
    application.add_handler(
        MessageHandler(filters.ChatType.GROUPS & filters.REPLY & text, on_group_reply)
    )

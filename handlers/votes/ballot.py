"""Members vote: /vote, the ballot buttons (show, pick, confirm), and /verify RECEIPT.

Every press is hostile input: the data is parsed strictly and the service re-checks the
vote, its state, the option and the roll on every step; the cast itself is one transaction.
"""

from __future__ import annotations

import contextlib
import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import pack, pattern, unpack
from bot.i18n import Safe, format_when, t
from bot.outgoing import Button
from bot.people import Person
from bot.runtime.context import BotContext
from bot.votes import messages
from bot.votes.service import ReceiptState, VoteError
from handlers.common import GOOD_STANDING, VERIFIED, gate, reply
from storage.votes import CastOutcome

log = logging.getLogger(__name__)


def markup(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.data) for b in row] for row in buttons]
    )


async def vote_command(update: Update, context: BotContext) -> None:
    """/vote: the votes open to me, with a button for each I have not voted in."""
    person = await gate(update, context, GOOD_STANDING, private_only=True)
    if person is None or person.member is None:
        return
    lang, tz = person.language, context.services.settings.tz
    votes = await context.services.votes.open_for(person.member)
    if not votes:
        await reply(update, t(lang, "vote.none_open"))
        return
    lines = [t(lang, "vote.list.title")]
    buttons = []
    for vote, voted in votes:
        closes = format_when(lang, vote.closes_at, tz)
        key = "vote.list.voted" if voted else "vote.list.open"
        question = messages.question(lang, vote)
        lines.append(t(lang, key, number=vote.id, question=question, closes=closes))
        if not voted:
            label = t(lang, "vote.list.button", number=vote.id)
            buttons.append(
                [InlineKeyboardButton(label, callback_data=pack("vote", "show", vote.id))]
            )
    await reply(
        update,
        Safe("\n\n".join(lines)),
        reply_markup=InlineKeyboardMarkup(buttons) if buttons else None,
    )


async def on_ballot(update: Update, context: BotContext) -> None:
    """Vote / an option / Confirm: re-check everything, then show the next step."""
    query = update.callback_query
    assert query is not None
    person = await gate(update, context, VERIFIED)
    if person is None or person.member is None:
        return
    lang = person.language
    data = unpack(query.data, "vote", {"show", "pick", "cast"})
    vote_id = data.int_arg() if data else None
    if data is None or vote_id is None:
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    message = query.message
    if message is None or message.chat.type != "private":
        await query.answer(t(lang, "private.only"), show_alert=True)
        return
    votes = context.services.votes
    if data.action == "cast":
        await _cast(update, context, person, vote_id, data.int_arg(1))
        return
    try:
        vote = await votes.ballot(vote_id, person.member)
    except VoteError as exc:
        await query.answer(t(lang, f"vote.refused.{exc.reason}"), show_alert=True)
        return
    if data.action == "show":
        text, buttons = messages.ballot(lang, vote, context.services.settings.timezone)
    else:
        choice = data.int_arg(1)
        if choice is None or choice >= len(vote.options):
            await query.answer(t(lang, "vote.refused.bad_option"), show_alert=True)
            return
        text, buttons = messages.confirm(lang, vote, choice)
    await query.answer()
    await _edit(query, text, markup(buttons))


async def _cast(
    update: Update, context: BotContext, person: Person, vote_id: int, choice: int | None
) -> None:
    query = update.callback_query
    assert query is not None and person.member is not None
    lang = person.language
    if choice is None:
        await query.answer(t(lang, "vote.refused.bad_option"), show_alert=True)
        return
    outcome, receipt = await context.services.votes.cast(vote_id, person.member, choice)
    if outcome is not CastOutcome.CAST:
        await query.answer(t(lang, f"vote.refused.{outcome}"), show_alert=True)
        return
    vote = await context.services.votes.get(vote_id)
    assert vote is not None
    # The ballot is in: whatever happens to the little toast (Telegram refuses an answer
    # that comes late), the member must get the receipt.
    with contextlib.suppress(BadRequest):
        await query.answer(t(lang, "vote.cast_done"))
    # The ballot message becomes the receipt: the choice is no longer on the screen.
    await _edit(query, messages.receipt(lang, vote, receipt), None)


async def _edit(query: object, text: Safe, reply_markup: InlineKeyboardMarkup | None) -> None:
    try:
        await query.edit_message_text(text, reply_markup=reply_markup)  # type: ignore[attr-defined]
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


async def check_receipt(update: Update, context: BotContext, person: Person, typed: str) -> None:
    """/verify RECEIPT from a member: was it counted? Which vote, never which choice."""
    check = await context.services.votes.check_receipt(typed[:64])
    vote = check.vote
    await reply(
        update,
        t(
            person.language,
            f"vote.verify.{check.state}",
            number=vote.id if vote else "",
            question=messages.question(person.language, vote) if vote else "",
        ),
    )
    if check.state in (ReceiptState.MALFORMED, ReceiptState.UNKNOWN):
        log.info("a receipt check found nothing (%s)", check.state)


async def on_share(update: Update, context: BotContext) -> None:
    """A trustee pastes their key share after a vote closes: refuse, keep, or count."""
    message = update.effective_message
    assert message is not None
    person = await gate(update, context, VERIFIED)
    if person is not None and person.member is not None:
        result = await context.services.votes.unlock(message.text or "", person.member, person)
        number = result.vote.id if result.vote else ""
        await reply(
            update,
            t(
                person.language,
                f"vote.unlock.{result.state}",
                number=number,
                have=result.have,
                needed=result.needed,
            ),
        )
    raise ApplicationHandlerStop  # a share is never an FAQ question or a typed answer


# A key share anywhere in a private text: handled before wizards, typed steps and the FAQ.
SHARE = filters.ChatType.PRIVATE & filters.TEXT & filters.Regex(re.compile("UBK1-", re.I))


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(MessageHandler(SHARE, on_share), group=-1)
    application.add_handler(CommandHandler("vote", vote_command))
    application.add_handler(CallbackQueryHandler(on_ballot, pattern=pattern("vote")))

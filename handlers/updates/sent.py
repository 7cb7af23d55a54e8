"""Bargaining updates once composed: scheduled list, "Got it", reach, corrections, /updates."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import pack, pattern, unpack
from bot.i18n import Safe, format_when, t
from bot.long_text import visible
from bot.people import NotAllowed, Person
from bot.runtime.context import BotContext
from bot.updates.service import DraftError
from handlers.common import VERIFIED, end_flow, gate, person_of, reply
from handlers.long_replies import send_blocks
from storage.members import Role
from storage.updates import Update as StoredUpdate

NEW_TEXT = 0
SNIPPET = 60


def snippet(html_text: str) -> str:
    """The first words of an update, as plain text (escaped again by t())."""
    plain = " ".join(visible(html_text).split())
    return plain if len(plain) <= SNIPPET else plain[: SNIPPET - 1] + "…"


def _when(context: BotContext, language: str, timestamp: int) -> str:
    return format_when(language, timestamp, context.services.settings.tz)


async def _number_arg(
    update: Update, context: BotContext, person: Person, usage: str
) -> int | None:
    """The update number given after a command, or None after saying how to use it."""
    args = context.args or []
    if len(args) != 1 or not args[0].lstrip("#").isdigit():
        await reply(update, t(person.language, usage))
        return None
    return int(args[0].lstrip("#"))


# -- members ---------------------------------------------------------------------------


async def recent(update: Update, context: BotContext) -> None:
    """/updates: the last 10 updates addressed to me."""
    person = await gate(update, context, VERIFIED)
    if person is None or person.member is None:
        return
    found = await context.services.updates.recent_for(person.member)
    if not found:
        await reply(update, t(person.language, "updates.none_yet"))
        return
    # One block per update, as many to a message as fit; one too long alone is shortened.
    blocks = [t(person.language, "updates.recent_title")]
    for item in found:
        when = t(
            person.language,
            "updates.recent_line",
            when=_when(context, person.language, item.send_at),
        )
        blocks.append(f"{when}\n{item.text or '📎'}")
    chat = update.effective_chat
    assert chat is not None
    await send_blocks(context.bot, chat.id, blocks)


async def got_it(update: Update, context: BotContext) -> None:
    """ "✅ Got it" under an update: counted once per member."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    data = unpack(query.data, "upd", {"ack"})
    update_id = data.int_arg() if data else None
    if update_id == 0:
        await query.answer(t(person.language, "updates.preview_button"))
        return
    result = None
    if update_id is not None and person.verified:
        result = await context.services.updates.acknowledge(person, update_id)
    key = {True: "updates.thanks", False: "updates.already_noted", None: "button.expired"}[result]
    await query.answer(t(person.language, key))


# -- stewards and leaders -----------------------------------------------------------------


async def scheduled(update: Update, context: BotContext) -> None:
    """/scheduled: updates waiting for their time, each with a Cancel button."""
    person = await gate(update, context, Role.STEWARD)
    if person is None:
        return
    waiting = await context.services.updates.scheduled_for(person)
    if not waiting:
        await reply(update, t(person.language, "updates.none_scheduled"))
        return
    for item in waiting:
        text = t(
            person.language,
            "updates.scheduled_line",
            number=item.id,
            when=_when(context, person.language, item.send_at),
            text=snippet(item.text) or "📎",
        )
        button = InlineKeyboardButton(
            t(person.language, "updates.cancel_button"),
            callback_data=pack("upd", "cancel", item.id),
        )
        await reply(update, text, reply_markup=InlineKeyboardMarkup([[button]]))


async def cancel_scheduled(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    person = await gate(update, context, Role.STEWARD)
    if person is None:
        return
    data = unpack(query.data, "upd", {"cancel"})
    update_id = data.int_arg() if data else None
    try:
        done = update_id is not None and await context.services.updates.cancel(person, update_id)
    except NotAllowed:
        await query.answer(t(person.language, "role.denied"), show_alert=True)
        return
    await query.answer()
    key = "updates.cancelled" if done else "updates.not_scheduled"
    await query.edit_message_text(t(person.language, key, number=update_id or 0))


async def reach(update: Update, context: BotContext) -> None:
    """/reach N: delivered and acknowledged by worksite (groups under 5 merged)."""
    person = await gate(update, context, Role.STEWARD)
    if person is None:
        return
    number = await _number_arg(update, context, person, "updates.reach_usage")
    if number is None:
        return
    found = await context.services.updates.reach(person, number)
    if found is None:
        await reply(update, t(person.language, "updates.unknown", number=number))
        return
    progress, rows = found
    lang = person.language
    lines = [
        t(lang, "updates.reach_title", number=number),
        t(
            lang,
            "updates.reach_total",
            delivered=progress.sent,
            total=progress.total,
            acked=progress.acked,
        ),
        "",
    ]
    for row in rows:
        name = t(lang, "updates.other_sites") if row.worksite == "Other" else row.worksite
        lines.append(
            t(
                lang,
                "updates.reach_line",
                worksite=name,
                delivered=row.delivered,
                total=row.recipients,
                acked=row.acknowledged,
            )
        )
    if not rows:
        lines.append(t(lang, "updates.reach_too_small"))
    await reply(update, Safe("\n".join(lines)))


async def pin(update: Update, context: BotContext) -> None:
    """/pin N (leaders): newly verified members receive the latest pinned update."""
    await _set_pinned(update, context, True)


async def unpin(update: Update, context: BotContext) -> None:
    await _set_pinned(update, context, False)


async def _set_pinned(update: Update, context: BotContext, pinned: bool) -> None:
    person = await gate(update, context, Role.LEADER)
    if person is None:
        return
    number = await _number_arg(update, context, person, "updates.pin_usage")
    if number is None:
        return
    try:
        await context.services.updates.pin(person, number, pinned)
    except LookupError:
        await reply(update, t(person.language, "updates.unknown", number=number))
        return
    await reply(
        update,
        t(person.language, "updates.pinned" if pinned else "updates.unpinned", number=number),
    )


# -- corrections and retractions (leaders) ---------------------------------------------------


async def _sent_update(
    update: Update, context: BotContext, usage: str
) -> tuple[Person, StoredUpdate] | None:
    """For leaders' /correct N and /retract N: the sent update N, or None after saying why."""
    person = await gate(update, context, Role.LEADER)
    if person is None:
        return None
    number = await _number_arg(update, context, person, usage)
    if number is None:
        return None
    found = await context.services.updates.visible_to(person, number)
    if found is None or found.state != "sent":
        await reply(update, t(person.language, "updates.unknown", number=number))
        return None
    return person, found


async def correct_start(update: Update, context: BotContext) -> int:
    """/correct N: ask for the corrected text."""
    chosen = await _sent_update(update, context, "updates.correct_usage")
    if chosen is None:
        return ConversationHandler.END
    person, found = chosen
    number = found.id
    assert context.user_data is not None
    context.user_data["correcting"] = number
    await reply(update, t(person.language, "updates.ask_correction", number=number))
    return NEW_TEXT


async def correct_text(update: Update, context: BotContext) -> int:
    person = await gate(update, context, Role.LEADER)
    assert update.effective_message is not None and context.user_data is not None
    number = context.user_data.get("correcting")
    if person is None or number is None:
        return ConversationHandler.END
    progress_message = await update.effective_message.reply_text(
        t(person.language, "updates.correcting", number=number)
    )
    try:
        await context.services.updates.correct(
            person,
            number,
            update.effective_message.text_html or "",
            (progress_message.chat_id, progress_message.message_id, person.language),
        )
    except DraftError as exc:
        await progress_message.edit_text(t(person.language, f"updates.problem.{exc.problem}"))
        return NEW_TEXT
    context.user_data.pop("correcting", None)
    return ConversationHandler.END


async def correct_cancel(update: Update, context: BotContext) -> int:
    return await end_flow(update, context, "broadcast.cancelled", "correcting")


async def retract(update: Update, context: BotContext) -> None:
    """/retract N: ask before deleting every copy."""
    chosen = await _sent_update(update, context, "updates.retract_usage")
    if chosen is None:
        return
    person, found = chosen
    number = found.id
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(person.language, "updates.retract_yes"),
                    callback_data=pack("upd", "retract", number),
                ),
                InlineKeyboardButton(
                    t(person.language, "updates.retract_no"),
                    callback_data=pack("upd", "keep", number),
                ),
            ]
        ]
    )
    await reply(
        update,
        t(person.language, "updates.retract_confirm", text=snippet(found.text)),
        reply_markup=buttons,
    )


async def on_retract(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    person = await gate(update, context, Role.LEADER)
    if person is None:
        return
    data = unpack(query.data, "upd", {"retract", "keep"})
    number = data.int_arg() if data else None
    if data is None or number is None:
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    await query.answer()
    if data.action == "keep":
        await query.edit_message_text(t(person.language, "updates.kept"))
        return
    message = query.message
    assert message is not None
    try:
        await context.services.updates.retract(
            person, number, (message.chat.id, message.message_id, person.language)
        )
    except LookupError:
        await query.edit_message_text(t(person.language, "updates.unknown", number=number))
        return
    await query.edit_message_text(t(person.language, "updates.retracting", number=number))


def register(application: Application) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    application.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("correct", correct_start, filters=private)],
            states={
                NEW_TEXT: [MessageHandler(private & filters.TEXT & ~filters.COMMAND, correct_text)]
            },
            fallbacks=[CommandHandler("cancel", correct_cancel)],
            name="correct_update",
            persistent=True,
            allow_reentry=True,
        )
    )
    for name, callback in (
        ("updates", recent),
        ("scheduled", scheduled),
        ("reach", reach),
        ("pin", pin),
        ("unpin", unpin),
        ("retract", retract),
    ):
        application.add_handler(CommandHandler(name, callback, filters=private))
    on = pattern("upd")
    application.add_handler(CallbackQueryHandler(got_it, pattern=rf"{on}ack:"))
    application.add_handler(CallbackQueryHandler(cancel_scheduled, pattern=rf"{on}cancel:"))
    application.add_handler(CallbackQueryHandler(on_retract, pattern=rf"{on}(retract|keep):"))

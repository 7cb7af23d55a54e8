"""Members' questions: answers from the FAQ, 👍/👎, suggestions, /faq topics and inline sharing."""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    ReplyParameters,
    Update,
)
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, InlineQueryHandler

from bot.callbacks import pack, pattern, unpack
from bot.i18n import Safe, t
from bot.people import Person
from bot.runtime.context import BotContext
from bot.tickets.service import MAX_QUESTION
from handlers.common import VERIFIED, gate, person_of, reply
from handlers.faq.keys import find_by_key, short_key, still_offered
from handlers.tickets.views import snippet
from storage.faq import FaqEntry

INLINE_DESCRIPTION = 100


def ask_steward_button(language: str) -> list[InlineKeyboardButton]:
    """The row that opens a ticket with the quoted question (see handlers.tickets.commands)."""
    data = pack("ticket", "askq")
    return [InlineKeyboardButton(t(language, "faq.ask_steward"), callback_data=data)]


def entry_rows(entries: list[FaqEntry]) -> list[list[InlineKeyboardButton]]:
    """One button per entry, showing the start of its question."""
    return [
        [InlineKeyboardButton(snippet(e.question), callback_data=pack("faq", "show", key))]
        for e, key in ((e, short_key(e.id)) for e in entries)
    ]


def _quoting(message_id: int | None) -> ReplyParameters | None:
    # The answer quotes the question: 👎 and "Ask a steward" read it back from there, so
    # the bot keeps no copy of what a member asked.
    if message_id is None:
        return None
    return ReplyParameters(message_id=message_id, allow_sending_without_reply=True)


async def send_answer(
    context: BotContext, chat_id: int, language: str, entry: FaqEntry, quote: int | None
) -> None:
    """An FAQ answer with 'Was this helpful? 👍 👎'."""
    key = short_key(entry.id)
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("👍", callback_data=pack("faq", "vote", key, 1)),
                InlineKeyboardButton("👎", callback_data=pack("faq", "vote", key, 0)),
            ]
        ]
    )
    await context.bot.send_message(
        chat_id,
        t(language, "faq.answer", question=entry.question, answer=entry.answer),
        reply_markup=buttons,
        reply_parameters=_quoting(quote),
    )


async def answer_question(update: Update, context: BotContext, person: Person, text: str) -> None:
    """Plain text from a verified member: answer, suggest, or offer a steward."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    lang, services = person.language, context.services
    if len(text) > MAX_QUESTION:
        await reply(update, t(lang, "faq.too_long", limit=MAX_QUESTION))
        return
    decision = await services.faq.ask(text, lang)
    if decision.kind == "answer" and decision.entry is not None:
        await send_answer(context, chat.id, lang, decision.entry, message.message_id)
        return
    if decision.kind == "suggest" and decision.suggestions:
        # Logged too: a steward can link these words to the right entry from /faqgaps, so
        # the next member asking this way gets the answer outright.
        await services.faq.log_gap(text.strip(), "suggested")
        rows = entry_rows(list(decision.suggestions))
        await reply(
            update,
            t(lang, "faq.suggest"),
            reply_markup=InlineKeyboardMarkup([*rows, ask_steward_button(lang)]),
            reply_parameters=_quoting(message.message_id),
        )
        return
    await services.faq.log_gap(text.strip(), "unknown")
    await reply(
        update,
        t(lang, "faq.unknown"),
        reply_markup=InlineKeyboardMarkup([ask_steward_button(lang)]),
        reply_parameters=_quoting(message.message_id),
    )


# -- buttons ----------------------------------------------------------------------------------


async def on_button(update: Update, context: BotContext) -> None:
    """show:<key>, vote:<key>:<1|0>, tag:<key>; keys are looked up, anything else refused."""
    query = update.callback_query
    assert query is not None and query.message is not None
    person = await gate(update, context, VERIFIED, refusal="button.expired")
    if person is None:
        return
    data = unpack(query.data, "faq", {"show", "vote", "tag"})
    if data is None or not data.args:
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    lang, services, key = person.language, context.services, data.args[0]
    if data.action == "tag":
        await _show_topic(update, context, person, key)
        return
    entry = find_by_key(await services.faq.entries(), key, lambda e: e.id)
    if entry is None:
        await query.answer(t(lang, "faq.gone"), show_alert=True)
        return
    quoted = getattr(query.message, "reply_to_message", None)
    if data.action == "show":
        await query.answer()
        quote = quoted.message_id if quoted is not None else None
        await send_answer(context, query.message.chat.id, lang, entry, quote)
        return
    helpful = data.args[1:] == ("1",)
    if data.args[1:] not in (("1",), ("0",)) or not still_offered(query):
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    await services.faq.record_feedback(entry.id, helpful)
    if helpful:
        await query.answer(t(lang, "faq.thanks"))
        await query.edit_message_reply_markup(None)
        return
    asked = quoted.text if quoted is not None and quoted.text else entry.question
    await services.faq.log_gap(asked, "unhelpful", entry.id)
    await query.answer(t(lang, "faq.sorry"))
    await query.edit_message_reply_markup(InlineKeyboardMarkup([ask_steward_button(lang)]))


# -- /faq: browse by topic ----------------------------------------------------------------------


async def _topics_markup(context: BotContext, language: str) -> InlineKeyboardMarkup | None:
    tags = await context.services.faq.tags(language)
    if not tags:
        return None
    buttons = [
        InlineKeyboardButton(f"{tag} ({count})", callback_data=pack("faq", "tag", short_key(tag)))
        for tag, count in tags
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


async def browse(update: Update, context: BotContext) -> None:
    """/faq [topic]: the topics as buttons, or one topic's questions."""
    person = await gate(update, context, VERIFIED, private_only=True)
    if person is None:
        return
    lang = person.language
    markup = await _topics_markup(context, lang)
    if markup is None:
        await reply(update, t(lang, "faq.empty"))
        return
    wanted = " ".join(context.args or []).strip().lower()
    if wanted:
        tags = [tag for tag, _ in await context.services.faq.tags()]
        if wanted in tags:
            await _send_topic(update, context, person, wanted)
            return
        await reply(update, t(lang, "faq.unknown_topic", topic=wanted), reply_markup=markup)
        return
    await reply(update, t(lang, "faq.topics"), reply_markup=markup)


async def _show_topic(update: Update, context: BotContext, person: Person, key: str) -> None:
    query = update.callback_query
    assert query is not None
    tags = await context.services.faq.tags()
    found = find_by_key(tags, key, lambda item: item[0])
    if found is None:
        await query.answer(t(person.language, "faq.no_topic"), show_alert=True)
        return
    await query.answer()
    await _send_topic(update, context, person, found[0])


async def _send_topic(update: Update, context: BotContext, person: Person, tag: str) -> None:
    """The questions under one topic, as buttons; the member's language first."""
    rows = entry_rows(await context.services.faq.by_tag(tag, person.language))
    await reply(
        update, t(person.language, "faq.topic", topic=tag), reply_markup=InlineKeyboardMarkup(rows)
    )


# -- inline mode ----------------------------------------------------------------------------------


async def inline_query(update: Update, context: BotContext) -> None:
    """@bot words in any chat: verified members get matching answers to share; others nothing."""
    query = update.inline_query
    assert query is not None
    person = await person_of(update, context)
    results: list[InlineQueryResultArticle] = []
    text = query.query.strip()
    if person.verified and text:
        decision = await context.services.faq.ask(text, person.language)
        entries = [decision.entry] if decision.entry is not None else list(decision.suggestions)
        results = [_article(entry) for entry in entries]
    # Personal and uncached: what one person may see must never be served to another.
    await query.answer(results, cache_time=0, is_personal=True)


def _article(entry: FaqEntry) -> InlineQueryResultArticle:
    shared = t(entry.language, "faq.shared", question=entry.question, answer=entry.answer)
    return InlineQueryResultArticle(
        id=short_key(entry.id),
        title=entry.question,
        description=snippet(entry.answer)[:INLINE_DESCRIPTION],
        input_message_content=InputTextMessageContent(Safe(shared), parse_mode="HTML"),
    )


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("faq", browse))
    application.add_handler(CallbackQueryHandler(on_button, pattern=pattern("faq")))
    application.add_handler(InlineQueryHandler(inline_query))

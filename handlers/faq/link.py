"""Stewards and leaders teach the FAQ: "this question is answered by entry X".

From /faqgaps (a question the FAQ missed) or an answered ticket, 🔗 opens a picker: the
entries the matcher ranks best for those words, and 🔎 to search by typing. Picking one
makes the member's words an alternate of that entry (audited), so the next member asking
that way gets it. Callback data: faqlnk:<pick|find|to>:<g|t>:<gap or ticket id>[:<entry key>].
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler

from bot.callbacks import pack, pattern, unpack
from bot.faq.editing import FaqEditError
from bot.i18n import t
from bot.people import Person
from bot.runtime.context import BotContext
from bot.tickets.service import Result
from handlers.common import gate, reply
from handlers.faq.keys import find_by_key, short_key
from handlers.prompts import PendingInput, ask_to_type, forget_typing
from handlers.tickets.views import snippet
from storage.faq import FaqEntry
from storage.members import Role

ACTIONS = {"pick", "find", "to"}
SOURCES = {"g": "gap", "t": "ticket"}
PICKS = 5  # entries offered at once
FOUND = 8  # entries shown for a typed search


def link_button(language: str, source: str, number: int, label: str = "") -> InlineKeyboardButton:
    """🔗 for a gap ("g") or a ticket ("t")."""
    text = label or t(language, "faqlink.button")
    return InlineKeyboardButton(text, callback_data=pack("faqlnk", "pick", source, number))


async def _wording(
    context: BotContext, person: Person, source: str, number: int
) -> tuple[str | None, str]:
    """The member's words behind a gap or ticket, if this person may link them; else why not."""
    if source == "g":
        gap = await context.services.faq.gap(number)
        return (gap.text, "") if gap is not None else (None, "faqlink.gone")
    found = await context.services.tickets.question_and_answer(person, number)
    if isinstance(found, Result):
        return None, f"ticket.{found.outcome.value}"
    return found[0], ""


def _choices(source: str, number: int, entries: list[FaqEntry]) -> list[list[InlineKeyboardButton]]:
    return [
        [
            InlineKeyboardButton(
                snippet(e.question),
                callback_data=pack("faqlnk", "to", source, number, short_key(e.id)),
            )
        ]
        for e in entries
    ]


async def _ranked(context: BotContext, text: str, limit: int) -> list[FaqEntry]:
    decision = await context.services.faq.ask(text)
    faq = context.services.faq
    ranked = [faq.entry(c.entry_id) for c in decision.answer.candidates[:limit]]
    return [e for e in ranked if e is not None]


async def on_button(update: Update, context: BotContext) -> None:
    """pick / find / to: the presser's role and the gap or ticket are re-checked every time."""
    query = update.callback_query
    assert query is not None and query.message is not None
    person = await gate(update, context, Role.STEWARD)
    if person is None:
        return
    lang = person.language
    data = unpack(query.data, "faqlnk", ACTIONS)
    if data is None or len(data.args) < 2 or data.args[0] not in SOURCES:
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    source, raw_number = data.args[0], data.args[1]
    if not raw_number.isdigit():
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    number = int(raw_number)
    text, refusal = await _wording(context, person, source, number)
    if text is None:
        await query.answer(t(lang, refusal), show_alert=True)
        return
    if data.action == "pick":
        await query.answer()
        rows = _choices(source, number, await _ranked(context, text, PICKS))
        rows.append(
            [
                InlineKeyboardButton(
                    t(lang, "faqlink.search"),
                    callback_data=pack("faqlnk", "find", source, number),
                )
            ]
        )
        await reply(
            update, t(lang, "faqlink.pick", text=text), reply_markup=InlineKeyboardMarkup(rows)
        )
    elif data.action == "find":
        await query.answer()
        await ask_to_type(
            context,
            query.message.chat.id,
            "faq_link",
            t(lang, "faqlink.ask_search"),
            data={"source": source, "number": number},
        )
    else:
        entry = find_by_key(
            await context.services.faq.entries(),
            data.args[2:3][0] if data.args[2:3] else "",
            lambda e: e.id,
        )
        if entry is None:
            await query.answer(t(lang, "faq.gone"), show_alert=True)
            return
        await _link(update, context, person, source, number, text, entry)


async def _link(
    update: Update,
    context: BotContext,
    person: Person,
    source: str,
    number: int,
    text: str,
    entry: FaqEntry,
) -> None:
    query = update.callback_query
    assert query is not None
    services = context.services
    try:
        linked = await services.faq_editor.link(
            person, entry.id, text, f"{SOURCES[source]}:{number}"
        )
    except FaqEditError:
        await query.answer(t(person.language, "faq.gone"), show_alert=True)
        return
    if source == "g":
        await services.faq.remove_gap(number)
    await query.answer()
    await query.edit_message_text(
        t(person.language, "faqlink.done", text=text, entry=linked.id, question=linked.question)
    )


async def typed_search(
    update: Update, context: BotContext, person: Person, pending: PendingInput, text: str
) -> None:
    """Words typed to find the entry to link: the best matches as buttons."""
    services, lang = context.services, person.language
    forget_typing(context, pending.chat_id)
    source, number = str(pending.data.get("source")), pending.data.get("number")
    if source not in SOURCES or not isinstance(number, int):
        await reply(update, t(lang, "button.expired"))
        return
    wording, refusal = await _wording(context, person, source, number)
    if wording is None:
        await reply(update, t(lang, refusal))
        return
    words = text.strip().casefold()
    entries = await services.faq.entries()
    # An id or question containing the typed words first, then what the matcher ranks.
    exact = [e for e in entries if words and (words in e.id or words in e.question.casefold())]
    ranked = [e for e in await _ranked(context, text, FOUND) if e not in exact]
    found = (exact + ranked)[:FOUND]
    if not found:
        await reply(update, t(lang, "faqlink.none"))
        return
    await reply(
        update,
        t(lang, "faqlink.found", text=wording),
        reply_markup=InlineKeyboardMarkup(_choices(source, number, found)),
    )


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CallbackQueryHandler(on_button, pattern=pattern("faqlnk")))

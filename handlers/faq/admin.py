"""Leaders keep the FAQ in chat: /faqadmin (list, add, edit, remove) and /faqgaps."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import pack, pattern, unpack
from bot.faq.editing import (
    FIELDS,
    FaqEditError,
    check_answer,
    check_question,
    parse_tags,
)
from bot.i18n import Safe, t
from bot.people import Person
from bot.runtime.context import BotContext
from bot.services import Services
from handlers.common import gate, reply
from handlers.faq import link as faqlink
from handlers.faq.keys import find_by_key, short_key
from handlers.prompts import PendingInput, ask_to_type, forget_typing
from handlers.tickets.views import snippet
from storage.faq import FaqEntry
from storage.members import Role

PAGE = 8
CARD_ANSWER = 3000  # the card also shows the question and tags; keep it under 4096
GAPS_SHOWN = 20
GAP_TEXT = 150
LINKS_PER_ROW = 5
ACTIONS = {"list", "view", "edit", "del", "delok", "add", "clear", "tr", "trto", "trnone"}


def _button(text: str, action: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=pack("faqadm", action, *args))


def _list_page(lang: str, entries: list[FaqEntry], page: int) -> tuple[Safe, InlineKeyboardMarkup]:
    pages = max(1, -(-len(entries) // PAGE))
    page = min(max(page, 0), pages - 1)
    shown = entries[page * PAGE : (page + 1) * PAGE]
    rows = [[_button(e.id, "view", short_key(e.id))] for e in shown]
    nav = []
    if page > 0:
        nav.append(_button("◀", "list", page - 1))
    if page < pages - 1:
        nav.append(_button("▶", "list", page + 1))
    rows += [nav] if nav else []
    rows.append([_button(t(lang, "faqadmin.button_add"), "add")])
    text = t(lang, "faqadmin.list", count=len(entries), page=page + 1, pages=pages)
    return text, InlineKeyboardMarkup(rows)


def _card(
    lang: str, entry: FaqEntry, translation: str | None = None
) -> tuple[Safe, InlineKeyboardMarkup]:
    answer = entry.answer if len(entry.answer) <= CARD_ANSWER else entry.answer[:CARD_ANSWER] + "…"
    text = t(
        lang,
        "faqadmin.card",
        id=entry.id,
        entry_language=entry.language,
        tags=", ".join(entry.tags) or "—",
        translation=translation or "—",
        question=entry.question,
        answer=answer,
    )
    key = short_key(entry.id)
    rows = [
        [_button(t(lang, f"faqadmin.edit_{field}"), "edit", key, field) for field in FIELDS],
        [_button(t(lang, "faqadmin.button_translation"), "tr", key)],
        [_button(t(lang, "faqadmin.button_remove"), "del", key), _button("◀", "list", 0)],
    ]
    return text, InlineKeyboardMarkup(rows)


async def _translation_picker(
    lang: str, services: Services, entry: FaqEntry
) -> tuple[Safe, InlineKeyboardMarkup | None]:
    """The entries that may translate `entry`, those the matcher finds closest to its
    question first, and "No translation" when it has one."""
    faq = services.faq
    pairable = services.faq_editor.pairable(entry, await faq.entries())
    if pairable:
        asked = await faq.ask(entry.question, pairable[0].language)
        order = {c.entry_id: i for i, c in enumerate(asked.answer.candidates)}
        pairable.sort(key=lambda e: order.get(e.id, len(order)))
    key = short_key(entry.id)
    rows = [[_button(snippet(e.question), "trto", key, short_key(e.id))] for e in pairable[:PAGE]]
    if faq.translation(entry.id):
        rows.append([_button(t(lang, "faqadmin.button_no_translation"), "trnone", key)])
    if not rows:
        return t(lang, "faqadmin.pair_none", id=entry.id), None
    return t(lang, "faqadmin.pair_pick", question=entry.question), InlineKeyboardMarkup(rows)


async def faq_admin(update: Update, context: BotContext) -> None:
    """/faqadmin: the entries as buttons, with Add."""
    person = await gate(update, context, Role.LEADER, private_only=True)
    if person is None:
        return
    text, markup = _list_page(person.language, await context.services.faq.entries(), 0)
    await reply(update, text, reply_markup=markup)


async def on_button(update: Update, context: BotContext) -> None:
    """Every /faqadmin and /faqgaps button; the presser's role is re-checked each time."""
    query = update.callback_query
    assert query is not None and query.message is not None
    person = await gate(update, context, Role.LEADER)
    if person is None:
        return
    data = unpack(query.data, "faqadm", ACTIONS)
    lang, services = person.language, context.services
    if data is None:
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    chat_id = query.message.chat.id
    if data.action in ("list", "add", "clear"):
        number = data.int_arg()
        if data.action == "add":
            await query.answer()
            await ask_to_type(
                context,
                chat_id,
                "faq_add",
                t(lang, "faqadmin.ask_question"),
                data={"step": "question"},
            )
        elif number is None:
            await query.answer(t(lang, "button.expired"), show_alert=True)
        elif data.action == "list":
            await query.answer()
            text, markup = _list_page(lang, await services.faq.entries(), number)
            await query.edit_message_text(text, reply_markup=markup)
        else:
            cleared = await services.faq_editor.clear_gaps(person, number)
            await query.answer()
            await query.edit_message_text(t(lang, "faqgaps.cleared", count=cleared))
        return
    entry = find_by_key(await services.faq.entries(), data.args[0] if data.args else "", _id)
    if entry is None:
        await query.answer(t(lang, "faq.gone"), show_alert=True)
        return
    if data.action == "view":
        await query.answer()
        text, markup = _card(lang, entry, services.faq.translation(entry.id))
        await reply(update, text, reply_markup=markup)
    elif data.action == "tr":
        await query.answer()
        text, picker = await _translation_picker(lang, services, entry)
        await reply(update, text, reply_markup=picker)
    elif data.action in ("trto", "trnone"):
        await _pair(update, context, person, entry, data.args[1] if data.action == "trto" else None)
    elif data.action == "edit" and data.args[1:2] and data.args[1] in FIELDS:
        field = data.args[1]
        await query.answer()
        await ask_to_type(
            context,
            chat_id,
            "faq_edit",
            t(lang, f"faqadmin.ask_{field}"),
            data={"id": entry.id, "field": field},
        )
    elif data.action == "del":
        await query.answer()
        confirm = InlineKeyboardMarkup(
            [[_button(t(lang, "faqadmin.button_remove_yes"), "delok", short_key(entry.id))]]
        )
        await reply(update, t(lang, "faqadmin.remove_confirm", id=entry.id), reply_markup=confirm)
    elif data.action == "delok":
        await services.faq_editor.remove(person, entry.id)
        await query.answer()
        await query.edit_message_text(t(lang, "faqadmin.removed", id=entry.id))
    else:
        await query.answer(t(lang, "button.expired"), show_alert=True)


def _id(entry: FaqEntry) -> str:
    return entry.id


async def _pair(
    update: Update, context: BotContext, person: Person, entry: FaqEntry, other_key: str | None
) -> None:
    """🌐 picked: `other_key` names the translation (None: "No translation")."""
    query = update.callback_query
    assert query is not None
    lang, services = person.language, context.services
    other = None
    if other_key is not None:
        other = find_by_key(await services.faq.entries(), other_key, _id)
        if other is None:
            await query.answer(t(lang, "faq.gone"), show_alert=True)
            return
    try:
        paired = await services.faq_editor.pair(person, entry.id, other.id if other else None)
    except FaqEditError as error:
        await query.answer(t(lang, f"faqadmin.error_{error.code}"), show_alert=True)
        return
    await query.answer()
    card, markup = _card(lang, paired, services.faq.translation(paired.id))
    await query.edit_message_text(
        Safe(t(lang, "faqadmin.saved") + "\n\n" + card), reply_markup=markup
    )


# -- typed steps -----------------------------------------------------------------------------


async def _error(update: Update, lang: str, error: FaqEditError) -> None:
    await reply(update, t(lang, f"faqadmin.error_{error.code}", limit=error.limit))


async def typed_add(
    update: Update, context: BotContext, person: Person, pending: PendingInput, text: str
) -> None:
    """Add, step by step: question, answer, topics. A bad value is asked for again."""
    services, lang, draft = context.services, person.language, dict(pending.data)
    try:
        if draft.get("step") == "question":
            draft.update(question=check_question(text), step="answer")
            next_prompt = t(lang, "faqadmin.ask_answer")
        elif draft.get("step") == "answer":
            draft.update(answer=check_answer(text), step="tags")
            next_prompt = t(lang, "faqadmin.ask_tags")
        else:
            entry = await services.faq_editor.add(
                person,
                draft["question"],
                draft["answer"],
                parse_tags(text),
                lang,
            )
            forget_typing(context, pending.chat_id)
            card, markup = _card(lang, entry)
            await reply(
                update, Safe(t(lang, "faqadmin.added") + "\n\n" + card), reply_markup=markup
            )
            return
    except FaqEditError as error:
        await _error(update, lang, error)
        return
    await ask_to_type(context, pending.chat_id, "faq_add", next_prompt, data=draft)


async def typed_edit(
    update: Update, context: BotContext, person: Person, pending: PendingInput, text: str
) -> None:
    """The new question, answer or topics of one entry."""
    services, lang = context.services, person.language
    try:
        entry = await services.faq_editor.update(
            person,
            str(pending.data.get("id")),
            str(pending.data.get("field")),
            text,
        )
    except FaqEditError as error:
        await _error(update, lang, error)
        if error.code == "gone":
            forget_typing(context, pending.chat_id)
        return
    forget_typing(context, pending.chat_id)
    card, markup = _card(lang, entry, services.faq.translation(entry.id))
    await reply(update, Safe(t(lang, "faqadmin.saved") + "\n\n" + card), reply_markup=markup)


# -- /faqgaps ------------------------------------------------------------------------------------


async def faq_gaps(update: Update, context: BotContext) -> None:
    """/faqgaps: what the FAQ missed (each with 🔗 to link it to an entry), and 👎 counts."""
    person = await gate(update, context, Role.STEWARD, private_only=True)
    if person is None:
        return
    lang, faq = person.language, context.services.faq
    gaps = await faq.gaps(GAPS_SHOWN)
    if not gaps:
        await reply(update, t(lang, "faqgaps.none"))
        return
    lines = [t(lang, "faqgaps.title"), ""]
    links = []
    for number, gap in enumerate(gaps, 1):
        text = gap.text if len(gap.text) <= GAP_TEXT else gap.text[:GAP_TEXT] + "…"
        line = t(lang, f"faqgaps.{gap.reason}", text=text, entry=gap.entry_id or "—")
        lines.append(Safe(f"{number}. {line.removeprefix('• ')}"))
        links.append(faqlink.link_button(lang, "g", gap.id, f"🔗 {number}"))
    disliked = [f for f in await faq.feedback() if f.unhelpful][:5]
    if disliked:
        lines += ["", t(lang, "faqgaps.feedback_title")]
        lines += [
            t(lang, "faqgaps.feedback", entry=f.entry_id, up=f.helpful, down=f.unhelpful)
            for f in disliked
        ]
    rows = [links[i : i + LINKS_PER_ROW] for i in range(0, len(links), LINKS_PER_ROW)]
    if person.can(Role.LEADER):
        rows.append([_button(t(lang, "faqgaps.button_clear"), "clear", max(g.id for g in gaps))])
    lines += ["", t(lang, "faqgaps.link_hint")]
    await reply(update, Safe("\n".join(lines)), reply_markup=InlineKeyboardMarkup(rows))


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("faqadmin", faq_admin))
    application.add_handler(CommandHandler("faqgaps", faq_gaps))
    application.add_handler(CallbackQueryHandler(on_button, pattern=pattern("faqadm")))

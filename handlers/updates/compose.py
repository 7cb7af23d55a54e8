"""/broadcast: stewards and leaders compose a bargaining update in a short wizard.

Text (their own formatting kept) or a photo/document with a caption → audience → urgent or
normal → now or later → a preview exactly as members will see it → Confirm / Edit / Cancel.
The draft lives in this person's user_data, which bot/runtime/persistence.py keeps across restarts.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import Callback, pack, pattern, unpack
from bot.delivery.outgoing import send
from bot.i18n import Safe, format_when, t
from bot.people import Person
from bot.runtime.context import BotContext
from bot.updates.service import Draft, DraftError, DraftProblem, check_text, member_message
from handlers.common import deny, end_flow, gate, person_of, reply
from storage.members import Role
from storage.updates import Update as StoredUpdate

TEXT, AUDIENCE, URGENCY, WHEN, TYPED_TIME, PREVIEW = range(6)
TIME_FORMAT = "%Y-%m-%d %H:%M"


def _draft(context: BotContext) -> Draft:
    assert context.user_data is not None
    return context.user_data.get("draft", Draft())


def _keep(context: BotContext, draft: Draft) -> None:
    assert context.user_data is not None
    context.user_data["draft"] = draft


def _button(text: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=pack("bc", *(str(a) for a in args)))


async def _pressed(
    update: Update,
    context: BotContext,
    actions: set[str],
    stay: int,
    args: set[tuple[str, ...]] | None = None,
) -> tuple[Person, Callback] | int:
    """A wizard button from a steward or higher, well formed; else the state to return.

    Someone without the role ends the wizard; a stale or forged button leaves it at `stay`.
    """
    person = await gate(update, context, Role.STEWARD)
    if person is None:
        return ConversationHandler.END
    assert update.callback_query is not None
    data = unpack(update.callback_query.data, "bc", actions)
    if data is None or (args is not None and data.args not in args):
        await deny(update, person, "button.expired")
        return stay
    return person, data


def _choice_row(
    language: str, action: str, *choices: tuple[str, object]
) -> list[InlineKeyboardButton]:
    """One row of buttons: (catalog key, value) each, pressed as `action:value`."""
    return [_button(t(language, key), action, value) for key, value in choices]


async def start(update: Update, context: BotContext) -> int:
    """/broadcast: ask for the text."""
    person = await gate(update, context, Role.STEWARD)
    if person is None:
        return ConversationHandler.END
    _keep(context, Draft())
    await reply(update, t(person.language, "broadcast.ask_text"))
    return TEXT


async def got_text(update: Update, context: BotContext) -> int:
    """The update's text, or a photo/document with its caption."""
    person = await person_of(update, context)
    message = update.effective_message
    assert message is not None
    draft = _from_message(message, _draft(context))
    plain = message.text or message.caption or ""
    if problem := check_text(plain, draft.has_media):
        await reply(update, t(person.language, f"updates.problem.{problem}"))
        return TEXT
    _keep(context, draft)
    if context.user_data is not None and context.user_data.get("editing"):
        return await show_preview(update, context, person)
    return await ask_audience(update, context, person)


def _from_message(message: Message, draft: Draft) -> Draft:
    """Keep the author's formatting: PTB renders their entities as escaped HTML."""
    if message.photo:
        return replace(
            draft, text=message.caption_html or "", photo=message.photo[-1].file_id, document=None
        )
    if message.document:
        return replace(
            draft, text=message.caption_html or "", document=message.document.file_id, photo=None
        )
    return replace(draft, text=message.text_html or "", photo=None, document=None)


async def _choices(context: BotContext, person: Person) -> tuple[list[str], list[str]]:
    """Worksites this person may target, and the classifications there are."""
    services = context.services
    allowed = await services.updates.allowed_worksites(person)
    sites = allowed if allowed is not None else await services.accounts.worksites()
    return sites, await services.accounts.classifications()


async def ask_audience(
    update: Update, context: BotContext, person: Person, *, answered: bool = False
) -> int:
    """Worksite and classification toggles, with the count of members they reach."""
    draft = _draft(context)
    sites, classes = await _choices(context, person)
    count = len(await context.services.updates.audience(person, draft))
    rows = [
        [_button(("✓ " if site in draft.worksites else "") + site, "site", i)]
        for i, site in enumerate(sites)
    ]
    rows += [
        [_button(("✓ " if c in draft.classifications else "") + c, "class", i)]
        for i, c in enumerate(classes)
    ]
    everyone = "broadcast.everyone" if person.can(Role.LEADER) else "broadcast.all_mine"
    rows.append(
        [
            _button(t(person.language, everyone), "all"),
            _button(t(person.language, "broadcast.next"), "next"),
        ]
    )
    text = t(person.language, "broadcast.ask_audience", count=count)
    await _show(update, text, InlineKeyboardMarkup(rows), answered=answered)
    return AUDIENCE


async def _show(
    update: Update, text: Safe, markup: InlineKeyboardMarkup | None, *, answered: bool = False
) -> None:
    """Edit the wizard's message when a button was pressed, else send a new one."""
    query = update.callback_query
    if query is not None:
        if not answered:
            await query.answer()
        await query.edit_message_text(text, reply_markup=markup)
    else:
        await reply(update, text, reply_markup=markup)


async def on_audience(update: Update, context: BotContext) -> int:
    """Toggle a worksite or classification, choose everyone, or go on."""
    pressed = await _pressed(update, context, {"site", "class", "all", "next"}, stay=AUDIENCE)
    if isinstance(pressed, int):
        return pressed
    person, data = pressed
    assert update.callback_query is not None
    draft = _draft(context)
    sites, classes = await _choices(context, person)
    index = data.int_arg()
    choices = sites if data.action == "site" else classes
    if data.action in ("site", "class") and (index is None or index >= len(choices)):
        # A forged button, or a list that changed since it was shown: say so, show it again.
        await update.callback_query.answer(
            t(person.language, "broadcast.unknown_choice"), show_alert=True
        )
        return await ask_audience(update, context, person, answered=True)
    if data.action == "site" and index is not None:
        draft = replace(draft, worksites=_toggle(draft.worksites, sites[index]))
    elif data.action == "class" and index is not None:
        draft = replace(draft, classifications=_toggle(draft.classifications, classes[index]))
    elif data.action == "all":
        if not draft.worksites and not draft.classifications:
            mine = "everyone" if person.can(Role.LEADER) else "all_mine"
            await update.callback_query.answer(t(person.language, f"broadcast.already_{mine}"))
            return AUDIENCE
        draft = replace(draft, worksites=(), classifications=())
    elif data.action == "next":
        if not await context.services.updates.audience(person, draft):
            await update.callback_query.answer(
                t(person.language, "updates.problem.nobody"), show_alert=True
            )
            return AUDIENCE
        return await ask_urgency(update, context, person)
    _keep(context, draft)
    return await ask_audience(update, context, person)


def _toggle(chosen: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(v for v in chosen if v != value) if value in chosen else (*chosen, value)


async def ask_urgency(update: Update, context: BotContext, person: Person) -> int:
    lang = person.language
    row = _choice_row(lang, "urgent", ("broadcast.normal", 0), ("broadcast.urgent", 1))
    await _show(update, t(lang, "broadcast.ask_urgency"), InlineKeyboardMarkup([row]))
    return URGENCY


async def on_urgency(update: Update, context: BotContext) -> int:
    pressed = await _pressed(update, context, {"urgent"}, URGENCY, args={("0",), ("1",)})
    if isinstance(pressed, int):
        return pressed
    person, data = pressed
    _keep(context, replace(_draft(context), urgent=data.args == ("1",)))
    lang = person.language
    row = _choice_row(lang, "when", ("broadcast.now", "now"), ("broadcast.later", "later"))
    await _show(update, t(lang, "broadcast.ask_when"), InlineKeyboardMarkup([row]))
    return WHEN


async def on_when(update: Update, context: BotContext) -> int:
    pressed = await _pressed(update, context, {"when"}, WHEN, args={("now",), ("later",)})
    if isinstance(pressed, int):
        return pressed
    person, data = pressed
    if data.args == ("now",):
        _keep(context, replace(_draft(context), send_at=None))
        return await show_preview(update, context, person)
    settings = context.services.settings
    example = context.services.now().astimezone(settings.tz).strftime(TIME_FORMAT)
    await _show(
        update,
        t(person.language, "broadcast.ask_time", example=example, zone=settings.timezone),
        None,
    )
    return TYPED_TIME


async def got_time(update: Update, context: BotContext) -> int:
    """A typed date and time in the union's time zone; refused when unreadable or past."""
    person = await person_of(update, context)
    settings = context.services.settings
    assert update.effective_message is not None
    typed = (update.effective_message.text or "").strip()
    try:
        when = datetime.strptime(typed, TIME_FORMAT).replace(tzinfo=settings.tz)
    except ValueError:
        example = context.services.now().astimezone(settings.tz).strftime(TIME_FORMAT)
        await reply(update, t(person.language, "broadcast.bad_time", example=example))
        return TYPED_TIME
    if when <= context.services.now():
        await reply(update, t(person.language, "updates.problem.in_the_past"))
        return TYPED_TIME
    _keep(context, replace(_draft(context), send_at=when))
    return await show_preview(update, context, person)


async def show_preview(update: Update, context: BotContext, person: Person) -> int:
    """The update exactly as members will see it, then what will happen and the choice."""
    draft = _draft(context)
    lang = person.language
    preview = member_message(lang, _as_update(draft))
    chat = update.effective_chat
    assert chat is not None
    await reply(update, t(lang, "broadcast.preview_title"))
    await send(context.bot, chat.id, preview)
    count = len(await context.services.updates.audience(person, draft))
    mine = await context.services.updates.allowed_worksites(person)  # None: leaders, any site
    sites = ", ".join(draft.worksites or mine or ()) or t(lang, "broadcast.everyone_short")
    classes = ", ".join(draft.classifications) or t(lang, "broadcast.everyone_short")
    settings = context.services.settings
    when = (
        format_when(lang, draft.send_at, settings.tz)
        if draft.send_at
        else t(lang, "broadcast.now_short")
    )
    summary = t(
        lang,
        "broadcast.summary",
        count=count,
        sites=sites,
        classes=classes,
        urgency=t(lang, "broadcast.urgent" if draft.urgent else "broadcast.normal"),
        when=when,
    )
    markup = InlineKeyboardMarkup(
        [
            [
                _button(t(lang, f"broadcast.{choice}"), choice)
                for choice in ("confirm", "edit", "cancel")
            ]
        ]
    )
    await chat.send_message(summary, reply_markup=markup)
    return PREVIEW


def _as_update(draft: Draft) -> StoredUpdate:
    """A draft dressed as a stored update, for the preview (id 0 marks it as a preview)."""
    return StoredUpdate(
        id=0,
        author=None,
        text=draft.text,
        photo=draft.photo,
        document=draft.document,
        worksites=draft.worksites,
        classifications=draft.classifications,
        urgent=draft.urgent,
        pinned=False,
        state="scheduled",
        send_at=0,
        broadcast=None,
    )


async def on_preview(update: Update, context: BotContext) -> int:
    """Confirm (store and send or schedule), Edit (new text), or Cancel."""
    pressed = await _pressed(update, context, {"confirm", "edit", "cancel"}, stay=PREVIEW)
    if isinstance(pressed, int):
        return pressed
    person, data = pressed
    query = update.callback_query
    assert query is not None and context.user_data is not None
    lang = person.language
    await query.answer()
    if data.action == "cancel":
        context.user_data.pop("draft", None)
        await query.edit_message_text(t(lang, "broadcast.cancelled"))
        return ConversationHandler.END
    if data.action == "edit":
        context.user_data["editing"] = True
        await query.edit_message_text(t(lang, "broadcast.ask_text"))
        return TEXT
    draft = _draft(context)
    try:
        stored = await context.services.updates.submit(person, draft)
    except DraftError as exc:
        await query.edit_message_text(t(lang, f"updates.problem.{exc.problem}"))
        return (
            PREVIEW
            if exc.problem is not DraftProblem.NOT_YOUR_WORKSITE
            else ConversationHandler.END
        )
    context.user_data.pop("draft", None)
    context.user_data.pop("editing", None)
    if draft.send_at is not None:
        when = format_when(lang, draft.send_at, context.services.settings.tz)
        await query.edit_message_text(t(lang, "broadcast.scheduled", number=stored.id, when=when))
        return ConversationHandler.END
    message = query.message
    assert message is not None
    await query.edit_message_text(t(lang, "broadcast.starting", number=stored.id))
    await context.services.updates.send(stored.id, (message.chat.id, message.message_id, lang))
    return ConversationHandler.END


async def cancel(update: Update, context: BotContext) -> int:
    return await end_flow(update, context, "broadcast.cancelled", "draft", "editing")


def register(application: Application) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    content = private & (filters.TEXT & ~filters.COMMAND | filters.PHOTO | filters.Document.ALL)
    on = pattern("bc")
    with warnings.catch_warnings():
        # One wizard per person is what we want: PTB's per_message tracking is not needed.
        warnings.filterwarnings("ignore", message=".*per_message.*", category=PTBUserWarning)
        wizard = ConversationHandler(
            entry_points=[CommandHandler("broadcast", start, filters=private)],
            states={
                TEXT: [MessageHandler(content, got_text)],
                AUDIENCE: [
                    CallbackQueryHandler(on_audience, pattern=rf"{on}(site|class|all|next)")
                ],
                URGENCY: [CallbackQueryHandler(on_urgency, pattern=rf"{on}urgent")],
                WHEN: [CallbackQueryHandler(on_when, pattern=rf"{on}when")],
                TYPED_TIME: [MessageHandler(private & filters.TEXT & ~filters.COMMAND, got_time)],
                PREVIEW: [CallbackQueryHandler(on_preview, pattern=rf"{on}(confirm|edit|cancel)")],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            name="broadcast",
            persistent=True,
            allow_reentry=True,
        )
    application.add_handler(wizard)

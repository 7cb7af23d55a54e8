"""/newvote: a leader defines a vote step by step, sees a preview, and confirms.

Each answer goes through the same field parsers as the YAML file; a bad one gets a clear
reply and the same question again. Nothing is stored until Confirm, which re-checks the
role and the times. The question and the options are asked in the leader's language, then
in the other one, with a "Same as ..." button (Yes / No needs no second step: Sí / No).
"""

from __future__ import annotations

from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import names
from bot.callbacks import pack, pattern, unpack
from bot.fields import ClockChange, FieldError, parse_names, parse_time
from bot.i18n import LANGUAGES, Safe, format_when, t
from bot.people import Person
from bot.runtime.context import BotContext
from bot.votes import messages
from bot.votes.definition import (
    DEFAULT_OPTIONS,
    MAJORITY,
    TWO_THIRDS,
    VoteDefinition,
    check_times,
    option_text,
    parse_option_texts,
    parse_options,
    parse_question,
    parse_quorum,
    parse_threshold,
    parse_trustees,
)
from bot.votes.service import VoteError
from handlers.common import end_flow, gate, not_on_roster_hint, person_of, reply
from handlers.keywords import keyword
from handlers.votes.ballot import _edit
from storage.members import Member, Role
from storage.votes import Vote

(
    QUESTION,
    OPTIONS,
    WORKSITES,
    CLASSES,
    OPENS,
    CLOSES,
    THRESHOLD,
    QUORUM,
    RESULTS,
    COUNT,
    TRUSTEES,
    NEEDED,
    QUESTION_OTHER,  # added after the others: drafts saved mid-wizard keep their step
    OPTIONS_OTHER,
) = range(14)
DRAFT = "newvote"  # user_data key: the answers so far, then the finished definition
MAX_TYPED = 2000


def _shortcuts(key: str) -> set[str]:
    """A shortcut button's text in every language (a leader may switch language midway)."""
    return {t(lang, key) for lang in LANGUAGES}


def _tapped(typed: str, key: str) -> bool:
    """The shortcut button was tapped, or its words typed (any case, accents or not)."""
    return names.fold(typed) in {names.fold(label) for label in _shortcuts(key)}


def _keyboard(lang: str, *keys: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(t(lang, key)) for key in keys]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def _draft(context: BotContext) -> dict[str, Any]:
    assert context.user_data is not None
    return context.user_data.setdefault(DRAFT, {})


def _text(update: Update) -> str:
    assert update.effective_message is not None
    return (update.effective_message.text or "").strip()[:MAX_TYPED]


async def start(update: Update, context: BotContext) -> int:
    """/newvote: leaders only; ask for the question."""
    person = await gate(update, context, Role.LEADER)
    if person is None:
        return ConversationHandler.END
    assert context.user_data is not None
    context.user_data[DRAFT] = {"first": person.language}  # the language asked first
    await reply(
        update, t(person.language, "newvote.ask_question"), reply_markup=ReplyKeyboardRemove()
    )
    return QUESTION


async def _step(
    update: Update,
    context: BotContext,
    parse: Any,
    field: str,
    this_state: int,
    next_state: int,
    next_prompt: Safe,
    next_keyboard: Any = None,
) -> int:
    """Parse one answer; on success store it and ask the next question."""
    person = await _leader(update, context)
    if person is None:
        return ConversationHandler.END
    lang = person.language
    try:
        value = parse(_text(update))
    except NotOnRoster as exc:
        await reply(update, exc.reply(lang))
        return this_state
    except ClockChange as exc:  # a time the clocks skip or pass twice in the union's zone
        await reply(
            update, t(lang, "newvote.bad.time_twice" if exc.twice else "newvote.bad.time_skipped")
        )
        return this_state
    except FieldError:
        await reply(update, t(lang, f"newvote.bad.{field}"))
        return this_state
    _draft(context)[field] = value
    await reply(update, next_prompt, reply_markup=next_keyboard or ReplyKeyboardRemove())
    return next_state


def _languages(context: BotContext, lang: str) -> tuple[str, str]:
    """(the language the leader answers first, the other one)."""
    first = _draft(context).get("first")
    first = first if first in LANGUAGES else lang  # a draft from before both languages
    return first, next(other for other in LANGUAGES if other != first)


async def _leader(update: Update, context: BotContext) -> Person | None:
    """The leader, or None after the refusal: a role can be revoked midway, so every step asks."""
    return await gate(update, context, Role.LEADER, reply_markup=ReplyKeyboardRemove())


async def _still_leader(update: Update, context: BotContext) -> str | None:
    """The leader's language, or None (and the wizard ends) if their role was revoked."""
    person = await _leader(update, context)
    return person.language if person is not None else None


async def on_question(update: Update, context: BotContext) -> int:
    """The question in the leader's language; then ask for it in the other one."""
    lang = await _still_leader(update, context)
    if lang is None:
        return ConversationHandler.END
    first, other = _languages(context, lang)
    try:
        question = parse_question(_text(update))
    except FieldError:
        await reply(update, t(lang, "newvote.bad.question"))
        return QUESTION
    _draft(context)["question"] = {first: question}
    await reply(
        update,
        t(lang, f"newvote.ask_question_in_{other}"),
        reply_markup=_keyboard(lang, f"newvote.same_as_{first}"),
    )
    return QUESTION_OTHER


async def on_question_other(update: Update, context: BotContext) -> int:
    """The question in the other language, or the same text; then ask for the options."""
    lang = await _still_leader(update, context)
    if lang is None:
        return ConversationHandler.END
    first, other = _languages(context, lang)
    draft = _draft(context)
    question = dict(draft.get("question") or {})
    if first not in question:
        await reply(update, t(lang, "newvote.expired"), reply_markup=ReplyKeyboardRemove())
        return ConversationHandler.END
    typed = _text(update)
    if _tapped(typed, f"newvote.same_as_{first}"):
        question[other] = question[first]
    else:
        try:
            question[other] = parse_question(typed)
        except FieldError:
            await reply(update, t(lang, "newvote.bad.question"))
            return QUESTION_OTHER
    draft["question"] = question
    await reply(
        update, t(lang, "newvote.ask_options"), reply_markup=_keyboard(lang, "newvote.yes_no")
    )
    return OPTIONS


async def on_options(update: Update, context: BotContext) -> int:
    """The options in the leader's language. Yes / No (tapped or typed) are already in
    every language; anything else is asked in the other language next."""
    lang = await _still_leader(update, context)
    if lang is None:
        return ConversationHandler.END
    first, other = _languages(context, lang)
    typed = _text(update)
    if typed in _shortcuts("newvote.yes_no"):  # "Yes / No" or "Sí / No"
        labels: tuple[str, ...] = ("Yes", "No")
    else:
        try:
            labels = parse_options(typed)
        except FieldError:
            await reply(update, t(lang, "newvote.bad.options"))
            return OPTIONS
    options = [option_text(label) for label in labels]
    if all(o in DEFAULT_OPTIONS for o in options):
        return await _options_done(update, context, lang, options)
    _draft(context)["options"] = [{first: label} for label in labels]
    await reply(
        update,
        t(lang, f"newvote.ask_options_in_{other}", count=len(labels)),
        reply_markup=_keyboard(lang, f"newvote.same_as_{first}"),
    )
    return OPTIONS_OTHER


async def on_options_other(update: Update, context: BotContext) -> int:
    """The same options in the other language, in the same order, or the same words."""
    lang = await _still_leader(update, context)
    if lang is None:
        return ConversationHandler.END
    first, other = _languages(context, lang)
    given = [o for o in _draft(context).get("options") or [] if isinstance(o, dict)]
    if not given or any(first not in o for o in given):
        await reply(update, t(lang, "newvote.expired"), reply_markup=ReplyKeyboardRemove())
        return ConversationHandler.END
    typed = _text(update)
    if _tapped(typed, f"newvote.same_as_{first}"):
        options: list[str | dict[str, str]] = [o[first] for o in given]  # Yes stays Sí
    else:
        try:
            labels = parse_options(typed)
        except FieldError:
            await reply(update, t(lang, "newvote.bad.options"))
            return OPTIONS_OTHER
        if len(labels) != len(given):
            await reply(update, t(lang, "newvote.bad.options_count", count=len(given)))
            return OPTIONS_OTHER
        options = [{first: o[first], other: label} for o, label in zip(given, labels, strict=True)]
    try:
        checked = parse_option_texts(options)  # no two alike in either language
    except FieldError:
        await reply(update, t(lang, "newvote.bad.options"))
        return OPTIONS_OTHER
    return await _options_done(update, context, lang, list(checked))


async def _options_done(
    update: Update, context: BotContext, lang: str, options: list[dict[str, str]]
) -> int:
    """Keep the options in every language; ask which worksites vote."""
    _draft(context)["options"] = tuple(options)
    worksites = ", ".join(await context.services.accounts.worksites()) or "—"
    await reply(
        update,
        t(lang, "newvote.ask_worksites", known=worksites),
        reply_markup=_keyboard(lang, "newvote.everyone"),
    )
    return WORKSITES


class NotOnRoster(ValueError):
    """A typed worksite or classification the roster does not have."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        super().__init__(name)
        self.name, self.known = name, known

    def reply(self, lang: str) -> Safe:
        """What was typed, and what was meant if that is clear, in the leader's language."""
        hint = not_on_roster_hint(lang, self.name, self.known)
        return t(lang, "newvote.bad.name", name=self.name, hint=hint)


def _names(what: str, known: tuple[str, ...], everyone: str) -> Any:
    def parse(text: str) -> tuple[str, ...]:
        if _tapped(text, everyone) or keyword(text, "everyone"):
            return ()
        typed = parse_names(text, what)
        for name in typed:
            if name not in known:
                raise NotOnRoster(name, known)
        return typed

    return parse


async def on_worksites(update: Update, context: BotContext) -> int:
    lang = (await person_of(update, context)).language
    known = ", ".join(await context.services.accounts.classifications()) or "—"
    roster, _ = await context.services.accounts.roster_names()
    return await _step(
        update,
        context,
        _names("worksites", roster, "newvote.everyone"),
        "worksites",
        WORKSITES,
        CLASSES,
        t(lang, "newvote.ask_classifications", known=known),
        _keyboard(lang, "newvote.everyone_classes"),
    )


async def on_classes(update: Update, context: BotContext) -> int:
    lang = (await person_of(update, context)).language
    _, roster = await context.services.accounts.roster_names()
    return await _step(
        update,
        context,
        _names("classifications", roster, "newvote.everyone_classes"),
        "classifications",
        CLASSES,
        OPENS,
        t(lang, "newvote.ask_opens", zone=context.services.settings.timezone),
    )


def _time_parser(context: BotContext, field: str) -> Any:
    """Times in the union's zone; not in the past, and the close after the opening."""
    services = context.services

    def parse(text: str) -> int:
        value = parse_time(text, services.settings.tz)
        if field == "opens_at" and check_times(value, value + 1, services.scheduler.clock()):
            raise FieldError("in the past")
        if field == "closes_at" and value <= _draft(context)["opens_at"]:
            raise FieldError("before the opening")
        return value

    return parse


async def on_opens(update: Update, context: BotContext) -> int:
    lang = (await person_of(update, context)).language
    return await _step(
        update,
        context,
        _time_parser(context, "opens_at"),
        "opens_at",
        OPENS,
        CLOSES,
        t(lang, "newvote.ask_closes", zone=context.services.settings.timezone),
    )


async def on_closes(update: Update, context: BotContext) -> int:
    lang = (await person_of(update, context)).language
    return await _step(
        update,
        context,
        _time_parser(context, "closes_at"),
        "closes_at",
        CLOSES,
        THRESHOLD,
        t(lang, "newvote.ask_threshold"),
        _keyboard(lang, "newvote.majority", "newvote.two_thirds"),
    )


async def on_threshold(update: Update, context: BotContext) -> int:
    lang = (await person_of(update, context)).language

    def parse(text: str) -> Any:
        if _tapped(text, "newvote.majority"):
            return MAJORITY
        if _tapped(text, "newvote.two_thirds"):
            return TWO_THIRDS
        return parse_threshold(text)

    return await _step(
        update,
        context,
        parse,
        "threshold",
        THRESHOLD,
        QUORUM,
        t(lang, "newvote.ask_quorum"),
        _keyboard(lang, "newvote.no_quorum"),
    )


async def on_quorum(update: Update, context: BotContext) -> int:
    lang = (await person_of(update, context)).language

    def parse(text: str) -> Any:
        return None if _tapped(text, "newvote.no_quorum") else parse_quorum(text)

    return await _step(
        update,
        context,
        parse,
        "quorum",
        QUORUM,
        RESULTS,
        t(lang, "newvote.ask_results"),
        _keyboard(lang, "newvote.show_yes", "newvote.show_no"),
    )


async def on_results(update: Update, context: BotContext) -> int:
    """Who sees the result; then ask who opens the count."""
    person = await _leader(update, context)
    if person is None:
        return ConversationHandler.END
    lang = person.language
    text = _text(update)
    if _tapped(text, "newvote.show_yes"):
        show = True
    elif _tapped(text, "newvote.show_no"):
        show = False
    else:
        await reply(update, t(lang, "newvote.bad.show_results"))
        return RESULTS
    _draft(context)["show_results"] = show
    keyboard = _keyboard(lang, "newvote.count_trustees", "newvote.count_bot")
    await reply(update, t(lang, "newvote.ask_count"), reply_markup=keyboard)
    return COUNT


async def on_count(update: Update, context: BotContext) -> int:
    """Trustees (proposed: nobody, not even the server, can open the count alone) or the bot."""
    person = await _leader(update, context)
    if person is None:
        return ConversationHandler.END
    lang = person.language
    text = _text(update)
    if _tapped(text, "newvote.count_bot"):
        return await _preview(update, context, lang, (), 0)
    if not _tapped(text, "newvote.count_trustees"):
        await reply(update, t(lang, "newvote.bad.count"))
        return COUNT
    leaders = await _leaders(context)
    known = "\n".join(f"• {_label(m)}" for m in leaders) or "—"
    await reply(
        update,
        t(lang, "newvote.ask_trustees", known=known),
        reply_markup=_keyboard(lang, "newvote.all_leaders"),
    )
    return TRUSTEES


async def _leaders(context: BotContext) -> list[Member]:
    """Leaders who can be trustees: verified, active, linked, with a roster id."""
    return [
        m
        for m in await context.services.accounts.with_role_at_least(Role.LEADER)
        if m.member_id and m.telegram_id and m.verified_at and m.active
    ]


def _label(member: Member) -> str:
    name = " ".join(p for p in (member.first_name, member.last_name) if p)
    return f"{name} ({member.member_id})" if name else str(member.member_id)


async def on_trustees(update: Update, context: BotContext) -> int:
    lang = await _still_leader(update, context)
    if lang is None:
        return ConversationHandler.END
    text = _text(update)
    if _tapped(text, "newvote.all_leaders"):
        ids: list[str] = [m.member_id or "" for m in await _leaders(context)]
    else:
        ids = [p.strip("()") for p in text.replace(",", "\n").split()]
    try:
        trustees, needed = parse_trustees(ids, None)
    except FieldError:
        await reply(update, t(lang, "newvote.bad.trustees"))
        return TRUSTEES
    _draft(context)["trustees"] = trustees
    await reply(
        update,
        t(lang, "newvote.ask_needed", trustees=len(trustees), suggested=needed),
        reply_markup=ReplyKeyboardMarkup(
            [[KeyboardButton(str(needed))]], resize_keyboard=True, one_time_keyboard=True
        ),
    )
    return NEEDED


async def on_needed(update: Update, context: BotContext) -> int:
    lang = await _still_leader(update, context)
    if lang is None:
        return ConversationHandler.END
    trustees = tuple(_draft(context).get("trustees", ()))
    try:
        trustees, needed = parse_trustees(list(trustees), _text(update))
    except FieldError:
        await reply(update, t(lang, "newvote.bad.needed", trustees=len(trustees)))
        return NEEDED
    return await _preview(update, context, lang, trustees, needed)


async def _preview(
    update: Update, context: BotContext, lang: str, trustees: tuple[str, ...], needed: int
) -> int:
    """Build the definition and show the preview with Confirm."""
    answers = _draft(context)
    definition = VoteDefinition(
        question=answers["question"],
        opens_at=answers["opens_at"],
        closes_at=answers["closes_at"],
        threshold=answers["threshold"],
        options=answers["options"],
        worksites=answers["worksites"],
        classifications=answers["classifications"],
        quorum=answers["quorum"],
        show_results=answers["show_results"],
        trustees=trustees,
        trustees_needed=needed,
    )
    assert context.user_data is not None
    context.user_data[DRAFT] = {"definition": definition}
    tz = context.services.settings.timezone
    confirm = pack("newvote", "confirm")
    discard = pack("newvote", "discard")
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, "newvote.confirm"), callback_data=confirm),
                InlineKeyboardButton(t(lang, "newvote.discard"), callback_data=discard),
            ]
        ]
    )
    count = (
        t(lang, "newvote.count_by_trustees", needed=needed, trustees=", ".join(trustees))
        if trustees
        else t(lang, "newvote.count_by_bot")
    )
    rules = Safe(f"{messages.rules(lang, preview(definition), tz)}\n{count}")
    await reply(update, t(lang, "newvote.preview_intro"), reply_markup=ReplyKeyboardRemove())
    await reply(update, rules, reply_markup=buttons)
    return ConversationHandler.END


def preview(definition: VoteDefinition) -> Vote:
    """The definition as the vote it will be, for showing the rules before it exists."""
    return Vote(
        id=0,
        question=definition.question,
        options=definition.options,
        description=definition.description,
        slug=definition.id,
        worksites=definition.worksites,
        classifications=definition.classifications,
        opens_at=definition.opens_at,
        closes_at=definition.closes_at,
        threshold_num=definition.threshold.fraction.numerator,
        threshold_den=definition.threshold.fraction.denominator,
        threshold_strict=definition.threshold.strict,
        quorum_num=definition.quorum.numerator if definition.quorum else None,
        quorum_den=definition.quorum.denominator if definition.quorum else None,
        show_results=definition.show_results,
        reminders=definition.reminders,
        state="scheduled",
        roll_size=0,
        created_by="",
        opened_at=None,
        closed_at=None,
    )


async def on_confirm(update: Update, context: BotContext) -> None:
    """Confirm or Discard under the preview."""
    query = update.callback_query
    assert query is not None
    person = await gate(update, context, Role.LEADER)
    if person is None:
        return
    lang = person.language
    data = unpack(query.data, "newvote", {"confirm", "discard"})
    assert context.user_data is not None
    draft = context.user_data.pop(DRAFT, None)
    definition = draft.get("definition") if isinstance(draft, dict) else None
    if data is None or definition is None:
        await query.answer(t(lang, "newvote.expired"), show_alert=True)
        return
    await query.answer()
    if data.action == "discard":
        await _edit(query, t(lang, "newvote.discarded"), None)
        return

    async def send_share(member: Member, text: Safe) -> None:
        # Straight to Telegram: a share never passes through the stored outbox.
        assert member.telegram_id is not None
        await context.bot.send_message(member.telegram_id, text)

    try:
        vote = await context.services.votes.create(definition, person, send_share)
    except VoteError as exc:
        await _edit(query, t(lang, f"votes.error.{exc.reason}", member_id=exc.member), None)
        return
    tz = context.services.settings.tz
    await _edit(
        query,
        t(
            lang,
            "newvote.created",
            number=vote.id,
            opens=format_when(lang, vote.opens_at, tz),
            closes=format_when(lang, vote.closes_at, tz),
        ),
        None,
    )


async def cancel(update: Update, context: BotContext) -> int:
    return await end_flow(
        update, context, "newvote.cancelled", DRAFT, reply_markup=ReplyKeyboardRemove()
    )


def register(application: Application) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    text = private & filters.TEXT & ~filters.COMMAND
    steps = (
        on_question,
        on_options,
        on_worksites,
        on_classes,
        on_opens,
        on_closes,
        on_threshold,
        on_quorum,
        on_results,
        on_count,
        on_trustees,
        on_needed,
        on_question_other,
        on_options_other,
    )
    application.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("newvote", start, filters=private)],
            states={state: [MessageHandler(text, step)] for state, step in enumerate(steps)},
            fallbacks=[CommandHandler("cancel", cancel)],
            name="newvote",
            persistent=True,
            allow_reentry=True,
        )
    )
    application.add_handler(CallbackQueryHandler(on_confirm, pattern=pattern("newvote")))

"""Surveys in chat: /surveys and answering, /results for stewards and leaders, loading files.

Typed answers are taken only from members a survey is waiting on (numbers and free text);
any other text goes on to the features registered after this one.
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from typing import Any

from telegram import Document, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
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
from bot.people import Person
from bot.runtime.context import BotContext, services_of
from bot.surveys import flow
from bot.surveys.definition import SurveyFileError
from bot.surveys.model import Question, Survey, say
from bot.surveys.render import chart_images, detail_numbers, question_message, summary_message
from bot.surveys.service import Outcome, Refusal, Step, survey_of
from bot.surveys.tally import Results
from handlers.common import GOOD_STANDING, gate, person_of, reply
from handlers.keywords import keyword
from handlers.long_replies import send_long
from storage.members import Role
from storage.surveys import StoredSurvey, SurveyExists

log = logging.getLogger(__name__)

FEATURE = "survey"
ANSWER_ACTIONS = {"start", "pick", "tog", "done", "skip", "back", "submit"}
RESULT_ACTIONS = {"res", "q", "charts", "csv"}
LOAD_ACTIONS = {"load", "drop"}
BY = {"all": None, "worksite": "worksite", "classification": "classification"}
MAX_FILE = 200_000
SURVEY_MARK = re.compile(rb"(?m)^questions\s*:")  # a top-level `questions:` key
DRAFT = "survey_draft"


# -- showing a question -------------------------------------------------------------


def question_text(language: str, step: Step) -> Safe:
    """The question with its number, what to do, and the answer so far if going back."""
    question = step.question
    survey = step.survey
    title = say(survey.title, language)
    if question is None:
        return Safe(
            f"📋 {t(language, 'survey.title_only', title=title)}\n\n" + t(language, "survey.review")
        )
    number, total, exact = step.counter
    counter = "survey.counter" if exact else "survey.counter_up_to"
    lines = [
        t(language, counter, title=title, number=number, total=total),
        "",
        t(language, "survey.question", text=say(question.text, language)),
    ]
    if question.optional:
        lines[-1] += " " + t(language, "survey.optional")
    lines.append(hint(language, question))
    previous = step.answers.get(question.id)
    if question.typed and previous is not None:
        lines.append(t(language, "survey.your_answer", answer=previous))
    return Safe("\n".join(lines))


def hint(language: str, question: Question) -> Safe:
    if question.type == "single":
        return t(language, "survey.hint_single")
    if question.type == "multiple":
        if question.max_choices:
            return t(language, "survey.hint_multiple_max", max=question.max_choices)
        return t(language, "survey.hint_multiple")
    if question.type == "scale":
        text = t(language, "survey.hint_scale", min=f"{question.min:g}", max=f"{question.max:g}")
        if question.min_label and question.max_label:
            text = Safe(
                text
                + "\n"
                + t(
                    language,
                    "survey.hint_scale_ends",
                    min=f"{question.min:g}",
                    max=f"{question.max:g}",
                    min_label=say(question.min_label, language),
                    max_label=say(question.max_label, language),
                )
            )
        return text
    if question.type == "number":
        key = "survey.hint_integer" if question.integer else "survey.hint_number"
        unit = f" ({say(question.unit, language)})" if question.unit else ""
        return t(language, key, min=f"{question.min:g}", max=f"{question.max:g}", unit=unit)
    return t(language, "survey.hint_text", limit=question.max_length)


def question_buttons(language: str, step: Step) -> InlineKeyboardMarkup | None:
    """Options as buttons (ticks for multiple choice), then Back / Skip / Done / Submit."""
    pk, position, question = step.stored.pk, step.position, step.question
    rows: list[list[InlineKeyboardButton]] = []

    def button(label: str, action: str, *args: object) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=pack(FEATURE, action, pk, *args))

    if question is None:
        rows.append([button(t(language, "survey.submit_button"), "submit", position)])
    elif question.type == "single":
        rows += [
            [button(say(o.text, language), "pick", position, i)]
            for i, o in enumerate(question.options)
        ]
    elif question.type == "multiple":
        chosen = step.answers.get(question.id) or []
        for i, option in enumerate(question.options):
            mark = "✓ " if option.id in chosen else ""
            rows.append([button(mark + say(option.text, language), "tog", position, i)])
        rows.append([button(t(language, "survey.done_button"), "done", position)])
    elif question.type == "scale":
        points = [button(str(p), "pick", position, p) for p in question.scale_points()]
        rows += [points[i : i + 6] for i in range(0, len(points), 6)]
    nav = []
    if flow.previous_position(step.survey, step.answers, position) is not None:
        nav.append(button(t(language, "survey.back"), "back", position))
    if question is not None and question.optional:
        nav.append(button(t(language, "survey.skip"), "skip", position))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None


async def show_step(
    update: Update, context: BotContext, person: Person, step: Step, *, edit: bool
) -> None:
    """Show a question (or the Submit step): edit the pressed message, or send a new one."""
    text = question_text(person.language, step)
    markup = question_buttons(person.language, step)
    query = update.callback_query
    if edit and query is not None:
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            raise
    await context.bot.send_message(person.telegram_id, text, reply_markup=markup)


def intro_text(language: str, stored: StoredSurvey, tz: Any) -> Safe:
    survey = survey_of(stored)
    privacy = t(language, f"survey.privacy_{survey.privacy}")
    intro = say(survey.intro, language)
    return t(
        language,
        "survey.intro",
        title=say(survey.title, language),
        intro=intro,
        privacy=privacy,
        questions=question_count(language, survey),
        closes=format_when(language, survey.closes_at, tz),
    )


def question_count(language: str, survey: Survey) -> Safe:
    """'8 questions', or 'Up to 8 questions' when some show only for some answers."""
    count, exact = flow.question_count(survey)
    key = "survey.question_count" if exact else "survey.question_count_up_to"
    return t(language, key, count=count)


# -- members ------------------------------------------------------------------------


async def surveys_command(update: Update, context: BotContext) -> None:
    """/surveys: the open surveys this member may take, with Start / Continue buttons."""
    person = await gate(update, context, GOOD_STANDING, refusal="survey.refused.not_member")
    if person is None or person.member is None:
        return
    service = context.services.surveys
    listed = await service.open_for(person.member)
    lang = person.language
    if not listed:
        await reply(update, t(lang, "survey.list_none"))
        return
    lines = [t(lang, "survey.list_title"), ""]
    buttons = []
    for stored, status in listed:
        survey = survey_of(stored)
        title = say(survey.title, lang)
        lines.append(
            t(
                lang,
                f"survey.list_item_{status}",
                title=title,
                closes=format_when(lang, survey.closes_at, service.tz),
            )
        )
        if status != "done":
            label = t(lang, "survey.start_button" if status == "new" else "survey.continue_button")
            buttons.append(
                [
                    InlineKeyboardButton(
                        f"{label} · {title}"[:60], callback_data=pack(FEATURE, "start", stored.pk)
                    )
                ]
            )
    markup = InlineKeyboardMarkup(buttons) if buttons else None
    await reply(update, Safe("\n".join(lines)), reply_markup=markup)


async def on_answer_button(update: Update, context: BotContext) -> None:
    """Start, an option, a tick, Done, Skip, Back or Submit: re-checked against the database."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    data = unpack(query.data, FEATURE, ANSWER_ACTIONS)
    pk = data.int_arg(0) if data else None
    position = data.int_arg(1) if data else None
    option = data.int_arg(2) if data else None
    if data is None or pk is None or (data.action != "start" and position is None):
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    service, member = context.services.surveys, person.member
    assert position is not None or data.action == "start"
    if data.action == "start":
        outcome = await service.begin(pk, member)
        if outcome.step is not None:
            await query.answer()
            await start_messages(context, person, outcome.step)
            return
    elif data.action in ("pick", "tog") and option is None:
        outcome = Outcome(refusal=Refusal.STALE)
    elif data.action == "pick":
        outcome = await service.choose(pk, member, position, option)  # type: ignore[arg-type]
    elif data.action == "tog":
        outcome = await service.toggle(pk, member, position, option)  # type: ignore[arg-type]
    elif data.action == "submit":
        outcome = await service.submit(pk, member)
        if outcome.submitted:
            await query.answer()
            await query.edit_message_text(thanks(person.language, pk, outcome))
            return
    else:
        outcome = await getattr(service, data.action)(pk, member, position)
    await answer_outcome(update, context, person, outcome)


async def start_messages(context: BotContext, person: Person, step: Step) -> None:
    """The intro (or a welcome back), then the current question."""
    lang = person.language
    tz = context.services.surveys.tz
    text = t(lang, "survey.resumed") if step.resumed else intro_text(lang, step.stored, tz)
    await context.bot.send_message(person.telegram_id, text)
    await context.bot.send_message(
        person.telegram_id, question_text(lang, step), reply_markup=question_buttons(lang, step)
    )


def thanks(language: str, pk: int, outcome: Outcome) -> Safe:
    return t(language, "survey.thanks")


def refusal_text(language: str, outcome: Outcome) -> Safe:
    assert outcome.refusal is not None
    values: dict[str, Any] = dict(outcome.extra)
    if outcome.missing is not None:
        values["question"] = say(outcome.missing.text, language)
    return t(language, f"survey.refused.{outcome.refusal}", **values)


async def answer_outcome(
    update: Update, context: BotContext, person: Person, outcome: Outcome
) -> None:
    """Show the next step in place, or say (as a pop-up) why nothing changed."""
    query = update.callback_query
    assert query is not None
    if outcome.refusal is not None:
        await query.answer(refusal_text(person.language, outcome), show_alert=True)
        return
    await query.answer()
    assert outcome.step is not None
    await show_step(update, context, person, outcome.step, edit=True)


async def on_typed(update: Update, context: BotContext) -> None:
    """A number or free-text answer from a member a survey is waiting on."""
    message = update.effective_message
    assert message is not None and message.text is not None
    person = await person_of(update, context)
    outcome = await context.services.surveys.typed(person.member, message.text, person.language)
    if outcome is None:
        # The wait expired between the filter and now: say how to pick up again.
        await reply(update, t(person.language, "survey.paused"))
        return
    if outcome.refusal is not None:
        await reply(update, refusal_text(person.language, outcome))
        return
    if outcome.invalid is not None:
        await reply(update, t(person.language, outcome.invalid.key, **outcome.invalid.values))
        return
    assert outcome.step is not None
    await show_step(update, context, person, outcome.step, edit=False)


async def on_cancel(update: Update, context: BotContext) -> None:
    """/cancel while answering: pause the survey (answers so far are kept)."""
    person = await person_of(update, context)
    await context.services.surveys.pause(person.member)
    await reply(update, t(person.language, "survey.paused"))


async def on_other_command(update: Update, context: BotContext) -> None:
    """Any other command while answering: stop taking typed text (the command runs as usual)."""
    person = await person_of(update, context)
    await context.services.surveys.pause(person.member)


# -- results ------------------------------------------------------------------------


async def staff_scope(
    update: Update, context: BotContext
) -> tuple[Person, list[str] | None] | None:
    """The sender and the worksites they may see (None: all), or None after refusing."""
    person = await gate(update, context, Role.STEWARD, refusal="survey.results_denied")
    if person is None:
        return None
    return person, await context.services.surveys.scope_of(person)


async def results_command(update: Update, context: BotContext) -> None:
    """/results [SURVEY] [worksite|classification]"""
    checked = await staff_scope(update, context)
    if checked is None:
        return
    person, scope = checked
    service, lang, args = context.services.surveys, person.language, context.args or []
    if not args:
        recent = await service.recent()
        if not recent:
            await reply(update, t(lang, "survey.results_none"))
            return
        buttons = [
            [
                InlineKeyboardButton(
                    say(survey_of(s).title, lang)[:60],
                    callback_data=pack(FEATURE, "res", s.pk, "all"),
                )
            ]
            for s in recent
        ]
        await reply(
            update, t(lang, "survey.results_pick"), reply_markup=InlineKeyboardMarkup(buttons)
        )
        return
    stored = await service.find(args[0][:64])
    by = keyword(args[1], "worksite", "classification") if len(args) > 1 else "all"
    if stored is None or stored.state == "scheduled":
        await reply(update, t(lang, "survey.results_unknown", reference=args[0][:64]))
        return
    if by is None:
        await reply(update, t(lang, "survey.results_usage"))
        return
    await send_results(update, context, person, scope, stored, by)


async def send_results(
    update: Update,
    context: BotContext,
    person: Person,
    scope: list[str] | None,
    stored: StoredSurvey,
    by: str,
) -> None:
    """The summary that fits a phone; each question's details, the other breakdowns,
    charts and the CSV behind its buttons."""
    service, lang = context.services.surveys, person.language
    results = await service.results(stored, BY[by], person)
    scope_text = ", ".join(scope) if scope is not None else None
    text = summary_message(lang, results, stored.closes_at, service.tz, scope_text)
    # While open there is nothing to break down, chart or export: only the count.
    markup = results_buttons(person, results, stored.pk, by) if stored.state == "closed" else None
    await send_long(context.bot, person.telegram_id, text, reply_markup=markup)
    await service.audited(person, "survey.results", stored, by=by)


def results_buttons(person: Person, results: Results, pk: int, by: str) -> InlineKeyboardMarkup:
    """A number per question with details, the other views, then Charts (and CSV)."""
    lang = person.language

    def button(label: str, action: str, *args: object) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=pack(FEATURE, action, pk, *args))

    numbers = [button(str(n), "q", n - 1, by) for n in detail_numbers(results)]
    rows = [numbers[i : i + 7] for i in range(0, len(numbers), 7)]
    views = {
        "all": "survey.button_overall",
        "worksite": "survey.button_by_worksite",
        "classification": "survey.button_by_classification",
    }
    rows.append([button(t(lang, key), "res", view) for view, key in views.items() if view != by])
    last = [button(t(lang, "survey.button_charts"), "charts", "all")]
    if person.can(Role.LEADER):
        last.append(button(t(lang, "survey.button_csv"), "csv"))
    rows.append(last)
    return InlineKeyboardMarkup(rows)


async def on_results_button(update: Update, context: BotContext) -> None:
    """A view, one question's details, charts or the CSV: the role is checked again on
    every press, and every part of the button's data against the database."""
    query = update.callback_query
    assert query is not None
    checked = await staff_scope(update, context)
    if checked is None:
        return
    person, scope = checked
    data = unpack(query.data, FEATURE, RESULT_ACTIONS)
    pk = data.int_arg(0) if data else None
    stored = await context.services.surveys.get(pk) if pk else None
    by = data.args[-1] if data and data.action in ("res", "q") else "all"
    if data is None or stored is None or stored.state == "scheduled" or by not in BY:
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    if data.action == "csv" and not await gate(
        update, context, Role.LEADER, refusal="survey.csv_denied"
    ):
        return
    if data.action != "res" and stored.state != "closed":
        sealed = {"charts": "survey.charts_sealed", "csv": "survey.csv_sealed"}
        await query.answer(
            t(person.language, sealed.get(data.action, "survey.detail_sealed")), show_alert=True
        )
        return
    if data.action == "q":
        await send_detail(update, context, person, scope, stored, data.int_arg(1), by)
        return
    await query.answer()
    if data.action == "res":
        await send_results(update, context, person, scope, stored, by)
    elif data.action == "charts":
        await send_charts(context, person, scope, stored)
    else:
        await send_csv(context, person, stored)


async def send_detail(
    update: Update,
    context: BotContext,
    person: Person,
    scope: list[str] | None,
    stored: StoredSurvey,
    index: int | None,
    by: str,
) -> None:
    """One question in full, if that question has details for this person (a forged
    number, or one whose answers are hidden from them, is refused)."""
    query = update.callback_query
    assert query is not None
    service = context.services.surveys
    results = await service.results(stored, BY[by], person)
    number = None if index is None else index + 1
    if number not in detail_numbers(results):
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    await query.answer()
    assert number is not None
    text = question_message(person.language, results, number)
    await send_long(context.bot, person.telegram_id, text)
    question = results.questions[number - 1].question.id
    await service.audited(person, "survey.results", stored, by=by, question=question)


BREAKDOWNS = ("worksite", "classification")


async def send_charts(
    context: BotContext, person: Person, scope: list[str] | None, stored: StoredSurvey
) -> None:
    """One chart per question, then its breakdowns by worksite and by classification where
    the disclosure plan publishes them (a suppressed breakdown is never charted)."""
    service = context.services.surveys
    results = await service.results(stored, None, person)
    breakdowns = [
        await service.results(stored, by, person) for by in ("worksite", "classification")
    ]
    images = chart_images(person.language, results, breakdowns)
    if not images:
        await context.bot.send_message(person.telegram_id, t(person.language, "survey.charts_none"))
        return
    for caption, png in images:  # paced and retried on 429 by the outbound path
        await context.bot.send_photo(
            person.telegram_id, png, caption=html.escape(caption, quote=False)
        )
    await service.audited(person, "survey.charts", stored)


async def send_csv(context: BotContext, person: Person, stored: StoredSurvey) -> None:
    """One row per response, free text included: leaders only (the service checks again)."""
    text, _ = await context.services.surveys.export(stored, person)
    title = say(survey_of(stored).title, person.language)
    await context.bot.send_document(
        person.telegram_id,
        text.encode("utf-8"),
        filename=f"survey-{stored.slug}.csv",
        caption=t(person.language, "survey.csv_caption", title=title),
    )


# -- loading a survey file ------------------------------------------------------------


async def on_document(update: Update, context: BotContext) -> None:
    """A .yaml file from a leader: check it, show a preview with Confirm / Cancel."""
    message = update.effective_message
    assert message is not None and message.document is not None
    document = message.document
    if (document.file_size or 0) > MAX_FILE:
        return  # not a survey; other features may want it
    raw = bytes(await (await document.get_file()).download_as_bytearray())
    if not SURVEY_MARK.search(raw):
        return  # a YAML file for another feature (votes, FAQ)
    await _survey_file(update, context, document, raw)
    raise ApplicationHandlerStop  # answered: the catch-all reply for files must not follow


async def _survey_file(update: Update, context: BotContext, document: Document, raw: bytes) -> None:
    person = await gate(update, context, Role.LEADER, refusal="survey.load_denied")
    if person is None:
        return
    lang = person.language
    name = document.file_name or "survey.yaml"
    try:
        text = raw.decode("utf-8-sig")
        survey = context.services.surveys.parse(
            text, name, await context.services.surveys.known_names()
        )
    except UnicodeDecodeError:
        await reply(update, t(lang, "survey.load_errors", errors=f"{name}: not UTF-8 text"))
        return
    except SurveyFileError as exc:
        errors = "\n".join(f"• {e}" for e in exc.errors[:15])
        await reply(update, t(lang, "survey.load_errors", errors=errors))
        return
    token = secrets.token_hex(4)
    assert context.user_data is not None
    context.user_data[DRAFT] = {"token": token, "text": text, "name": name}
    await reply(
        update,
        preview(lang, survey, context.services.surveys.tz),
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t(lang, "survey.load_confirm"), callback_data=pack(FEATURE, "load", token)
                    ),
                    InlineKeyboardButton(
                        t(lang, "survey.load_cancel"), callback_data=pack(FEATURE, "drop", token)
                    ),
                ]
            ]
        ),
    )


def preview(language: str, survey: Any, tz: Any) -> Safe:
    """What a leader checks before loading: dates, audience, privacy and every question."""
    audience = ", ".join([*survey.worksites, *survey.classifications]) or t(
        language, "survey.audience_all"
    )
    questions = []
    for number, question in enumerate(survey.questions, 1):
        condition = (
            t(language, "survey.load_conditional", question=question.show_if.question)
            if question.show_if
            else ""
        )
        optional = t(language, "survey.optional") if question.optional else ""
        questions.append(
            t(
                language,
                "survey.load_question",
                number=number,
                text=say(question.text, language),
                kind=t(language, f"survey.kind_{question.type}"),
                optional=Safe(f" {optional}" if optional else ""),
                condition=Safe(condition),
            )
        )
    opens = (
        format_when(language, survey.opens_at, tz)
        if survey.opens_at
        else t(language, "survey.opens_now")
    )
    reminders = ", ".join(f"{r // 3600}h" for r in survey.reminders) or "—"
    return t(
        language,
        "survey.load_preview",
        title=say(survey.title, language),
        id=survey.id,
        privacy=t(language, f"survey.privacy_label_{survey.privacy}"),
        audience=audience,
        opens=opens,
        closes=format_when(language, survey.closes_at, tz),
        reminders=reminders,
        questions=Safe("\n".join(questions)),
    )


async def on_load_button(update: Update, context: BotContext) -> None:
    """Confirm or Cancel on a preview: leaders only, and only the preview still held."""
    query = update.callback_query
    assert query is not None
    person = await gate(update, context, Role.LEADER, refusal="survey.load_denied")
    if person is None:
        return
    lang = person.language
    data = unpack(query.data, FEATURE, LOAD_ACTIONS)
    assert context.user_data is not None
    draft = context.user_data.get(DRAFT)
    if data is None or not data.args or draft is None or draft["token"] != data.args[0]:
        await query.answer(t(lang, "survey.load_expired"), show_alert=True)
        return
    await query.answer()
    del context.user_data[DRAFT]
    await query.edit_message_reply_markup(None)
    if data.action == "drop":
        await reply(update, t(lang, "survey.load_cancelled"))
        return
    service = context.services.surveys
    try:
        # Times may have passed since, and the roster may have changed.
        survey = service.parse(draft["text"], draft["name"], await service.known_names())
        stored = await service.store(survey, person)
    except SurveyFileError as exc:
        await reply(update, t(lang, "survey.load_errors", errors="\n".join(exc.errors[:15])))
        return
    except SurveyExists:
        await reply(update, t(lang, "survey.load_exists", id=survey.id))
        return
    await reply(
        update,
        t(
            lang,
            "survey.loaded",
            title=say(survey.title, lang),
            opens=format_when(lang, stored.opens_at, service.tz),
            closes=format_when(lang, stored.closes_at, service.tz),
        ),
    )


# -- wiring ---------------------------------------------------------------------------


class WaitingForTyping(filters.MessageFilter):
    """Messages from someone a survey waits on for a typed answer (a mirror of the database)."""

    def __init__(self, waiting: Any) -> None:
        super().__init__(name="WaitingForTyping")
        self.waiting = waiting

    def filter(self, message: Message) -> bool:
        return message.from_user is not None and self.waiting(message.from_user.id)


def register(application: Application) -> None:  # type: ignore[type-arg]
    services = services_of(application)
    private = filters.ChatType.PRIVATE
    waiting = WaitingForTyping(services.surveys.is_waiting)
    application.add_handler(CommandHandler("surveys", surveys_command, filters=private))
    application.add_handler(CommandHandler("results", results_command, filters=private))
    application.add_handler(CommandHandler("cancel", on_cancel, filters=private & waiting))
    application.add_handler(
        MessageHandler(private & waiting & filters.TEXT & ~filters.COMMAND, on_typed)
    )
    # In a separate group so the command itself still runs as usual.
    other_command = filters.COMMAND & ~filters.Regex(r"^/cancel(@\w+)?(\s|$)")
    application.add_handler(
        MessageHandler(private & waiting & other_command, on_other_command), group=-1
    )
    # Group -1 and no stop: a YAML file that is not a survey still reaches other features.
    survey_file = filters.Document.FileExtension("yaml") | filters.Document.FileExtension("yml")
    application.add_handler(MessageHandler(private & survey_file, on_document), group=-1)
    application.add_handler(
        CallbackQueryHandler(
            on_answer_button, pattern=rf"{pattern(FEATURE)}({'|'.join(ANSWER_ACTIONS)}):"
        )
    )
    application.add_handler(
        CallbackQueryHandler(
            on_results_button, pattern=rf"{pattern(FEATURE)}({'|'.join(RESULT_ACTIONS)}):"
        )
    )
    application.add_handler(
        CallbackQueryHandler(
            on_load_button, pattern=rf"{pattern(FEATURE)}({'|'.join(LOAD_ACTIONS)}):"
        )
    )

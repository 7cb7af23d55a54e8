"""Ask a steward in chat: /ask, /mytickets, /tickets, /stewardgroup and the ticket buttons.

The rules (limits, who may read or answer, states) are in bot.tickets.service; this module only
parses, asks the service and renders.
"""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import pack, pattern, unpack
from bot.faq.editing import FaqEditError
from bot.i18n import Safe, pick_language, t
from bot.people import Person
from bot.runtime.context import BotContext
from bot.tickets.service import MAX_ANSWER, MAX_OPEN, MAX_QUESTION, Outcome, Result
from handlers.common import GOOD_STANDING, gate, is_private, person_of, reply
from handlers.faq.keys import still_offered
from handlers.keywords import keyword
from handlers.prompts import PendingInput, ask_to_type, forget_typing
from handlers.tickets import views
from storage.members import Role
from storage.tickets import Ticket

log = logging.getLogger(__name__)

ACTIONS = {"askq", "view", "answer", "reply", "close", "tofaq", "tofaq_ok", "tofaq_no"}
# What a person is told when the service says no.
_REFUSALS = {
    Outcome.TOO_MANY: "ticket.too_many",
    Outcome.TOO_LONG: "ticket.too_long",
    Outcome.EMPTY: "ticket.empty",
    Outcome.NOT_VERIFIED: "verify.first",
    Outcome.NOT_ALLOWED: "ticket.not_allowed",
    Outcome.GONE: "ticket.gone",
    Outcome.CLOSED: "ticket.is_closed",
    Outcome.NO_ANSWER: "ticket.no_answer",
}


def _refusal(language: str, result: Result, limit: int = MAX_QUESTION) -> Safe:
    return t(language, _REFUSALS[result.outcome], limit=limit, max_open=MAX_OPEN)


def _language(context: BotContext, language: str | None) -> str:
    """A stored language, else the union's default (no Telegram app language to go by)."""
    return pick_language(language, None, context.services.settings.default_language)


async def _who(context: BotContext, ticket: Ticket) -> str:
    return views.member_label(await context.services.accounts.get(ticket.member))


# -- showing tickets to stewards --------------------------------------------------------


async def _post_card(context: BotContext, ticket: Ticket, chat_id: int, language: str) -> bool:
    """Send the stewards' card to one chat and remember it; False when Telegram refused."""
    services = context.services
    thread = await services.tickets.thread(ticket)
    try:
        sent = await context.bot.send_message(
            chat_id,
            views.steward_card(
                language, ticket, thread, await _who(context, ticket), services.settings.tz
            ),
            reply_markup=views.steward_buttons(language, ticket, thread),
        )
    except TelegramError as exc:
        log.warning("could not show ticket %s in chat %s: %s", ticket.id, chat_id, exc)
        return False
    await services.tickets.add_post(ticket.id, chat_id, sent.message_id)
    return True


async def notify_stewards(context: BotContext, ticket: Ticket) -> None:
    """Show a new (or newly replied-to) ticket in the stewards' group, else to each steward."""
    services = context.services
    audience = await services.tickets.audience(ticket)
    default = services.settings.default_language
    if audience.group_chat is not None and await _post_card(
        context, ticket, audience.group_chat, default
    ):
        return
    if not audience.people:
        log.warning("ticket %s has nobody to answer it", ticket.id)
    for telegram_id, language in audience.people:
        await _post_card(context, ticket, telegram_id, _language(context, language))


async def refresh_posts(context: BotContext, ticket: Ticket) -> None:
    """Bring every copy of the ticket shown to stewards up to date (state, thread, buttons)."""
    services = context.services
    thread = await services.tickets.thread(ticket)
    who = await _who(context, ticket)
    for chat_id, message_id in await services.tickets.posts(ticket.id):
        steward = await services.accounts.by_telegram_id(chat_id) if chat_id > 0 else None
        language = _language(context, steward.language if steward else None)
        try:
            await context.bot.edit_message_text(
                views.steward_card(language, ticket, thread, who, services.settings.tz),
                chat_id=chat_id,
                message_id=message_id,
                reply_markup=views.steward_buttons(language, ticket, thread),
            )
        except TelegramError as exc:
            log.info("could not update ticket %s in chat %s: %s", ticket.id, chat_id, exc)


async def _tell_member(context: BotContext, ticket: Ticket, key: str, **values: object) -> None:
    """Message the ticket's member in their language (if they are still linked)."""
    member = await context.services.accounts.get(ticket.member)
    if member is None or member.telegram_id is None:
        return
    language = _language(context, member.language or ticket.language)
    try:
        await context.bot.send_message(
            member.telegram_id,
            t(language, key, number=ticket.id, **values),
            reply_markup=views.member_buttons(language, ticket),
        )
    except TelegramError as exc:
        log.info("could not tell the member of ticket %s: %s", ticket.id, exc)


# -- members ------------------------------------------------------------------------------


async def open_ticket(update: Update, context: BotContext, person: Person, text: str) -> Result:
    """Open a ticket with `text`, tell the member, and show it to the stewards."""
    result = await context.services.tickets.open(person, text)
    if not result.ok:
        await reply(update, _refusal(person.language, result))
        return result
    assert result.ticket is not None and person.member is not None
    await reply(
        update,
        t(
            person.language,
            "ticket.opened",
            number=result.ticket.id,
            worksite=person.member.worksite or "—",
        ),
    )
    await notify_stewards(context, result.ticket)
    return result


async def _prompt_question(context: BotContext, person: Person, chat_id: int) -> None:
    await ask_to_type(
        context,
        chat_id,
        "ask",
        t(person.language, "ticket.ask_prompt", limit=MAX_QUESTION),
    )


async def ask(update: Update, context: BotContext) -> None:
    """/ask [question]: open a ticket now, or ask for the question."""
    person = await gate(update, context, GOOD_STANDING, private_only=True)
    if person is None:
        return
    message = update.effective_message
    assert message is not None and message.text is not None and update.effective_chat
    parts = message.text.split(maxsplit=1)
    if len(parts) == 2:
        await open_ticket(update, context, person, parts[1])
        return
    await _prompt_question(context, person, update.effective_chat.id)


async def my_tickets(update: Update, context: BotContext) -> None:
    """/mytickets: my own questions to the stewards."""
    person = await gate(update, context, GOOD_STANDING, private_only=True)
    if person is None:
        return
    services, lang = context.services, person.language
    tickets = await services.tickets.of_member(person)
    if not tickets:
        await reply(update, t(lang, "ticket.mine_none"))
        return
    lines = [t(lang, "ticket.mine_list"), ""]
    for ticket in tickets:
        thread = await services.tickets.thread(ticket)
        state = views.state_name(lang, ticket.state)
        first = views.snippet(thread[0].text if thread else "")
        lines.append(t(lang, "ticket.mine_line", number=ticket.id, state=state, text=first))
    await reply(update, Safe("\n".join(lines)), reply_markup=views.list_buttons(lang, tickets))


async def typed_question(
    update: Update, context: BotContext, person: Person, pending: PendingInput, text: str
) -> None:
    """The question typed after /ask or Ask a steward."""
    result = await open_ticket(update, context, person, text)
    if result.outcome not in (Outcome.TOO_LONG, Outcome.EMPTY):  # let them type it again
        forget_typing(context, pending.chat_id)


async def typed_reply(
    update: Update, context: BotContext, person: Person, pending: PendingInput, text: str
) -> None:
    """The member's reply to a steward's answer: back to the stewards."""
    assert pending.ticket is not None
    services = context.services
    result = await services.tickets.reply(person, pending.ticket, text)
    if result.outcome in (Outcome.TOO_LONG, Outcome.EMPTY):
        await reply(update, _refusal(person.language, result))
        return
    forget_typing(context, pending.chat_id)
    if not result.ok:
        await reply(update, _refusal(person.language, result))
        return
    assert result.ticket is not None
    await reply(update, t(person.language, "ticket.reply_sent", number=result.ticket.id))
    await refresh_posts(context, result.ticket)
    await notify_stewards(context, result.ticket)


# -- stewards -----------------------------------------------------------------------------


async def steward_queue(update: Update, context: BotContext) -> None:
    """/tickets: open questions from my worksites (every worksite, for leaders)."""
    person = await gate(update, context, Role.STEWARD, private_only=True)
    if person is None:
        return
    services, lang = context.services, person.language
    tickets = await services.tickets.to_handle(person)
    if not tickets:
        await reply(update, t(lang, "ticket.queue_none"))
        return
    lines = [t(lang, "ticket.queue_list"), ""]
    for ticket in tickets:
        thread = await services.tickets.thread(ticket)
        lines.append(
            t(
                lang,
                "ticket.queue_line",
                number=ticket.id,
                worksite=ticket.worksite or "—",
                state=views.state_name(lang, ticket.state),
                text=views.snippet(thread[-1].text),
            )
        )
    await reply(update, Safe("\n".join(lines)), reply_markup=views.list_buttons(lang, tickets))


def _display_name(update: Update, person: Person) -> str:
    """How a steward is named to the member: their roster first name, else Telegram's."""
    if person.member is not None and person.member.first_name:
        return person.member.first_name
    user = update.effective_user
    return user.first_name if user else "—"


async def typed_answer(
    update: Update, context: BotContext, person: Person, pending: PendingInput, text: str
) -> None:
    """A steward's answer: relayed to the member, every copy of the card updated."""
    assert pending.ticket is not None
    services = context.services
    result = await services.tickets.answer(
        person, pending.ticket, text, _display_name(update, person)
    )
    if result.outcome in (Outcome.TOO_LONG, Outcome.EMPTY):
        await reply(update, _refusal(person.language, result, MAX_ANSWER))
        return
    forget_typing(context, pending.chat_id)
    if not result.ok:
        await reply(update, _refusal(person.language, result))
        return
    ticket = result.ticket
    assert ticket is not None
    await reply(update, t(person.language, "ticket.answer_sent", number=ticket.id))
    await _tell_member(
        context,
        ticket,
        "ticket.answer_for_member",
        name=_display_name(update, person),
        text=text.strip(),
    )
    await refresh_posts(context, ticket)


# -- buttons --------------------------------------------------------------------------------


async def on_button(update: Update, context: BotContext) -> None:
    """Every ticket button: parse strictly, then re-check the presser and the ticket."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    data = unpack(query.data, "ticket", ACTIONS)
    ticket_id = data.int_arg() if data else None
    if data is None or (data.action != "askq" and ticket_id is None):
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    if data.action == "askq":
        await _ask_quoted(update, context, person)
        return
    assert ticket_id is not None
    actions = {
        "view": _view,
        "answer": _start_answer,
        "reply": _start_reply,
        "close": _close,
        "tofaq": _confirm_faq,
        "tofaq_ok": _add_to_faq,
        "tofaq_no": _keep_out_of_faq,
    }
    await actions[data.action](update, context, person, ticket_id)


async def _alert(update: Update, text: Safe) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(text, show_alert=True)


async def _ask_quoted(update: Update, context: BotContext, person: Person) -> None:
    """'Ask a steward' under an answer the FAQ could not give: the quoted question goes."""
    query = update.callback_query
    assert query is not None and query.message is not None
    if not person.verified or not is_private(update) or not still_offered(query):
        await _alert(update, t(person.language, "button.expired"))
        return
    await query.answer()
    await query.edit_message_reply_markup(None)  # one ticket per press
    quoted = getattr(query.message, "reply_to_message", None)
    if quoted is not None and quoted.text:
        await open_ticket(update, context, person, quoted.text)
        return
    await _prompt_question(context, person, query.message.chat.id)


async def _view(update: Update, context: BotContext, person: Person, ticket_id: int) -> None:
    services = context.services
    result = await services.tickets.readable(person, ticket_id)
    if not result.ok:
        await _alert(update, _refusal(person.language, result))
        return
    ticket = result.ticket
    assert ticket is not None and update.callback_query is not None
    await update.callback_query.answer()
    thread, lang = await services.tickets.thread(ticket), person.language
    if services.tickets.owns(person, ticket):
        await reply(
            update,
            views.member_view(lang, ticket, thread, services.settings.tz),
            reply_markup=views.member_buttons(lang, ticket),
        )
        return
    assert update.effective_chat is not None
    await _post_card(context, ticket, update.effective_chat.id, lang)


async def _start_answer(
    update: Update, context: BotContext, person: Person, ticket_id: int
) -> None:
    """Answer pressed: check now, then ask this steward (and only them) to type it."""
    result = await context.services.tickets.check_handler(person, ticket_id)
    if not result.ok:
        await _alert(update, _refusal(person.language, result))
        return
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer()
    name = html.escape(_display_name(update, person), quote=False)
    mention = Safe(f'<a href="tg://user?id={person.telegram_id}">{name}</a>')
    await ask_to_type(
        context,
        query.message.chat.id,
        "answer",
        t(
            person.language,
            "ticket.answer_prompt",
            mention=mention,
            number=ticket_id,
            limit=MAX_ANSWER,
        ),
        ticket=ticket_id,
    )


async def _start_reply(update: Update, context: BotContext, person: Person, ticket_id: int) -> None:
    """Reply pressed by the member: ask them to type it."""
    result = await context.services.tickets.readable(person, ticket_id)
    ticket = result.ticket
    if not result.ok or ticket is None or not context.services.tickets.owns(person, ticket):
        await _alert(update, t(person.language, "ticket.not_allowed"))
        return
    if ticket.state == "closed":
        await _alert(update, t(person.language, "ticket.is_closed"))
        return
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer()
    await ask_to_type(
        context,
        query.message.chat.id,
        "reply",
        t(person.language, "ticket.reply_prompt", number=ticket_id, limit=MAX_QUESTION),
        ticket=ticket_id,
    )


async def _close(update: Update, context: BotContext, person: Person, ticket_id: int) -> None:
    services = context.services
    result = await services.tickets.close(person, ticket_id)
    if not result.ok:
        await _alert(update, _refusal(person.language, result))
        return
    ticket = result.ticket
    assert ticket is not None and update.callback_query is not None
    await update.callback_query.answer(t(person.language, "ticket.closed_done", number=ticket.id))
    await refresh_posts(context, ticket)
    if services.tickets.owns(person, ticket):
        await update.callback_query.edit_message_reply_markup(None)
    else:
        await _tell_member(context, ticket, "ticket.closed_for_member")


async def _confirm_faq(update: Update, context: BotContext, person: Person, ticket_id: int) -> None:
    """Add to FAQ pressed: show what would be published, and ask to confirm."""
    found = await context.services.tickets.question_and_answer(person, ticket_id)
    if isinstance(found, Result):
        await _alert(update, _refusal(person.language, found))
        return
    question, answer = found
    assert update.callback_query is not None
    await update.callback_query.answer()
    lang = person.language
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "ticket.faq_yes"), callback_data=pack("ticket", "tofaq_ok", ticket_id)
                ),
                InlineKeyboardButton(
                    t(lang, "ticket.faq_no"), callback_data=pack("ticket", "tofaq_no", ticket_id)
                ),
            ]
        ]
    )
    await reply(
        update,
        t(lang, "ticket.faq_confirm", question=question, answer=answer),
        reply_markup=buttons,
    )


async def _add_to_faq(update: Update, context: BotContext, person: Person, ticket_id: int) -> None:
    """Confirmed: the ticket's question and latest answer become a new FAQ entry (audited)."""
    services = context.services
    query = update.callback_query
    assert query is not None
    found = await services.tickets.question_and_answer(person, ticket_id)
    if isinstance(found, Result):
        await _alert(update, _refusal(person.language, found))
        return
    if not still_offered(query):
        await _alert(update, t(person.language, "button.expired"))
        return
    question, answer = found
    try:
        entry = await services.faq_editor.add(
            person, question, answer, source=f"ticket:{ticket_id}"
        )
    except FaqEditError as exc:
        await _alert(update, t(person.language, f"faqadmin.error_{exc.code}", limit=exc.limit))
        return
    await query.answer()
    await query.edit_message_text(t(person.language, "ticket.faq_added", entry=entry.id))


async def _keep_out_of_faq(
    update: Update, context: BotContext, person: Person, ticket_id: int
) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(t(person.language, "ticket.faq_not_added"))


# -- stewards' groups ---------------------------------------------------------------------------


async def steward_group(update: Update, context: BotContext) -> None:
    """/stewardgroup WORKSITE (or `remove WORKSITE`), sent by an admin in the stewards' group."""
    person = await gate(update, context, Role.ADMIN)
    if person is None:
        return
    lang, chat = person.language, update.effective_chat
    assert chat is not None
    if is_private(update):
        await reply(update, t(lang, "stewardgroup.in_group_only"))
        return
    services = context.services
    args = context.args or []
    removing = bool(args) and keyword(args[0], "remove") is not None
    worksite = " ".join(args[1:] if removing else args)
    if not worksite:
        served = await services.tickets.worksites_of_group(chat.id)
        await reply(update, t(lang, "stewardgroup.usage", worksites=", ".join(served) or "—"))
        return
    if removing:
        exact = await services.tickets.unregister_group(person, worksite, chat.id)
        key = "stewardgroup.removed" if exact else "stewardgroup.not_served"
    else:
        exact = await services.tickets.register_group(person, worksite, chat.id)
        key = "stewardgroup.registered" if exact else "stewardgroup.unknown"
    await reply(update, t(lang, key, worksite=exact or worksite))


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("ask", ask))
    application.add_handler(CommandHandler("mytickets", my_tickets))
    application.add_handler(CommandHandler("tickets", steward_queue))
    application.add_handler(CommandHandler("stewardgroup", steward_group))
    application.add_handler(CallbackQueryHandler(on_button, pattern=pattern("ticket")))

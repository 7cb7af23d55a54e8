"""Verification in chat: own contact, invite links, and the member-ID form stewards review."""

from __future__ import annotations

import logging

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import pack, pattern, unpack
from bot.i18n import LANGUAGES, Safe, t
from bot.membership.verification import (
    MAX_TYPED,
    Decision,
    Outcome,
    Result,
    Review,
    ReviewFacts,
    name_matches,
)
from bot.people import Person
from bot.runtime.context import BotContext
from handlers.common import end_flow, person_of, reply
from handlers.home import welcome_member
from handlers.votes.ballot import check_receipt
from storage.members import Member, Role
from storage.verification import LinkMove, VerificationRequest

log = logging.getLogger(__name__)

ASK_ID, ASK_NAME = range(2)

# What a person is told for each outcome that is not a success.
_REPLIES = {
    Outcome.ALREADY_VERIFIED: "verify.already",
    Outcome.RATE_LIMITED: "verify.rate_limited",
    Outcome.NOT_OWN_CONTACT: "verify.not_own_contact",
    Outcome.NO_MATCH: "verify.no_match",
    Outcome.NOT_IN_GOOD_STANDING: "verify.not_in_good_standing",
    Outcome.LINKED_ELSEWHERE: "verify.linked_elsewhere",
    Outcome.INVITE_UNKNOWN: "verify.invite_unknown",
    Outcome.INVITE_SPENT: "verify.invite_spent",
    Outcome.INVITE_EXPIRED: "verify.invite_expired",
    Outcome.REQUEST_SENT: "verify.request_sent",
    Outcome.REQUEST_PENDING: "verify.request_pending",
    Outcome.PHONE_RECEIVED: "verify.phone_received",
    Outcome.INVITE_PENDING: "verify.invite_pending",
}
# Outcomes after which the member-ID form is the way forward.
_OFFER_FORM = {Outcome.NO_MATCH, Outcome.LINKED_ELSEWHERE, Outcome.PHONE_RECEIVED}


def form_button(language: str) -> ReplyKeyboardMarkup:
    """The reply-keyboard button that opens the member-ID form."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(t(language, "button.member_id"))]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


async def tell_outcome(
    update: Update, context: BotContext, person: Person, result: Result
) -> Person:
    """Reply to a verification attempt; return the person as they now stand."""
    if result.outcome is not Outcome.VERIFIED:
        markup = form_button(person.language) if result.outcome in _OFFER_FORM else None
        await reply(update, t(person.language, _REPLIES[result.outcome]), reply_markup=markup)
        return person
    member = result.member
    assert member is not None
    # From the first reply on, the member's own language (the roster's), not the app's.
    language = member.language if member.language in LANGUAGES else person.language
    verified = Person(person.telegram_id, language, member)
    name = member.first_name or (update.effective_user.first_name if update.effective_user else "")
    name_part = t(language, "verify.done_name", name=name) if name else Safe("")
    await reply(
        update,
        t(language, "verify.done", name_part=name_part),
        reply_markup=ReplyKeyboardRemove(),
    )
    await welcome_member(context.bot, context.services, verified)
    return verified


async def redeem_invite(update: Update, context: BotContext, person: Person, code: str) -> Person:
    """/start <code> from an invite link; a worksite invite goes to its stewards to confirm."""
    name = update.effective_user.full_name if update.effective_user else ""
    result = await context.services.verification.by_invite(person, code[:64], name)
    verified = await tell_outcome(update, context, person, result)
    if result.outcome is Outcome.INVITE_PENDING and result.request is not None:
        await notify_reviewers(context, result.request)
    return verified


async def on_contact(update: Update, context: BotContext) -> None:
    """A shared contact of one's own goes to the stewards; the reply is always the same."""
    person = await person_of(update, context)
    message = update.effective_message
    assert message is not None and message.contact is not None
    if person.verified and message.contact.user_id != person.telegram_id:
        await reply(update, t(person.language, "media.contact"))  # a coworker's card
        return
    result = await context.services.verification.by_contact(
        person, message.contact.user_id, message.contact.phone_number
    )
    await tell_outcome(update, context, person, result)
    if result.request is not None and result.request.member is not None:
        await notify_reviewers(context, result.request)  # an unknown number bothers nobody


# -- the member-ID form --------------------------------------------------------


async def form_start(update: Update, context: BotContext) -> int:
    """Ask for the member ID (entered by /verify or the reply-keyboard button)."""
    person = await person_of(update, context)
    if person.verified and context.args:
        # /verify RECEIPT from a member: was their ballot counted?
        await check_receipt(update, context, person, " ".join(context.args))
        return ConversationHandler.END
    if person.verified:
        await reply(update, t(person.language, "verify.already"))
        return ConversationHandler.END
    await reply(update, t(person.language, "verify.ask_id"), reply_markup=ReplyKeyboardRemove())
    return ASK_ID


async def _typed(update: Update, context: BotContext, what: str) -> str | None:
    """The text typed, or None (after saying what is expected) when it is too long."""
    assert update.effective_message is not None
    text = (update.effective_message.text or "").strip()
    if 0 < len(text) <= MAX_TYPED:
        return text
    person = await person_of(update, context)
    await reply(
        update,
        t(person.language, "verify.bad_input", what=t(person.language, what), limit=MAX_TYPED),
    )
    return None


async def form_id(update: Update, context: BotContext) -> int:
    typed = await _typed(update, context, "verify.what_id")
    if typed is None:
        return ASK_ID
    assert context.user_data is not None
    context.user_data["typed_id"] = typed
    person = await person_of(update, context)
    await reply(update, t(person.language, "verify.ask_name"))
    return ASK_NAME


async def form_name(update: Update, context: BotContext) -> int:
    typed = await _typed(update, context, "verify.what_name")
    if typed is None:
        return ASK_NAME
    assert context.user_data is not None
    typed_id = context.user_data.pop("typed_id", "")
    person = await person_of(update, context)
    result = await context.services.verification.request_review(person, typed_id, typed)
    await tell_outcome(update, context, person, result)
    if result.outcome is Outcome.REQUEST_SENT and result.request is not None:
        await notify_reviewers(context, result.request)
    return ConversationHandler.END


async def form_cancel(update: Update, context: BotContext) -> int:
    return await end_flow(update, context, "verify.cancelled", "typed_id")


# -- stewards review --------------------------------------------------------------


def review_text(language: str, request: VerificationRequest, facts: ReviewFacts) -> Safe:
    """What a reviewer sees; everything the requester typed is escaped by t()."""
    lines = [t(language, "review.title", number=request.id)]
    if request.via == "phone":
        lines.append(t(language, "review.via_phone"))
    elif request.via == "invite":
        lines.append(
            t(
                language,
                "review.via_invite",
                worksite=request.worksite or "—",
                name=request.typed_name or "—",
            )
        )
        return Safe("\n".join(lines))
    else:
        lines.append(
            t(language, "review.typed", member_id=request.typed_id, last_name=request.typed_name)
        )
    member = facts.member
    if member is None:
        lines.append(t(language, "review.no_roster"))
        return Safe("\n".join(lines))
    name = " ".join(p for p in (member.first_name, member.last_name) if p) or "—"
    status = t(language, f"status.{member.status}")
    lines.append(
        t(language, "review.roster", name=name, worksite=member.worksite or "—", status=status)
    )
    if request.via == "form":
        matches = name_matches(request.typed_name, member.last_name)
        lines.append(t(language, "review.name_ok" if matches else "review.name_differs"))
    stewards = (
        t(language, "promote.stewards", worksites=", ".join(facts.steward_worksites))
        if facts.steward_worksites
        else Safe("")
    )
    lines.append(
        t(language, "review.role", role=t(language, f"role.{member.role}"), stewards=stewards)
    )
    if facts.linked_elsewhere:
        lines.append(t(language, "review.linked_elsewhere"))
    if facts.on_open_roll:
        lines.append(t(language, "review.on_open_roll"))
    if member.frozen:
        lines.append(t(language, "review.frozen"))
    if facts.needs_admin:
        lines.append(t(language, "review.needs_admin_note"))
    return Safe("\n".join(lines))


def review_buttons(
    language: str, request: VerificationRequest, facts: ReviewFacts
) -> InlineKeyboardMarkup:
    reject = InlineKeyboardButton(
        t(language, "review.reject"), callback_data=pack("verify", "reject", request.id)
    )
    if facts.member is None and request.via != "invite":
        return InlineKeyboardMarkup([[reject]])
    approve = InlineKeyboardButton(
        t(language, "review.approve"), callback_data=pack("verify", "approve", request.id)
    )
    return InlineKeyboardMarkup([[approve, reject]])


async def notify_reviewers(context: BotContext, request: VerificationRequest) -> None:
    """Show the request to the worksite's stewards and to leaders, with Approve / Reject."""
    services = context.services
    reviewers = await services.verification.reviewers(request)
    facts = await services.verification.facts(request)
    if not reviewers:
        log.warning("verification request %s has nobody to review it", request.id)
    for reviewer in reviewers:
        assert reviewer.telegram_id is not None
        language = reviewer.language or services.settings.default_language
        try:
            sent = await context.bot.send_message(
                reviewer.telegram_id,
                review_text(language, request, facts),
                reply_markup=review_buttons(language, request, facts),
            )
        except TelegramError as exc:
            log.warning("could not show request %s to a reviewer: %s", request.id, exc)
            continue
        await services.verification.requests.add_message(request.id, sent.chat_id, sent.message_id)


async def on_review(update: Update, context: BotContext) -> None:
    """Approve or Reject pressed: re-check who pressed it and the request's state."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    data = unpack(query.data, "verify", {"approve", "reject"})
    request_id = data.int_arg() if data else None
    if data is None or request_id is None:
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    review = await context.services.verification.decide(
        person, request_id, data.action == "approve"
    )
    answers = {
        Decision.NOT_ALLOWED: "review.not_allowed",
        Decision.ALREADY_DECIDED: "review.already",
        Decision.GONE: "review.gone",
        Decision.NEEDS_ADMIN: "review.needs_admin",
    }
    if review.decision in answers:
        await query.answer(t(person.language, answers[review.decision]), show_alert=True)
        if review.decision is Decision.NEEDS_ADMIN and review.member is not None:
            await warn_account_holder(context, review.member)
        return
    await query.answer()
    assert review.request is not None
    decider = query.from_user.first_name
    await close_review_messages(context, review.request, decider)
    await tell_requester(context, review)
    if review.move is not None:
        await tell_old_account(context, review.move)


async def warn_account_holder(context: BotContext, member: Member) -> None:
    """A steward tried to move this row's link or hand over its role: tell its account."""
    if member.telegram_id is None:
        return
    language = member.language or context.services.settings.default_language
    try:
        await context.bot.send_message(member.telegram_id, t(language, "link.attempt"))
    except TelegramError as exc:
        log.info("could not warn the account of member %s: %s", member.id, exc)


async def tell_old_account(context: BotContext, move: LinkMove) -> None:
    """The account a link moved away from is told at once, with "This wasn't me"."""
    services = context.services
    member = await services.accounts.get(move.member)
    language = (member.language if member else None) or services.settings.default_language
    button = InlineKeyboardButton(
        t(language, "link.not_me"), callback_data=pack("link", "notme", move.id)
    )
    try:
        await context.bot.send_message(
            move.old_telegram_id,
            t(language, "link.moved"),
            reply_markup=InlineKeyboardMarkup([[button]]),
        )
    except TelegramError as exc:
        log.info("could not tell the old account of move %s: %s", move.id, exc)


async def on_not_me(update: Update, context: BotContext) -> None:
    """ "This wasn't me": the old account disputes a move; freeze the row, alert admins."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    data = unpack(query.data, "link", {"notme"})
    move_id = data.int_arg() if data else None
    services = context.services
    move = await services.verification.dispute(person, move_id) if move_id else None
    if move is None:
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    await query.answer()
    await query.edit_message_text(t(person.language, "link.frozen"))
    member = await services.accounts.get(move.member)
    label = services.roles.label(member) if member else "?"
    for admin in await services.accounts.with_role_at_least(Role.ADMIN):
        if admin.telegram_id is None or admin.telegram_id == person.telegram_id:
            continue
        language = admin.language or services.settings.default_language
        text = t(
            language,
            "link.dispute_alert",
            member_id=label,
            old=str(move.old_telegram_id),
            new=str(move.new_telegram_id),
        )
        try:
            await context.bot.send_message(admin.telegram_id, text)
        except TelegramError as exc:
            log.warning("could not alert an admin of disputed move %s: %s", move.id, exc)


async def close_review_messages(
    context: BotContext, request: VerificationRequest, decider: str
) -> None:
    """Replace the buttons on every copy of the request with who decided."""
    services = context.services
    approved = request.state == "approved"
    facts = await services.verification.facts(request)
    for chat_id, message_id in await services.verification.requests.messages(request.id):
        reviewer = await services.accounts.by_telegram_id(chat_id)
        language = (reviewer.language if reviewer else None) or services.settings.default_language
        outcome = t(
            language, "review.approved_by" if approved else "review.rejected_by", name=decider
        )
        text = Safe(review_text(language, request, facts) + "\n\n" + outcome)
        try:
            await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
        except TelegramError as exc:
            log.info("could not update request %s in chat %s: %s", request.id, chat_id, exc)


async def tell_requester(context: BotContext, review: Review) -> None:
    """Tell the person the outcome; an approved member also gets their home menu."""
    request = review.request
    assert request is not None
    language = request.language if request.language in LANGUAGES else "en"
    approved = review.decision is Decision.APPROVED
    if approved and review.member is not None and review.member.language in LANGUAGES:
        language = review.member.language  # the member's own language, from this reply on
    try:
        await context.bot.send_message(
            request.telegram_id, t(language, "verify.approved" if approved else "verify.rejected")
        )
        if approved and review.member is not None:
            member = Person(request.telegram_id, language, review.member)
            await welcome_member(context.bot, context.services, member)
    except TelegramError as exc:
        log.info("could not tell requester of request %s: %s", request.id, exc)


def register(application: Application) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    form_button_text = filters.Text([t(lang, "button.member_id") for lang in LANGUAGES])
    text = private & filters.TEXT & ~filters.COMMAND
    application.add_handler(
        ConversationHandler(
            entry_points=[
                CommandHandler("verify", form_start, filters=private),
                MessageHandler(private & form_button_text, form_start),
            ],
            states={
                ASK_ID: [MessageHandler(text, form_id)],
                ASK_NAME: [MessageHandler(text, form_name)],
            },
            fallbacks=[CommandHandler("cancel", form_cancel)],
            name="verify_form",
            persistent=True,
            allow_reentry=True,
        )
    )
    application.add_handler(MessageHandler(private & filters.CONTACT, on_contact))
    application.add_handler(
        CallbackQueryHandler(on_review, pattern=rf"{pattern('verify')}(approve|reject)")
    )
    application.add_handler(CallbackQueryHandler(on_not_me, pattern=rf"{pattern('link')}notme:"))

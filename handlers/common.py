"""What every handler needs: who is talking, in which language, and how to answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ConversationHandler

from bot import names
from bot.callbacks import VERSION
from bot.i18n import Safe, t
from bot.people import Person
from bot.runtime.context import BotContext
from handlers import errors
from storage.members import Role


async def person_of(update: Update, context: BotContext) -> Person:
    """Look the sender up in the database (roles are never taken from the client)."""
    user = update.effective_user
    assert user is not None
    return await context.services.accounts.person(
        user.id,
        user.language_code,
        private=is_private(update),
        in_chat=update.effective_chat is not None,
    )


async def end_flow(
    update: Update, context: BotContext, message: str, *drafts: str, **reply_options: object
) -> int:
    """Cancel a multi-step flow: forget its drafts, say `message`, end the conversation."""
    person = await person_of(update, context)
    if context.user_data is not None:
        for key in drafts:
            context.user_data.pop(key, None)
    await reply(update, t(person.language, message), **reply_options)
    return ConversationHandler.END


async def reply(update: Update, text: Safe, **kwargs: object) -> None:
    """Answer in the chat the update came from."""
    chat = update.effective_chat
    assert chat is not None
    await chat.send_message(text, **kwargs)  # type: ignore[arg-type]


def is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == "private"


async def refuse_in_group(update: Update, context: BotContext, person: Person) -> bool:
    """Point group users to a private chat; True when the update was handled that way."""
    if is_private(update):
        return False
    await reply(update, t(person.language, "group.private_only", bot=context.bot.username))
    return True


async def deny(
    update: Update,
    person: Person,
    key: str = "role.denied",
    *,
    alert: bool = True,
    **reply_options: object,
) -> None:
    """Say no: as an alert under a pressed button (unless not `alert`), or as a reply.

    In a group the refusal never says why (every sender gets the same words), so it
    cannot tell the group who is a member, a steward or a leader.
    """
    if not is_private(update):
        key = "group.refused"
    if alert and update.callback_query is not None:
        await update.callback_query.answer(t(person.language, key), show_alert=True)
    else:
        await reply(update, t(person.language, key), **reply_options)


# What a handler may need of the sender: a verified link, membership in good standing
# (votes, surveys, tickets), or a stored role (steward, leader, admin).
VERIFIED, GOOD_STANDING = "verified", "good_standing"
Need = Literal["verified", "good_standing"] | Role


async def gate(
    update: Update,
    context: BotContext,
    need: Need,
    *,
    private_only: bool = False,
    refusal: str | None = None,
    **reply_options: object,
) -> Person | None:
    """The sender if they have `need` now (read from the database); otherwise say no, None.

    The one check every handler makes before it acts: a role can be revoked between two
    presses, so every step and button passes here again (and the service checks again).
    With `private_only`, a group chat is first pointed to a private chat. The refusal is
    `refusal` if given, else what fits the need; in a group it never says why (`deny`).
    """
    person = await person_of(update, context)
    if private_only and await refuse_in_group(update, context, person):
        return None
    if isinstance(need, Role):
        allowed, key = person.can(need), "role.denied"
    elif not person.verified:
        allowed, key = False, "verify.first"
    elif need == GOOD_STANDING:
        allowed, key = person.in_good_standing, standing_refusal(person)
    else:
        allowed, key = True, ""
    if allowed:
        return person
    await deny(update, person, refusal or key, **reply_options)
    return None


def standing_refusal(person: Person) -> str:
    """Why a verified person may not use a members-in-good-standing feature."""
    return "membership.staff_not_member" if person.staff_only else "membership.not_in_standing"


# -- membership state, enforced for every update ---------------------------------------------

# What someone whose membership is inactive or frozen may still do: see the welcome and
# help, and delete their data.
_INACTIVE_COMMANDS = frozenset({"start", "help", "forgetme"})
_INACTIVE_BUTTONS = re.compile(rf"^{VERSION}:account:(forget|keep)$")
# What is for members in good standing only (lapsed members and staff keep the rest).
_STANDING_COMMANDS = frozenset({"vote", "surveys", "ask", "mytickets"})
_STANDING_BUTTONS = re.compile(
    rf"^{VERSION}:(vote:|ticket:askq|home:(votes|surveys|ask)$"
    rf"|survey:(start|pick|tog|done|skip|back|submit):)"
)


def _command(update: Update) -> str | None:
    message = update.effective_message
    text = (message.text or "") if message is not None else ""
    if not text.startswith("/"):
        return None
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""


async def enforce_membership(update: Update, context: BotContext) -> None:
    """Runs before every handler: membership state decides what reaches a feature at all.

    An inactive or frozen row loses every command and button at once, whatever role is
    stored and whatever wizard was open; a member not in good standing (or staff who
    are not members) cannot reach votes, surveys or tickets. Features check again
    themselves (`gate`) and so do the services.
    """
    user = update.effective_user
    if user is None or (update.message is None and update.callback_query is None):
        return
    try:
        await _enforce(update, context, user.id)
    except ApplicationHandlerStop:
        raise
    except Exception as exc:
        # Fail closed: if membership cannot be checked, no feature runs (one apology).
        await errors.report(update, context, exc)
        raise ApplicationHandlerStop from None


async def _enforce(update: Update, context: BotContext, telegram_id: int) -> None:
    member = await context.services.accounts.by_telegram_id(telegram_id)
    if member is None or member.verified_at is None:
        return  # strangers: the verification flow handles them
    query = update.callback_query
    data = (query.data or "") if query is not None else ""
    command = _command(update)
    person = await person_of(update, context)
    if not member.active or member.frozen:
        allowed = (
            _INACTIVE_BUTTONS.match(data) is not None
            if query is not None
            else command in _INACTIVE_COMMANDS
        )
        if not allowed:
            await _stop(
                update, person, "membership.frozen" if member.frozen else "membership.inactive"
            )
    elif not person.in_good_standing:
        blocked = (
            _STANDING_BUTTONS.match(data) is not None
            if query is not None
            else command in _STANDING_COMMANDS
        )
        if blocked:
            await _stop(update, person, standing_refusal(person))


async def _stop(update: Update, person: Person, key: str) -> None:
    """Refuse (silently in a group) and let no other handler see the update."""
    if is_private(update) or update.callback_query is not None:
        await deny(update, person, key)
    raise ApplicationHandlerStop


def not_on_roster_hint(language: str, typed: str, known: Sequence[str]) -> Safe:
    """After "… isn't on the roster": the name most likely meant, else what the roster has."""
    guess = names.suggestion(typed, known)
    if guess:
        return t(language, "roster.guess", guess=guess)
    return t(language, "roster.known", known=", ".join(known[:12]) or "—")

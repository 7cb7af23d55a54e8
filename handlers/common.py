"""What every handler needs: who is talking, in which language, and how to answer."""

from __future__ import annotations

from telegram import Update

from bot.i18n import Safe, pick_language, t
from bot.people import Person
from bot.services import BotContext
from storage.members import Role


async def person_of(update: Update, context: BotContext) -> Person:
    """Look the sender up in the database (roles are never taken from the client)."""
    user = update.effective_user
    assert user is not None
    services = context.services
    member = await services.members.by_telegram_id(user.id)
    if member is not None and not member.reachable and update.effective_chat is not None:
        # They wrote to us, so they can be written to again (a 403 marked them unreachable).
        await services.members.set_reachable(user.id, True)
    language = pick_language(
        member.language if member else None,
        user.language_code,
        services.settings.default_language,
    )
    return Person(telegram_id=user.id, language=language, member=member)


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


async def deny(update: Update, person: Person, key: str = "role.denied") -> None:
    """Say no: as an alert under a pressed button, or as a reply to a message."""
    if update.callback_query is not None:
        await update.callback_query.answer(t(person.language, key), show_alert=True)
    else:
        await reply(update, t(person.language, key))


async def person_with_role(
    update: Update, context: BotContext, role: Role, *, private_only: bool = False
) -> Person | None:
    """The sender if their stored role is `role` or higher; otherwise refuse and None.

    With `private_only`, a group chat is first pointed to a private chat.
    """
    person = await person_of(update, context)
    if private_only and await refuse_in_group(update, context, person):
        return None
    if person.can(role):
        return person
    await deny(update, person)
    return None


async def verified_person(
    update: Update, context: BotContext, *, private_only: bool = False
) -> Person | None:
    """The sender if verified; otherwise tell them how to verify and None (see above)."""
    person = await person_of(update, context)
    if private_only and await refuse_in_group(update, context, person):
        return None
    if person.verified:
        return person
    await deny(update, person, "verify.first")
    return None

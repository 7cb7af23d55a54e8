"""The error handler: log everything for the operator, tell the person only that it failed."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.i18n import pick_language, t
from bot.people import NotAllowed
from bot.runtime.context import BotContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure with the update's context; apologise without leaking internals."""
    if not isinstance(update, Update):
        log.error("error outside an update", exc_info=context.error)
        return
    if isinstance(context.error, NotAllowed):
        await refuse(update, context)
        return
    await report(update, context, context.error)


async def refuse(update: Update, context: BotContext) -> None:
    """A service refused (the role changed since the handler's gate): the friendly no."""
    from handlers.common import deny, person_of  # common uses this module for `report`

    user = update.effective_user
    log.warning("refused update %s (user %s): role", update.update_id, user.id if user else None)
    person = await person_of(update, context)
    if update.callback_query is not None:
        # The handler may have answered the press already (then this does nothing): the
        # refusal goes in the chat, where it is seen either way.
        await update.callback_query.answer()
    await deny(update, person, alert=False)


async def report(update: Update, context: BotContext, error: BaseException | None) -> None:
    """Log one failed update and apologise once (also used by the membership gate)."""
    user = update.effective_user
    chat = update.effective_chat
    log.error(
        "update %s failed (chat %s, user %s, kind %s)",
        update.update_id,
        chat.id if chat else None,
        user.id if user else None,
        _kind(update),
        exc_info=error,
    )
    if chat is None:
        return
    language = pick_language(
        None, user.language_code if user else None, context.services.settings.default_language
    )
    try:
        await chat.send_message(t(language, "error.generic"))
    except TelegramError:
        log.warning("could not tell chat %s about the failure", chat.id)


def _kind(update: Update) -> str:
    """Which field of the update was set (message, callback_query, ...), never its content."""
    for name in ("message", "edited_message", "callback_query", "inline_query", "my_chat_member"):
        if getattr(update, name) is not None:
            return name
    return "other"


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_error_handler(on_error)

"""A verified member's home menu, and the keyboard that starts verification."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.ext import Application, CallbackQueryHandler

from bot.callbacks import pack, pattern
from bot.delivery.outgoing import send
from bot.i18n import Safe, t
from bot.people import Person
from bot.runtime.context import BotContext
from bot.services import Services
from bot.updates.service import member_message
from handlers.common import VERIFIED, gate, reply
from handlers.surveys import chat as surveys
from handlers.updates import sent as updates
from handlers.votes import ballot as votes


def verify_keyboard(language: str) -> ReplyKeyboardMarkup:
    """The two ways to prove membership, as buttons under the chat."""
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(t(language, "button.share_phone"), request_contact=True)],
            [KeyboardButton(t(language, "button.member_id"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


Handler = Callable[[Update, BotContext], Awaitable[None]]


def _home_button(language: str, key: str, action: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(t(language, key), callback_data=pack("home", action))


async def ask_prompt(update: Update, context: BotContext) -> None:
    """Home's "Ask a question": any text typed next is answered from the FAQ."""
    person = await gate(update, context, VERIFIED)
    if person is not None:
        await reply(update, t(person.language, "start.ask_prompt"))


async def send_home(bot: Bot, person: Person) -> None:
    """A verified member's home, in their private chat: where they stand, what to tap next."""
    language = person.language
    worksite = person.member.worksite if person.member else None
    part = t(language, "start.home_worksite", worksite=worksite) if worksite else Safe("")
    rows = [
        [_home_button(language, "button.latest_update", "updates")],
        [
            _home_button(language, "button.votes", "votes"),
            _home_button(language, "button.surveys", "surveys"),
        ],
        [_home_button(language, "button.ask", "ask")],
        [
            _home_button(language, "button.my_details", "me"),
            _home_button(language, "button.language", "language"),
        ],
    ]
    if not person.in_good_standing:  # votes, surveys and tickets are members' (see common)
        rows = [rows[0], rows[3]]
    buttons = InlineKeyboardMarkup(rows)
    # Staff who are not on the roster are told so, not that they are members.
    text = (
        t(language, "start.home_staff")
        if person.staff_only
        else t(language, "start.home", worksite_part=part)
    )
    await bot.send_message(person.telegram_id, text, reply_markup=buttons)


async def welcome_member(bot: Bot, services: Services, person: Person) -> None:
    """A newly verified member: their home menu, then the latest pinned update for them."""
    await send_home(bot, person)
    if person.member is None:
        return
    pinned = await services.updates.pinned_for(person.member)
    if pinned is not None:
        await send(bot, person.telegram_id, member_message(person.language, pinned))


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Home's buttons do what the matching commands do."""
    for action, handler in (
        ("ask", ask_prompt),
        ("updates", updates.recent),
        ("votes", votes.vote_command),
        ("surveys", surveys.surveys_command),
    ):
        application.add_handler(
            CallbackQueryHandler(_pressed(handler), pattern=rf"{pattern('home')}{action}$")
        )


def _pressed(handler: Handler) -> Handler:
    """Answer the button press, then run the command's handler."""

    async def run(update: Update, context: BotContext) -> None:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await handler(update, context)

    return run

"""A verified member's home menu, and the keyboard that starts verification."""

from __future__ import annotations

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.delivery.outgoing import send
from bot.i18n import Safe, t
from bot.people import Person
from bot.services import Services
from bot.updates import member_message
from handlers.callbacks import pack


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


async def send_home(bot: Bot, person: Person) -> None:
    """A verified member's home, in their private chat: where they stand, what to tap next."""
    language = person.language
    worksite = person.member.worksite if person.member else None
    part = t(language, "start.home_worksite", worksite=worksite) if worksite else Safe("")
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(language, "button.my_details"), callback_data=pack("home", "me")
                ),
                InlineKeyboardButton(
                    t(language, "button.language"), callback_data=pack("home", "language")
                ),
            ]
        ]
    )
    await bot.send_message(
        person.telegram_id, t(language, "start.home", worksite_part=part), reply_markup=buttons
    )


async def welcome_member(bot: Bot, services: Services, person: Person) -> None:
    """A newly verified member: their home menu, then the latest pinned update for them."""
    await send_home(bot, person)
    if person.member is None:
        return
    pinned = await services.updates.pinned_for(person.member)
    if pinned is not None:
        await send(bot, person.telegram_id, member_message(person.language, pinned))

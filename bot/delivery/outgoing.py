"""An Outgoing message (bot/outgoing.py) as Bot API calls."""

from __future__ import annotations

from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.outgoing import Outgoing


def markup(message: Outgoing) -> InlineKeyboardMarkup | None:
    """The message's buttons as an inline keyboard (None without buttons)."""
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.data) for b in row]
            for row in message.buttons
        ]
    )


async def send(bot: Bot, chat_id: int, message: Outgoing, **extra: Any) -> Message:
    """Send one message as text, photo or document, whichever it is."""
    keyboard = markup(message)
    if message.photo:
        return await bot.send_photo(
            chat_id, message.photo, caption=message.text, reply_markup=keyboard, **extra
        )
    if message.document:
        return await bot.send_document(
            chat_id, message.document, caption=message.text, reply_markup=keyboard, **extra
        )
    return await bot.send_message(chat_id, message.text, reply_markup=keyboard, **extra)

"""Methods that change existing messages: edits, deletion, pinning."""

from __future__ import annotations

from typing import Any

from sandbox.delivery import (
    apply_edit,
    caption,
    caption_content,
    message_text,
    text_content,
    throttle,
)
from sandbox.errors import bad_request
from sandbox.markup import parse_markup
from sandbox.registry import MethodTable, Params, require
from sandbox.transcript import Event
from sandbox.users import SentMessage, SimChat
from sandbox.world import World

METHODS = MethodTable()

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


def _editable(world: World, params: Params) -> tuple[SimChat, SentMessage]:
    """The bot message an edit targets, or Telegram's 400."""
    if "inline_message_id" in params:
        raise bad_request("message to edit not found")
    chat = world.chat_for_sending(require(params, "chat_id"))
    message_id = require(params, "message_id")
    message = chat.bot_message(message_id)
    if message is None or message.deleted:
        if message_id in chat.stored:
            raise bad_request("message can't be edited")
        raise bad_request("message to edit not found")
    return chat, message


@METHODS.add("editMessageText", sends=True)
async def edit_message_text(world: World, params: Params) -> Any:
    """Replace a text message's text (and inline keyboard: omitted means removed)."""
    chat, message = _editable(world, params)
    if message.document or message.photo:
        raise bad_request("there is no text in the message to edit")
    text, entities = message_text(params)
    markup = parse_markup(params.get("reply_markup"))
    unchanged = (text, entities, markup.inline)
    if unchanged == (message.text, message.entities, message.inline_keyboard):
        raise bad_request(_NOT_MODIFIED)
    throttle(world, chat, params, edit=True)
    content = text_content(text, entities)
    html = str(params["text"])
    return apply_edit(
        world, chat, message, content, replaces=("entities",), markup=markup, html=html
    )


@METHODS.add("editMessageCaption", sends=True)
async def edit_message_caption(world: World, params: Params) -> Any:
    """Replace a media message's caption (and inline keyboard)."""
    chat, message = _editable(world, params)
    if not (message.document or message.photo):
        raise bad_request("there is no caption in the message to edit")
    text, entities = caption(params)
    markup = parse_markup(params.get("reply_markup"))
    if (text, entities, markup.inline) == (message.text, message.entities, message.inline_keyboard):
        raise bad_request(_NOT_MODIFIED)
    throttle(world, chat, params, edit=True)
    content = caption_content(text, entities)
    html = str(params.get("caption") or "")
    replaces = ("caption", "caption_entities")
    return apply_edit(world, chat, message, content, replaces=replaces, markup=markup, html=html)


@METHODS.add("editMessageReplyMarkup", sends=True)
async def edit_message_reply_markup(world: World, params: Params) -> Any:
    """Replace (or with no reply_markup, remove) a message's inline keyboard."""
    chat, message = _editable(world, params)
    markup = parse_markup(params.get("reply_markup"))
    if markup.inline == message.inline_keyboard:
        raise bad_request(_NOT_MODIFIED)
    throttle(world, chat, params, edit=True)
    return apply_edit(world, chat, message, {}, replaces=(), markup=markup, html=None)


@METHODS.add("deleteMessage")
async def delete_message(world: World, params: Params) -> Any:
    """Delete a message; bot messages stay in the inbox flagged deleted."""
    chat = world.find_chat(require(params, "chat_id"))
    message_id = require(params, "message_id")
    if chat.stored.pop(message_id, None) is None:
        raise bad_request("message to delete not found")
    message = chat.bot_message(message_id)
    if message is not None:
        message.deleted = True
    world.transcript.add(Event("delete", "bot", chat.id, chat.name, f"#{message_id}"))
    return True


@METHODS.add("pinChatMessage")
async def pin_chat_message(world: World, params: Params) -> Any:
    """Pin a message in a chat."""
    chat = world.chat_for_sending(require(params, "chat_id"))
    message_id = require(params, "message_id")
    if message_id not in chat.stored:
        raise bad_request("message to pin not found")
    _set_pinned(chat, message_id, pinned=True)
    world.transcript.add(Event("pin", "bot", chat.id, chat.name, f"#{message_id}"))
    return True


@METHODS.add("unpinChatMessage")
async def unpin_chat_message(world: World, params: Params) -> Any:
    """Unpin a message (by default the most recently pinned one)."""
    chat = world.chat_for_sending(require(params, "chat_id"))
    message_id = params.get("message_id") or (chat.pinned_ids[-1] if chat.pinned_ids else None)
    if message_id is not None:
        _set_pinned(chat, message_id, pinned=False)
    return True


def _set_pinned(chat: SimChat, message_id: int, *, pinned: bool) -> None:
    if message_id in chat.pinned_ids:
        chat.pinned_ids.remove(message_id)
    if pinned:
        chat.pinned_ids.append(message_id)
    message = chat.bot_message(message_id)
    if message is not None:
        message.pinned = pinned

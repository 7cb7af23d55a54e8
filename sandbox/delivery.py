"""Shared steps of sending and editing: formatting, flood control, storing bot messages."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request, too_many_requests
from sandbox.html import ParseError, parse_html, utf16_len
from sandbox.markup import Markup
from sandbox.registry import Params
from sandbox.users import SentMessage, SimChat
from sandbox.world import World, unix_now

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def _strip(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding whitespace like Telegram, shifting and clipping entities."""
    left = text.lstrip()
    shift = utf16_len(text) - utf16_len(left)
    result = left.rstrip()
    end = utf16_len(result)
    clipped = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            clipped.append({**entity, "offset": start, "length": stop - start})
    return result, clipped


def format_text(params: Params, key: str, entities_key: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities from a text/caption parameter and its parse_mode."""
    source = str(params.get(key) or "")
    mode = str(params.get("parse_mode") or "").lower()
    if mode == "html":
        try:
            text, entities = parse_html(source)
        except ParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
    elif mode:
        raise bad_request("unsupported parse_mode")
    else:
        text, entities = source, list(params.get(entities_key) or [])
    return _strip(text, entities)


def message_text(params: Params) -> tuple[str, list[dict[str, Any]]]:
    """The formatted `text` of sendMessage / editMessageText, validated."""
    text, entities = format_text(params, "text", "entities")
    if not text:
        raise bad_request("message text is empty")
    if utf16_len(text) > TEXT_LIMIT:
        raise bad_request("message is too long")
    return text, entities


def caption(params: Params) -> tuple[str, list[dict[str, Any]]]:
    """The formatted `caption` of a media message, validated."""
    text, entities = format_text(params, "caption", "caption_entities")
    if utf16_len(text) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return text, entities


def text_content(text: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    """Message fields for a text message."""
    return {"text": text, "entities": entities} if entities else {"text": text}


def caption_content(text: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    """Message fields for a caption (none when empty)."""
    if not text:
        return {}
    return {"caption": text, "caption_entities": entities} if entities else {"caption": text}


def throttle(world: World, chat: SimChat, params: Params, *, edit: bool = False) -> None:
    """Apply flood control to a send or edit; 429 with retry_after when over the limit."""
    paid = bool(params.get("allow_paid_broadcast"))
    retry_after = world.limiter.acquire(
        chat.id, is_private=chat.type == "private", paid=paid, overall=not edit
    )
    if retry_after is not None:
        raise too_many_requests(retry_after)


def reply_target(chat: SimChat, params: Params) -> dict[str, Any] | None:
    """The message being replied to, per reply_parameters or reply_to_message_id."""
    reply = params.get("reply_parameters") or {}
    message_id = reply.get("message_id", params.get("reply_to_message_id"))
    if message_id is None:
        return None
    target = chat.stored.get(int(message_id))
    lenient = reply.get("allow_sending_without_reply", params.get("allow_sending_without_reply"))
    if target is None and not lenient:
        raise bad_request("message to be replied not found")
    return target


def _fill(world: World, message: SentMessage, html: str | None) -> None:
    """Refresh a SentMessage's readable fields from its raw Telegram dict."""
    raw = message.raw
    message.text = raw.get("text", raw.get("caption", ""))
    message.entities = raw.get("entities", raw.get("caption_entities", []))
    message.html = message.text if html is None else html
    message.document = world.files.get(raw["document"]["file_id"]) if "document" in raw else None
    message.photo = world.files.get(raw["photo"][-1]["file_id"]) if "photo" in raw else None


def _apply_markup(chat: SimChat, message: SentMessage, markup: Markup) -> None:
    message.inline_keyboard = markup.inline
    if markup.inline:
        message.raw["reply_markup"] = markup.inline_json()
    if markup.keyboard:
        message.reply_keyboard = markup.keyboard
        message.request_contact = markup.request_contact
        chat.reply_keyboard = markup.keyboard
    elif markup.remove_keyboard:
        chat.reply_keyboard = None
    message.force_reply = markup.force_reply


def deliver(
    world: World,
    chat: SimChat,
    params: Params,
    content: dict[str, Any],
    *,
    markup: Markup,
    html: str | None = None,
) -> dict[str, Any]:
    """Post a bot message into a chat after flood control; return its Message dict."""
    reply = reply_target(chat, params)
    throttle(world, chat, params)
    raw: dict[str, Any] = {
        "message_id": chat.new_message_id(),
        "from": world.bot_user,
        "chat": chat.chat_json(),
        "date": unix_now(),
        **content,
    }
    if reply is not None:
        raw["reply_to_message"] = reply
    if params.get("protect_content"):
        raw["has_protected_content"] = True
    message = SentMessage(
        chat_id=chat.id,
        message_id=raw["message_id"],
        date=raw["date"],
        disable_notification=bool(params.get("disable_notification")),
        protect_content=bool(params.get("protect_content")),
        raw=raw,
    )
    _fill(world, message, html)
    _apply_markup(chat, message, markup)
    chat.stored[message.message_id] = raw
    chat.record_change(message)
    world.log_bot("send", chat, message)
    world.stats.sent += 1
    return raw


def apply_edit(
    world: World,
    chat: SimChat,
    message: SentMessage,
    content: dict[str, Any],
    *,
    replaces: tuple[str, ...],
    markup: Markup,
    html: str | None,
) -> dict[str, Any]:
    """Edit a bot message in place (keeping the old version); return the new Message dict."""
    message.edits.append(message.snapshot())
    raw = {k: v for k, v in message.raw.items() if k not in (*replaces, "reply_markup")}
    raw.update(content)
    raw["edit_date"] = unix_now()
    message.raw = raw
    _fill(world, message, message.html if html is None else html)
    _apply_markup(chat, message, markup)
    message.edited = True
    chat.stored[message.message_id] = raw
    chat.record_change(message)
    world.log_bot("edit", chat, message)
    world.stats.edits += 1
    return raw

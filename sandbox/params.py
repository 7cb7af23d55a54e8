"""Coercing request parameters the way the Bot API does, whatever the encoding."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sandbox.errors import bad_request

_INT_PARAMS = frozenset(
    {
        "message_id",
        "from_chat_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "message_thread_id",
        "reply_to_message_id",
        "user_id",
        "max_connections",
    }
)
_BOOL_PARAMS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_paid_broadcast",
        "show_alert",
        "disable_web_page_preview",
        "drop_pending_updates",
        "is_personal",
        "allow_sending_without_reply",
        "disable_content_type_detection",
        "has_spoiler",
        "show_caption_above_media",
        "remove_caption",
    }
)
_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "scope",
        "commands",
        "allowed_updates",
        "reply_parameters",
        "link_preview_options",
        "results",
        "button",
        "menu_button",
    }
)
_TRUE = frozenset({"true", "1", "True"})
_FALSE = frozenset({"false", "0", "False", ""})


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    content: bytes
    content_type: str


def _coerce_chat_id(value: Any) -> int | str:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value)
    try:
        return int(text)
    except ValueError:
        if text.startswith("@"):
            return text
        raise bad_request("chat not found") from None


def _coerce_int(name: str, value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def _coerce_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value) in _TRUE:
        return True
    if str(value) in _FALSE:
        return False
    raise bad_request(f"invalid {name} specified")


def _coerce_json(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        what = "reply keyboard markup" if name == "reply_markup" else name
        raise bad_request(f"can't parse {what} JSON object") from None


def coerce_value(name: str, value: Any) -> Any:
    """Coerce one parameter by its name, as Telegram's typed schema would."""
    if isinstance(value, Upload):
        return value
    if name == "chat_id":
        return _coerce_chat_id(value)
    if name in _INT_PARAMS:
        return _coerce_int(name, value)
    if name in _BOOL_PARAMS:
        return _coerce_bool(name, value)
    if name in _JSON_PARAMS:
        return _coerce_json(name, value)
    return value


def coerce(raw: dict[str, Any]) -> dict[str, Any]:
    """Coerce every parameter of a request."""
    return {name: coerce_value(name, value) for name, value in raw.items()}

"""Validating reply_markup (inline and reply keyboards) as Telegram does."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.errors import bad_request

# Exactly one of these must accompany an inline button's text.
_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "web_app",
    "login_url",
    "copy_text",
    "callback_game",
    "pay",
)
_URL_SCHEMES = ("http://", "https://", "tg://")
_MAX_CALLBACK_BYTES = 64


@dataclass
class Markup:
    """A parsed reply_markup."""

    inline: list[list[dict[str, Any]]] = field(default_factory=list)
    keyboard: list[list[str]] = field(default_factory=list)
    request_contact: list[list[bool]] = field(default_factory=list)
    remove_keyboard: bool = False
    force_reply: bool = False

    def inline_json(self) -> dict[str, Any] | None:
        """The reply_markup Telegram echoes in a Message (only inline keyboards are echoed)."""
        return {"inline_keyboard": self.inline} if self.inline else None


def _inline_button(button: Any) -> dict[str, Any]:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    if "text" not in button:
        raise bad_request("can't parse inline keyboard button: Can't find field \"text\"")
    if not button["text"]:
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [key for key in _INLINE_ACTIONS if key in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = str(button["callback_data"])
        if not 1 <= len(data.encode("utf-8")) <= _MAX_CALLBACK_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not str(button["url"]).startswith(_URL_SCHEMES):
        raise bad_request("BUTTON_URL_INVALID")
    return {key: button[key] for key in ("text", *actions)}


def _rows(markup: dict[str, Any], key: str) -> list[list[Any]]:
    rows = markup[key]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{key}" of the {key.replace("_", " ")} must be an Array')
    return rows


def parse_markup(markup: Any) -> Markup:
    """Validate a reply_markup object; raise ApiError with Telegram's description."""
    if markup is None:
        return Markup()
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = _rows(markup, "inline_keyboard")
        return Markup(inline=[[_inline_button(b) for b in row] for row in rows])
    if "keyboard" in markup:
        rows = _rows(markup, "keyboard")
        buttons = [[b if isinstance(b, dict) else {"text": str(b)} for b in row] for row in rows]
        return Markup(
            keyboard=[[b.get("text", "") for b in row] for row in buttons],
            request_contact=[[bool(b.get("request_contact")) for b in row] for row in buttons],
        )
    if markup.get("remove_keyboard"):
        return Markup(remove_keyboard=True)
    if markup.get("force_reply"):
        return Markup(force_reply=True)
    raise bad_request("can't parse reply keyboard markup JSON object")

"""Methods about the bot itself: identity, updates, webhook, commands, queries, chats, files."""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from typing import Any

from sandbox.errors import ApiError, bad_request
from sandbox.registry import MethodTable, Params, require
from sandbox.transcript import Event
from sandbox.world import World

METHODS = MethodTable()

_MAX_UPDATES = 100
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_MAX_DESCRIPTION = 256
_SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


@METHODS.add("getMe")
async def get_me(world: World, params: Params) -> Any:
    """The bot's own User object with its capabilities."""
    return {
        **world.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@METHODS.add("getUpdates")
async def get_updates(world: World, params: Params) -> Any:
    """Long polling: confirm below offset, then return pending updates or wait up to timeout."""
    if world.webhook_url:
        raise ApiError(
            HTTPStatus.CONFLICT,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    if "allowed_updates" in params:
        world.allowed_updates = frozenset(params["allowed_updates"] or ())
    if "offset" in params:
        world.confirm(params["offset"])
    limit = min(max(params.get("limit", _MAX_UPDATES), 1), _MAX_UPDATES)
    # A newer getUpdates call terminates an older one still waiting, as Telegram does.
    world.poll_generation += 1
    generation = world.poll_generation
    world.updates_pulse.notify()

    def ready() -> bool:
        return bool(world.updates) or world.closing or world.poll_generation != generation

    await world.updates_pulse.wait_for(ready, max(params.get("timeout", 0), 0))
    if world.poll_generation != generation:
        raise ApiError(
            HTTPStatus.CONFLICT,
            "Conflict: terminated by other getUpdates request; "
            "make sure that only one bot instance is running",
        )
    return world.updates[:limit]


@METHODS.add("setWebhook")
async def set_webhook(world: World, params: Params) -> Any:
    """Remember a webhook URL (nothing is delivered to it); blocks getUpdates like Telegram."""
    world.webhook_url = str(params.get("url") or "")
    if params.get("drop_pending_updates"):
        world.updates.clear()
    return True


@METHODS.add("deleteWebhook")
async def delete_webhook(world: World, params: Params) -> Any:
    """Remove the webhook, optionally dropping pending updates."""
    world.webhook_url = ""
    if params.get("drop_pending_updates"):
        world.updates.clear()
    return True


@METHODS.add("getWebhookInfo")
async def get_webhook_info(world: World, params: Params) -> Any:
    """Webhook status and the number of pending updates."""
    return {
        "url": world.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates),
    }


@METHODS.add("close")
async def close(world: World, params: Params) -> Any:
    """Accepted and ignored (Telegram would move the bot between servers)."""
    return True


@METHODS.add("logOut")
async def log_out(world: World, params: Params) -> Any:
    """Accepted and ignored (Telegram would log the bot out of the cloud API)."""
    return True


@METHODS.add("answerCallbackQuery")
async def answer_callback_query(world: World, params: Params) -> Any:
    """Answer a button press; the answer is recorded on the pressing user."""
    user = world.take_query(world.callback_queries, str(require(params, "callback_query_id")))
    text = params.get("text") or None
    user.callback_answers.append((text, bool(params.get("show_alert"))))
    if text:
        world.transcript.add(Event("answer", "bot", user.id, user.name, text))
    return True


@METHODS.add("answerInlineQuery")
async def answer_inline_query(world: World, params: Params) -> Any:
    """Answer an inline query; results are stored on the querying user."""
    user = world.take_query(world.inline_queries, str(require(params, "inline_query_id")))
    results = params.get("results")
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    user.inline_results = results
    return True


def scope_key(world: World, params: Params) -> tuple[str, str]:
    """Canonical (scope JSON, language) key under which commands are stored."""
    scope = dict(params.get("scope") or {"type": "default"})
    if scope.get("type") not in _SCOPE_TYPES:
        raise bad_request("unsupported bot command scope type")
    if "chat_id" in scope:
        scope["chat_id"] = world.find_chat(scope["chat_id"]).id
    if "user_id" in scope:
        scope["user_id"] = int(scope["user_id"])
    key = json.dumps(scope, sort_keys=True, separators=(",", ":"))
    return key, str(params.get("language_code") or "")


@METHODS.add("setMyCommands")
async def set_my_commands(world: World, params: Params) -> Any:
    """Store the command list for a scope and language."""
    commands = params.get("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    cleaned = []
    for command in commands:
        name = str(command.get("command", "")).removeprefix("/")
        description = str(command.get("description", "")).strip()
        if not _COMMAND.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= _MAX_DESCRIPTION:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": name, "description": description})
    world.commands[scope_key(world, params)] = cleaned
    return True


@METHODS.add("getMyCommands")
async def get_my_commands(world: World, params: Params) -> Any:
    """The commands stored for exactly this scope and language (no fallback)."""
    return world.commands.get(scope_key(world, params), [])


@METHODS.add("deleteMyCommands")
async def delete_my_commands(world: World, params: Params) -> Any:
    """Remove the commands for a scope and language."""
    world.commands.pop(scope_key(world, params), None)
    return True


@METHODS.add("getFile")
async def get_file(world: World, params: Params) -> Any:
    """File info with the path to download it from."""
    stored = world.files.get(str(require(params, "file_id")))
    if stored is None:
        raise bad_request("invalid file_id")
    return stored.file_json()


@METHODS.add("getChat")
async def get_chat(world: World, params: Params) -> Any:
    """Full information about a chat."""
    chat = world.find_chat(require(params, "chat_id"))
    no_gifts = dict.fromkeys(
        (
            "unlimited_gifts",
            "limited_gifts",
            "unique_gifts",
            "premium_subscription",
            "gifts_from_channels",
        ),
        False,
    )
    return {
        **chat.chat_json(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": no_gifts,
    }


@METHODS.add("setChatMenuButton")
async def set_chat_menu_button(world: World, params: Params) -> Any:
    """Set the menu button for one private chat or (without chat_id) the default."""
    chat_id = params.get("chat_id")
    if chat_id is not None:
        chat_id = world.find_chat(chat_id).id
    world.menu_buttons[chat_id] = params.get("menu_button") or {"type": "default"}
    return True


@METHODS.add("getChatMenuButton")
async def get_chat_menu_button(world: World, params: Params) -> Any:
    """The menu button of a chat, falling back to the default one."""
    chat_id = params.get("chat_id")
    button = world.menu_buttons.get(chat_id) or world.menu_buttons.get(None)
    return button or {"type": "default"}

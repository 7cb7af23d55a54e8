"""Emulator state: users, groups, files, the update queue and bot-side bookkeeping."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sandbox.errors import bad_request, forbidden
from sandbox.files import FileStore
from sandbox.limits import Clock, Limits, RateLimiter
from sandbox.pulse import Pulse
from sandbox.transcript import Event, Transcript
from sandbox.users import SentMessage, SimChat, SimGroup, SimUser

# Telegram's default when allowed_updates is empty or was never set.
_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_FIRST_USER_ID = 1001
_FIRST_SUPERGROUP_ID = -1001000000001
_FIRST_GROUP_ID = -4001


def unix_now() -> int:
    """Current Unix time in whole seconds, as Telegram dates are."""
    return int(time.time())


@dataclass
class Stats:
    """Counters of what the bot did."""

    sent: int = 0
    edits: int = 0
    rate_limited: int = 0
    methods: Counter[str] = field(default_factory=Counter)


@dataclass
class PendingQuery:
    """A callback or inline query awaiting the bot's answer."""

    user: SimUser
    created: float


class World:
    """Everything the emulator knows; API methods and simulated users both act on it."""

    callback_query_ttl = 15.0

    def __init__(self, bot_user: dict[str, Any], limits: Limits, clock: Clock) -> None:
        self.bot_user = bot_user
        self.users: dict[int, SimUser] = {}
        self.groups: dict[int, SimGroup] = {}
        self.files = FileStore()
        self.transcript = Transcript()
        self.limiter = RateLimiter(limits, clock)
        self.stats = Stats()
        self.updates: list[dict[str, Any]] = []
        self.updates_pulse = Pulse()
        self.last_update_id = 0
        self.confirmed_offset = 0
        self.allowed_updates: frozenset[str] | None = None
        self.webhook_url = ""
        self.poll_generation = 0
        self.closing = False
        self.callback_queries: dict[str, PendingQuery] = {}
        self.inline_queries: dict[str, PendingQuery] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self._user_ids = itertools.count(_FIRST_USER_ID)
        self._supergroup_ids = itertools.count(_FIRST_SUPERGROUP_ID, -1)
        self._group_ids = itertools.count(_FIRST_GROUP_ID, -1)
        self._query_ids = itertools.count(4_382_000_000_000_000_001)

    # --- population -------------------------------------------------------------------

    def add_user(self, user_id: int | None = None, **profile: Any) -> SimUser:
        """Create a user who has not talked to the bot yet."""
        user = SimUser(self, user_id or next(self._user_ids), **profile)
        self.users[user.id] = user
        return user

    def add_group(
        self, title: str, members: list[SimUser], group_type: str, username: str | None
    ) -> SimGroup:
        """Create a group the bot is a member of."""
        ids = self._supergroup_ids if group_type == "supergroup" else self._group_ids
        group = SimGroup(self, next(ids), title, members, group_type, username)
        self.groups[group.id] = group
        return group

    # --- updates ------------------------------------------------------------------------

    def update_allowed(self, kind: str) -> bool:
        """Whether the bot's allowed_updates let this kind of update through."""
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in _NOT_DEFAULT_UPDATES

    def queue_update(self, kind: str, payload: dict[str, Any]) -> None:
        """Queue an update for getUpdates (Telegram never stores disallowed kinds)."""
        if not self.update_allowed(kind):
            return
        self.last_update_id += 1
        self.updates.append({"update_id": self.last_update_id, kind: payload})
        self.updates_pulse.notify()

    def confirm(self, offset: int) -> None:
        """Forget updates below offset, as getUpdates' offset does."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            self.confirmed_offset = max(self.confirmed_offset, offset)

    def pending_update_ids(self) -> list[int]:
        """Ids of updates not yet confirmed by the bot."""
        return [update["update_id"] for update in self.updates]

    # --- what users do -------------------------------------------------------------------

    def receive(
        self,
        sender: SimUser,
        chat: SimChat,
        content: dict[str, Any],
        *,
        reply_to: SentMessage | None = None,
    ) -> dict[str, Any]:
        """A user posts a message; store it and queue a `message` update."""
        if chat is sender:
            if sender.blocked:
                # Writing to a blocked bot unblocks it, as in Telegram clients.
                sender.blocked = False
                self.member_update(sender, old="kicked", new="member")
            sender.started = True
        message: dict[str, Any] = {
            "message_id": chat.new_message_id(),
            "from": sender.user_json(),
            "chat": chat.chat_json(),
            "date": unix_now(),
            **content,
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to.raw
        chat.stored[message["message_id"]] = message
        sender.messages.append(message)
        self.log_user(sender, chat, *_describe(content))
        self.queue_update("message", message)
        return message

    def callback_query(
        self, user: SimUser, chat: SimChat, message: SentMessage, data: str, label: str
    ) -> str:
        """A user presses an inline button; queue a `callback_query` update."""
        query_id = str(next(self._query_ids))
        self.callback_queries[query_id] = PendingQuery(user, time.monotonic())
        self.log_user(user, chat, "press", f"[ {label} ]")
        self.queue_update(
            "callback_query",
            {
                "id": query_id,
                "from": user.user_json(),
                "message": message.raw,
                "chat_instance": str(abs(chat.id) * 31 + 7),
                "data": data,
            },
        )
        return query_id

    def inline_query(self, user: SimUser, query: str) -> str:
        """A user types an inline query; queue an `inline_query` update."""
        query_id = str(next(self._query_ids))
        self.inline_queries[query_id] = PendingQuery(user, time.monotonic())
        self.log_user(user, user, "inline", f"@{self.bot_user['username']} {query}")
        payload = {"id": query_id, "from": user.user_json(), "query": query, "offset": ""}
        self.queue_update("inline_query", {**payload, "chat_type": "sender"})
        return query_id

    def member_update(self, user: SimUser, *, old: str, new: str) -> None:
        """The bot's membership in a private chat changes (block / unblock)."""
        self.log_user(user, user, "status", "blocks the bot" if new == "kicked" else "unblocks")
        self.queue_update(
            "my_chat_member",
            {
                "chat": user.chat_json(),
                "from": user.user_json(),
                "date": unix_now(),
                "old_chat_member": self._bot_member(old),
                "new_chat_member": self._bot_member(new),
            },
        )

    def _bot_member(self, status: str) -> dict[str, Any]:
        member: dict[str, Any] = {"user": self.bot_user, "status": status}
        if status == "kicked":
            member["until_date"] = 0
        return member

    def log_user(self, user: SimUser, chat: SimChat, kind: str, text: str) -> None:
        """Add a user action to the transcript."""
        in_group = chat is not user
        self.transcript.add(Event(kind, user.name, chat.id, chat.name, text, in_group=in_group))

    def log_bot(self, kind: str, chat: SimChat, message: SentMessage) -> None:
        """Add a bot send or edit to the transcript."""
        text = message.text
        stored = message.document or message.photo
        if stored:
            text = f"[{stored.filename}] {text}".rstrip()
        if kind == "edit":
            text = f"#{message.message_id} {text}"
        buttons = message.buttons or message.reply_keyboard
        self.transcript.add(Event(kind, "bot", chat.id, chat.name, text, buttons))

    # --- what the bot does -------------------------------------------------------------------

    def find_chat(self, chat_id: int | str) -> SimChat:
        """A chat the bot can see, by id or @username; else 400 chat not found."""
        chat: SimChat | None
        if isinstance(chat_id, str):
            chat = next((g for g in self.groups.values() if f"@{g.username}" == chat_id), None)
        else:
            chat = self.users.get(chat_id) or self.groups.get(chat_id)
        if chat is None or (isinstance(chat, SimUser) and not chat.started):
            raise bad_request("chat not found")
        return chat

    def chat_of(self, message: SentMessage) -> SimChat:
        """The chat a bot message was sent to."""
        return self.users.get(message.chat_id) or self.groups[message.chat_id]

    def chat_for_sending(self, chat_id: int | str) -> SimChat:
        """A chat the bot may post to now; else the 400/403 Telegram would give."""
        user = self.users.get(chat_id) if isinstance(chat_id, int) else None
        if user is not None:
            if user.deactivated:
                raise forbidden("user is deactivated")
            if user.blocked:
                raise forbidden("bot was blocked by the user")
            if not user.started:
                raise forbidden("bot can't initiate conversation with a user")
        return self.find_chat(chat_id)

    def take_query(self, queries: dict[str, PendingQuery], query_id: str) -> SimUser:
        """Consume a pending query by id; else Telegram's 'query is too old' 400."""
        pending = queries.pop(query_id, None)
        if pending is None or time.monotonic() - pending.created > self.callback_query_ttl:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        return pending.user


def _describe(content: dict[str, Any]) -> tuple[str, str]:
    """Transcript kind and text for a user's message content."""
    if "contact" in content:
        contact = content["contact"]
        own = "own " if "user_id" in contact else ""
        return "contact", f"[{own}contact {contact['phone_number']}]"
    if "document" in content:
        return "file", f"[{content['document']['file_name']}] {content.get('caption', '')}".strip()
    if "photo" in content:
        return "file", f"[photo] {content.get('caption', '')}".strip()
    if "text" not in content:  # a sticker, a location, a voice note...
        return "other", f"[{next(iter(content), 'message')}]"
    return "text", content["text"]

"""Simulated users and groups that tests drive, and the bot messages they receive."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from sandbox.files import StoredFile
from sandbox.html import parse_html, utf16_len
from sandbox.pulse import Pulse

if TYPE_CHECKING:
    from sandbox.world import World

Predicate = Callable[["SentMessage"], bool]


@dataclass(eq=False)  # identity equality: a message stays itself across edits
class SentMessage:
    """A message the bot sent, as the receiving chat sees it (mutated in place on edit)."""

    chat_id: int
    message_id: int
    date: int
    text: str = ""
    html: str = ""
    entities: list[dict[str, Any]] = field(default_factory=list)
    inline_keyboard: list[list[dict[str, Any]]] = field(default_factory=list)
    reply_keyboard: list[list[str]] = field(default_factory=list)
    request_contact: list[list[bool]] = field(default_factory=list)
    force_reply: bool = False
    document: StoredFile | None = None
    photo: StoredFile | None = None
    disable_notification: bool = False
    protect_content: bool = False
    pinned: bool = False
    edited: bool = False
    deleted: bool = False
    edits: list[SentMessage] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def buttons(self) -> list[list[str]]:
        """Inline keyboard button texts, row by row."""
        return [[button["text"] for button in row] for row in self.inline_keyboard]

    @property
    def button_data(self) -> list[list[str | None]]:
        """Inline keyboard callback data (or url) in the shape of `buttons`."""
        return [
            [button.get("callback_data", button.get("url")) for button in row]
            for row in self.inline_keyboard
        ]

    def snapshot(self) -> SentMessage:
        """A frozen copy of the current version, kept in `edits` when edited."""
        return dataclasses.replace(self, edits=[], raw=dict(self.raw))

    def find_button(self, text: str) -> dict[str, Any] | None:
        """The inline button with exactly this text, if any."""
        return next((b for row in self.inline_keyboard for b in row if b["text"] == text), None)


class SimChat:
    """A chat with the bot: what the bot sent there and a test's read cursor over it."""

    type: str

    def __init__(self, world: World, chat_id: int) -> None:
        self._world = world
        self.id = chat_id
        self.inbox: list[SentMessage] = []
        self._sent: dict[int, SentMessage] = {}
        self.reply_keyboard: list[list[str]] | None = None
        self.stored: dict[int, dict[str, Any]] = {}
        self.pinned_ids: list[int] = []
        self._next_message_id = 1
        self._cursor = 0
        self._changes: list[SentMessage] = []
        self._seen_edits: dict[int, int] = {}
        self._pulse = Pulse()

    @property
    def name(self) -> str:
        """Display name used in transcripts."""
        raise NotImplementedError

    def chat_json(self) -> dict[str, Any]:
        """The Chat object Telegram puts in messages."""
        raise NotImplementedError

    def new_message_id(self) -> int:
        """Allocate the next message id in this chat."""
        message_id = self._next_message_id
        self._next_message_id += 1
        return message_id

    def bot_message(self, message_id: int) -> SentMessage | None:
        """A message the bot sent here, by id."""
        return self._sent.get(message_id)

    @property
    def last(self) -> SentMessage | None:
        """The newest bot message that is not deleted."""
        return next((m for m in reversed(self.inbox) if not m.deleted), None)

    def record_change(self, message: SentMessage) -> None:
        """Note a new or edited bot message and wake waiting tests."""
        if message.message_id not in self._sent:
            self._sent[message.message_id] = message
            self.inbox.append(message)
        self._changes.append(message)
        self._pulse.notify()

    def mark_read(self) -> None:
        """Consider every message so far consumed (e.g. after a test's setup steps)."""
        self._cursor = len(self.inbox)

    # Test helpers take a timeout argument on purpose, so tests read as plain awaits.
    async def next_message(self, timeout: float = 5.0) -> SentMessage:  # noqa: ASYNC109
        """The first bot message after the last one consumed here; waits for it."""
        if not await self._pulse.wait_for(lambda: self._cursor < len(self.inbox), timeout):
            self._fail(f"no new bot message within {timeout}s")
        message = self.inbox[self._cursor]
        self._cursor += 1
        return message

    async def next_edit(
        self,
        message: SentMessage,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> SentMessage:
        """Wait until `message` has an edit not yet consumed by next_edit; return it."""
        seen = self._seen_edits.get(message.message_id, 0)
        if not await self._pulse.wait_for(lambda: len(message.edits) > seen, timeout):
            self._fail(f"message #{message.message_id} was not edited within {timeout}s")
        self._seen_edits[message.message_id] = len(message.edits)
        return message

    async def wait_for(
        self,
        predicate: Predicate | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> SentMessage:
        """Wait for a bot message sent or edited from now on that matches; consumes new ones."""
        start = len(self._changes)
        match = predicate or (lambda _: True)
        found: SentMessage | None = None

        def matched() -> bool:
            nonlocal found
            found = next((m for m in self._changes[start:] if match(m)), None)
            return found is not None

        if not await self._pulse.wait_for(matched, timeout) or found is None:
            self._fail(f"no matching bot message within {timeout}s")
        message = found
        self._cursor = max(self._cursor, self.inbox.index(message) + 1)
        return message

    def _fail(self, reason: str) -> NoReturn:
        history = self._world.transcript.render(chat_id=self.id, last=15) or "(empty)"
        raise AssertionError(f"{self.name}: {reason}. Recent history:\n{history}")


class SimGroup(SimChat):
    """A group or supergroup the bot is in."""

    def __init__(
        self,
        world: World,
        chat_id: int,
        title: str,
        members: list[SimUser],
        group_type: str,
        username: str | None = None,
    ) -> None:
        super().__init__(world, chat_id)
        self.title = title
        self.members = members
        self.type = group_type
        self.username = username

    @property
    def name(self) -> str:
        """Display name used in transcripts."""
        return self.title

    def chat_json(self) -> dict[str, Any]:
        """The Chat object Telegram puts in messages."""
        chat: dict[str, Any] = {"id": self.id, "type": self.type, "title": self.title}
        if self.username:
            chat["username"] = self.username
        return chat


class SimUser(SimChat):
    """A Telegram user; also their private chat with the bot (same id, as in Telegram)."""

    type = "private"

    def __init__(
        self,
        world: World,
        user_id: int,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> None:
        super().__init__(world, user_id)
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.started = False
        self.blocked = False
        self.deactivated = False
        self.messages: list[dict[str, Any]] = []
        self.callback_answers: list[tuple[str | None, bool]] = []
        self.inline_results: list[dict[str, Any]] = []

    @property
    def name(self) -> str:
        """Display name used in transcripts."""
        return self.first_name

    def user_json(self) -> dict[str, Any]:
        """The User object Telegram puts in `from`."""
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                user[key] = getattr(self, key)
        return user

    def chat_json(self) -> dict[str, Any]:
        """The private Chat object Telegram puts in messages."""
        chat = {"id": self.id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            if getattr(self, key):
                chat[key] = getattr(self, key)
        return chat

    async def send(
        self, text: str, *, chat: SimGroup | None = None, reply_to: SentMessage | None = None
    ) -> dict[str, Any]:
        """Send a text message to the bot (or into a group); returns the Message dict."""
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        return self._world.receive(self, chat or self, content, reply_to=reply_to)

    async def send_formatted(self, html_text: str) -> dict[str, Any]:
        """Send text the user formatted in their app (bold, links...), given as Telegram HTML."""
        text, entities = parse_html(html_text)
        return self._world.receive(self, self, {"text": text, "entities": entities})

    async def share_contact(
        self,
        phone_number: str,
        *,
        own: bool = True,
        first_name: str | None = None,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        """Send a contact; own=True marks it as this user's own (contact.user_id set)."""
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": first_name or self.first_name,
        }
        if user_id is not None or own:
            contact["user_id"] = user_id if user_id is not None else self.id
        return self._world.receive(self, self, {"contact": contact})

    async def send_content(self, content: dict[str, Any]) -> dict[str, Any]:
        """Send any other kind of message: {"sticker": {...}}, {"location": {...}}, ..."""
        return self._world.receive(self, self, content)

    async def send_document(
        self,
        filename: str,
        content: bytes,
        mime_type: str = "text/plain",
        caption: str | None = None,
    ) -> dict[str, Any]:
        """Send a document the bot can fetch with getFile."""
        stored = self._world.files.add(
            content, filename=filename, mime_type=mime_type, kind="documents"
        )
        message: dict[str, Any] = {"document": stored.document_json()}
        if caption:
            message["caption"] = caption
        return self._world.receive(self, self, message)

    async def send_photo(self, content: bytes, caption: str | None = None) -> dict[str, Any]:
        """Send a photo the bot can fetch with getFile."""
        stored = self._world.files.add(
            content, filename="photo.jpg", mime_type="image/jpeg", kind="photos"
        )
        message: dict[str, Any] = {"photo": stored.photo_json()}
        if caption:
            message["caption"] = caption
        return self._world.receive(self, self, message)

    async def press(
        self, button_text: str, message: SentMessage | None = None, *, chat: SimChat | None = None
    ) -> str:
        """Press an inline button by its text; returns the callback query id."""
        where = chat or (self._world.chat_of(message) if message else self)
        candidates = [message] if message else [m for m in reversed(where.inbox) if not m.deleted]
        for candidate in candidates:
            button = candidate.find_button(button_text)
            if button is None:
                continue
            if "callback_data" not in button:
                raise AssertionError(f"button {button_text!r} has no callback_data: {button}")
            data = button["callback_data"]
            return self._world.callback_query(self, where, candidate, data, button_text)
        shown = [m.buttons for m in candidates if m.inline_keyboard][:3]
        raise AssertionError(
            f"{self.name}: no inline button {button_text!r} in {where.name}; "
            f"recent keyboards (newest first): {shown or 'none'}"
        )

    async def press_data(
        self, data: str, message: SentMessage | None = None, *, chat: SimChat | None = None
    ) -> str:
        """Send a callback query with arbitrary data on a bot message (default: the latest)."""
        where = chat or (self._world.chat_of(message) if message else self)
        target = message or where.last
        if target is None:
            raise AssertionError(f"{self.name}: no bot message in {where.name} to press on")
        return self._world.callback_query(self, where, target, data, f"callback {data!r}")

    async def inline_query(self, query: str) -> str:
        """Type an inline query; the bot's answer lands in `inline_results`."""
        return self._world.inline_query(self, query)

    async def block(self) -> None:
        """Block the bot: sends then fail with 403 and the bot gets a my_chat_member update."""
        self.blocked = True
        self._world.member_update(self, old="member", new="kicked")

    async def unblock(self) -> None:
        """Unblock the bot (a my_chat_member update with status member)."""
        self.blocked = False
        self._world.member_update(self, old="kicked", new="member")

    def deactivate(self) -> None:
        """Delete the account: sends to it fail with 403 'user is deactivated'."""
        self.deactivated = True

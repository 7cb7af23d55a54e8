"""The aiohttp server speaking the Bot API, and the facade tests use to drive it."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Self

from aiohttp import web

from sandbox import bot_methods, editing, sending
from sandbox.errors import ApiError, bad_request
from sandbox.faults import FaultInjector
from sandbox.files import StoredFile
from sandbox.limits import Clock, Limits, RateLimiter
from sandbox.params import Upload, coerce
from sandbox.registry import MethodSpec
from sandbox.transcript import Event
from sandbox.users import SimGroup, SimUser
from sandbox.world import Stats, World

METHODS: dict[str, MethodSpec] = {**bot_methods.METHODS, **sending.METHODS, **editing.METHODS}
_MAX_UPLOAD = 50 * 1024 * 1024
# Long polls and injected delays must not hold up stop() for long.
_SHUTDOWN_TIMEOUT = 0.5


@dataclass
class Call:
    """One API request as the emulator received it, and how it was answered."""

    method: str
    params: dict[str, Any]
    status: int | None = None
    description: str | None = None
    result: Any = None
    at: float = field(default_factory=time.monotonic)


def _error(status: int, description: str) -> web.Response:
    body = {"ok": False, "error_code": status, "description": description}
    return web.json_response(body, status=status)


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Query string plus JSON, urlencoded or multipart body; file parts become Uploads."""
    raw: dict[str, Any] = dict(request.query)
    if not request.body_exists:
        return raw
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise bad_request("can't parse JSON object")
        raw.update(body)
        return raw
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            content_type = value.content_type or "application/octet-stream"
            raw[name] = Upload(value.filename, value.file.read(), content_type)
        else:
            raw[name] = value
    return raw


class BotAPIEmulator:
    """A local Telegram Bot API server with simulated users and groups."""

    def __init__(
        self,
        *,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "unionbot_test",
        bot_id: int | None = None,
        bot_name: str = "Unionbot",
        limits: Limits | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        prefix = token.partition(":")[0]
        self.token = token
        self.bot_user = {
            "id": bot_id or (int(prefix) if prefix.isdigit() else 123456),
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        self.world = World(self.bot_user, limits or Limits(), clock)
        self.faults = FaultInjector()
        self.calls: list[Call] = []
        self._runner: web.AppRunner | None = None
        self._host = ""
        self._port = 0

    @property
    def limits(self) -> Limits:
        """The flood-control settings in force."""
        return self.world.limiter.limits

    def set_limits(self, limits: Limits) -> None:
        """Replace the flood-control settings, starting with full buckets."""
        self.world.limiter = RateLimiter(limits, self.world.limiter.clock)

    # --- server lifecycle -----------------------------------------------------------------

    def _app(self) -> web.Application:
        app = web.Application(client_max_size=_MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on host:port (port 0 picks a free one)."""
        self.world.closing = False
        self._runner = web.AppRunner(self._app(), shutdown_timeout=_SHUTDOWN_TIMEOUT)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self._host, self._port = self._runner.addresses[0][:2]

    async def stop(self) -> None:
        """Answer pending long polls and shut the server down."""
        self.world.closing = True
        self.world.updates_pulse.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """Pass to PTB's base_url (it appends the token)."""
        return f"http://{self._host}:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        """Pass to PTB's base_file_url."""
        return f"http://{self._host}:{self._port}/file/bot"

    # --- request handling --------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(HTTPStatus.UNAUTHORIZED, "Unauthorized")
        spec = METHODS.get(request.match_info["method"].lower())
        if spec is None:
            return _error(HTTPStatus.NOT_FOUND, "Not Found")
        call = Call(spec.name, {})
        self.calls.append(call)
        self.stats.methods[spec.name] += 1
        try:
            call.params = await _read_params(request)
            call.params = coerce(call.params)
            call.result = await self._dispatch(spec, call.params)
        except ApiError as exc:
            call.status, call.description = exc.status, exc.description
            if exc.status == HTTPStatus.TOO_MANY_REQUESTS:
                self.stats.rate_limited += 1
            return web.json_response(exc.payload(), status=exc.status)
        call.status = HTTPStatus.OK
        return web.json_response({"ok": True, "result": call.result})

    async def _dispatch(self, spec: MethodSpec, params: dict[str, Any]) -> Any:
        fault = self.faults.take(spec.name, sends=spec.sends)
        if fault is not None:
            if fault.delay is None:
                raise fault.error()
            await asyncio.sleep(fault.delay)
        return await spec.handler(self.world, params)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _error(HTTPStatus.UNAUTHORIZED, "Unauthorized")
        stored = self.world.files.at_path(request.match_info["path"])
        if stored is None:
            return _error(HTTPStatus.NOT_FOUND, "Not Found")
        return web.Response(body=stored.content, content_type=stored.mime_type)

    # --- simulated people ----------------------------------------------------------------------

    def add_user(
        self,
        first_name: str = "Ana",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        user_id: int | None = None,
    ) -> SimUser:
        """A new user; the bot can message them only after they send something."""
        return self.world.add_user(
            user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )

    def add_group(
        self,
        title: str,
        members: list[SimUser] | None = None,
        group_type: str = "supergroup",
        username: str | None = None,
    ) -> SimGroup:
        """A new group or supergroup the bot is already in."""
        return self.world.add_group(title, list(members or []), group_type, username)

    # --- inspection ------------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        """Calls to one method (name matched case-insensitively)."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    @property
    def stats(self) -> Stats:
        """Counters: sent, edits, rate_limited and per-method call counts."""
        return self.world.stats

    @property
    def transcript(self) -> list[Event]:
        """Every user and bot action so far, in order."""
        return self.world.transcript.events

    def render_transcript(self, *, chat_id: int | None = None, last: int | None = None) -> str:
        """The transcript as readable text (optionally one chat, or the last N events)."""
        return self.world.transcript.render(chat_id=chat_id, last=last)

    @property
    def last_update_id(self) -> int:
        """The id of the newest update created (0 if none)."""
        return self.world.last_update_id

    @property
    def confirmed_offset(self) -> int:
        """The highest getUpdates offset the bot has sent (updates below it are confirmed)."""
        return self.world.confirmed_offset

    def pending_update_ids(self) -> list[int]:
        """Ids of updates the bot has not confirmed yet."""
        return self.world.pending_update_ids()

    def commands_for(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """The bot commands set for a scope and language, as setMyCommands stored them."""
        key = bot_methods.scope_key(self.world, {"scope": scope, "language_code": language_code})
        return self.world.commands.get(key, [])

    def menu_button(self, chat_id: int | None = None) -> dict[str, Any] | None:
        """The menu button set for a chat (None: the default one), if any."""
        return self.world.menu_buttons.get(chat_id)

    def file(self, file_id: str) -> StoredFile | None:
        """A stored file by file_id."""
        return self.world.files.get(file_id)

"""The real bot, running over HTTP against the emulator, on a real SQLite file.

Tests, `unionbot demo` and benchmarks all start the bot this way, following the same
sequence as `Application.run_polling` (initialize, post_init, start, poll; then the reverse).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.runtime.app import AnyApplication, build_application
from bot.runtime.context import services_of
from bot.services import Services
from bot.settings import Settings
from sandbox.emulator import BotAPIEmulator
from sandbox.limits import Limits
from sandbox.users import SimUser

SANDBOX_SECRET = "sandbox-secret-key-not-for-production-0000"


class TrackedApplication(Application):  # type: ignore[type-arg]
    """The real Application, telling the sandbox when each update has been fully handled.

    Wrapping `process_update` (rather than adding a last handler) also counts updates a
    handler ended with ApplicationHandlerStop.
    """

    def __init__(self, *, on_handled: Callable[[int], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_handled = on_handled

    async def process_update(self, update: object) -> None:
        try:
            await super().process_update(update)
        finally:
            if isinstance(update, Update):
                self._on_handled(update.update_id)


class Sandbox:
    """The emulator plus the real Application, with a way to wait until updates are handled."""

    def __init__(
        self,
        folder: Path,
        *,
        limits: Limits | None = None,
        admin_ids: tuple[int, ...] = (),
        on_build: Callable[[Services], None] | None = None,
        token: str | None = None,
        **settings: Any,
    ) -> None:
        self.folder = folder
        options: dict[str, Any] = {"limits": limits or Limits(enabled=False)}
        if token is not None:  # e.g. one shaped like a real token, for the log tests
            options["token"] = token
        self.emulator = BotAPIEmulator(**options)
        self._admin_ids = admin_ids
        self._settings = settings
        self.on_build = on_build  # runs after wiring, before start-up (e.g. extra job kinds)
        self.application: AnyApplication | None = None
        self._handled = 0
        self._handled_changed = asyncio.Event()

    @property
    def database_path(self) -> Path:
        return self.folder / "unionbot.sqlite3"

    def make_settings(self) -> Settings:
        """Settings pointing the bot at the emulator and the sandbox folder."""
        return Settings(_env_file=None, **self.settings_values())  # type: ignore[call-arg]

    def settings_values(self) -> dict[str, Any]:
        """What `make_settings` is made of (plain values, e.g. for a bot in another process)."""
        values: dict[str, Any] = {
            "bot_token": self.emulator.token,
            "secret_key": SANDBOX_SECRET,
            "bot_api_base_url": self.emulator.base_url,
            "bot_api_file_url": self.emulator.base_file_url,
            "database_path": self.database_path,
            "backup_dir": self.folder / "backups",
            "admin_ids": frozenset(self._admin_ids),
            "union_name": "Local 1199",
        }
        values.update(self._settings)
        return values

    @property
    def services(self) -> Services:
        assert self.application is not None, "the bot is not running"
        return services_of(self.application)

    def user(self, first_name: str, **kwargs: Any) -> SimUser:
        """A new simulated Telegram user."""
        return self.emulator.add_user(first_name, **kwargs)

    async def __aenter__(self) -> Sandbox:
        await self.emulator.start()
        await self.start_bot()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop_bot()
        await self.emulator.stop()

    async def start_bot(self, settings: Settings | None = None) -> AnyApplication:
        """Build and start the real Application, as `run_polling` would."""
        builder = Application.builder().application_class(
            TrackedApplication, kwargs={"on_handled": self._mark_handled}
        )
        application = build_application(settings or self.make_settings(), builder)
        self.application = await start(
            application, per_chat_limits=self.emulator.limits.enabled, on_build=self.on_build
        )
        return application

    async def stop_bot(self) -> None:
        """Stop polling and shut the Application down, as `run_polling` would."""
        application, self.application = self.application, None
        if application is not None:
            await stop(application)

    async def restart(self) -> AnyApplication:
        """Stop the bot and start a fresh Application on the same database."""
        await self.stop_bot()
        return await self.start_bot()

    def _mark_handled(self, update_id: int) -> None:
        self._handled = max(self._handled, update_id)
        self._handled_changed.set()

    async def settle(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has fully handled every update sent so far.

        Updates of different chats are handled at once (bot/runtime/processing.py), so the last one
        handled is not enough: every update taken so far must also have finished.
        """
        target = self.emulator.last_update_id

        def done() -> bool:
            running = self.application
            in_flight = running.update_processor.current_concurrent_updates if running else 0
            return self._handled >= target and in_flight == 0

        async def caught_up() -> None:
            while not done():
                self._handled_changed.clear()
                with contextlib.suppress(TimeoutError):  # in flight: look again shortly
                    await asyncio.wait_for(self._handled_changed.wait(), 0.02)

        await asyncio.wait_for(caught_up(), timeout)


async def start(
    application: AnyApplication,
    *,
    per_chat_limits: bool,
    on_build: Callable[[Services], None] | None = None,
) -> AnyApplication:
    """Start a built Application and its polling, in `run_polling`'s order."""
    if not per_chat_limits:
        # An emulator that enforces no per-chat limit: tests that tap through a flow at
        # machine speed are not held to one message a second per chat. The overall budget
        # and priorities stay as deployed.
        outbound = services_of(application).delivery.outbound
        assert outbound is not None
        outbound.private_budget = outbound.group_budget = None
    if on_build is not None:
        on_build(services_of(application))
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0, timeout=1)
    return application


async def stop(application: AnyApplication) -> None:
    """Stop polling and shut the Application down, in `run_polling`'s order."""
    assert application.updater is not None
    try:
        if application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
    finally:  # whatever failed above, the database is closed (its thread would outlive us)
        try:
            await application.shutdown()
        finally:
            if application.post_shutdown is not None:
                await application.post_shutdown(application)

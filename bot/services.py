"""The services one running bot shares, and the handler context that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.scheduler import Scheduler
from bot.settings import Settings
from storage.audit import AuditLog
from storage.database import Database
from storage.jobs import JobsRepository
from storage.members import MembersRepository


@dataclass
class Services:
    """Everything handlers and jobs need, built once per application."""

    settings: Settings
    db: Database
    members: MembersRepository
    audit: AuditLog
    scheduler: Scheduler

    @classmethod
    def create(cls, settings: Settings) -> Services:
        db = Database(settings.database_path)
        return cls(
            settings=settings,
            db=db,
            members=MembersRepository(db),
            audit=AuditLog(db),
            scheduler=Scheduler(JobsRepository(db)),
        )

    def now(self) -> datetime:
        """The current time, timezone-aware, from the scheduler's clock."""
        return datetime.fromtimestamp(self.scheduler.clock(), UTC)


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's callback context with typed access to the shared services."""

    @property
    def services(self) -> Services:
        return services_of(self.application)


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    return application.bot_data["services"]

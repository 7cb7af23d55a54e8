"""The services one running bot shares, and the handler context that carries them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from bot import sealing
from bot.delivery import DeliveryService
from bot.faq.editing import FaqEditor
from bot.faq.service import FaqService
from bot.health import Check, Report, gather
from bot.keys import KeyService
from bot.membership.accounts import AccountService
from bot.membership.verification import VerificationService
from bot.roles import RolesService
from bot.scheduler import Scheduler
from bot.settings import Settings
from bot.surveys.sealed import PROGRESS_PURPOSE
from bot.surveys.service import SurveyService
from bot.tickets.service import TicketService
from bot.updates.service import UpdatesService
from bot.votes.service import VoteService
from storage.audit import AuditLog
from storage.database import Database
from storage.delivery import DeliveryRepository
from storage.invites import InvitesRepository
from storage.jobs import JobsRepository
from storage.members import MembersRepository
from storage.roster import RosterRepository
from storage.seal_keys import SealKeysRepository
from storage.surveys import SurveysRepository
from storage.tickets import TicketsRepository
from storage.updates import UpdatesRepository
from storage.verification import VerificationRepository


@dataclass
class Services:
    """Everything handlers and jobs need, built once per application."""

    settings: Settings
    db: Database
    members: MembersRepository
    audit: AuditLog
    accounts: AccountService
    scheduler: Scheduler
    roster: RosterRepository
    verification: VerificationService
    roles: RolesService
    delivery: DeliveryService
    surveys: SurveyService
    updates: UpdatesService
    faq: FaqService
    faq_editor: FaqEditor
    tickets: TicketService
    votes: VoteService
    keys: KeyService

    @classmethod
    def create(cls, settings: Settings) -> Services:
        db = Database(settings.database_path)
        members, audit = MembersRepository(db), AuditLog(db)
        scheduler = Scheduler(JobsRepository(db))
        delivery = DeliveryService(DeliveryRepository(db), members, settings.default_language)
        keys = KeyService(SealKeysRepository(db), settings.secret_key.get_secret_value())
        faq = FaqService(db)
        return cls(
            settings=settings,
            db=db,
            members=members,
            audit=audit,
            accounts=AccountService(members, audit, db, settings.default_language),
            scheduler=scheduler,
            roster=RosterRepository(db),
            verification=VerificationService(
                members,
                InvitesRepository(db),
                VerificationRepository(db),
                audit,
                settings.secret_key.get_secret_value(),
                scheduler.clock,
            ),
            roles=RolesService(members, audit),
            delivery=delivery,
            surveys=SurveyService(
                SurveysRepository(db),
                members,
                delivery,
                scheduler,
                audit,
                db,
                settings.tz,
                keys,
                sealing.server_key(settings.secret_key.get_secret_value(), PROGRESS_PURPOSE),
                scheduler.clock,
            ),
            updates=UpdatesService(UpdatesRepository(db), members, delivery, audit, scheduler),
            faq=faq,
            faq_editor=FaqEditor(faq, audit),
            tickets=TicketService(TicketsRepository(db), members, audit, scheduler.clock),
            votes=VoteService(
                db,
                members,
                audit,
                scheduler,
                delivery,
                keys,
                settings.default_language,
                settings.timezone,
            ),
            keys=keys,
        )

    async def health(self, first: list[Check]) -> Report:
        """The health report (`unionbot status`, /status): `first` are the caller's checks."""
        return await gather(self.db, self.settings.backup_dir, self.scheduler.clock(), first=first)

    def now(self) -> datetime:
        """The current time, timezone-aware, from the scheduler's clock."""
        return datetime.fromtimestamp(self.scheduler.clock(), UTC)


@asynccontextmanager
async def open_services(settings: Settings) -> AsyncIterator[Services]:
    """Services on a connected, migrated database, for the command line.

    Every command that reads or changes the bot's data opens the database this way (or
    with `open_database`): created if missing, migrated to the latest schema first.
    """
    services = Services.create(settings)
    await services.db.connect()
    try:
        await services.db.migrate()
        yield services
    finally:
        await services.db.close()


@asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[Database]:
    """The database alone, opened as `open_services` does (created, migrated)."""
    async with Database(settings.database_path) as db:
        await db.migrate()
        yield db

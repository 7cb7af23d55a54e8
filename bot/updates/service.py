"""Bargaining updates: who may send what to whom, when; sending, correcting, retracting."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.callbacks import pack
from bot.i18n import LANGUAGES, Safe, t
from bot.long_text import visible
from bot.outgoing import Button, Outgoing
from bot.people import NotAllowed, Person
from bot.privacy import merge_small_groups
from bot.scheduler import Scheduler
from storage.audit import AuditLog
from storage.delivery import Progress
from storage.jobs import ScheduledJob
from storage.members import Member, MembersRepository, Role
from storage.updates import Update, UpdatesRepository

if TYPE_CHECKING:
    from bot.delivery import DeliveryService
    from bot.delivery.service import ProgressMessage
    from bot.services import Services

TEXT_LIMIT = 4096  # Telegram's limits, counted in UTF-16 code units like Telegram does
CAPTION_LIMIT = 1024
SEND_JOB = "update.send"


class DraftProblem(StrEnum):
    """Why a draft cannot be sent; each has a message in the catalog (updates.problem.*)."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    CAPTION_TOO_LONG = "caption_too_long"
    NOBODY = "nobody"
    IN_THE_PAST = "in_the_past"
    NOT_YOUR_WORKSITE = "not_your_worksite"


class DraftError(ValueError):
    def __init__(self, problem: DraftProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Draft:
    """An update being composed: the author's text (Telegram HTML) and choices."""

    text: str = ""
    photo: str | None = None
    document: str | None = None
    worksites: tuple[str, ...] = ()
    classifications: tuple[str, ...] = ()
    urgent: bool = False
    send_at: datetime | None = None  # None: now

    @property
    def has_media(self) -> bool:
        return bool(self.photo or self.document)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _header_room() -> int:
    """Room the header line takes in every language (it is sent above the author's text)."""
    headers = ("updates.header", "updates.urgent_header")
    return max(utf16_length(visible(t(lang, h))) for lang in LANGUAGES for h in headers) + 2


def check_text(plain: str, has_media: bool) -> DraftProblem | None:
    """Telegram's limits for the whole message, checked while composing, not at send time."""
    if not plain.strip() and not has_media:
        return DraftProblem.EMPTY
    length = utf16_length(plain) + _header_room()
    if has_media and length > CAPTION_LIMIT:
        return DraftProblem.CAPTION_TOO_LONG
    if length > TEXT_LIMIT:
        return DraftProblem.TOO_LONG
    return None


def member_message(language: str, update: Update) -> Outgoing:
    """An update exactly as members see it, with its "Got it" button."""
    header = t(language, "updates.urgent_header" if update.urgent else "updates.header")
    text = Safe(f"{header}\n\n{update.text}") if update.text else header
    ack = Button(t(language, "updates.got_it"), pack("upd", "ack", update.id))
    return Outgoing(text, ((ack,),), update.photo, update.document)


def all_languages(update: Update) -> dict[str, Outgoing]:
    return {language: member_message(language, update) for language in LANGUAGES}


@dataclass(frozen=True, slots=True)
class Reach:
    worksite: str
    recipients: int
    delivered: int
    acknowledged: int


class UpdatesService:
    """The rules for bargaining updates; sending goes through the delivery engine."""

    def __init__(
        self,
        updates: UpdatesRepository,
        members: MembersRepository,
        delivery: DeliveryService,
        audit: AuditLog,
        scheduler: Scheduler,
    ) -> None:
        self.updates = updates
        self.members = members
        self.delivery = delivery
        self.audit = audit
        self.scheduler = scheduler
        self.clock = scheduler.clock

    async def allowed_worksites(self, author: Person) -> list[str] | None:
        """Worksites the author may target; None means any (leaders and admins)."""
        author.require(Role.STEWARD)
        if author.can(Role.LEADER):
            return None
        assert author.member is not None
        return await self.members.steward_worksites(author.member.id)

    async def audience(self, author: Person, draft: Draft) -> list[int]:
        """Member ids the draft reaches, after checking the author may target them."""
        allowed = await self.allowed_worksites(author)
        worksites = draft.worksites
        if allowed is not None:
            if not set(worksites) <= set(allowed):
                raise DraftError(DraftProblem.NOT_YOUR_WORKSITE)
            worksites = worksites or tuple(allowed)  # a steward's "everyone" is their sites
            if not worksites:
                raise DraftError(DraftProblem.NOT_YOUR_WORKSITE)
        return await self.members.audience(worksites, draft.classifications)

    async def submit(self, author: Person, draft: Draft) -> Update:
        """Validate everything again (the wizard's checks are a convenience) and store it.

        A scheduled update gets a durable timer; one for now is sent by the caller, which
        knows where to show progress.
        """
        if problem := check_text(visible(draft.text), draft.has_media):
            raise DraftError(problem)
        if not await self.audience(author, draft):
            raise DraftError(DraftProblem.NOBODY)
        now = int(self.clock())
        send_at = int(draft.send_at.timestamp()) if draft.send_at else now
        if send_at < now:
            raise DraftError(DraftProblem.IN_THE_PAST)
        allowed = await self.allowed_worksites(author)
        worksites = draft.worksites or (tuple(allowed) if allowed is not None else ())
        assert author.member is not None
        update = await self.updates.create(
            author=author.member.id,
            text=draft.text,
            photo=draft.photo,
            document=draft.document,
            worksites=worksites,
            classifications=draft.classifications,
            urgent=draft.urgent,
            send_at=send_at,
        )
        await self.audit.record(
            author.actor,
            "update.create",
            str(update.id),
            worksites=list(worksites),
            urgent=draft.urgent,
            scheduled=draft.send_at is not None,
        )
        if draft.send_at is not None:
            await self.scheduler.schedule(
                SEND_JOB, str(update.id), draft.send_at, {"update": update.id}
            )
        return update

    async def send(self, update_id: int, progress: ProgressMessage | None) -> int | None:
        """Resolve the audience now, put one copy per member in the outbox; the broadcast id."""
        update = await self.updates.get(update_id)
        if update is None or update.state != "scheduled":
            return None
        recipients = await self.members.audience(update.worksites, update.classifications)
        broadcast = await self.delivery.enqueue(
            kind="update",
            subject=f"update:{update.id}",
            recipients=recipients,
            messages=all_languages(update),
            created_by=f"update:{update.id}",
            urgent=update.urgent,
            progress=progress,
        )
        await self.updates.mark_sent(update.id, broadcast)
        return broadcast

    async def visible_to(self, person: Person, update_id: int) -> Update | None:
        """An update a steward wrote, or any update for leaders; None otherwise."""
        update = await self.updates.get(update_id)
        if update is None or not person.can(Role.STEWARD) or person.member is None:
            return None
        if person.can(Role.LEADER) or update.author == person.member.id:
            return update
        return None

    async def scheduled_for(self, person: Person) -> list[Update]:
        person.require(Role.STEWARD)
        if person.can(Role.LEADER):
            return await self.updates.scheduled()
        assert person.member is not None
        return await self.updates.scheduled(person.member.id)

    async def cancel(self, person: Person, update_id: int) -> bool:
        """Cancel a scheduled update (its author, or a leader)."""
        update = await self.visible_to(person, update_id)
        if update is None:
            raise NotAllowed("not your update")
        if not await self.updates.set_state(update_id, "cancelled", only_from="scheduled"):
            return False
        await self.scheduler.cancel(SEND_JOB, str(update_id))
        await self.audit.record(person.actor, "update.cancel", str(update_id))
        return True

    async def correct(
        self, leader: Person, update_id: int, text: str, progress: ProgressMessage | None
    ) -> int:
        """Edit every delivered copy (paced like sends); the broadcast id of the edits."""
        leader.require(Role.LEADER)
        update = await self._sent(update_id)
        plain = visible(text)
        if problem := check_text(plain, update.photo is not None or update.document is not None):
            raise DraftError(problem)
        await self.updates.correct(update_id, text)
        corrected = replace(update, text=text)
        assert update.broadcast is not None
        broadcast = await self.delivery.change_sent(
            update.broadcast,
            op="edit",
            messages=all_languages(corrected),
            created_by=leader.actor,
            progress=progress,
        )
        await self.audit.record(leader.actor, "update.correct", str(update_id))
        return broadcast

    async def retract(
        self, leader: Person, update_id: int, progress: ProgressMessage | None
    ) -> int:
        """Delete every delivered copy where Telegram allows it (48 hours in private chats)."""
        leader.require(Role.LEADER)
        update = await self._sent(update_id)
        await self.updates.set_state(update_id, "retracted", only_from="sent")
        assert update.broadcast is not None
        broadcast = await self.delivery.change_sent(
            update.broadcast,
            op="delete",
            messages=None,
            created_by=leader.actor,
            progress=progress,
        )
        await self.audit.record(leader.actor, "update.retract", str(update_id))
        return broadcast

    async def pin(self, leader: Person, update_id: int, pinned: bool) -> None:
        leader.require(Role.LEADER)
        await self._sent(update_id)
        await self.updates.set_pinned(update_id, pinned)
        await self.audit.record(
            leader.actor, "update.pin" if pinned else "update.unpin", str(update_id)
        )

    async def _sent(self, update_id: int) -> Update:
        update = await self.updates.get(update_id)
        if update is None or update.state != "sent" or update.broadcast is None:
            raise LookupError(update_id)
        return update

    async def acknowledge(self, person: Person, update_id: int) -> bool | None:
        """ "Got it": True the first time, False after; None if it was not sent to them."""
        update = await self.updates.get(update_id)
        if update is None or update.broadcast is None or person.member is None:
            return None
        now = int(self.clock())
        if await self.delivery.repo.acknowledge(update.broadcast, person.member.id, now):
            return True
        received = await self.updates.recent_for(person.member.id, limit=1_000)
        return False if any(u.id == update_id for u in received) else None

    async def reach(self, person: Person, update_id: int) -> tuple[Progress, list[Reach]] | None:
        """Delivered and acknowledged counts by worksite, groups under 5 merged."""
        update = await self.visible_to(person, update_id)
        if update is None or update.broadcast is None:
            return None
        progress = await self.delivery.progress(update.broadcast)
        rows = await self.delivery.repo.reach_by_worksite(update.broadcast)
        merged = merge_small_groups(
            {site: (n, sent, acked) for site, n, sent, acked in rows},
            size=lambda v: v[0],
            combine=lambda a, b: (a[0] + b[0], a[1] + b[1], a[2] + b[2]),
        )
        return progress, [Reach(site, *counts) for site, counts in merged.items()]

    async def recent_for(self, member: Member, limit: int = 10) -> list[Update]:
        return await self.updates.recent_for(member.id, limit)

    async def pinned_for(self, member: Member) -> Update | None:
        """The most recent pinned update whose audience includes this member."""
        update = await self.updates.latest_pinned()
        if update is None or not _addressed_to(update, member):
            return None
        return update


def _addressed_to(update: Update, member: Member) -> bool:
    return (not update.worksites or member.worksite in update.worksites) and (
        not update.classifications or member.classification in update.classifications
    )


def register_jobs(services: Services) -> None:
    """Scheduled updates go out on time, or at start-up if their time passed while down."""

    async def send_scheduled(job: ScheduledJob) -> None:
        update_id = int(job.payload["update"])
        update = await services.updates.updates.get(update_id)
        if update is None or update.state != "scheduled":
            return
        author = await services.members.get(update.author) if update.author else None
        progress = None
        if author is not None and author.telegram_id is not None:
            language = author.language or services.settings.default_language
            text = t(language, "updates.scheduled_sending", number=update_id)
            progress = await services.delivery.progress_message(author.telegram_id, text, language)
        await services.updates.send(update_id, progress)

    services.scheduler.register(SEND_JOB, send_scheduled)

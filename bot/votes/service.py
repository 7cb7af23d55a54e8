"""Votes: create, open (freeze the roll), cast secret ballots, remind, close and count."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.i18n import Safe, t
from bot.keys import KeyService, ShareState
from bot.names import KnownNames
from bot.people import Person
from bot.privacy import merge_small_groups
from bot.scheduler import Scheduler
from bot.sealing import Opener, SealError, Share
from bot.texts import say
from bot.votes import messages, sealed
from bot.votes.definition import (
    DefinitionError,
    Threshold,
    VoteDefinition,
    check_times,
    parse_definition,
)
from bot.votes.receipts import canonical, display, tracker
from bot.votes.tally import Tally, Turnout, receipts_csv, result_csv
from storage.audit import AuditLog
from storage.database import Database
from storage.jobs import ScheduledJob
from storage.members import Member, MembersRepository, Role
from storage.votes import CastOutcome, SlugTaken, Vote, VotesRepository

if TYPE_CHECKING:
    from bot.delivery import DeliveryService

log = logging.getLogger(__name__)

OPEN_JOB, CLOSE_JOB, REMIND_JOB = "vote.open", "vote.close", "vote.remind"
TRUSTEE_JOB = "vote.trustees"  # remind trustees who have not unlocked a sealed count
TRUSTEE_REMINDER_EVERY = 6 * 3600
ShareSender = Callable[[Member, Safe], Awaitable[None]]


class VoteError(Exception):
    """A request about a vote cannot be done; `reason` is a catalog key suffix."""

    def __init__(
        self, reason: str, member: str = "", vote: Vote | None = None, fields: tuple[str, ...] = ()
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.member = member  # the member id a reason is about, if any
        self.vote = vote  # the stored vote a reason is about, if any
        self.fields = fields  # what a refused file would have changed


class LoadOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"  # it had not opened yet: the file's new version replaced it
    UNCHANGED = "unchanged"  # the same file again: nothing to do


@dataclass(frozen=True, slots=True)
class Loaded:
    """What loading a vote file did."""

    vote: Vote
    outcome: LoadOutcome
    changed: tuple[str, ...] = ()  # the fields an update changed


class ReceiptState(StrEnum):
    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    RECORDED = "recorded"  # the vote is still open
    COUNTED = "counted"


@dataclass(frozen=True, slots=True)
class Unlock:
    """What became of a trustee's pasted share; `vote` is set once the share is recognised."""

    state: str  # ShareState, or 'malformed' / 'still_open'
    vote: Vote | None = None
    have: int = 0
    needed: int = 0
    tally: Tally | None = None


@dataclass(frozen=True, slots=True)
class TrusteeStatus:
    needed: int
    unlocked: tuple[Member, ...]
    waiting: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class ReceiptCheck:
    state: ReceiptState
    vote: Vote | None = None


def threshold_of(vote: Vote) -> Threshold:
    return Threshold(Fraction(vote.threshold_num, vote.threshold_den), vote.threshold_strict)


def quorum_of(vote: Vote) -> Fraction | None:
    if vote.quorum_num is None or vote.quorum_den is None:
        return None
    return Fraction(vote.quorum_num, vote.quorum_den)


class VoteService:
    """Every vote operation; leader-only ones re-check the caller's stored role."""

    def __init__(
        self,
        db: Database,
        members: MembersRepository,
        audit: AuditLog,
        scheduler: Scheduler,
        delivery: DeliveryService,
        keys: KeyService,
        default_language: str,
        tz_name: str,
    ) -> None:
        self.db = db
        self.keys = keys
        self.repo = VotesRepository(db)
        self.members = members
        self.audit = audit
        self.scheduler = scheduler
        self.delivery = delivery
        self.default_language = default_language
        self.tz_name = tz_name
        self.register_jobs()  # the CLI schedules votes too, so every Services has the kinds

    # Reads and records handlers need: the repository stays behind the service.

    async def get(self, vote_id: int) -> Vote | None:
        return await self.repo.get(vote_id)

    async def by_slug(self, slug: str) -> Vote | None:
        """The vote made from the file with this id."""
        return await self.repo.by_slug(slug)

    async def recent(self, limit: int = 10) -> list[Vote]:
        return await self.repo.recent(limit)

    @property
    def clock(self) -> Callable[[], float]:
        return self.scheduler.clock

    def register_jobs(self) -> None:
        """Hang opening, reminders and closing on the durable scheduler."""
        self.scheduler.register(OPEN_JOB, self._open_job)
        self.scheduler.register(CLOSE_JOB, self._close_job)
        self.scheduler.register(REMIND_JOB, self._remind_job)
        self.scheduler.register(TRUSTEE_JOB, self._trustee_job)

    # -- leaders ------------------------------------------------------------------------

    async def create(
        self, definition: VoteDefinition, by: Person, send_share: ShareSender | None = None
    ) -> Vote:
        """Store a vote and schedule its opening, reminders and close (audited).

        With trustees, each one is sent their key share through `send_share` (straight to
        Telegram, never through the stored outbox) before anything is stored: a share that
        cannot be delivered means no vote, and shares are never written anywhere.
        """
        by.require(Role.LEADER)
        problems = check_times(definition.opens_at, definition.closes_at, self.clock())
        if problems:
            raise VoteError("past" if problems[0][0] == "opens_at" else "window")
        if definition.id is not None and (taken := await self.repo.by_slug(definition.id)):
            raise VoteError("exists", vote=taken)  # before any share goes out
        key = None
        sent: list[Member] = []
        if definition.trustees:
            if send_share is None:
                raise VoteError("trustees_need_bot")
            trustees = await self._trustees(definition.trustees)
            key, shares = self.keys.trustee_key(
                [m.id for m in trustees], definition.trustees_needed
            )
            for member, share in zip(trustees, shares, strict=True):
                language = member.language or self.default_language
                text = messages.share(
                    language,
                    definition,
                    share.text(),
                    definition.trustees_needed,
                    len(trustees),
                    self.tz_name,
                )
                try:
                    await send_share(member, text)
                except Exception as exc:
                    log.warning("a key share could not be delivered: %s", type(exc).__name__)
                    await self._void_shares(sent, definition, send_share)
                    raise VoteError("share_undelivered", member=member.member_id or "") from None
                sent.append(member)
        try:
            vote = await self.repo.create(
                {**_values(definition), "slug": definition.id}, by.actor, key
            )
        except SlugTaken:  # loaded twice at once: the other one made it
            if send_share is not None:
                await self._void_shares(sent, definition, send_share)
            raise VoteError("exists") from None
        try:
            await self._schedule(vote)
        except BaseException:
            await self.repo.cancel(vote.id)  # never leave a vote that would not open or close
            raise
        await self.audit.record(
            by.actor,
            "vote.create",
            f"vote:{vote.id}",
            opens_at=vote.opens_at,
            closes_at=vote.closes_at,
            options=len(vote.options),
            trustees=len(definition.trustees),
            needed=definition.trustees_needed,
            **({"file_id": vote.slug} if vote.slug else {}),
        )
        return vote

    def parse(
        self, text: str, name: str, known: KnownNames | None, *, ahead: bool = True
    ) -> VoteDefinition:
        """A vote file's definition (DefinitionError lists every problem with its line)."""
        return parse_definition(
            text, ZoneInfo(self.tz_name), self.clock(), name, known, ahead=ahead
        )

    async def load_file(
        self, text: str, name: str, by: Person, send_share: ShareSender | None = None
    ) -> Loaded:
        """A vote file: create its vote, or change the one made from the same id while it is
        scheduled. Refused (VoteError naming the vote) once that vote has opened, or when
        it was cancelled; the same file again changes nothing. DefinitionError for a bad file.
        """
        by.require(Role.LEADER)
        known = KnownNames(*await self.members.roster_names())
        try:
            definition = self.parse(text, name, known)
        except DefinitionError as exc:
            existing = await self.repo.by_slug(exc.vote_id) if exc.vote_id else None
            if existing is None or existing.state == "scheduled":
                raise
            # Its vote has opened, so its opening is in the past: only compare the file.
            try:
                definition = self.parse(text, name, known, ahead=False)
            except DefinitionError:
                raise VoteError(_refusal(existing), vote=existing) from None
        return await self.load(definition, by, send_share)

    async def load(
        self, definition: VoteDefinition, by: Person, send_share: ShareSender | None = None
    ) -> Loaded:
        """`load_file` for a definition already read: one vote per id, changed only while
        it is scheduled (then its jobs move with it, and the change is audited)."""
        by.require(Role.LEADER)
        existing = await self.repo.by_slug(definition.id) if definition.id else None
        if existing is None:
            return Loaded(await self.create(definition, by, send_share), LoadOutcome.CREATED)
        if existing.state == "cancelled":
            raise VoteError("cancelled_id", vote=existing)
        changed = _changes(await self.definition_of(existing), definition)
        if not changed:
            return Loaded(existing, LoadOutcome.UNCHANGED)
        if existing.state != "scheduled":
            raise VoteError(_refusal(existing), vote=existing, fields=changed)
        if "trustees" in changed:  # their shares are out: who opens the count is fixed
            raise VoteError("trustees_fixed", vote=existing, fields=changed)
        problems = check_times(definition.opens_at, definition.closes_at, self.clock())
        if problems:
            raise VoteError("past" if problems[0][0] == "opens_at" else "window")
        updated = await self.repo.update(existing.id, _values(definition))
        if updated is None:  # it opened (or was cancelled) a moment ago
            now = await self._vote(existing.id)
            raise VoteError(_refusal(now), vote=now, fields=changed)
        # New jobs, not moved ones: a running bot may hold a timer for the old job ids,
        # and a cancelled job does nothing when its old timer fires.
        await self._unschedule(existing)
        await self._schedule(updated)
        await self.audit.record(
            by.actor,
            "vote.update",
            updated.subject,
            fields=list(changed),
            opens_at=updated.opens_at,
            closes_at=updated.closes_at,
        )
        return Loaded(updated, LoadOutcome.UPDATED, changed)

    async def definition_of(self, vote: Vote) -> VoteDefinition:
        """The definition a stored vote was made from (its trustees by roster id)."""
        trustees: tuple[str, ...] = ()
        needed = 0
        key = await self.keys.key(vote.subject)
        if key is not None and key.mode == "trustees" and key.needed is not None:
            ids = []
            for trustee in await self.keys.trustees(vote.subject):
                member = await self.members.get(trustee.member) if trustee.member else None
                ids.append(member.member_id if member and member.member_id else "?")
            trustees, needed = tuple(ids), key.needed
        return VoteDefinition(
            id=vote.slug,
            question=vote.question,
            description=vote.description,
            options=vote.options,
            opens_at=vote.opens_at,
            closes_at=vote.closes_at,
            threshold=threshold_of(vote),
            worksites=vote.worksites,
            classifications=vote.classifications,
            quorum=quorum_of(vote),
            show_results=vote.show_results,
            reminders=vote.reminders,
            trustees=trustees,
            trustees_needed=needed,
        )

    async def _void_shares(
        self, sent: list[Member], definition: VoteDefinition, send_share: ShareSender
    ) -> None:
        """Tell trustees who already got a share that no vote was created (best effort)."""
        for member in sent:
            language = member.language or self.default_language
            with contextlib.suppress(Exception):
                await send_share(
                    member,
                    t(language, "vote.share_void", question=say(definition.question, language)),
                )

    async def _trustees(self, member_ids: tuple[str, ...]) -> list[Member]:
        """Trustees must be verified, active leaders the bot can write to."""
        found = []
        for member_id in member_ids:
            member = await self.members.by_member_id(member_id)
            if (
                member is None
                or member.telegram_id is None
                or member.verified_at is None
                or not member.active
                or not member.role.at_least(Role.LEADER)
            ):
                raise VoteError("bad_trustee", member=member_id)
            found.append(member)
        return found

    async def trustee_status(self, vote: Vote) -> TrusteeStatus | None:
        """Who has unlocked a sealed count and who is still awaited (leaders see this)."""
        key = await self.keys.key(vote.subject)
        if key is None or key.mode != "trustees" or key.needed is None:
            return None
        unlocked, waiting = [], []
        for trustee in await self.keys.trustees(vote.subject):
            member = await self.members.get(trustee.member) if trustee.member else None
            if member is not None:
                (unlocked if trustee.returned is not None else waiting).append(member)
        return TrusteeStatus(key.needed, tuple(unlocked), tuple(waiting))

    async def _schedule(self, vote: Vote) -> None:
        key, payload = str(vote.id), {"vote": vote.id}
        await self.scheduler.schedule(OPEN_JOB, key, _at(vote.opens_at), payload)
        await self.scheduler.schedule(CLOSE_JOB, key, _at(vote.closes_at), payload)
        for before in vote.reminders:
            due = vote.closes_at - before
            if due > vote.opens_at:  # a reminder before the vote opens makes no sense
                await self.scheduler.schedule(
                    REMIND_JOB, f"{vote.id}:{before}", _at(due), {"vote": vote.id, "before": before}
                )

    async def _unschedule(self, vote: Vote) -> None:
        """Cancel a scheduled vote's opening, close and reminders."""
        for kind in (OPEN_JOB, CLOSE_JOB):
            await self.scheduler.cancel(kind, str(vote.id))
        for before in vote.reminders:
            await self.scheduler.cancel(REMIND_JOB, f"{vote.id}:{before}")

    async def cancel(self, vote_id: int, by: Person) -> Vote:
        """Cancel a vote before it opens (audited); VoteError once it has opened."""
        by.require(Role.LEADER)
        vote = await self._vote(vote_id)
        if not await self.repo.cancel(vote_id):
            raise VoteError("cannot_cancel" if vote.state != "cancelled" else "cancelled")
        await self._unschedule(vote)
        await self.audit.record(by.actor, "vote.cancel", f"vote:{vote_id}")
        return await self._vote(vote_id)

    async def add_to_roll(self, vote_id: int, member_id: str, by: Person) -> Member:
        """Put a member verified after the roll froze on it (audited), and tell them."""
        by.require(Role.LEADER)
        vote = await self._vote(vote_id)
        if vote.state not in ("scheduled", "open"):
            raise VoteError("roll_closed")
        member = await self.members.by_member_id(member_id)
        if member is None or member.verified_at is None or not member.active:
            raise VoteError("not_a_member")
        if not await self.repo.add_to_roll(vote_id, member.id, member.worksite):
            raise VoteError("already_on_roll")
        await self.audit.record(by.actor, "vote.roll_add", f"vote:{vote_id}", member=member.id)
        if vote.state == "open":
            await self.delivery.enqueue(
                kind="vote.announce",
                subject=f"vote:{vote_id}",
                recipients=[member.id],
                messages=messages.announcement(vote, self.tz_name),
                created_by=by.actor,
                urgent=True,
            )
        return member

    async def turnout(self, vote_id: int, by: Person) -> Turnout:
        """How many have voted (overall, and by worksite with groups under 5 merged)."""
        by.require(Role.LEADER)
        vote = await self._vote(vote_id)
        if vote.state == "scheduled" or vote.state == "cancelled":
            raise VoteError("not_open_yet")
        groups = await self.repo.turnout(vote_id)
        voted = sum(v for v, _ in groups.values())
        merged = merge_small_groups(
            groups, size=lambda g: g[1], combine=lambda a, b: (a[0] + b[0], a[1] + b[1])
        )
        return Turnout(voted, vote.roll_size, merged)

    async def result(self, vote_id: int, by: Person) -> Tally:
        """The count of a closed vote; refused to everyone before close."""
        if not by.can(Role.LEADER):
            vote = await self._vote(vote_id)
            if vote.state != "closed" or not vote.counted or not vote.show_results:
                raise VoteError("not_allowed")
        return await self._tally(await self._closed(vote_id))

    async def export(self, vote_id: int, what: str, by: Person, language: str = "en") -> str:
        """The result (labels in `language`) or the receipts of a closed vote as CSV (audited)."""
        by.require(Role.LEADER)
        vote = await self._closed(vote_id)
        if what == "result":
            text = result_csv(await self._tally(vote), language)
        else:
            text = receipts_csv(vote.id, await self.receipts(vote.id))
        await self.audit.record(by.actor, f"vote.export.{what}", f"vote:{vote_id}")
        return text

    async def receipts(self, vote_id: int) -> list[str]:
        """A closed vote's receipts, as members see them."""
        return [display(r) for r in await self.repo.receipts(vote_id)]

    async def audit_export(self, vote_id: int, what: str, by: Person) -> None:
        """Record an export made outside `export` (JSON or a chart)."""
        by.require(Role.LEADER)
        await self.audit.record(by.actor, f"vote.export.{what}", f"vote:{vote_id}")

    # -- members ------------------------------------------------------------------------

    async def open_for(self, member: Member) -> list[tuple[Vote, bool]]:
        return await self.repo.open_for(member.id)

    async def ballot(self, vote_id: int, member: Member) -> Vote:
        """The vote to show a member a ballot for; VoteError says why they cannot vote."""
        vote = await self.repo.get(vote_id)
        if vote is None:
            raise VoteError(CastOutcome.NO_SUCH_VOTE)
        if vote.state == "scheduled":
            raise VoteError(CastOutcome.NOT_OPEN_YET)
        if vote.state != "open" or self.clock() >= vote.closes_at:
            raise VoteError(CastOutcome.CLOSED)
        if not await self.repo.on_roll(vote_id, member.id):
            raise VoteError(CastOutcome.NOT_ON_ROLL)
        if await self.repo.has_voted(vote_id, member.id):
            raise VoteError(CastOutcome.ALREADY_VOTED)
        return vote

    async def cast(self, vote_id: int, member: Member, choice: int) -> tuple[CastOutcome, str]:
        """Seal and cast one ballot; (outcome, receipt). Nothing about the choice is kept
        in clear anywhere: the box is sealed to the vote's public key before it is stored,
        and the receipt is the box's tracker."""
        stored = await self.members.get(member.id)  # membership state as it is now
        if stored is None or stored.verified_at is None or not stored.in_good_standing:
            return CastOutcome.NOT_ON_ROLL, ""
        subject = f"vote:{vote_id}"
        try:
            box = await self.keys.seal(subject, sealed.plaintext(choice))
        except SealError:
            box = b""  # no key: the vote does not exist or is not open; the repo says which
        receipt = tracker(box) if box else ""
        outcome = await self.repo.cast(vote_id, member.id, choice, box, receipt, self.clock())
        # Never log the choice or the receipt: only that something was refused.
        if outcome is not CastOutcome.CAST:
            log.info("vote %s: a ballot was refused (%s)", vote_id, outcome)
            return outcome, ""
        return outcome, receipt

    async def check_receipt(self, typed: str) -> ReceiptCheck:
        """Was this receipt counted? Says which vote, never which choice."""
        receipt = canonical(typed)
        if receipt is None:
            return ReceiptCheck(ReceiptState.MALFORMED)
        vote_id = await self.repo.vote_of_receipt(receipt)
        vote = await self.repo.get(vote_id) if vote_id is not None else None
        if vote is None:
            return ReceiptCheck(ReceiptState.UNKNOWN)
        state = ReceiptState.COUNTED if vote.counted else ReceiptState.RECORDED
        return ReceiptCheck(state, vote)

    # -- scheduled work -----------------------------------------------------------------

    async def open(self, vote_id: int) -> int | None:
        """Freeze the roll and announce the vote to everyone on it; the roll size."""
        now = int(self.clock())
        size = await self.repo.open(vote_id, now, self.keys.server_key())
        if size is None:
            return None
        vote = await self._vote(vote_id)
        await self.audit.record("system", "vote.open", f"vote:{vote_id}", roll_size=size)
        log.info("vote %d opened: %d on the roll", vote_id, size)
        if now >= vote.closes_at:
            return size  # the bot was down for the whole window: the close follows at once
        roll = await self.repo.roll(vote_id)
        await self.delivery.enqueue(
            kind="vote.announce",
            subject=f"vote:{vote_id}",
            recipients=roll,
            messages=messages.announcement(vote, self.tz_name),
            created_by="system",
            urgent=True,
        )
        return size

    async def remind(self, vote_id: int) -> int:
        """Remind those on the roll who have not voted (the bot knows; nobody is shown)."""
        vote = await self._vote(vote_id)
        if vote.state != "open" or self.clock() >= vote.closes_at:
            return 0
        waiting = await self.repo.not_voted(vote_id)
        if waiting:
            await self.delivery.enqueue(
                kind="vote.remind",
                subject=f"vote:{vote_id}",
                recipients=waiting,
                messages=messages.reminder(vote, self.tz_name),
                created_by="system",
            )
        return len(waiting)

    async def close(self, vote_id: int) -> Tally | None:
        """Close; count now if the server holds the key, else ask the trustees to unlock."""
        vote = await self._vote(vote_id)
        closed_now = await self.repo.close(vote_id, int(self.clock()))
        if not closed_now and vote.state != "closed":
            return None  # cancelled, or never opened
        # Who was reminded says who had not voted by then: not kept past the close.
        await self.delivery.repo.forget_recipients("vote.remind", f"vote:{vote_id}")
        vote = await self._vote(vote_id)
        if closed_now:
            ballots = await self.repo.participants(vote_id)
            await self.audit.record(
                "system", "vote.close", vote.subject, ballots=ballots, roll_size=vote.roll_size
            )
            log.info("vote %d closed: %d of %d voted", vote_id, ballots, vote.roll_size)
        if vote.counted:
            return await self._tally(vote)
        key = await self.keys.key(vote.subject)
        if key is not None and key.mode == "server":
            return await self._count(vote, self.keys.server_opener(key))
        await self.db.checkpoint_and_vacuum()  # no page order from the voting period survives
        if closed_now:
            await self._ask_trustees(vote, first=True)
        return None

    async def unlock(self, typed: str, member: Member, by: Person) -> Unlock:
        """A trustee pastes their share: refuse it, keep it, or count with it (audited)."""
        share = Share.parse(typed)
        if share is None:
            return Unlock("malformed")
        subject = await self.keys.subject_of(share) or ""
        vote_id = int(subject.removeprefix("vote:")) if subject.startswith("vote:") else 0
        vote = await self.repo.get(vote_id) if vote_id else None
        if vote is None:
            return Unlock(ShareState.UNKNOWN)
        if vote.state in ("scheduled", "open"):
            return Unlock("still_open", vote)  # kept by its trustee, never by the bot, until close
        if vote.state == "cancelled" or vote.counted:
            return Unlock(ShareState.COUNTED, vote)
        outcome = await self.keys.accept_share(share, member.id)
        if outcome.state in (ShareState.WRONG, ShareState.NOT_YOURS, ShareState.UNKNOWN):
            await self.audit.record(
                by.actor,
                "vote.unlock.refused",
                vote.subject,
                share=share.index,
                reason=str(outcome.state),
            )
            return Unlock(outcome.state, vote)
        if outcome.state in (ShareState.ACCEPTED, ShareState.COMPLETE):
            await self.audit.record(by.actor, "vote.unlock", vote.subject, share=share.index)
        if outcome.opener is None:
            return Unlock(outcome.state, vote, outcome.have, outcome.needed)
        tally = await self._count(vote, outcome.opener)
        return Unlock(ShareState.COMPLETE, vote, outcome.needed, outcome.needed, tally)

    async def _count(self, vote: Vote, opener: Opener) -> Tally:
        """Open every box in memory, store only the totals, erase the key, announce."""
        boxes = await self.repo.sealed_ballots(vote.id)
        counts = await sealed.count_all(opener, boxes, vote.subject, len(vote.options))
        stored = await self.repo.store_count(vote.id, counts, int(self.clock()))
        await self.db.checkpoint_and_vacuum()  # neither the key nor any page order survives
        vote = await self._vote(vote.id)
        tally = await self._tally(vote)
        if not stored:
            return tally  # counted already (a second close or unlock): announced then
        await self.scheduler.cancel(TRUSTEE_JOB, str(vote.id))
        await self.audit.record(
            "system", "vote.count", vote.subject, ballots=tally.ballots, passed=tally.passed
        )
        log.info("vote %d counted; the result goes out now", vote.id)
        leaders = await self._leader_ids()
        await self.delivery.enqueue(
            kind="vote.result.leaders",
            subject=vote.subject,
            recipients=leaders,
            messages=messages.result(vote, tally, self.tz_name, for_leaders=True),
            created_by="system",
            urgent=True,
        )
        if vote.show_results:
            told = set(leaders)  # leaders got their own copy, with the export buttons
            roll = [m for m in await self.repo.roll(vote.id) if m not in told]
            await self.delivery.enqueue(
                kind="vote.result",
                subject=vote.subject,
                recipients=roll,
                messages=messages.result(vote, tally, self.tz_name, for_leaders=False),
                created_by="system",
                urgent=True,
            )
        return tally

    async def _ask_trustees(self, vote: Vote, *, first: bool) -> None:
        """Ask the trustees still awaited to paste their share; remind again later."""
        status = await self.trustee_status(vote)
        if status is None:
            return
        await self.delivery.enqueue(
            kind="vote.unlock",
            subject=vote.subject,
            recipients=[m.id for m in status.waiting],
            messages=messages.unlock_request(vote, status.needed, len(status.unlocked), first),
            created_by="system",
            urgent=True,
        )
        if first:
            leaders = await self._leader_ids()
            trustees = len(status.unlocked) + len(status.waiting)
            await self.delivery.enqueue(
                kind="vote.sealed",
                subject=vote.subject,
                recipients=leaders,
                messages=messages.sealed_notice(vote, status.needed, trustees),
                created_by="system",
            )
            due = _at(int(self.clock()) + TRUSTEE_REMINDER_EVERY)
            await self.scheduler.schedule(TRUSTEE_JOB, str(vote.id), due, {"vote": vote.id})

    async def _open_job(self, job: ScheduledJob) -> None:
        await self.open(int(job.payload["vote"]))

    async def _close_job(self, job: ScheduledJob) -> None:
        await self.close(int(job.payload["vote"]))

    async def _remind_job(self, job: ScheduledJob) -> None:
        await self.remind(int(job.payload["vote"]))

    async def _trustee_job(self, job: ScheduledJob) -> datetime | None:
        """Remind the trustees still awaited, and again later while the vote stays sealed."""
        vote = await self.repo.get(int(job.payload["vote"]))
        if vote is None or not vote.sealed:
            return None
        await self._ask_trustees(vote, first=False)
        return _at(int(self.clock()) + TRUSTEE_REMINDER_EVERY)

    # -- helpers ------------------------------------------------------------------------

    async def _leader_ids(self) -> list[int]:
        return [m.id for m in await self.members.with_role_at_least(Role.LEADER)]

    async def _vote(self, vote_id: int) -> Vote:
        vote = await self.repo.get(vote_id)
        if vote is None:
            raise VoteError("no_such_vote")
        return vote

    async def _closed(self, vote_id: int) -> Vote:
        """A counted vote; VoteError('sealed') while open or waiting for trustees."""
        vote = await self._vote(vote_id)
        if vote.state != "closed":
            raise VoteError("sealed")
        if not vote.counted:
            raise VoteError("awaiting_trustees")
        return vote

    async def _tally(self, vote: Vote) -> Tally:
        counts = await self.repo.counts(vote.id, len(vote.options))
        return Tally(
            vote.id,
            vote.question,
            vote.options,
            counts,
            vote.roll_size,
            threshold_of(vote),
            quorum_of(vote),
        )


def _values(definition: VoteDefinition) -> dict[str, object]:
    """A definition as the repository's columns (texts as language -> text)."""
    return {
        "question": definition.question,
        "options": definition.options,
        "description": definition.description,
        "worksites": definition.worksites,
        "classifications": definition.classifications,
        "opens_at": definition.opens_at,
        "closes_at": definition.closes_at,
        "threshold_num": definition.threshold.fraction.numerator,
        "threshold_den": definition.threshold.fraction.denominator,
        "threshold_strict": int(definition.threshold.strict),
        "quorum_num": definition.quorum.numerator if definition.quorum else None,
        "quorum_den": definition.quorum.denominator if definition.quorum else None,
        "show_results": int(definition.show_results),
        "reminders": definition.reminders,
    }


def _changes(stored: VoteDefinition, new: VoteDefinition) -> tuple[str, ...]:
    """The fields (as the file names them) in which `new` differs from `stored`."""

    def fields(d: VoteDefinition) -> dict[str, object]:
        return {
            "question": d.question,
            "description": d.description,
            "options": d.options,
            "eligibility": (d.worksites, d.classifications),
            "opens_at": d.opens_at,
            "closes_at": d.closes_at,
            "threshold": d.threshold,
            "quorum": d.quorum,
            "show_results": d.show_results,
            "reminders": d.reminders,
            "trustees": (tuple(sorted(d.trustees)), d.trustees_needed),
        }

    old, now = fields(stored), fields(new)
    return tuple(name for name in old if old[name] != now[name])


def _refusal(vote: Vote) -> str:
    """Why a vote's file can no longer change it."""
    return "cancelled_id" if vote.state == "cancelled" else "frozen"


def _at(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)

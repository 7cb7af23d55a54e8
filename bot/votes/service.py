"""Votes: create, open (freeze the roll), cast secret ballots, remind, close and count."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from fractions import Fraction

from bot.delivery import DeliveryService
from bot.people import Person
from bot.privacy import merge_small_groups
from bot.scheduler import Scheduler
from bot.votes import messages
from bot.votes.definition import Threshold, VoteDefinition, check_times
from bot.votes.receipts import canonical, display, new_receipt
from bot.votes.tally import Tally, Turnout, receipts_csv, result_csv
from storage.audit import AuditLog
from storage.database import Database
from storage.jobs import ScheduledJob
from storage.members import Member, MembersRepository, Role
from storage.votes import CastOutcome, Vote, VotesRepository

log = logging.getLogger(__name__)

OPEN_JOB, CLOSE_JOB, REMIND_JOB = "vote.open", "vote.close", "vote.remind"


class VoteError(Exception):
    """A request about a vote cannot be done; `reason` is a catalog key suffix."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ReceiptState(StrEnum):
    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    RECORDED = "recorded"  # the vote is still open
    COUNTED = "counted"


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
        default_language: str,
        tz_name: str,
    ) -> None:
        self.db = db
        self.repo = VotesRepository(db)
        self.members = members
        self.audit = audit
        self.scheduler = scheduler
        self.delivery = delivery
        self.default_language = default_language
        self.tz_name = tz_name
        self.register_jobs()  # the CLI schedules votes too, so every Services has the kinds

    @property
    def clock(self) -> Callable[[], float]:
        return self.scheduler.clock

    def register_jobs(self) -> None:
        """Hang opening, reminders and closing on the durable scheduler."""
        self.scheduler.register(OPEN_JOB, self._open_job)
        self.scheduler.register(CLOSE_JOB, self._close_job)
        self.scheduler.register(REMIND_JOB, self._remind_job)

    # -- leaders ------------------------------------------------------------------------

    async def create(self, definition: VoteDefinition, by: Person | None) -> Vote:
        """Store a vote and schedule its opening, reminders and close (audited)."""
        _require_leader(by)
        problems = check_times(definition.opens_at, definition.closes_at, self.clock())
        if problems:
            raise VoteError("past" if problems[0][0] == "opens_at" else "window")
        values = {
            "question": definition.question,
            "options": definition.options,
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
        vote = await self.repo.create(values, _actor(by))
        try:
            await self._schedule(vote)
        except BaseException:
            await self.repo.cancel(vote.id)  # never leave a vote that would not open or close
            raise
        await self.audit.record(
            _actor(by), "vote.create", f"vote:{vote.id}", opens_at=vote.opens_at,
            closes_at=vote.closes_at, options=len(vote.options),
        )  # fmt: skip
        return vote

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

    async def cancel(self, vote_id: int, by: Person | None) -> Vote:
        """Cancel a vote before it opens (audited); VoteError once it has opened."""
        _require_leader(by)
        vote = await self._vote(vote_id)
        if not await self.repo.cancel(vote_id):
            raise VoteError("cannot_cancel" if vote.state != "cancelled" else "cancelled")
        for kind in (OPEN_JOB, CLOSE_JOB):
            await self.scheduler.cancel(kind, str(vote_id))
        for before in vote.reminders:
            await self.scheduler.cancel(REMIND_JOB, f"{vote_id}:{before}")
        await self.audit.record(_actor(by), "vote.cancel", f"vote:{vote_id}")
        return await self._vote(vote_id)

    async def add_to_roll(self, vote_id: int, member_id: str, by: Person | None) -> Member:
        """Put a member verified after the roll froze on it (audited), and tell them."""
        _require_leader(by)
        vote = await self._vote(vote_id)
        if vote.state not in ("scheduled", "open"):
            raise VoteError("roll_closed")
        member = await self.members.by_member_id(member_id)
        if member is None or member.verified_at is None or not member.active:
            raise VoteError("not_a_member")
        if not await self.repo.add_to_roll(vote_id, member.id, member.worksite):
            raise VoteError("already_on_roll")
        await self.audit.record(_actor(by), "vote.roll_add", f"vote:{vote_id}", member=member.id)
        if vote.state == "open":
            await self.delivery.enqueue(
                kind="vote.announce", subject=f"vote:{vote_id}", recipients=[member.id],
                messages=messages.announcement(vote, self.tz_name), created_by=_actor(by),
                urgent=True,
            )  # fmt: skip
        return member

    async def turnout(self, vote_id: int, by: Person | None) -> Turnout:
        """How many have voted (overall, and by worksite with groups under 5 merged)."""
        _require_leader(by)
        vote = await self._vote(vote_id)
        if vote.state == "scheduled" or vote.state == "cancelled":
            raise VoteError("not_open_yet")
        groups = await self.repo.turnout(vote_id)
        voted = sum(v for v, _ in groups.values())
        merged = merge_small_groups(
            groups, size=lambda g: g[1], combine=lambda a, b: (a[0] + b[0], a[1] + b[1])
        )
        return Turnout(voted, vote.roll_size, merged)

    async def result(self, vote_id: int, by: Person | None) -> Tally:
        """The count of a closed vote; refused to everyone before close."""
        if by is not None and not by.can(Role.LEADER):
            vote = await self._vote(vote_id)
            if vote.state != "closed" or not vote.show_results:
                raise VoteError("not_allowed")
        return await self._tally(await self._closed(vote_id))

    async def export(self, vote_id: int, what: str, by: Person | None) -> str:
        """The result or the receipts of a closed vote as CSV (audited)."""
        _require_leader(by)
        vote = await self._closed(vote_id)
        if what == "result":
            text = result_csv(await self._tally(vote))
        else:
            text = receipts_csv(vote.id, await self.receipts(vote.id))
        await self.audit.record(_actor(by), f"vote.export.{what}", f"vote:{vote_id}")
        return text

    async def receipts(self, vote_id: int) -> list[str]:
        """A closed vote's receipts, as members see them."""
        return [display(r) for r in await self.repo.receipts(vote_id)]

    async def audit_export(self, vote_id: int, what: str, by: Person | None) -> None:
        """Record an export made outside `export` (JSON or a chart)."""
        await self.audit.record(_actor(by), f"vote.export.{what}", f"vote:{vote_id}")

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
        """Cast one ballot; (outcome, receipt). The receipt is returned, never stored elsewhere."""
        if member.verified_at is None:
            return CastOutcome.NOT_ON_ROLL, ""
        receipt = new_receipt()
        outcome = await self.repo.cast(vote_id, member.id, choice, receipt, self.clock())
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
        state = ReceiptState.COUNTED if vote.state == "closed" else ReceiptState.RECORDED
        return ReceiptCheck(state, vote)

    # -- scheduled work -----------------------------------------------------------------

    async def open(self, vote_id: int) -> int | None:
        """Freeze the roll and announce the vote to everyone on it; the roll size."""
        now = int(self.clock())
        size = await self.repo.open(vote_id, now)
        if size is None:
            return None
        vote = await self._vote(vote_id)
        await self.audit.record("system", "vote.open", f"vote:{vote_id}", roll_size=size)
        if now >= vote.closes_at:
            return size  # the bot was down for the whole window: the close follows at once
        roll = await self.repo.roll(vote_id)
        await self.delivery.enqueue(
            kind="vote.announce", subject=f"vote:{vote_id}", recipients=roll,
            messages=messages.announcement(vote, self.tz_name), created_by="system", urgent=True,
        )  # fmt: skip
        return size

    async def remind(self, vote_id: int) -> int:
        """Remind those on the roll who have not voted (the bot knows; nobody is shown)."""
        vote = await self._vote(vote_id)
        if vote.state != "open" or self.clock() >= vote.closes_at:
            return 0
        waiting = await self.repo.not_voted(vote_id)
        if waiting:
            await self.delivery.enqueue(
                kind="vote.remind", subject=f"vote:{vote_id}", recipients=waiting,
                messages=messages.reminder(vote, self.tz_name), created_by="system",
            )  # fmt: skip
        return len(waiting)

    async def close(self, vote_id: int) -> Tally | None:
        """Close, erase traces of ballot order, count, and send the result."""
        vote = await self._vote(vote_id)
        closed_now = await self.repo.close(vote_id, int(self.clock()))
        if not closed_now and vote.state != "closed":
            return None  # cancelled, or never opened
        # Who was reminded says who had not voted by then: not kept past the close.
        await self.delivery.repo.forget_recipients("vote.remind", f"vote:{vote_id}")
        await self.db.checkpoint_and_vacuum()  # no page order from the voting period survives
        vote = await self._vote(vote_id)
        tally = await self._tally(vote)
        if closed_now:
            await self.audit.record(
                "system", "vote.close", f"vote:{vote_id}", ballots=tally.ballots,
                roll_size=tally.roll_size, passed=tally.passed,
            )  # fmt: skip
        leaders = [m.id for m in await self.members.with_role_at_least(Role.LEADER)]
        await self.delivery.enqueue(
            kind="vote.result.leaders", subject=f"vote:{vote_id}", recipients=leaders,
            messages=messages.result(vote, tally, self.tz_name, for_leaders=True),
            created_by="system", urgent=True,
        )  # fmt: skip
        if vote.show_results:
            await self.delivery.enqueue(
                kind="vote.result", subject=f"vote:{vote_id}",
                recipients=await self.repo.roll(vote_id),
                messages=messages.result(vote, tally, self.tz_name, for_leaders=False),
                created_by="system", urgent=True,
            )  # fmt: skip
        return tally

    async def _open_job(self, job: ScheduledJob) -> None:
        await self.open(int(job.payload["vote"]))

    async def _close_job(self, job: ScheduledJob) -> None:
        await self.close(int(job.payload["vote"]))

    async def _remind_job(self, job: ScheduledJob) -> None:
        await self.remind(int(job.payload["vote"]))

    # -- helpers ------------------------------------------------------------------------

    async def _vote(self, vote_id: int) -> Vote:
        vote = await self.repo.get(vote_id)
        if vote is None:
            raise VoteError("no_such_vote")
        return vote

    async def _closed(self, vote_id: int) -> Vote:
        vote = await self._vote(vote_id)
        if vote.state != "closed":
            raise VoteError("sealed")
        return vote

    async def _tally(self, vote: Vote) -> Tally:
        counts = await self.repo.counts(vote.id, len(vote.options))
        return Tally(
            vote.id, vote.question, vote.options, counts, vote.roll_size, threshold_of(vote),
            quorum_of(vote),
        )  # fmt: skip


def _require_leader(by: Person | None) -> None:
    """None is the server's command line, which has full access anyway."""
    if by is not None and not by.can(Role.LEADER):
        raise VoteError("not_allowed")


def _actor(by: Person | None) -> str:
    return by.actor if by is not None else "cli"


def _at(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)

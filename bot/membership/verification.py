"""Becoming a verified member: by one's own phone contact, by invite, or by a steward.

Every attempt counts toward a per-person rate limit so nobody can probe the roster, and
every outcome is audited. Replies to a person never reveal whether someone else is on
the roster.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot import names
from bot.membership.phones import PhoneError, normalise, phone_hash
from bot.people import Person
from storage.audit import AuditLog
from storage.invites import InvitesRepository
from storage.members import Member, MembersRepository, Role
from storage.verification import LinkMove, VerificationRepository, VerificationRequest

log = logging.getLogger(__name__)

ATTEMPTS_PER_HOUR = 5
DEFAULT_INVITE_LIFETIME = timedelta(days=14)
MAX_TYPED = 64


class Outcome(StrEnum):
    VERIFIED = "verified"
    ALREADY_VERIFIED = "already_verified"
    RATE_LIMITED = "rate_limited"
    NOT_OWN_CONTACT = "not_own_contact"
    NO_MATCH = "no_match"
    NOT_IN_GOOD_STANDING = "not_in_good_standing"
    LINKED_ELSEWHERE = "linked_elsewhere"
    INVITE_UNKNOWN = "invite_unknown"
    INVITE_SPENT = "invite_spent"
    INVITE_EXPIRED = "invite_expired"
    REQUEST_SENT = "request_sent"
    REQUEST_PENDING = "request_pending"
    PHONE_RECEIVED = "phone_received"  # the one reply to a shared phone, whatever the roster says
    INVITE_PENDING = "invite_pending"  # a worksite invite waits for a steward's confirmation


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    member: Member | None = None
    request: VerificationRequest | None = None


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    ALREADY_DECIDED = "already_decided"
    NOT_ALLOWED = "not_allowed"
    NEEDS_ADMIN = "needs_admin"
    GONE = "gone"


@dataclass(frozen=True, slots=True)
class Review:
    decision: Decision
    request: VerificationRequest | None = None
    member: Member | None = None
    move: LinkMove | None = None  # an approved move of a Telegram link: tell the old account


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """What a reviewer must see before approving, and whether only an admin may approve."""

    member: Member | None
    steward_worksites: list[str]
    linked_elsewhere: bool
    on_open_roll: bool
    needs_admin: bool


def invite_hash(code: str, secret: str) -> str:
    """Invite codes are stored keyed-hashed, like phone numbers."""
    return hmac.new(secret.encode(), b"invite:" + code.encode(), hashlib.sha256).hexdigest()


def _fold(text: str) -> str:
    """A last name as compared: `names.fold` (case and accents) without its spaces."""
    return names.fold(text).replace(" ", "")


def name_matches(typed: str, roster_last_name: str | None) -> bool:
    return bool(roster_last_name) and _fold(typed) == _fold(roster_last_name or "")


class VerificationService:
    """The rules of verification; storage and clock injected, no Telegram here."""

    def __init__(
        self,
        members: MembersRepository,
        invites: InvitesRepository,
        requests: VerificationRepository,
        audit: AuditLog,
        secret: str,
        clock: Callable[[], float],
    ) -> None:
        self.members = members
        self.invites = invites
        self.requests = requests
        self.audit = audit
        self.secret = secret
        self.clock = clock

    def _now(self) -> int:
        return int(self.clock())

    @staticmethod
    def _on_roster(person: Person) -> bool:
        """Verified and linked to a roster entry (admins from settings may still link one)."""
        return person.verified and person.member is not None and person.member.member_id is not None

    async def _admit(self, person: Person) -> Outcome | None:
        """Count an attempt; an outcome that stops here, or None to go on."""
        if self._on_roster(person):
            return Outcome.ALREADY_VERIFIED
        now = self._now()
        await self.requests.forget_attempts_before(now - 3600)  # kept only for the limit
        if await self.requests.attempts_since(person.telegram_id, now - 3600) >= ATTEMPTS_PER_HOUR:
            await self.audit.record(person.actor, "verify.rate_limited")
            log.info("verification refused (too many tries in an hour)")
            return Outcome.RATE_LIMITED
        await self.requests.record_attempt(person.telegram_id, now)
        return None

    async def _done(self, person: Person, outcome: Outcome, how: str, **detail: object) -> Result:
        await self.audit.record(person.actor, f"verify.{how}", outcome.value, **detail)
        log.info("verification refused (%s, %s)", how, outcome.value)
        return Result(outcome)

    async def by_contact(
        self, person: Person, contact_user_id: int | None, phone_number: str
    ) -> Result:
        """A shared contact of one's own asks the stewards to confirm; one reply for all.

        Whoever holds a phone (an employer-issued one, say) must not learn from the reply
        whether its number is on the roster, in good standing or already linked, nor
        whose it is: every case gets PHONE_RECEIVED, and a roster match goes to the
        stewards as a request that says the phone matched.
        """
        if (stop := await self._admit(person)) is not None:
            return Result(stop)
        if contact_user_id != person.telegram_id:
            return await self._done(person, Outcome.NOT_OWN_CONTACT, "contact")
        try:
            hashed = phone_hash(normalise(phone_number), self.secret)
        except PhoneError:
            hashed = None
        matches = await self.members.by_phone_hash(hashed) if hashed else []
        member = matches[0] if matches else None
        pending = await self.requests.pending_for(person.telegram_id)
        request = None
        if pending is None:
            request = await self.requests.create(
                person.telegram_id,
                person.language,
                member.id if member else None,
                member.member_id or "" if member else "",
                "",
                member.worksite if member else None,
                via="phone",
            )
        await self.audit.record(
            person.actor,
            "verify.contact",
            "request" if request else "pending",
            member=member.member_id if member else None,
            standing=member.status if member else None,
            linked_elsewhere=bool(member and member.telegram_id not in (None, person.telegram_id)),
        )
        if request is not None:  # whether the phone matched is for the stewards, not the log
            log.info("verification needs a steward (request %d, shared phone)", request.id)
        return Result(Outcome.PHONE_RECEIVED, member, request)

    async def by_invite(self, person: Person, code: str, name: str = "") -> Result:
        """Redeem a one-time invite code from a deep link.

        A member invite links that roster member. A worksite invite only asks the
        worksite's stewards to confirm the person (`name` is their Telegram name): a
        forwarded link must not put an outsider on any roll.
        """
        if (stop := await self._admit(person)) is not None:
            return Result(stop)
        invite = await self.invites.get(invite_hash(code, self.secret))
        now = self._now()
        if invite is None:
            return await self._done(person, Outcome.INVITE_UNKNOWN, "invite")
        if invite.used_at is not None:
            return await self._done(person, Outcome.INVITE_SPENT, "invite")
        if invite.expires_at <= now:
            return await self._done(person, Outcome.INVITE_EXPIRED, "invite")
        member = await self.members.get(invite.member) if invite.member is not None else None
        if member is not None and member.telegram_id not in (None, person.telegram_id):
            return await self._done(
                person, Outcome.LINKED_ELSEWHERE, "invite", member=member.member_id
            )
        if member is None and await self.requests.pending_for(person.telegram_id) is not None:
            return Result(Outcome.REQUEST_PENDING)
        if not await self.invites.spend(invite.code_hash, now):
            return await self._done(person, Outcome.INVITE_SPENT, "invite")
        if member is None:
            assert invite.worksite is not None
            request = await self.requests.create(
                person.telegram_id,
                person.language,
                None,
                "",
                name.strip()[:MAX_TYPED],
                invite.worksite,
                via="invite",
            )
            await self.audit.record(
                person.actor,
                "verify.invite",
                "request",
                request=request.id,
                worksite=invite.worksite,
            )
            log.info("verification needs a steward (request %d, worksite invite)", request.id)
            return Result(Outcome.INVITE_PENDING, None, request)
        linked = await self.members.link(member.id, person.telegram_id)
        await self.audit.record(
            person.actor,
            "verify.invite",
            "verified",
            member=linked.member_id,
            worksite=linked.worksite,
        )
        log.info("verification approved (member invite)")
        return Result(Outcome.VERIFIED, linked)

    async def request_review(self, person: Person, typed_id: str, typed_name: str) -> Result:
        """Ask the stewards to vouch for someone who typed their member ID and last name.

        The reply is the same whether or not the ID is on the roster, so the form cannot be
        used to find out who is a member.
        """
        if self._on_roster(person):
            return Result(Outcome.ALREADY_VERIFIED)
        pending = await self.requests.pending_for(person.telegram_id)
        if pending is not None and pending.via == "phone":
            # A shared phone's request, matched or not, gives way to the form: the form
            # must not behave differently depending on what the roster said of the phone.
            await self.requests.decide(pending.id, "rejected", "superseded")
        elif pending is not None:
            return Result(Outcome.REQUEST_PENDING, request=pending)
        if (stop := await self._admit(person)) is not None:
            return Result(stop)
        typed_id, typed_name = typed_id.strip()[:MAX_TYPED], typed_name.strip()[:MAX_TYPED]
        member = await self.members.by_member_id(typed_id)
        if member is not None and not member.active:
            member = None
        request = await self.requests.create(
            person.telegram_id,
            person.language,
            member.id if member else None,
            typed_id,
            typed_name,
            member.worksite if member else None,
        )
        await self.audit.record(
            person.actor, "verify.request", str(request.id), on_roster=member is not None
        )
        log.info("verification needs a steward (request %d, member ID form)", request.id)
        return Result(Outcome.REQUEST_SENT, member, request)

    async def reviewers(self, request: VerificationRequest) -> list[Member]:
        """Who is shown a request: the worksite's stewards, and leaders and admins."""
        return await self.members.reviewers_for(request.worksite)

    async def may_review(self, reviewer: Person, request: VerificationRequest) -> bool:
        """Leaders and admins review any request; stewards only their own worksites'."""
        if reviewer.can(Role.LEADER):
            return True
        if not reviewer.can(Role.STEWARD) or reviewer.member is None:
            return False
        return request.worksite in await self.members.steward_worksites(reviewer.member.id)

    async def facts(self, request: VerificationRequest) -> ReviewFacts:
        """The roster row a request would link, its powers, and who may approve it.

        Moving a Telegram link, or linking a row that holds a role above member or any
        steward worksite, or a frozen row, is an admin's decision: whoever controls that
        row can act as that member (vote in their place, read their tickets, use their
        role), so a steward, who may be compromised, cannot hand it over.
        """
        member = await self.members.get(request.member) if request.member is not None else None
        if member is None:
            return ReviewFacts(None, [], False, False, False)
        worksites = await self.members.steward_worksites(member.id)
        elsewhere = member.telegram_id not in (None, request.telegram_id)
        on_roll = await self.members.on_open_roll(member.id)
        powers = member.role is not Role.MEMBER or bool(worksites)
        needs_admin = elsewhere or powers or member.frozen
        return ReviewFacts(member, worksites, elsewhere, on_roll, needs_admin)

    async def decide(self, reviewer: Person, request_id: int, approve: bool) -> Review:
        """Approve (link the member) or reject a pending request, re-checking who decides."""
        request = await self.requests.get(request_id)
        if request is None:
            return Review(Decision.GONE)
        if not await self.may_review(reviewer, request):
            await self.audit.record(reviewer.actor, "verify.review_refused", str(request_id))
            return Review(Decision.NOT_ALLOWED, request)
        if request.state != "pending":
            return Review(Decision.ALREADY_DECIDED, request)
        facts = await self.facts(request)
        member = facts.member
        invited = request.via == "invite" and request.member is None
        if approve and member is None and not invited:
            return Review(Decision.NOT_ALLOWED, request)  # nobody on the roster to link
        if approve and facts.needs_admin and not reviewer.can(Role.ADMIN):
            await self.audit.record(
                reviewer.actor,
                "verify.relink_refused",
                str(request.id),
                member=member.member_id if member else None,
                role=member.role if member else None,
                linked_elsewhere=facts.linked_elsewhere,
            )
            log.info("verification needs an admin (request %d)", request.id)
            return Review(Decision.NEEDS_ADMIN, request, member)
        if approve and invited and await self.members.by_telegram_id(request.telegram_id):
            return Review(Decision.NOT_ALLOWED, request)  # they got in another way meanwhile
        state = "approved" if approve else "rejected"
        if not await self.requests.decide(request.id, state, reviewer.actor):
            return Review(Decision.ALREADY_DECIDED, request)
        move = None
        if approve and member is not None:
            if facts.linked_elsewhere:
                assert member.telegram_id is not None
                move = await self.requests.record_move(
                    member.id, member.telegram_id, request.telegram_id, reviewer.actor
                )
            member = await self.members.link(member.id, request.telegram_id)
        elif approve:
            assert request.worksite is not None
            member = await self.members.add_verified(request.telegram_id, request.worksite)
        await self.audit.record(
            reviewer.actor,
            f"verify.{state}",
            str(request.id),
            member=member.member_id if member else None,
            moved_from=f"tg:{move.old_telegram_id}" if move else None,
        )
        log.info(
            "verification %s (request %d)%s",
            "approved" if approve else "refused by a steward",
            request.id,
            ", a Telegram link moved" if move else "",
        )
        decided = await self.requests.get(request.id)
        return Review(Decision(state), decided, member, move)

    async def dispute(self, person: Person, move_id: int) -> LinkMove | None:
        """ "This wasn't me" from the account a link was moved away from: freeze the row.

        Only that old account may dispute, once; the row then has no powers at all until
        an admin looks (`unionbot members unfreeze`). None when the press is not valid.
        """
        move = await self.requests.move(move_id)
        if move is None or move.old_telegram_id != person.telegram_id:
            await self.audit.record(person.actor, "link.dispute_refused", str(move_id))
            return None
        if not await self.requests.dispute_move(move.id):
            return None
        await self.members.freeze(move.member)
        await self.audit.record(
            person.actor,
            "link.disputed",
            str(move.id),
            member=move.member,
            moved_to=f"tg:{move.new_telegram_id}",
        )
        return move

    async def create_invites(
        self,
        *,
        member_id: str | None,
        worksite: str | None,
        count: int,
        lifetime: timedelta,
        created_by: str,
    ) -> list[str]:
        """New one-time codes for one roster member, or `count` codes for a worksite."""
        member_pk = None
        if worksite is not None:
            worksites, _ = await self.members.roster_names()
            worksite = names.check(worksite, worksites)  # UnknownName is a ValueError
        if member_id is not None:
            member = await self.members.by_member_id(member_id)
            if member is None:
                raise LookupError(f"no member with member_id {member_id} on the roster")
            member_pk, count = member.id, 1
        codes = [secrets.token_urlsafe(12) for _ in range(count)]
        await self.invites.create_many(
            [invite_hash(c, self.secret) for c in codes],
            member=member_pk,
            worksite=worksite,
            expires_at=self._now() + int(lifetime.total_seconds()),
            created_by=created_by,
        )
        await self.audit.record(created_by, "invites.create", member_id or worksite, count=count)
        return codes

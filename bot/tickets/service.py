"""Ask a steward: the rules of tickets. Who may read and answer, limits, and the state machine.

    open ──steward answers──▶ answered ──member replies──▶ open
      └──────────── steward, leader or the member closes ────────────▶ closed

Stewards of the ticket's worksite (as it was when the ticket was opened) and leaders may
read, answer and close it; the member who opened it may read, reply to and close it.
Everything is checked here, from the database, on every call. No Telegram here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.people import Person
from storage.audit import AuditLog
from storage.members import MembersRepository, Role
from storage.tickets import Ticket, TicketMessage, TicketsRepository

MAX_OPEN = 3  # tickets not yet closed, per member
MAX_QUESTION = 1000  # characters in a question or a member's reply
MAX_ANSWER = 2000  # characters in a steward's answer
LIST_LIMIT = 20


class Outcome(StrEnum):
    DONE = "done"
    TOO_MANY = "too_many"
    TOO_LONG = "too_long"
    EMPTY = "empty"
    NOT_VERIFIED = "not_verified"
    NOT_ALLOWED = "not_allowed"
    GONE = "gone"
    CLOSED = "closed"
    NO_ANSWER = "no_answer"  # nothing a steward wrote yet, so nothing to put in the FAQ


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    ticket: Ticket | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.DONE


@dataclass(frozen=True, slots=True)
class Audience:
    """Who is shown a ticket: the worksite's stewards' group, else stewards (else leaders)."""

    group_chat: int | None
    people: list[tuple[int, str | None]]  # (telegram id, language)


class TicketService:
    """Opens, answers, relays and closes tickets; storage, audit and clock injected."""

    def __init__(
        self,
        repo: TicketsRepository,
        members: MembersRepository,
        audit: AuditLog,
        clock: Callable[[], float],
    ) -> None:
        self.repo = repo
        self.members = members
        self.audit = audit
        self.clock = clock

    # Reads and records handlers need: the repository stays behind the service.

    async def add_post(self, ticket_id: int, chat_id: int, message_id: int) -> None:
        return await self.repo.add_post(ticket_id, chat_id, message_id)

    async def posts(self, ticket_id: int) -> list[tuple[int, int]]:
        return await self.repo.posts(ticket_id)

    async def worksites_of_group(self, chat_id: int) -> list[str]:
        return await self.repo.worksites_of_group(chat_id)

    def _now(self) -> int:
        return int(self.clock())

    @staticmethod
    def _check_text(text: str, limit: int) -> Outcome | None:
        if not text.strip():
            return Outcome.EMPTY
        return Outcome.TOO_LONG if len(text.strip()) > limit else None

    # -- who may see what ------------------------------------------------------------

    async def may_handle(self, person: Person, ticket: Ticket) -> bool:
        """Leaders handle every ticket; stewards those of their own worksites."""
        if person.can(Role.LEADER):
            return True
        if not person.can(Role.STEWARD) or person.member is None:
            return False
        return ticket.worksite in await self.members.steward_worksites(person.member.id)

    @staticmethod
    def owns(person: Person, ticket: Ticket) -> bool:
        return person.verified and person.member is not None and person.member.id == ticket.member

    async def readable(self, person: Person, ticket_id: int) -> Result:
        """The ticket if this person may read it (its member, or who may handle it)."""
        ticket = await self.repo.get(ticket_id)
        if ticket is None:
            return Result(Outcome.GONE)
        if self.owns(person, ticket) or await self.may_handle(person, ticket):
            return Result(Outcome.DONE, ticket)
        await self.audit.record(person.actor, "ticket.read_refused", str(ticket_id))
        return Result(Outcome.NOT_ALLOWED)

    async def thread(self, ticket: Ticket) -> list[TicketMessage]:
        return await self.repo.messages(ticket.id)

    async def of_member(self, person: Person) -> list[Ticket]:
        if person.member is None or not person.verified:
            return []
        return await self.repo.of_member(person.member.id, LIST_LIMIT)

    async def to_handle(self, person: Person) -> list[Ticket]:
        """Tickets not yet closed that this steward (all, for leaders) may handle."""
        if person.can(Role.LEADER):
            return await self.repo.not_closed(None, LIST_LIMIT)
        if not person.can(Role.STEWARD) or person.member is None:
            return []
        worksites = await self.members.steward_worksites(person.member.id)
        return await self.repo.not_closed(worksites, LIST_LIMIT) if worksites else []

    async def audience(self, ticket: Ticket) -> Audience:
        """Where a ticket goes: the stewards' group, else each steward, else the leaders.

        Nobody on staff may miss a question because a worksite has no steward yet.
        """
        group = await self.repo.group_of(ticket.worksite)
        if group is not None:
            return Audience(group, [])
        stewards = await self.repo.stewards_of(ticket.worksite)
        return Audience(None, stewards or await self.repo.leaders())

    # -- changes ---------------------------------------------------------------------------

    async def open(self, person: Person, text: str) -> Result:
        """A verified member asks the stewards of their worksite."""
        if not person.in_good_standing or person.member is None:
            return Result(Outcome.NOT_VERIFIED)
        if (problem := self._check_text(text, MAX_QUESTION)) is not None:
            return Result(problem)
        member = person.member
        ticket = await self.repo.open(
            member.id, member.worksite, person.language, text.strip(), self._now(), MAX_OPEN
        )
        if ticket is None:
            return Result(Outcome.TOO_MANY)
        await self.audit.record(person.actor, "ticket.open", str(ticket.id))
        return Result(Outcome.DONE, ticket)

    async def answer(self, person: Person, ticket_id: int, text: str, name: str) -> Result:
        """A steward (or leader) answers; the ticket becomes answered."""
        checked = await self.check_handler(person, ticket_id)
        if not checked.ok:
            return checked
        if (problem := self._check_text(text, MAX_ANSWER)) is not None:
            return Result(problem, checked.ticket)
        ticket = await self.repo.add_message(
            ticket_id, "steward", name, text.strip(), "answered", ("open", "answered"), self._now()
        )
        if ticket is None:
            return Result(Outcome.CLOSED, checked.ticket)
        await self.audit.record(person.actor, "ticket.answer", str(ticket_id))
        return Result(Outcome.DONE, ticket)

    async def reply(self, person: Person, ticket_id: int, text: str) -> Result:
        """The member writes back; the ticket is open again for the stewards."""
        ticket = await self.repo.get(ticket_id)
        if ticket is None:
            return Result(Outcome.GONE)
        if not self.owns(person, ticket):
            return Result(Outcome.NOT_ALLOWED)
        if (problem := self._check_text(text, MAX_QUESTION)) is not None:
            return Result(problem, ticket)
        updated = await self.repo.add_message(
            ticket_id, "member", None, text.strip(), "open", ("open", "answered"), self._now()
        )
        return Result(Outcome.DONE, updated) if updated else Result(Outcome.CLOSED, ticket)

    async def close(self, person: Person, ticket_id: int) -> Result:
        """Its member, a steward of its worksite or a leader closes a ticket."""
        ticket = await self.repo.get(ticket_id)
        if ticket is None:
            return Result(Outcome.GONE)
        if not (self.owns(person, ticket) or await self.may_handle(person, ticket)):
            await self.audit.record(person.actor, "ticket.close_refused", str(ticket_id))
            return Result(Outcome.NOT_ALLOWED)
        closed = await self.repo.close(ticket_id, self._now())
        if closed is None:
            return Result(Outcome.CLOSED, ticket)
        await self.audit.record(person.actor, "ticket.close", str(ticket_id))
        return Result(Outcome.DONE, closed)

    async def check_handler(self, person: Person, ticket_id: int) -> Result:
        """May this person answer the ticket now (also checked before they start typing)?"""
        ticket = await self.repo.get(ticket_id)
        if ticket is None:
            return Result(Outcome.GONE)
        if not await self.may_handle(person, ticket):
            await self.audit.record(person.actor, "ticket.answer_refused", str(ticket_id))
            return Result(Outcome.NOT_ALLOWED, ticket)
        if ticket.state == "closed":
            return Result(Outcome.CLOSED, ticket)
        return Result(Outcome.DONE, ticket)

    async def question_and_answer(self, person: Person, ticket_id: int) -> tuple[str, str] | Result:
        """The first question and the latest steward answer, for turning into an FAQ entry."""
        ticket = await self.repo.get(ticket_id)
        if ticket is None:
            return Result(Outcome.GONE)
        if not await self.may_handle(person, ticket):
            await self.audit.record(person.actor, "ticket.faq_refused", str(ticket_id))
            return Result(Outcome.NOT_ALLOWED, ticket)
        thread = await self.repo.messages(ticket_id)
        answers = [m.text for m in thread if m.author_role == "steward"]
        if not thread or not answers:
            return Result(Outcome.NO_ANSWER, ticket)
        return thread[0].text, answers[-1]

    # -- stewards' groups -------------------------------------------------------------------

    async def register_group(self, person: Person, worksite: str, chat_id: int) -> str | None:
        """An admin makes this chat the stewards' group of a known worksite; its exact name."""
        person.require(Role.ADMIN)
        known = {w.casefold(): w for w in await self.repo.known_worksites()}
        exact = known.get(worksite.strip().casefold())
        if exact is None:
            return None
        await self.repo.set_group(exact, chat_id, person.actor, self._now())
        await self.audit.record(person.actor, "ticket.group_set", exact, chat=chat_id)
        return exact

    async def unregister_group(self, person: Person, worksite: str, chat_id: int) -> str | None:
        """An admin stops sending a worksite's tickets to this chat; the name, or None."""
        person.require(Role.ADMIN)
        served = {w.casefold(): w for w in await self.repo.worksites_of_group(chat_id)}
        exact = served.get(worksite.strip().casefold())
        if exact is None or not await self.repo.remove_group(exact, chat_id):
            return None
        await self.audit.record(person.actor, "ticket.group_removed", exact, chat=chat_id)
        return exact

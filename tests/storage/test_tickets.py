"""The ticket rules on real SQLite: limit under concurrency, state machine, who may handle."""

from __future__ import annotations

import asyncio

import pytest

from bot.people import Person
from bot.tickets.service import MAX_OPEN, Outcome, TicketService
from storage.audit import AuditLog
from storage.database import Database
from storage.members import MembersRepository
from storage.tickets import TicketsRepository


@pytest.fixture
async def service(db: Database) -> TicketService:
    await db.execute(
        "INSERT INTO members (member_id, telegram_id, worksite, role, verified_at) VALUES "
        "('A1', 1, 'Downey', 'member', 1), ('S1', 2, 'Downey', 'steward', 1), "
        "('S2', 3, 'Irvine', 'steward', 1), ('L1', 4, 'Irvine', 'leader', 1)"
    )
    await db.execute(
        "INSERT INTO steward_worksites (member, worksite) VALUES (2, 'Downey'), (3, 'Irvine')"
    )
    members = MembersRepository(db)
    return TicketService(TicketsRepository(db), members, AuditLog(db), lambda: 1000.0)


async def person(service: TicketService, telegram_id: int) -> Person:
    return Person(telegram_id, "en", await service.members.by_telegram_id(telegram_id))


async def test_the_open_limit_holds_when_questions_arrive_together(service: TicketService) -> None:
    ana = await person(service, 1)
    results = await asyncio.gather(*(service.open(ana, f"q{n}") for n in range(MAX_OPEN + 3)))
    outcomes = [r.outcome for r in results]
    assert outcomes.count(Outcome.DONE) == MAX_OPEN
    assert outcomes.count(Outcome.TOO_MANY) == 3


async def test_states_move_as_the_thread_goes(service: TicketService) -> None:
    ana, sam, iris, lee = [await person(service, i) for i in (1, 2, 3, 4)]
    ticket = (await service.open(ana, "  Is it paid?  ")).ticket
    assert ticket is not None and ticket.state == "open"
    assert (await service.answer(iris, ticket.id, "No.", "Iris")).outcome is Outcome.NOT_ALLOWED
    assert (await service.reply(sam, ticket.id, "hi")).outcome is Outcome.NOT_ALLOWED
    answered = await service.answer(sam, ticket.id, "Yes.", "Sam")
    assert answered.ticket is not None and answered.ticket.state == "answered"
    reopened = await service.reply(ana, ticket.id, "Thanks, and overtime?")
    assert reopened.ticket is not None and reopened.ticket.state == "open"
    assert (await service.close(lee, ticket.id)).ok
    assert (await service.close(ana, ticket.id)).outcome is Outcome.CLOSED
    assert (await service.answer(sam, ticket.id, "late", "Sam")).outcome is Outcome.CLOSED
    assert (await service.reply(ana, ticket.id, "late")).outcome is Outcome.CLOSED
    thread = await service.thread(ticket)
    assert [(m.author_role, m.author_name, m.text) for m in thread] == [
        ("member", None, "Is it paid?"),
        ("steward", "Sam", "Yes."),
        ("member", None, "Thanks, and overtime?"),
    ]


async def test_only_the_right_worksite_and_leaders_handle(service: TicketService) -> None:
    ana, sam, iris, lee = [await person(service, i) for i in (1, 2, 3, 4)]
    ticket = (await service.open(ana, "q")).ticket
    assert ticket is not None
    assert [await service.may_handle(p, ticket) for p in (ana, sam, iris, lee)] == [
        False,
        True,
        False,
        True,
    ]
    assert [t.id for t in await service.to_handle(sam)] == [ticket.id]
    assert await service.to_handle(iris) == []
    assert (await service.readable(iris, ticket.id)).outcome is Outcome.NOT_ALLOWED
    assert (await service.readable(ana, ticket.id)).ok

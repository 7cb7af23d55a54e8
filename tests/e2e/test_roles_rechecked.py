"""Roles are checked twice: by the handler's gate on every press, and again in the service.

A member (or a steward) calling a leader's action on VoteService or SurveyService is refused
with NotAllowed and nothing in the database moves; a leader whose role is revoked between two
taps gets the friendly refusal on the next tap; and a handler that forgot its gate still
cannot act, while the member sees the same friendly refusal, never a crash.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.people import NotAllowed, Person
from handlers import common
from handlers.surveys import chat as surveys_chat
from handlers.votes import admin as votes_admin
from sandbox.harness import Sandbox
from storage.members import Role
from tests.e2e.surveys import close_survey, load_survey, seed_responses, survey_yaml
from tests.e2e.voting import Voters, create_vote, definition

DENIED = "Sorry, you don't have permission to do that."
# Everything a leader's action could write to (the delivery outbox is left out: the survey
# loaded below is still being announced while the test runs).
WATCHED = (
    "votes",
    "vote_roll",
    "vote_results",
    "surveys",
    "survey_responses",
    "survey_participation",
    "seal_keys",
    "scheduled_jobs",
    "broadcasts",
    "audit_log",
)


def snapshot(sandbox: Sandbox) -> dict[str, list[tuple[Any, ...]]]:
    """The watched tables as committed, read by a connection of their own."""
    with sqlite3.connect(sandbox.database_path) as conn:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in WATCHED
        }


async def person(voters: Voters, member_id: str, telegram_id: int) -> Person:
    """As a handler builds it: the stored row, read now."""
    return Person(telegram_id, "en", await voters.union.member(member_id))


async def test_members_and_stewards_are_refused_every_leader_action_and_nothing_changes(
    voters: Voters,
) -> None:
    sandbox = voters.sandbox
    votes, surveys = sandbox.services.votes, sandbox.services.surveys
    vote = await create_vote(sandbox)
    stored = await load_survey(sandbox)
    survey = surveys.parse(survey_yaml(sandbox), "another.yaml")
    await sandbox.settle()
    ana = await person(voters, "A1", voters.ana.id)
    sam = await person(voters, "S1", voters.union.sam.id)
    before = snapshot(sandbox)

    leader_actions: dict[str, Callable[[Person], Awaitable[object]]] = {
        "vote create": lambda p: votes.create(definition(sandbox, question="Mine?"), p),
        "vote load": lambda p: votes.load(definition(sandbox, question="Mine?"), p),
        "vote load_file": lambda p: votes.load_file("question: Mine?", "mine.yaml", p),
        "vote cancel": lambda p: votes.cancel(vote.id, p),
        "vote add_to_roll": lambda p: votes.add_to_roll(vote.id, "A2", p),
        "vote turnout": lambda p: votes.turnout(vote.id, p),
        "vote export": lambda p: votes.export(vote.id, "result", p),
        "vote audit_export": lambda p: votes.audit_export(vote.id, "json", p),
        "survey store": lambda p: surveys.store(survey, p),
        "survey export": lambda p: surveys.export(stored, p),
        "survey close_early": lambda p: surveys.close_early(stored, p),
    }
    for who in (ana, sam):
        for name, action in leader_actions.items():
            with pytest.raises(NotAllowed):
                await action(who)
                pytest.fail(f"{name} was allowed to {who.member and who.member.member_id}")
    # Results are for stewards (their own worksites) and leaders: a member sees nothing.
    with pytest.raises(NotAllowed):
        await surveys.results(stored, None, ana)
    with pytest.raises(NotAllowed):
        await surveys.scope_of(ana)
    assert await surveys.scope_of(sam) == ["Downey"]

    assert snapshot(sandbox) == before
    current = await surveys.get(stored.pk)
    assert current is not None and current.state == "open"


async def test_a_leader_demoted_between_two_taps_is_refused_and_nothing_changes(
    voters: Voters,
) -> None:
    sandbox, lee = voters.sandbox, voters.union.lee
    services = sandbox.services
    vote = await create_vote(sandbox)
    await lee.send("/votes")
    listing = await lee.next_message()
    await lee.press(f"#{vote.id} ›", listing)
    await lee.next_edit(listing)
    await lee.press("🚫 Cancel this vote", listing)
    await lee.next_edit(listing)
    assert listing.buttons[0][0] == "🚫 Yes, cancel it"
    # Between two taps an admin takes the role away (in the database, as `unionbot` does).
    await services.roles.revoke("cli", await voters.union.member("L1"), Role.LEADER)
    before = snapshot(sandbox)
    await lee.press("🚫 Yes, cancel it", listing)
    await sandbox.settle()
    assert lee.callback_answers[-1] == (DENIED, True)
    assert snapshot(sandbox) == before
    stored = await services.votes.get(vote.id)
    assert stored is not None and stored.state == "scheduled"
    assert "vote.cancel" not in [e.action for e in await services.audit.recent()]
    # Every other leader's way in is closed as well, typed or tapped.
    await lee.send("/votes")
    await lee.send("/newvote")
    await sandbox.settle()
    assert [m.text for m in lee.inbox[-2:]] == [DENIED, DENIED]


async def test_a_handler_that_forgets_its_gate_still_cannot_act(
    voters: Voters, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service refuses; the error handler turns NotAllowed into the same friendly no."""
    sandbox, ana = voters.sandbox, voters.ana
    vote = await create_vote(sandbox)

    async def no_gate(update: Any, context: Any, need: Any, **options: Any) -> Person:
        return await common.person_of(update, context)

    monkeypatch.setattr(votes_admin, "gate", no_gate)
    before = snapshot(sandbox)
    ana.mark_read()
    await ana.press_data(f"v1:votes:cancelok:{vote.id}", None)
    assert (await ana.next_message()).text == DENIED
    await sandbox.settle()
    assert ana.callback_answers[-1] == (None, False)  # the spinner stops
    assert not any("went wrong" in m.text for m in ana.inbox)
    assert snapshot(sandbox) == before
    stored = await sandbox.services.votes.get(vote.id)
    assert stored is not None and stored.state == "scheduled"


async def test_a_refusal_after_the_button_was_answered_comes_as_a_message(
    voters: Voters, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CSV handler answers the press before it exports; without its gates, the service
    still refuses a steward, and the refusal arrives in the chat. No file is sent."""
    sandbox, sam = voters.sandbox, voters.union.sam
    stored = await load_survey(sandbox)
    await seed_responses(sandbox, stored, [("Downey", "Therapist", 5)])
    closed = await close_survey(sandbox, stored)
    await sandbox.settle()

    async def no_gate(update: Any, context: Any, need: Any, **options: Any) -> Person:
        return await common.person_of(update, context)

    monkeypatch.setattr(surveys_chat, "gate", no_gate)
    before = snapshot(sandbox)
    sam.mark_read()
    await sam.press_data(f"v1:survey:csv:{closed.pk}")
    assert (await sam.next_message()).text == DENIED
    await sandbox.settle()
    assert sam.callback_answers[-1] == (None, False)  # the press itself was answered
    assert all(m.document is None for m in sam.inbox)
    assert snapshot(sandbox) == before


async def test_a_typed_step_is_gated_when_the_text_arrives(voters: Voters) -> None:
    """A leader asked to type a new FAQ question, demoted before typing it: refused, the
    step dropped, no entry added."""
    sandbox, lee = voters.sandbox, voters.union.lee
    services = sandbox.services
    await lee.send("/faqadmin")
    await lee.press("➕ Add an entry", await lee.next_message())
    await lee.wait_for(lambda m: m.force_reply)
    assert sandbox.application is not None
    assert "typing" in sandbox.application.user_data[lee.id]
    await services.roles.revoke("cli", await voters.union.member("L1"), Role.LEADER)
    lee.mark_read()
    await lee.send("Do we get strike pay?")
    assert (await lee.next_message()).text == DENIED
    await sandbox.settle()
    assert "typing" not in sandbox.application.user_data[lee.id]
    assert await services.faq.entries() == []
    assert "faq.add" not in [e.action for e in await services.audit.recent()]

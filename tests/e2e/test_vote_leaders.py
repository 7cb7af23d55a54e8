"""Leaders in chat: the /newvote wizard, /votes, cancelling, reminders, /vote for members."""

from __future__ import annotations

from storage.members import Role
from tests.e2e.voting import (
    Voters,
    ballot_message,
    cast,
    close_vote,
    create_vote,
    eventually,
    local,
    open_vote,
    received,
    run_job,
)


async def test_newvote_wizard_with_mistakes_preview_and_confirm(voters: Voters) -> None:
    sandbox, lee = voters.sandbox, voters.union.lee

    async def answer(text: str) -> str:
        await lee.send(text)
        return (await lee.next_message()).text

    assert "New vote" in await answer("/newvote")
    assert "in Spanish: type the question" in await answer("Authorize a <i>strike</i>?")
    assert lee.inbox[-1].reply_keyboard == [["Same as English"]]
    assert "type the question as text" in await answer("   ")
    assert "the options in English" in await answer("¿Autorizar una <i>huelga</i>?")
    assert "2 to 10 different options" in await answer("Only one")
    assert "which worksites" in await answer("Yes / No")
    assert "which classifications" in await answer("Downey\nIrvine")
    assert "when does voting open" in await answer("Everyone")
    assert "future date and time" in await answer("tomorrow-ish")
    assert "future date and time" in await answer(local(sandbox, -2))  # in the past
    # In the union's zone (Los Angeles) 02:30 on 2027-03-14 never happens, and 01:30 on
    # 2027-11-07 happens twice: each is refused, saying why, and the step is asked again.
    assert "the clocks go forward an hour then" in await answer("2027-03-14 02:30")
    assert "the clocks go back an hour then" in await answer("2027-11-07 01:30")
    assert "when does voting close" in await answer(local(sandbox, 1))
    assert "after the opening" in await answer(local(sandbox, 0))
    assert "what does the first option need" in await answer(local(sandbox, 30))
    assert "Majority or Two-thirds" in await answer("most")
    assert "quorum" in await answer("Two-thirds")
    assert "share like 50%" in await answer("many")
    assert "see the result" in await answer("50%")
    assert "tap one of the two" in await answer("perhaps")
    assert "who opens the count" in await answer("Yes, show members")
    assert "Please tap 🔑 Trustees or 🤖 The bot" in await answer("whoever")
    await lee.send("🤖 The bot, at close")
    assert "Preview" in (await lee.next_message()).text
    preview = await lee.next_message()
    assert "Count opened by: the bot, automatically at close" in preview.text
    assert "❓ Authorize a <i>strike</i>?" in preview.text  # escaped, shown as typed
    assert "Options: Yes / No" in preview.text
    spanish = preview.text.split("🌐 In Spanish:")[1]  # the leader checks the Spanish too
    assert "❓ ¿Autorizar una <i>huelga</i>?" in spanish and "Options: Sí / No" in spanish
    assert "Who votes: Downey, Irvine" in preview.text
    assert "at least two-thirds of ballots cast" in preview.text
    assert "Quorum: 50% of eligible members must vote" in preview.text
    assert await sandbox.services.votes.repo.recent() == []  # nothing until Confirm
    await lee.press("✅ Create the vote", preview)
    await lee.next_edit(preview)
    assert "Vote #1 is scheduled" in preview.text
    [vote] = await sandbox.services.votes.repo.recent()
    assert (vote.question, vote.worksites, vote.threshold_num, vote.threshold_den) == (
        {"en": "Authorize a <i>strike</i>?", "es": "¿Autorizar una <i>huelga</i>?"},
        ("Downey", "Irvine"),
        2,
        3,
    )
    # Confirming twice creates nothing more.
    await lee.press_data("v1:newvote:confirm", preview)
    await sandbox.settle()
    assert "draft is gone" in (lee.callback_answers[-1][0] or "")
    assert len(await sandbox.services.votes.repo.recent()) == 1
    [created] = await sandbox.services.audit.recent(action="vote.create")
    assert created.actor == f"tg:{lee.id}"


async def test_newvote_asks_for_the_options_in_spanish_too(voters: Voters) -> None:
    sandbox, lee = voters.sandbox, voters.union.lee

    async def answer(text: str) -> str:
        await lee.send(text)
        return (await lee.next_message()).text

    await answer("/newvote")
    await answer("Authorize a strike?")
    assert "the options in English" in await answer("Same as English")
    assert "in Spanish: the same 3 options in the same order" in await answer(
        "Strike now\nStrike in May\nNo strike"
    )
    assert lee.inbox[-1].reply_keyboard == [["Same as English"]]
    assert "exactly 3 options" in await answer("Huelga ya\nSin huelga")
    assert "2 to 10 different options" in await answer("Huelga ya\nhuelga ya\nSin huelga")
    assert "which worksites" in await answer("Huelga ya\nHuelga en mayo\nSin huelga")
    for text in (
        "Everyone",
        "Everyone",
        local(sandbox, 2),
        local(sandbox, 5),
        "Majority",
        "No quorum",
        "No, leaders only",
        "🤖 The bot, at close",
    ):
        await lee.send(text)
    preview = await received(lee, "Count opened by")
    assert "Options: Strike now / Strike in May / No strike" in preview.text
    assert "Options: Huelga ya / Huelga en mayo / Sin huelga" in preview.text
    await lee.press("✅ Create the vote", preview)
    await lee.next_edit(preview)
    [vote] = await sandbox.services.votes.recent()
    assert vote.question == {"en": "Authorize a strike?", "es": "Authorize a strike?"}
    assert vote.options == (
        {"en": "Strike now", "es": "Huelga ya"},
        {"en": "Strike in May", "es": "Huelga en mayo"},
        {"en": "No strike", "es": "Sin huelga"},
    )
    ballots = await open_vote(voters, vote, voters.ana, voters.lucia)
    await voters.lucia.press("🗳 Votar", ballots[voters.lucia])
    await voters.lucia.next_edit(ballots[voters.lucia])
    assert ballots[voters.lucia].buttons == [["Huelga ya"], ["Huelga en mayo"], ["Sin huelga"]]


async def test_a_spanish_speaking_leader_writes_spanish_first(voters: Voters) -> None:
    sandbox, iris = voters.sandbox, voters.union.iris
    member = await voters.union.member("S2")
    await sandbox.services.roles.grant("cli", member, Role.LEADER)
    await sandbox.services.members.set_language(member.id, "es")
    iris.mark_read()

    async def answer(text: str) -> str:
        await iris.send(text)
        return (await iris.next_message()).text

    assert "Escribe en español la pregunta" in await answer("/newvote")
    assert "Paso 1, en inglés" in await answer("¿Autorizas una huelga?")
    assert iris.inbox[-1].reply_keyboard == [["Igual que en español"]]
    assert "las opciones en español" in await answer("Do you authorize a strike?")
    assert "Paso 2, en inglés: las mismas 2 opciones" in await answer("Huelga ya\nNo")
    assert "qué centros de trabajo votan" in await answer("Strike now\nNo")
    for text in (
        "Todos los centros",
        "Todas las clasificaciones",
        local(sandbox, 2),
        local(sandbox, 5),
        "Mayoría",
        "Sin quórum",
        "No, solo el liderazgo",
        "🤖 El bot, al cerrar",
    ):
        await iris.send(text)
    preview = await received(iris, "Quién abre el recuento")
    assert "❓ ¿Autorizas una huelga?\nOpciones: Huelga ya / No" in preview.text
    assert "🌐 En inglés:\n❓ Do you authorize a strike?\nOpciones: Strike now / No" in preview.text
    await iris.press("✅ Crear la votación", preview)
    await iris.next_edit(preview)
    [vote] = await sandbox.services.votes.recent()
    assert vote.question == {"en": "Do you authorize a strike?", "es": "¿Autorizas una huelga?"}
    assert vote.options == ({"en": "Strike now", "es": "Huelga ya"}, {"en": "No", "es": "No"})


async def test_wizard_can_be_stopped_or_discarded(voters: Voters) -> None:
    lee = voters.union.lee
    await lee.send("/newvote")
    await lee.send("Strike?")
    await lee.send("/cancel")
    await received(lee, "Stopped. Nothing was created.")
    opens, closes = local(voters.sandbox, 2), local(voters.sandbox, 5)
    for text in (
        "/newvote",
        "Strike?",
        "Igual que en inglés",  # the leader's app switched language: either button works
        "Sí / No",
        "Todos",
        "Todos",
        opens,
        closes,
        "Majority",
        "No quorum",
        "No, leaders only",
        "🤖 El bot, al cerrar",
    ):
        await lee.send(text)
    preview = await received(lee, "Options: Sí / No")
    await lee.press("🗑 Discard", preview)
    await lee.next_edit(preview)
    assert "Discarded" in preview.text
    assert await voters.sandbox.services.votes.repo.recent() == []


async def test_votes_list_cancel_before_open_not_after(voters: Voters) -> None:
    sandbox, lee = voters.sandbox, voters.union.lee
    first = await create_vote(sandbox, question="First")
    second = await create_vote(sandbox, question="Second")
    await lee.send("/votes")
    listing = await lee.next_message()
    assert "#2 · scheduled" in listing.text and "#1 · scheduled" in listing.text
    await lee.press(f"#{second.id} ›", listing)
    await lee.next_edit(listing)
    assert "Vote #2" in listing.text and listing.buttons[0] == ["🚫 Cancel this vote"]
    await lee.press("🚫 Cancel this vote", listing)
    await lee.next_edit(listing)
    await lee.press("🚫 Yes, cancel it", listing)
    await lee.next_edit(listing)
    assert "Vote #2 — cancelled" in listing.text
    assert not await sandbox.services.scheduler.cancel("vote.open", str(second.id))  # gone
    # Once open, a vote cannot be cancelled, even with a forged button.
    await open_vote(voters, first, voters.ana)
    await lee.press_data(f"v1:votes:cancelok:{first.id}", listing)
    await sandbox.settle()
    assert "can't be cancelled or changed" in (lee.callback_answers[-1][0] or "")
    stored = await sandbox.services.votes.repo.get(first.id)
    assert stored is not None and stored.state == "open"
    actions = [e.action for e in await sandbox.services.audit.recent()]
    assert actions.count("vote.cancel") == 1


async def test_vote_command_and_reminders_reach_only_those_who_have_not_voted(
    voters: Voters,
) -> None:
    sandbox, ana, ben = voters.sandbox, voters.ana, voters.ben
    five_hours = int(sandbox.services.now().timestamp()) + 5 * 3600
    vote = await create_vote(sandbox, closes_at=five_hours)  # 24h reminder: before it opens
    ballots = await open_vote(voters, vote, ana, ben)
    await cast(sandbox, ana, ballots[ana], "Yes")
    ana.mark_read()
    await ana.send("/vote")
    assert "✅ You have voted." in (await ana.next_message()).text
    ben.mark_read()
    await ben.send("/vote")
    listing = await ben.next_message()
    assert listing.buttons == [["🗳 Vote in #1"]]
    pending = {j.key for j in await sandbox.services.scheduler.jobs.pending()}
    assert f"{vote.id}:7200" in pending and f"{vote.id}:86400" not in pending
    await run_job(sandbox, "vote.remind", f"{vote.id}:7200")
    reminder = await received(ben, "Reminder")
    assert reminder.buttons == [["🗳 Vote"]]
    await cast(sandbox, ben, await ballot_message(ben, vote.id), "No")
    await sandbox.settle()
    assert not any("Reminder" in m.text for m in ana.inbox)
    # Who was reminded (who had not voted by then) is not kept past the close.
    db = sandbox.services.db
    reminded = "SELECT COUNT(*) FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast "
    reminded += "WHERE b.kind = 'vote.remind'"

    async def reminder_sent() -> bool:
        state = await db.fetchval("SELECT state FROM broadcasts WHERE kind = 'vote.remind'")
        return bool(state == "done")

    await eventually(reminder_sent)
    assert await db.fetchval(reminded) == 5  # everyone on the roll but Ana
    await close_vote(voters, vote)
    assert await db.fetchval(reminded) == 0

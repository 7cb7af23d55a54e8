"""A vote in English and Spanish: each member takes the whole vote in their own language."""

from __future__ import annotations

import csv
import io

from bot.people import OPERATOR
from bot.votes.service import LoadOutcome
from sandbox import SimUser
from sandbox.users import SentMessage
from storage.members import Role
from tests.e2e.voting import (
    Voters,
    close_vote,
    local,
    open_vote,
    received,
    run_job,
)

QUESTION = {
    "en": "Do you authorize a strike over caseloads?",
    "es": "¿Autorizas una huelga por la carga de casos?",
}
DESCRIPTION = {
    "en": "A yes vote lets the bargaining team call a strike if talks fail.",
    "es": "Votar sí permite al equipo negociador convocar una huelga si fracasan las pláticas.",
}
YES = {"en": "Yes, authorize", "es": "Sí, autorizo"}
VOTE_FILE = """\
id: caseload-strike
question:
  en: {q[en]}
  es: {q[es]}
description:
  en: {d[en]}
  es: {d[es]}
options:
  - {{en: "{yes[en]}", es: "{yes[es]}"}}
  - No
opens_at: "{opens}"
closes_at: "{closes}"
threshold: majority
reminders: [24h]
"""
# What the vote's author wrote in English, and the bot's own English words around it:
# none of it may reach a Spanish-speaking member, and the Spanish none of the English.
ENGLISH = [
    QUESTION["en"],
    DESCRIPTION["en"],
    YES["en"],
    "Vote now",
    "Voting is open until",
    "You are voting",
    "Confirm my ballot",
    "Your ballot is in",
    "Reminder",
    "Result:",
    "The motion PASSED",
    "was counted in vote",
]
SPANISH = [QUESTION["es"], DESCRIPTION["es"], YES["es"], "Vota ya", "Vas a votar", "Resultado"]


class Seen:
    """Every text and button a member is shown, including each state of an edited message."""

    def __init__(self, user: SimUser) -> None:
        self.user = user
        self.start = len(user.inbox)
        self.screens: list[str] = []

    def look(self, message: SentMessage | None = None) -> str:
        shown = [message] if message is not None else self.user.inbox[self.start :]
        for m in shown:
            self.screens.append("\n".join([m.text, *(b for row in m.buttons for b in row)]))
        return self.screens[-1] if self.screens else ""

    def everything(self) -> str:
        self.look()
        return "\n".join(self.screens)


async def tap(user: SimUser, seen: Seen, message: SentMessage, button: str) -> str:
    await user.press(button, message)
    await user.next_edit(message)
    return seen.look(message)


async def test_each_member_takes_the_whole_vote_in_their_language(voters: Voters) -> None:
    sandbox, lee, lucia, ana = voters.sandbox, voters.union.lee, voters.lucia, voters.ana
    services = sandbox.services
    # Iris leads in Spanish: the leaders' result, buttons and CSV come in her language too.
    iris = await voters.union.member("S2")
    await services.roles.grant("cli", iris, Role.LEADER)
    await services.members.set_language(iris.id, "es")
    text = VOTE_FILE.format(
        q=QUESTION, d=DESCRIPTION, yes=YES, opens=local(sandbox, 1), closes=local(sandbox, 30)
    )
    loaded = await services.votes.load_file(text, "strike.yaml", OPERATOR)
    assert loaded.outcome is LoadOutcome.CREATED
    vote = loaded.vote
    watch = {lucia: Seen(lucia), ana: Seen(ana)}

    ballots = await open_vote(voters, vote, lucia, ana, voters.ben)
    # The announcement, through the delivery engine, in each member's language.
    announced = watch[lucia].look(ballots[lucia])
    assert f"Vota ya: {QUESTION['es']}" in announced and DESCRIPTION["es"] in announced
    assert ballots[lucia].buttons == [["🗳 Votar"]]
    assert f"Vote now: {QUESTION['en']}" in watch[ana].look(ballots[ana])
    assert DESCRIPTION["en"] in ballots[ana].text

    # A reminder to those who have not voted, in their language.
    await run_job(sandbox, "vote.remind", f"{vote.id}:86400")
    assert QUESTION["es"] in (await received(lucia, "Recordatorio")).text
    assert QUESTION["en"] in (await received(ana, "Reminder")).text

    # The ballot, its buttons, the confirmation and the receipt.
    shown = await tap(lucia, watch[lucia], ballots[lucia], "🗳 Votar")
    assert QUESTION["es"] in shown and DESCRIPTION["es"] in shown
    assert ballots[lucia].buttons == [["Sí, autorizo"], ["No"]]
    shown = await tap(lucia, watch[lucia], ballots[lucia], "Sí, autorizo")
    assert "Vas a votar Sí, autorizo. El voto no se puede cambiar. ¿Confirmas?" in shown
    assert ballots[lucia].buttons == [["✅ Confirmar mi voto"], ["↩️ Elegir de nuevo"]]
    shown = await tap(lucia, watch[lucia], ballots[lucia], "✅ Confirmar mi voto")
    assert "Tu voto quedó registrado." in shown and QUESTION["es"] in shown
    receipt = shown.split("Tu comprobante: ")[1].split()[0]

    await tap(ana, watch[ana], ballots[ana], "🗳 Vote")
    assert ballots[ana].buttons == [["Yes, authorize"], ["No"]]
    shown = await tap(ana, watch[ana], ballots[ana], "Yes, authorize")
    assert "You are voting Yes, authorize. Ballots cannot be changed. Confirm?" in shown
    shown = await tap(ana, watch[ana], ballots[ana], "✅ Confirm my ballot")
    assert "Your ballot is in." in shown and QUESTION["en"] in shown

    # /vote lists it in her language.
    await lucia.send("/vote")
    assert f"#{vote.id} {QUESTION['es']}\n✅ Ya votaste." in (await lucia.next_message()).text

    # The result, to members and leaders, each in their language.
    await close_vote(voters, vote)
    result = await received(lucia, "Resultado:")
    assert f"Resultado: {QUESTION['es']}" in result.text
    assert "Sí, autorizo\n▓▓▓▓▓▓▓▓▓▓ 100% (2)" in result.text
    assert "“Sí, autorizo” necesitaba más de la mitad" in result.text
    assert "La moción QUEDÓ APROBADA" in result.text
    english = await received(ana, "Result:")
    assert f"Result: {QUESTION['en']}" in english.text
    assert "Yes, authorize\n▓▓▓▓▓▓▓▓▓▓ 100% (2)" in english.text
    await lucia.send(f"/verify {receipt}")
    assert (
        f"se contó en la votación #{vote.id} ({QUESTION['es']})"
        in (await lucia.next_message()).text
    )

    # Leaders: Lee's copy in English, Iris's in Spanish, and her CSV export too.
    assert "Yes, authorize" in (await received(lee, "Result:")).text
    iris_user = voters.union.iris
    for_iris = await received(iris_user, "Resultado:")
    assert for_iris.buttons == [["🖼 Gráfica", "📄 Resultado CSV"], ["🧾 Comprobantes CSV"]]
    await iris_user.press("📄 Resultado CSV", for_iris)
    document = await iris_user.wait_for(lambda m: m.document is not None)
    assert document.document is not None
    rows = list(csv.reader(io.StringIO(document.document.content.decode())))
    assert [row[:4] for row in rows[1:3]] == [
        [str(vote.id), "Sí, autorizo", "2", "100%"],
        [str(vote.id), "No", "0", "0%"],
    ]

    # Nothing of the vote reached Lucía in English, nor Ana in Spanish.
    everything = watch[lucia].everything()
    assert [words for words in ENGLISH if words in everything] == []
    everything = watch[ana].everything()
    assert [words for words in SPANISH if words in everything] == []


async def test_the_default_options_are_si_and_no_in_spanish(voters: Voters) -> None:
    sandbox, lucia = voters.sandbox, voters.lucia
    text = (
        "id: plain\nquestion: Strike?\n"
        f'opens_at: "{local(sandbox, 1)}"\ncloses_at: "{local(sandbox, 3)}"\nthreshold: majority\n'
    )
    vote = (await sandbox.services.votes.load_file(text, "plain.yaml", OPERATOR)).vote
    ballots = await open_vote(voters, vote, lucia)
    await lucia.press("🗳 Votar", ballots[lucia])
    await lucia.next_edit(ballots[lucia])
    assert ballots[lucia].buttons == [["Sí"], ["No"]]
    await lucia.press("Sí", ballots[lucia])
    await lucia.next_edit(ballots[lucia])
    assert "Vas a votar Sí." in ballots[lucia].text

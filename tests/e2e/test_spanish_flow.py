"""A Spanish-speaking member's whole day with the bot: not one English word reaches her.

Lucía (roster language `es`, phone in Spanish) verifies, asks the FAQ and a steward, gets a
bargaining update, takes a survey, votes, and uses her controls. Every message, each of its
versions, every button and every button answer she is shown is checked against the English
catalog (tests/e2e/l10n.py): English catalog text, English labels, English-only words. Dates
she reads are Spanish ones; ISO times are for files and the command line.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.faq.loader import parse_faq
from bot.i18n import catalog, t, templates
from bot.people import OPERATOR
from bot.votes.definition import TWO_THIRDS, VoteDefinition
from sandbox import SimUser
from sandbox.harness import Sandbox
from sandbox.users import SentMessage
from tests.e2e.l10n import ISO_TIME, WHEN_ES, english_in, english_shown, everything_shown
from tests.e2e.membership import Union, approve_request_of, build_union, verify_by_contact
from tests.e2e.questions import FAQ
from tests.e2e.surveys import close_survey
from tests.e2e.voting import ballot_message, cast, received, run_job

SURVEY = """\
id: semana
title: {{en: Your week, es: Tu semana}}
intro: {{en: Two quick questions., es: Dos preguntas rápidas.}}
closes_at: {closes}
questions:
  - id: horas
    type: number
    text: {{en: "Protected hours a week?", es: "¿Horas protegidas por semana?"}}
    min: 0
    max: 40
    integer: false
    unit: {{en: hours, es: horas}}
  - id: espera
    type: single
    text: {{en: "Wait for a return visit?", es: "¿Espera para una cita de seguimiento?"}}
    options:
      - {{id: short, text: {{en: Under 2 weeks, es: Menos de 2 semanas}}}}
      - {{id: long, text: {{en: Over 2 weeks, es: Más de 2 semanas}}}}
"""


def es(key: str, **values: object) -> str:
    """A Spanish catalog text as the member sees it (plain, for button labels)."""
    return re.sub(r"<[^>]+>", "", t("es", key, **values))


async def shown(
    user: SimUser,
    match: Callable[[SentMessage], bool],
    timeout: float = 10.0,  # noqa: ASYNC109
) -> SentMessage:
    """The newest message in the chat that matches, now or once it arrives."""
    for _ in range(int(timeout / 0.05)):
        found = next((m for m in reversed(user.inbox) if match(m)), None)
        if found is not None:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"{user.name} was never shown a matching message")


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        union = await build_union(sandbox)
        await sandbox.services.faq.replace_all(parse_faq(FAQ))
        yield union


async def verify(union: Union) -> SimUser:
    sandbox = union.sandbox
    lucia = sandbox.user("Lucía", language_code="es")
    await lucia.send("/start")
    await lucia.share_contact("213-555-0166")
    await sandbox.settle()
    await approve_request_of(sandbox, lucia)
    await shown(lucia, lambda m: "Inicio" in m.text)
    return lucia


async def home_and_controls(union: Union, lucia: SimUser) -> None:
    sandbox = union.sandbox
    for command in ("/help", "/me", "/mute", "/unmute", "/cancel", "/hola", "/updates"):
        await lucia.send(command)
        await sandbox.settle()
    await lucia.send("/start")
    home = await shown(lucia, lambda m: bool(m.buttons) and "Inicio" in m.text)
    await lucia.press(es("button.my_details"), home)
    await sandbox.settle()
    await lucia.send("/language")
    await sandbox.settle()
    await lucia.press("Español")
    await sandbox.settle()
    sticker = {"file_id": "s1", "file_unique_id": "s1", "type": "regular", "width": 512}
    sticker |= {"height": 512, "is_animated": False, "is_video": False}
    await lucia.send_content({"sticker": sticker})
    await sandbox.settle()


async def questions(union: Union, lucia: SimUser) -> None:
    """The FAQ answers her in Spanish; a question it cannot answer goes to a steward."""
    sandbox, iris = union.sandbox, union.iris
    await lucia.send("¿Sigo teniendo seguro médico durante la huelga?")
    answer = await shown(lucia, lambda m: "cobertura médica" in m.text)
    await lucia.press("👍", answer)
    await sandbox.settle()
    await lucia.send("/faq")
    await sandbox.settle()
    await lucia.send("¿Podemos llevar perros a la cafetería?")
    await sandbox.settle()
    unknown = await shown(lucia, lambda m: m.find_button(es("faq.ask_steward")) is not None)
    await lucia.press(es("faq.ask_steward"), unknown)
    await shown(lucia, lambda m: "(consulta #1)" in m.text)
    card = await shown(iris, lambda m: "Ticket #1" in m.text and bool(m.buttons))
    await iris.press("✍️ Answer", card)
    prompt = await shown(iris, lambda m: m.force_reply)
    await iris.send("Solo perros de servicio.", reply_to=prompt)
    await shown(lucia, lambda m: "Solo perros de servicio" in m.text)
    await lucia.send("/mytickets")
    mine = await shown(lucia, lambda m: "toca una para verla" in m.text)
    await lucia.press("#1", mine)
    view = await shown(lucia, lambda m: "Tu consulta #1" in m.text)
    assert re.search(f"La hiciste el {WHEN_ES}", view.text), view.text


async def bargaining_update(union: Union, lucia: SimUser) -> None:
    """A leader (in English) sends an update; she reads it and taps Got it, in Spanish."""
    sandbox, lee = union.sandbox, union.lee
    await lee.send("/broadcast")
    await sandbox.settle()
    await lee.send_formatted("Asamblea el viernes a las 6 en el estacionamiento.")
    await sandbox.settle()
    for label in ("Next ➡", "Normal", "📤 Now", "✅ Confirm"):
        await lee.press(label)
        await sandbox.settle()
    update = await shown(lucia, lambda m: "Asamblea el viernes" in m.text)
    assert update.buttons == [[es("updates.got_it")]]
    await lucia.press(es("updates.got_it"), update)
    await sandbox.settle()
    await lucia.send("/updates")
    await sandbox.settle()
    latest = await shown(lucia, lambda m: "Asamblea el viernes" in m.text and m is not update)
    assert re.search(WHEN_ES, latest.text), latest.text


async def survey(union: Union, lucia: SimUser) -> None:
    sandbox = union.sandbox
    service = sandbox.services.surveys
    closes = datetime.now(sandbox.services.settings.tz) + timedelta(days=3)
    text = SURVEY.format(closes=closes.strftime("%Y-%m-%d %H:%M"))
    await service.store(service.parse(text, "semana.yaml"), OPERATOR)
    announce = await shown(lucia, lambda m: "Tu semana" in m.text and bool(m.buttons))
    assert "más o menos 1 minuto" in announce.text  # 2 questions: about a minute, in Spanish
    assert re.search(f"Abierta hasta el {WHEN_ES}", announce.text), announce.text
    await lucia.press(es("survey.start_button"), announce)
    intro = await shown(lucia, lambda m: "Dos preguntas rápidas" in m.text)
    assert "2 preguntas, abierta hasta el" in intro.text
    await shown(lucia, lambda m: "¿Horas protegidas por semana?" in m.text)
    await lucia.send("siete")
    refused = await shown(lucia, lambda m: "Eso no es un número" in m.text)
    assert "por ejemplo 7 o 7.5" in refused.text  # as Californians write it, not 7,5
    await lucia.send("7.5")
    question = await shown(lucia, lambda m: "¿Espera para una cita" in m.text)
    await lucia.press("Menos de 2 semanas", question)
    review = await lucia.next_edit(question)
    await lucia.press(es("survey.submit_button"), review)
    await shown(lucia, lambda m: "Recibimos tus respuestas" in m.text)
    await lucia.send("/surveys")
    await sandbox.settle()


async def vote(union: Union, lucia: SimUser) -> None:
    sandbox = union.sandbox
    now = int(sandbox.services.now().timestamp())
    definition = VoteDefinition(
        question="¿Autorizas una huelga?",
        options=("Sí", "No"),
        opens_at=now + 3600,
        closes_at=now + 7200,
        threshold=TWO_THIRDS,
    )
    created = await sandbox.services.votes.create(definition, OPERATOR)
    await run_job(sandbox, "vote.open", str(created.id))
    ballot = await ballot_message(lucia, created.id)
    assert re.search(f"La votación está abierta hasta el {WHEN_ES}", ballot.text), ballot.text
    receipt = await cast(sandbox, lucia, ballot, "Sí")
    await lucia.send("/vote")
    await sandbox.settle()
    await lucia.send(f"/verify {receipt}")
    await received(lucia, "está registrado")
    await run_job(sandbox, "vote.close", str(created.id))
    await received(lucia, "Resultado: ¿Autorizas una huelga?", timeout=10)


async def forget_me_not(union: Union, lucia: SimUser) -> None:
    await lucia.send("/forgetme")
    confirm = await shown(lucia, lambda m: m.find_button(es("forget.no")) is not None)
    await lucia.press(es("forget.no"), confirm)
    await union.sandbox.settle()


async def test_a_spanish_member_sees_no_english(union: Union) -> None:
    lucia = await verify(union)
    await home_and_controls(union, lucia)
    await questions(union, lucia)
    await bargaining_update(union, lucia)
    await survey(union, lucia)
    await vote(union, lucia)
    await forget_me_not(union, lucia)
    texts = [text for _, text in everything_shown(lucia)]
    assert len(texts) > 60  # the walk really went through the flows
    english = english_shown(lucia)
    assert not english, "English in Lucía's Spanish chat:\n" + "\n".join(
        f"- {where}: {text!r} → {hits}" for where, text, hits in english
    )
    iso = [text for text in texts if re.search(ISO_TIME, text)]
    assert not iso, f"ISO times shown to a person: {iso}"
    doubled = [text for text in texts if re.search(r"[ap]\.m\.\.", text)]
    assert not doubled, f"a date's period doubled: {doubled}"


async def test_a_spanish_speaking_leader_sees_no_english(union: Union) -> None:
    """Staff commands too: /help, survey results with their buttons, the votes list, the
    FAQ gaps and editor, the stewards' queue, the wizards' first steps, usage texts."""
    sandbox = union.sandbox
    # Spanish before anything is sent: the survey's announcement, which may arrive at any
    # moment below, must be in Spanish too.
    await sandbox.services.members.set_language((await union.member("L1")).id, "es")
    service = sandbox.services.surveys
    closes = datetime.now(sandbox.services.settings.tz) + timedelta(days=3)
    text = SURVEY.format(closes=closes.strftime("%Y-%m-%d %H:%M"))
    stored = await service.store(service.parse(text, "semana.yaml"), OPERATOR)
    await close_survey(sandbox, stored)
    await sandbox.services.votes.create(
        VoteDefinition(
            question={"en": "Strike?", "es": "¿Huelga?"},
            options=({"en": "Yes", "es": "Sí"}, "No"),
            opens_at=int(sandbox.services.now().timestamp()) + 3600,
            closes_at=int(sandbox.services.now().timestamp()) + 7200,
            threshold=TWO_THIRDS,
        ),
        OPERATOR,
    )
    lee = union.lee
    lee.inbox.clear()
    for command in (
        "/help",
        "/results",
        "/results semana",
        "/results semana nada",
        "/votes",
        "/votes agregar",
        "/faqgaps",
        "/faqadmin",
        "/tickets",
        "/scheduled",
        "/reach",
        "/pin",
        "/correct",
        "/retract",
        "/broadcast",
        "/cancel",
        "/newvote",
        "/cancel",
        "/status",
    ):
        await lee.send(command)
        await sandbox.settle()
    results = await shown(lee, lambda m: es("survey.button_charts") in str(m.buttons))
    for label in [label for row in results.buttons for label in row]:
        await lee.press(label, results)
        await sandbox.settle()
    votes = await shown(lee, lambda m: "#1 ›" in str(m.buttons))
    await lee.press("#1 ›", votes)
    await sandbox.settle()
    texts = [text for _, text in everything_shown(lee)]
    assert len(texts) > 30
    english = english_shown(lee)
    assert not english, "English in a Spanish leader's chat:\n" + "\n".join(
        f"- {where}: {text!r} → {hits}" for where, text, hits in english
    )


async def test_the_check_catches_english_in_a_spanish_chat(
    union: Union, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same check, with one Spanish text left untranslated: it is reported."""
    spanish = dict(catalog("es"))
    spanish["help.footer"] = catalog("en")["help.footer"]
    english = catalog("en")
    monkeypatch.setattr("bot.i18n.catalog", lambda lang: spanish if lang == "es" else english)
    lucia = union.sandbox.user("Lucía", language_code="es")
    await verify_by_contact(union.sandbox, lucia, "A4")
    await lucia.send("/help")
    await shown(lucia, lambda m: "Lo que puedes hacer aquí" in m.text)
    found = english_shown(lucia)
    assert [hits for _, _, hits in found] == [
        ["Questions? Just type them — or ask your steward", "steward", "your"]
    ], found
    assert english_in(t("en", "survey.thanks")) and not english_in(t("es", "survey.thanks"))
    # A receipt is a code, not words: "77IT" is not the English "it".
    assert not english_in("Tu comprobante: PZER-77IT-K3QD") and english_in("it is PZER-77IT")


# English texts too short for the check to tell from data ("Name: {value}", " at {worksite}"):
# the flow test cannot catch these left untranslated; keep the list short.
TOO_SHORT_TO_TELL = frozenset(
    {"faqgaps.unhelpful", "start.home_worksite", "review.title", "me.name", "me.worksite"}
    | {"me.classification", "me.role", "survey.res_groups", "survey.load_conditional"}
    | {"updates.scheduled_line", "vote.list.button"}
)


def test_the_check_knows_english_catalog_text_and_no_spanish() -> None:
    def fixed(template: str) -> str:
        return re.sub(r"\{[^}]*\}", " ", template)

    spanish = catalog("es")
    untold = {
        key
        for key, entry in catalog("en").items()
        for template in templates(entry)
        if template not in templates(spanish[key]) and not english_in(fixed(template))
    }
    assert untold <= TOO_SHORT_TO_TELL, sorted(untold - TOO_SHORT_TO_TELL)
    flagged = {
        key: english_in(fixed(template))
        for key, entry in spanish.items()
        for template in templates(entry)
        if english_in(fixed(template))
    }
    assert not flagged, flagged

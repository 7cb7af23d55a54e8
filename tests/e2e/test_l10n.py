"""Plurals, dates and numbers as members read them, through the real bot, in both languages."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.people import OPERATOR
from tests.e2e.l10n import ISO_TIME, WHEN_EN, WHEN_ES
from tests.e2e.voting import (
    Voters,
    ballot_message,
    cast,
    create_vote,
    received,
    run_job,
)

ONE_QUESTION = """\
id: uno
title: {{en: One thing, es: Una cosa}}
closes_at: {closes}
questions:
  - id: ok
    type: single
    text: {{en: "Enough breaks?", es: "¿Descansos suficientes?"}}
    options:
      - {{id: y, text: {{en: "Yes", es: "Sí"}}}}
      - {{id: n, text: {{en: "No", es: "No"}}}}
"""


async def test_one_question_survey_in_both_languages(voters: Voters) -> None:
    """'1 question', 'about 1 minute' — never '1 questions', 'unos 1 min'."""
    sandbox, ana, lucia = voters.sandbox, voters.ana, voters.lucia
    service = sandbox.services.surveys
    closes = datetime.now(sandbox.services.settings.tz) + timedelta(days=2)
    text = ONE_QUESTION.format(closes=closes.strftime("%Y-%m-%d %H:%M"))
    await service.store(service.parse(text, "uno.yaml"), OPERATOR)
    english = await received(ana, "One thing")
    spanish = await received(lucia, "Una cosa")
    assert "about 1 minute on your phone" in english.text
    assert re.search(f"Open until {WHEN_EN}\\.\n", english.text), english.text
    assert "más o menos 1 minuto en tu celular" in spanish.text
    assert re.search(f"Abierta hasta el {WHEN_ES}\n", spanish.text), spanish.text  # one period
    await ana.press("▶️ Start", english)
    await lucia.press("▶️ Empezar", spanish)
    intro_en = await received(ana, "1 question, open until")
    intro_es = await received(lucia, "1 pregunta, abierta hasta el")
    assert re.search(f"1 question, open until {WHEN_EN}\\.", intro_en.text)
    assert re.search(f"1 pregunta, abierta hasta el {WHEN_ES} Usa Atrás", intro_es.text)
    for message in (english, spanish, intro_en, intro_es):
        assert not re.search(ISO_TIME, message.text)


async def test_a_roll_of_one_and_its_dates_in_both_languages(voters: Voters) -> None:
    """Ben (English) and Lucía (Spanish) are each the only voter of their classification."""
    sandbox = voters.sandbox
    for user, classification, option in (
        (voters.ben, "Social Worker", "Yes"),
        (voters.lucia, "Psychiatric Nurse", "Sí"),
    ):
        options = ("Yes", "No") if option == "Yes" else ("Sí", "No")
        vote = await create_vote(sandbox, classifications=(classification,), options=options)
        assert vote.roll_size == 0  # the roll freezes when it opens
        await run_job(sandbox, "vote.open", str(vote.id))
        ballot = await ballot_message(user, vote.id)
        if option == "Yes":
            assert re.search(f"Voting is open until {WHEN_EN}\\.", ballot.text), ballot.text
        else:
            assert re.search(f"La votación está abierta hasta el {WHEN_ES} Tu voto", ballot.text)
        await cast(sandbox, user, ballot, option)
        await run_job(sandbox, "vote.close", str(vote.id))
    result_en = await received(voters.ben, "Result: ")
    result_es = await received(voters.lucia, "Resultado: ")
    assert "Ballots: 1 of 1 eligible member (100% turnout)" in result_en.text
    assert "Votos: 1 de 1 miembro con derecho a voto (100% de participación)" in result_es.text

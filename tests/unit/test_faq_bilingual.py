"""Cross-language matching: a Spanish question finds an English entry, and the reverse."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bot.faq.bilingual import build, english_words
from bot.faq.matcher import DEFAULT_PARAMS
from bot.faq.service import FaqService
from bot.faq.text import analyze
from storage.database import Database
from tests.unit.faqs import faq_from

# None of these words is in the lexicon: only the dictionary can join the two languages.
MIXED_FAQ = """\
- id: vacation-days
  question: "Can I take vacation days during bargaining?"
  answer: "Yes, approved vacation stays approved."
- id: union-dues
  question: "How are union dues collected?"
  answer: "Dues come out of each paycheck."
- id: coche
  language: es
  question: "¿Dónde dejo mi coche?"
  answer: "En el estacionamiento de la calle Main."
"""


@pytest.fixture
async def service(db: Database) -> FaqService:
    return await faq_from(db, MIXED_FAQ)


async def test_spanish_question_finds_english_entry(service: FaqService) -> None:
    decision = await service.ask("¿Puedo tomar vacaciones?", "es")
    assert decision.language == "es"
    assert decision.answer.shown[:1] == ("vacation-days",)


async def test_another_spanish_word_another_english_entry(service: FaqService) -> None:
    decision = await service.ask("¿cuánto es la cuota?", "es")
    assert decision.answer.shown[:1] == ("union-dues",)


async def test_english_question_finds_spanish_entry(service: FaqService) -> None:
    decision = await service.ask("where do I leave my car?", "en")
    assert decision.answer.shown[:1] == ("coche",)


async def test_english_words_are_not_translated(service: FaqService) -> None:
    # "car" read as English carries no Spanish-to-English translations of its own.
    (unit,) = analyze("car", "en")
    assert unit.terms == ("car",)


def test_inflected_spanish_word_uses_its_stem() -> None:
    assert english_words("coche")[0] == "car"
    assert english_words("coches")[0] == "car"  # plural, not in the dictionary itself
    assert english_words("zzzz") == ()


def test_translations_only_for_spanish() -> None:
    (spanish,) = analyze("vacaciones", "es")
    assert "vacat" in spanish.terms  # the English stem of "vacation"
    (english,) = analyze("vacaciones", "en")
    assert "vacat" not in english.terms


def _dictd(path: Path, title: str, body: str) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(f"00-database-info\nheader text\n{title} FreeDict Dictionary ver. 0.1\n{body}")


def test_build_reads_both_freedict_files(tmp_path: Path) -> None:
    _dictd(
        tmp_path / "freedict-spa-eng.dict.dz",
        "Spanish-English",
        "huelga /ˈwelɣa/\nstrike\nsalud /saˈluð/\n1. health, wellbeing\n2. cheers\n"
        "de nada /de ˈnaða/\nyou're welcome\n",
    )
    _dictd(
        tmp_path / "freedict-eng-spa.dict.dz",
        "English-Spanish",
        "walkout /wɔːkaut/\nhuelga, paro\nsick leave /sik liːv/\nbaja por enfermedad\n",
    )
    pairs = build(tmp_path)
    assert pairs["huelga"] == ["strike", "walkout"]
    assert pairs["salud"] == ["health", "wellbeing", "cheers"]
    assert pairs["paro"] == ["walkout"]
    assert "de nada" not in pairs  # phrases on either side are left out
    assert all(" " not in english for words in pairs.values() for english in words)


# A Spanish entry that shares a Spanish question's small words ("me dan", "la huelga")
# but not its subject.
SHARED_WORDS_FAQ = """\
- id: vacation-days
  question: "When do I get my vacation days during the strike?"
  answer: "Approved vacation days stay approved; they are paid when the strike ends."
- id: estacionamiento
  language: es
  question: "¿Dónde me dan estacionamiento en la huelga?"
  answer: "Cuando vengas a la huelga, te dan un lugar en el estacionamiento de la calle Main."
"""


async def test_spanish_small_words_do_not_outrank_the_english_subject(db: Database) -> None:
    # BM25 scores an entry in the question's own language on every shared word, one in
    # the other language only through translations: each language is compared with its
    # own best, so the subject ("vacaciones") decides. Scored on one scale, the parking
    # entry was answered outright.
    faq = await faq_from(db, SHARED_WORDS_FAQ)
    decision = await faq.ask("¿cuándo me dan las vacaciones de la huelga?", "es")
    assert decision.answer.shown[:1] == ("vacation-days",)


# Two different entries a short Spanish question touches equally, one in each language.
CLOSE_CALL_FAQ = """\
- id: strike-vote
  question: "How did the strike vote go?"
  answer: "Members voted to authorize a strike."
- id: votacion-contrato
  language: es
  question: "¿Cómo votamos el contrato?"
  answer: "Por boleta secreta en la asamblea."
"""


async def test_an_entry_in_the_other_language_is_a_rival_too(db: Database) -> None:
    service = await faq_from(db, CLOSE_CALL_FAQ)
    decision = await service.ask("¿y la votación?", "es")
    scores = dict(decision.answer.scores)
    assert abs(scores["strike-vote"] - scores["votacion-contrato"]) < DEFAULT_PARAMS.margin
    # Not a confident answer about either: both offered, the member picks.
    assert decision.kind == "suggest"
    assert set(decision.answer.shown) == {"strike-vote", "votacion-contrato"}


# "semana" and "quincena" have no English translation in the dictionary: only a Spanish
# entry can say them, and the English entry is about the question all the same.
UNTRANSLATED_FAQ = """\
- id: strike-pay
  question: "How much is strike pay?"
  answer: "Strike pay is $300 for each full week on the picket line."
- id: dia-de-pago
  language: es
  question: "¿La empresa paga por semana o por quincena?"
  answer: "La empresa paga cada quincena, los viernes, por depósito directo."
"""


async def test_words_no_dictionary_translates_do_not_count_against_english_entries(
    db: Database,
) -> None:
    service = await faq_from(db, UNTRANSLATED_FAQ)
    decision = await service.ask("el pago de huelga es por semana o por quincena?", "es")
    assert [u.bridged for u in decision.units if u.text in ("semana", "quincena")] == [
        False,
        False,
    ]
    assert decision.answer.candidates[0].entry_id == "strike-pay"
    assert decision.kind != "answer" or decision.entry.id == "strike-pay"


PAIRED_FAQ = """\
- id: strike-pay
  question: "How much is strike pay?"
  answer: "Strike pay is $100 for each completed picket shift."
  tags: [money]
- id: pago-de-huelga
  language: es
  translates: strike-pay
  question: "¿Cuánto es el pago de huelga?"
  answer: "El pago de huelga es de $100 por cada turno de piquete completo."
  tags: [money]
- id: pay-day
  question: "When is strike pay paid out?"
  answer: "Every Friday, for the shifts confirmed the week before."
  tags: [money]
"""


async def test_of_a_translated_pair_the_member_gets_their_own_language(db: Database) -> None:
    service = await faq_from(db, PAIRED_FAQ)
    spanish = await service.ask("cuanto pagan", "es")
    # The English entry ranks first; the answer is its Spanish side.
    assert spanish.answer.candidates[0].entry_id == "strike-pay"
    assert spanish.kind == "answer" and spanish.entry.id == "pago-de-huelga"
    # Suggested once, not as two buttons: the third slot goes to another entry.
    english = await service.ask("strike pay", "en")
    assert english.kind == "suggest"
    assert english.answer.shown == ("pay-day", "strike-pay")
    assert [e.id for e in await service.by_tag("money", "es")] == ["pago-de-huelga", "pay-day"]
    assert [e.id for e in await service.by_tag("money", "en")] == ["strike-pay", "pay-day"]
    assert await service.tags("es") == [("money", 2)]
    assert await service.by_tag("parking", "es") == []


async def test_half_a_pair_left_after_a_removal_answers_for_itself(db: Database) -> None:
    service = await faq_from(db, PAIRED_FAQ)
    await service.remove("strike-pay")  # as a leader deleting it in chat
    english = await service.ask("how much strike pay do we get", "en")
    assert english.answer.candidates[0].entry_id == "pago-de-huelga"
    assert english.kind == "answer" and english.entry.id == "pago-de-huelga"


async def test_a_corrected_typo_keeps_whether_it_has_a_translation(db: Database) -> None:
    service = await faq_from(db, UNTRANSLATED_FAQ)
    decision = await service.ask("el pago es por quinsena?", "es")
    (fixed,) = [u for u in decision.units if u.corrected]
    assert fixed.text == "quincena" and not fixed.bridged


async def test_topics_are_the_member_s_own_side_of_a_pair(db: Database) -> None:
    """The two sides of a pair under different topic names: a member sees the names of
    their own side, and any topic shows them the side in their language."""
    service = await faq_from(
        db, PAIRED_FAQ.replace("  tags: [money]\n- id: pay-day", "  tags: [dinero]\n- id: pay-day")
    )
    assert await service.tags("en") == [("money", 2)]
    assert await service.tags("es") == [("dinero", 1), ("money", 2)]
    assert await service.tags() == [("dinero", 1), ("money", 2)]  # every name, as tagged
    assert [e.id for e in await service.by_tag("money", "es")] == ["pago-de-huelga", "pay-day"]
    assert [e.id for e in await service.by_tag("dinero", "en")] == ["strike-pay"]
    assert [e.id for e in await service.by_tag("dinero", "es")] == ["pago-de-huelga"]

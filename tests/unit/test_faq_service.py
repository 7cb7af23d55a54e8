"""The FAQ service end to end on a real database: answer, suggest, unknown; edits reload."""

from __future__ import annotations

import pytest

from bot.faq.loader import parse_faq
from bot.faq.matcher import DEFAULT_PARAMS, MAX_SUGGESTIONS, Candidate, decide, rank
from bot.faq.service import FaqService
from storage.database import Database
from storage.faq import FaqEntry
from tests.unit.faqs import faq_from

SAMPLE_FAQ = """\
- id: strike-pay
  question: "How much strike pay do we get for a picket shift?"
  answer: "Strike pay is $100 for each completed four-hour picket shift."
  tags: [money]
- id: pay-day
  question: "When is strike pay paid out?"
  answer: "Every Friday, for the shifts confirmed the week before."
  tags: [money, schedule]
- id: picket-sites
  question: "Where are the picket lines?"
  answer: "Outside every clinic and medical center; see the Sites menu."
  tags: [picket, location]
- id: health-insurance
  question: "Do I keep my health insurance during the strike?"
  answer: "Medical and dental coverage continue to the end of the month."
  tags: [benefits]
- id: retaliation
  question: "How do I report retaliation for striking?"
  answer: "Tell a steward at once and write down what happened, when and who was there."
  tags: [rights]
- id: secret-ballot
  question: "Is my vote secret?"
  answer: "Yes. The ballot is stored with no link to you."
  tags: [voting, privacy]
- id: how-to-vote
  question: "How do I vote in the bot?"
  answer: "Press the button for your choice on the ballot message and confirm."
  tags: [voting]
- id: talk-to-press
  question: "What do I do if a reporter calls me?"
  answer: "Send reporters to the communications team."
  tags: [press]
- id: seguro
  language: es
  translates: health-insurance
  question: "¿Sigo teniendo seguro médico durante la huelga?"
  answer: "Sí, la cobertura médica sigue hasta el fin del mes."
  tags: [benefits]
"""


@pytest.fixture
async def service(db: Database) -> FaqService:
    return await faq_from(db, SAMPLE_FAQ)


async def test_the_question_itself_is_answered(service: FaqService) -> None:
    decision = await service.ask("Where are the picket lines?")
    assert decision.kind == "answer" and decision.entry.id == "picket-sites"
    assert decision.entry.answer.startswith("Outside every clinic")


async def test_synonyms_and_shorthand(service: FaqService) -> None:
    decision = await service.ask("my sup threatened to write me up for striking")
    assert decision.answer.candidates[0].entry_id == "retaliation"
    assert (await service.ask("where do we protest")).answer.candidates[0].entry_id == (
        "picket-sites"
    )


async def test_typos_are_tolerated(service: FaqService) -> None:
    decision = await service.ask("how do i reprot retalation")
    assert decision.kind == "answer" and decision.entry.id == "retaliation"
    assert any(u.corrected for u in decision.units)


async def test_spanish_question_finds_english_answer(service: FaqService) -> None:
    decision = await service.ask("¿cuánto pagan por turno de huelga?")
    assert decision.language == "es"
    assert decision.answer.candidates[0].entry_id == "strike-pay"


async def test_spanish_entry_preferred_for_spanish_question(service: FaqService) -> None:
    spanish = await service.ask("¿pierdo el seguro médico?", language="es")
    assert spanish.kind == "answer" and spanish.entry.id == "seguro"
    english = await service.ask("will I lose my medical insurance?", language="en")
    assert english.kind == "answer" and english.entry.id == "health-insurance"


@pytest.mark.parametrize(
    "text",
    ["what's the wifi password", "who won the game last night", "best tacos near here", "hi"],
)
async def test_out_of_scope_is_unknown(service: FaqService, text: str) -> None:
    decision = await service.ask(text)
    assert decision.kind == "unknown" and decision.entry is None and not decision.suggestions


async def test_partly_related_question_is_not_answered_confidently(service: FaqService) -> None:
    decision = await service.ask("where do i park at the medical center")
    assert decision.kind != "answer"


async def test_close_call_gets_suggestions(service: FaqService) -> None:
    decision = await service.ask("ballot")
    assert decision.kind == "suggest"
    ids = [e.id for e in decision.suggestions]
    assert set(ids) == {"secret-ballot", "how-to-vote"} and len(ids) <= MAX_SUGGESTIONS


async def test_edits_are_seen_immediately(service: FaqService) -> None:
    assert (await service.ask("what is the wifi password")).kind == "unknown"
    wifi = FaqEntry("wifi", "What is the wifi password at the union hall?", "It is on the wall.")
    assert await service.add(wifi)
    decision = await service.ask("what is the wifi password")
    assert decision.kind == "answer" and decision.entry.id == "wifi"
    assert await service.update(FaqEntry("wifi", "Union hall internet?", "Ask the front desk."))
    assert (await service.ask("union hall internet")).entry.answer == "Ask the front desk."
    assert await service.remove("wifi")
    assert (await service.ask("union hall internet")).kind == "unknown"


async def test_entries_from_an_older_analyzer_are_reindexed(db: Database) -> None:
    first = FaqService(db)
    await first.replace_all(parse_faq(SAMPLE_FAQ))
    await db.execute("UPDATE faq_entries SET title_terms = '', body_terms = '', terms_version = 0")
    fresh = FaqService(db)
    decision = await fresh.ask("Where are the picket lines?")
    assert decision.kind == "answer" and decision.entry.id == "picket-sites"
    assert await db.fetchval("SELECT COUNT(*) FROM faq_entries WHERE terms_version = 0") == 0


async def test_empty_faq_knows_nothing(db: Database) -> None:
    assert (await FaqService(db).ask("how much is strike pay")).kind == "unknown"


def test_decide_thresholds() -> None:
    def decision(*candidates: Candidate) -> str:
        return decide(rank(candidates)).kind

    strong = Candidate("a", 5.0, 1.0, 1.0, bm25_rel=1.0)
    assert decision(strong) == "answer"
    assert decision(strong, Candidate("b", 5.0, 1.0, 1.0, bm25_rel=1.0)) == "suggest"  # a tie
    # Matching only in the answer text is never an outright answer, but it is a suggestion.
    assert decision(Candidate("a", 9.0, 1.0, 0.0, bm25_rel=1.0)) == "suggest"
    assert decision(Candidate("a", 9.0, 0.0, 0.0)) == "unknown"  # nothing covered
    below = DEFAULT_PARAMS.answer_at - 0.1
    assert decision(Candidate("a", 9.0, below, below, bm25_rel=below)) == "suggest"
    assert decide([]).kind == "unknown"
    # an entry in the other language is a rival like any other
    close = Candidate("b", 5.0, 1.0, 1.0, language="es", bm25_rel=1.0)
    assert decision(strong, close) == "suggest"
    distant = Candidate("b", 5.0, 0.3, 0.3, language="es", bm25_rel=0.3)
    assert decision(strong, distant) == "answer"
    # at most MAX_SUGGESTIONS buttons, best first
    many = [Candidate(str(i), 5.0 - i, 0.5, 0.5, bm25_rel=1.0 - i / 10) for i in range(5)]
    offered = decide(rank(many)).suggestions
    assert list(offered) == ["0", "1", "2"][:MAX_SUGGESTIONS]


async def test_faq_loaded_by_another_process_is_picked_up(db: Database) -> None:
    running = FaqService(db)  # the bot
    await running.replace_all(parse_faq(SAMPLE_FAQ))
    assert (await running.ask("what is the wifi password at the union hall")).kind == "unknown"
    async with Database(db.path) as other:  # `unionbot faq load` in another process
        wifi = FaqEntry("wifi", "What is the wifi password at the union hall?", "On the wall.")
        await FaqService(other).add(wifi)
    decision = await running.ask("what is the wifi password at the union hall")
    assert decision.kind == "answer" and decision.entry.id == "wifi"


async def test_a_linked_wording_counts_only_for_questions_that_say_most_of_it(
    service: FaqService,
) -> None:
    chatty = (
        "hi so my manager called me at home about the picket schedule and my pay, "
        "is my vote in the bot secret"
    )
    await service.link("secret-ballot", chatty)
    # The member's own words again: the alternate stands for its entry.
    again = await service.ask(chatty)
    assert again.answer.candidates[0].entry_id == "secret-ballot"
    # A question sharing only a few of its words is not pulled to that entry.
    other = await service.ask("where are the picket lines")
    assert other.kind == "answer" and other.entry.id == "picket-sites"
    measured = await service.measure("where are the picket lines")
    ballot = next((c for c in measured.candidates if c.entry_id == "secret-ballot"), None)
    assert ballot is None or ballot.title_coverage == 0.0


LINKING_FAQ = """\
- id: strike-pay
  question: "How much is strike pay?"
  answer: "Strike pay is $300 a week, paid on Fridays at the union hall."
- id: picket-schedule
  question: "When are the picket shifts?"
  answer: "Shifts run 7-11 and 11-3 on weekdays; sign up with your site captain."
- id: health
  question: "Do I keep my health insurance?"
  answer: "Yes, the union pays the premiums during the strike."
"""


async def test_a_linked_wording_does_not_answer_for_another_entry(db: Database) -> None:
    # A wording linked to strike pay shares "when", "picket shifts" and "week" with a
    # question about the schedule. Its words weigh in BM25 like an answer's, not like the
    # entry's own title, and its small words not at all: weighed as title, strike pay was
    # answered outright (0.98 against 0.57).
    faq = await faq_from(db, LINKING_FAQ)
    await faq.link(
        "strike-pay", "hey so when do we get the money for all the picket shifts we do every week"
    )
    decision = await faq.ask("when are the picket shifts this week")
    assert decision.kind != "answer"
    assert "picket-schedule" in decision.answer.shown


async def test_no_outright_answer_when_the_heaviest_word_is_not_covered(
    service: FaqService,
) -> None:
    # "Parking" is a word this FAQ never uses: the question is about it, not picket lines.
    measured = await service.measure("where is parking for the picket lines")
    best = max(measured.candidates, key=lambda c: c.coverage)
    assert best.entry_id == "picket-sites" and not best.covers_focus
    assert (await service.ask("where is parking for the picket lines")).kind != "answer"
    covered = await service.measure("where are the picket lines")
    assert covered.candidates[0].covers_focus


def test_reverse_share_mixes_both_directions() -> None:
    one_way = Candidate("a", 1.0, 1.0, 1.0, phrasings=((1.0, 0.2),))
    assert one_way.title_match(DEFAULT_PARAMS.with_(reverse_share=0.0)) == 1.0
    assert one_way.title_match(DEFAULT_PARAMS.with_(reverse_share=0.5)) == pytest.approx(0.6)
    # The best phrasing wins, judged both ways.
    two = Candidate("a", 1.0, 1.0, 1.0, phrasings=((1.0, 0.2), (0.8, 1.0)))
    assert two.title_match(DEFAULT_PARAMS.with_(reverse_share=0.5)) == pytest.approx(0.9)
    assert Candidate("a", 1.0, 1.0, 0.7).title_match() == 0.7  # no phrasing figures


async def test_pairing_again_undoes_the_old_pair_whichever_side_named_it(
    service: FaqService,
) -> None:
    """seguro names health-insurance in the file; pairing health-insurance with a new
    Spanish entry frees seguro, and unpairing frees both sides."""
    assert service.translation("health-insurance") == "seguro"
    nuevo = FaqEntry(
        "seguro-nuevo", "¿Qué pasa con mi seguro?", "Sigue hasta el fin del mes.", language="es"
    )
    assert await service.add(nuevo)
    await service.pair("health-insurance", "seguro-nuevo")
    assert service.translation("health-insurance") == "seguro-nuevo"
    assert service.translation("seguro-nuevo") == "health-insurance"
    assert service.translation("seguro") is None
    assert [e.translates for e in await service.repo.all() if e.id == "seguro"] == [None]
    await service.pair("seguro-nuevo", None)
    assert service.translation("health-insurance") is None
    assert all(e.translates is None for e in await service.repo.all())

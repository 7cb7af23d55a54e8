"""Tuning: ranking mixes the tuning set cannot tell apart resolve to the middle of the grid."""

from __future__ import annotations

from bot.faq.evaluation import Case, measure_all, report_for, samples, tune
from storage.database import Database
from tests.unit.faqs import faq_from

# Every question names its entry's one distinctive word: any mix ranks it first.
EASY_FAQ = """\
- id: parking
  question: "Where is parking?"
  answer: "The north garage."
- id: badges
  question: "How do I replace a lost badge?"
  answer: "Ask security at the front desk."
- id: lockers
  question: "Can I rent a locker?"
  answer: "Yes, from the staff office."
"""


async def test_ties_go_to_the_middle_of_the_grid(db: Database) -> None:
    service = await faq_from(db, EASY_FAQ)
    cases = [
        Case("where do i park", "parking", 1),
        Case("lost my badge", "badges", 2),
        Case("locker rental", "lockers", 3),
        Case("is the cafeteria open", None, 4),
    ]
    items = samples(service, cases, await measure_all(service, cases))
    params = tune(items)
    # title_share 0.2-0.8, bm25_share 0-0.6, reverse_share 0-0.75, language_bonus 0-0.1:
    # the middles (the first of the two equally near 0.375).
    point = (params.title_share, params.bm25_share, params.reverse_share, params.language_bonus)
    assert point == (0.5, 0.3, 0.25, 0.05)
    report = report_for(items, params)
    assert report.ranked_first == 1.0
    assert report.wrong_answers == 0

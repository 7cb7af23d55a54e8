"""A small union with a small FAQ, for the question and ticket tests."""

from __future__ import annotations

from dataclasses import dataclass

from bot.faq.loader import parse_faq
from sandbox import SimUser
from sandbox.harness import Sandbox
from tests.e2e.membership import Union, build_union, verify_by_contact

FAQ = """\
- id: strike-pay
  question: "How much strike pay do we get for a picket shift?"
  answer: "Strike pay is $100 for each completed four-hour picket shift."
  tags: [money]
  alternates: ["¿Cuánto es el pago de huelga?"]
- id: pay-day
  question: "When is strike pay paid out?"
  answer: "Every Friday, for the shifts confirmed the week before."
  tags: [money]
- id: picket-sites
  question: "Where are the picket lines?"
  answer: "Outside every clinic and medical center."
  tags: [picket]
- id: health-insurance
  question: "Do I keep my health insurance during the strike?"
  answer: "Medical and dental coverage continue to the end of the month."
  tags: [benefits]
- id: retaliation
  question: "How do I report retaliation for striking?"
  answer: "Tell a steward at once and write down what happened, when and who was there."
  tags: [rights]
- id: seguro
  language: es
  translates: health-insurance
  question: "¿Sigo teniendo seguro médico durante la huelga?"
  answer: "Sí, la cobertura médica y dental sigue hasta el fin del mes."
  tags: [benefits]
"""


@dataclass
class Members:
    """The union of tests.e2e.membership, its FAQ loaded, and three verified members."""

    union: Union
    ana: SimUser  # Downey
    ben: SimUser  # Downey
    lucia: SimUser  # Irvine, phone in Spanish

    @property
    def sandbox(self) -> Sandbox:
        return self.union.sandbox


async def build_members(sandbox: Sandbox) -> Members:
    union = await build_union(sandbox)
    await sandbox.services.faq.replace_all(parse_faq(FAQ))
    people = Members(
        union,
        sandbox.user("Ana"),
        sandbox.user("Ben"),
        sandbox.user("Lucía", language_code="es"),
    )
    for user, member_id in ((people.ana, "A1"), (people.ben, "A2"), (people.lucia, "A4")):
        await verify_by_contact(sandbox, user, member_id)
        user.mark_read()
    for staff in (union.sam, union.iris, union.lee):
        staff.mark_read()
    return people

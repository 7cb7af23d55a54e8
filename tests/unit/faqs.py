"""An FAQ service loaded from YAML text, for the FAQ tests."""

from __future__ import annotations

from bot.faq.loader import parse_faq
from bot.faq.service import FaqService
from storage.database import Database


async def faq_from(db: Database, text: str) -> FaqService:
    """A FaqService over `db` holding the entries of an FAQ file's text."""
    service = FaqService(db)
    await service.replace_all(parse_faq(text))
    return service

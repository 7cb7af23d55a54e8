"""Telegram adapters, one module per feature; `register_all` wires them in order."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, TypeHandler

from handlers import (
    account,
    admin,
    broadcast,
    common,
    errors,
    fallback,
    faq,
    faqadmin,
    faqlink,
    home,
    roles,
    start,
    status,
    surveys,
    tickets,
    typed,
    updates,
    verify,
    vote_admin,
    vote_wizard,
    votes,
)


def register_all(application: Application) -> None:  # type: ignore[type-arg]
    """Membership state first, then feature handlers; the fallback replies last."""
    application.add_handler(TypeHandler(Update, common.enforce_membership), group=-100)
    features = (verify, start, home, account, roles, broadcast, updates, admin, surveys, errors)
    for feature in features:
        feature.register(application)
    status.register(application)
    for feature in (votes, vote_admin, vote_wizard):
        feature.register(application)
    # Ask-a-steward and the FAQ; `typed` takes plain text, so it goes just before the fallback.
    for feature in (tickets, faqadmin, faqlink, faq, typed):
        feature.register(application)
    fallback.register(application)

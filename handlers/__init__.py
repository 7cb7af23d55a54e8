"""Telegram adapters, one module per feature; `register_all` wires them in order."""

from __future__ import annotations

from telegram.ext import Application

from handlers import (
    account,
    admin,
    broadcast,
    errors,
    fallback,
    faq,
    faqadmin,
    home,
    roles,
    start,
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
    """Feature handlers first; the fallback replies last."""
    features = (verify, start, home, account, roles, broadcast, updates, admin, surveys, errors)
    for feature in features:
        feature.register(application)
    for feature in (votes, vote_admin, vote_wizard):
        feature.register(application)
    # Ask-a-steward and the FAQ; `typed` takes plain text, so it goes just before the fallback.
    for feature in (tickets, faqadmin, faq, typed):
        feature.register(application)
    fallback.register(application)

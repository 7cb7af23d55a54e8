"""Telegram adapters, one module per feature; `register_all` wires them in order."""

from __future__ import annotations

from telegram.ext import Application

from handlers import (
    account,
    admin,
    errors,
    fallback,
    roles,
    start,
    verify,
    vote_admin,
    vote_wizard,
    votes,
)


def register_all(application: Application) -> None:  # type: ignore[type-arg]
    """Feature handlers first; the fallback replies last."""
    for feature in (verify, start, account, roles, admin, votes, vote_admin, vote_wizard, errors):
        feature.register(application)
    fallback.register(application)

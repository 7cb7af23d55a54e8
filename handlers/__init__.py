"""Telegram adapters: one package per feature (membership, updates, votes, surveys, faq,
tickets) beside the pieces every feature shares; `register_all` wires them in order."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, TypeHandler

from handlers import admin, common, errors, fallback, home, start, status, typed
from handlers.faq import admin as faq_admin
from handlers.faq import answers as faq_answers
from handlers.faq import link as faq_link
from handlers.membership import account, roles, verify
from handlers.surveys import chat as surveys
from handlers.tickets import commands as tickets
from handlers.updates import compose as updates_compose
from handlers.updates import sent as updates_sent
from handlers.votes import admin as votes_admin
from handlers.votes import ballot as votes_ballot
from handlers.votes import wizard as votes_wizard


def register_all(application: Application) -> None:  # type: ignore[type-arg]
    """Membership state first, then feature handlers; the fallback replies last.

    The order matters where two handlers could take the same update: verification's deep
    links before /start, and `typed` (any plain text) just before the fallback.
    """
    application.add_handler(TypeHandler(Update, common.enforce_membership), group=-100)
    for feature in (
        verify,
        start,
        home,
        account,
        roles,
        updates_compose,
        updates_sent,
        admin,
        surveys,
        errors,
        status,
        votes_ballot,
        votes_admin,
        votes_wizard,
        tickets,
        faq_admin,
        faq_link,
        faq_answers,
        typed,
        fallback,
    ):
        feature.register(application)

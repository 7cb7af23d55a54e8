"""How tickets look: the stewards' card, the member's view, and their buttons.

Every text a member or steward typed goes through t(), which escapes it.
"""

from __future__ import annotations

from datetime import tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.i18n import Safe, format_when, t
from bot.long_text import shorten
from storage.members import Member
from storage.tickets import Ticket, TicketMessage

THREAD_BUDGET = 3000  # characters of thread text in one message (Telegram allows 4096)
SNIPPET = 60


def snippet(text: str) -> str:
    """The start of a text for one-line lists."""
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1] + "…"


def member_label(member: Member | None) -> str:
    """First name and last initial: enough for a steward to follow up, no more."""
    if member is None or not member.first_name:
        return "—"
    initial = f" {member.last_name[0]}." if member.last_name else ""
    return member.first_name + initial


def _recent(thread: list[TicketMessage]) -> tuple[int, list[TicketMessage]]:
    """The newest messages that fit the budget, and how many older ones were left out."""
    kept: list[TicketMessage] = []
    used = 0
    for message in reversed(thread):
        used += len(message.text)
        if kept and used > THREAD_BUDGET:
            break
        kept.append(message)
    return len(thread) - len(kept), kept[::-1]


def _lines(language: str, thread: list[TicketMessage], member_key: str, who: str) -> list[str]:
    left_out, recent = _recent(thread)
    lines = [t(language, "ticket.earlier", count=left_out)] if left_out else []
    for message in recent:
        steward = message.author_role == "steward"
        key = "ticket.line_steward" if steward else member_key
        name = (message.author_name or "—") if steward else who
        lines.append(t(language, key, name=name, text=message.text))
    return lines


def state_name(language: str, state: str) -> Safe:
    return t(language, f"ticket.state_{state}")


def steward_card(
    language: str, ticket: Ticket, thread: list[TicketMessage], who: str, tz: tzinfo
) -> Safe:
    """What stewards see: the ticket, who asked and when, and the thread."""
    head = t(
        language,
        "ticket.card_title",
        number=ticket.id,
        worksite=ticket.worksite or "—",
        state=state_name(language, ticket.state),
    )
    asked = format_when(language, ticket.created_at, tz)
    lines = [head, t(language, "ticket.card_from", name=who, when=asked), ""]
    lines += _lines(language, thread, "ticket.line_member", who)
    return shorten("\n".join(lines))  # a card is edited in place: one message, always


def steward_buttons(
    language: str, ticket: Ticket, thread: list[TicketMessage]
) -> InlineKeyboardMarkup | None:
    if ticket.state == "closed":
        return None
    rows = [[_button(language, "answer", ticket), _button(language, "close", ticket)]]
    if any(m.author_role == "steward" for m in thread):  # an answer exists to publish
        rows.append(
            [
                _button(language, "tofaq", ticket, "faq"),
                InlineKeyboardButton(
                    t(language, "faqlink.button_ticket"),
                    callback_data=pack("faqlnk", "pick", "t", ticket.id),
                ),
            ]
        )
    return InlineKeyboardMarkup(rows)


def _button(language: str, action: str, ticket: Ticket, label: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(
        t(language, f"ticket.button_{label or action}"),
        callback_data=pack("ticket", action, ticket.id),
    )


def member_view(language: str, ticket: Ticket, thread: list[TicketMessage], tz: tzinfo) -> Safe:
    """What the member sees of their own ticket, and when they asked it."""
    head = t(
        language,
        "ticket.mine_title",
        number=ticket.id,
        state=state_name(language, ticket.state),
        when=format_when(language, ticket.created_at, tz),
    )
    return shorten("\n".join([head, "", *_lines(language, thread, "ticket.line_you", "")]))


def member_buttons(language: str, ticket: Ticket) -> InlineKeyboardMarkup | None:
    if ticket.state == "closed":
        return None
    return InlineKeyboardMarkup(
        [[_button(language, "reply", ticket), _button(language, "close", ticket)]]
    )


def list_buttons(language: str, tickets: list[Ticket]) -> InlineKeyboardMarkup:
    """One 'view' button per ticket, two to a row."""
    buttons = [
        InlineKeyboardButton(
            t(language, "ticket.button_view", number=ticket.id),
            callback_data=pack("ticket", "view", ticket.id),
        )
        for ticket in tickets
    ]
    return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])

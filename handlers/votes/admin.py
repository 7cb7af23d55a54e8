"""Leaders run votes: /votes (list, cards, cancel, turnout, results, exports), /votes add."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.callbacks import pack, pattern, unpack
from bot.i18n import Safe, t
from bot.people import Person
from bot.runtime.context import BotContext
from bot.votes import messages
from bot.votes.service import VoteError
from handlers.common import gate, reply
from handlers.keywords import keyword
from handlers.long_replies import send_long
from handlers.votes.ballot import _edit
from storage.members import Role
from storage.votes import Vote

ACTIONS = {"list", "card", "cancel", "cancelok", "turnout", "result", "chart", "csv", "receipts"}
LISTED = 10


async def votes_command(update: Update, context: BotContext) -> None:
    """/votes: every recent vote with its state; /votes add VOTE MEMBER_ID adds to a roll."""
    person = await gate(update, context, Role.LEADER)
    if person is None:
        return
    args = context.args or []
    if args and keyword(args[0], "add"):
        await add_to_roll(update, context, person, args[1:])
        return
    text, keyboard = await listing(context, person.language)
    await reply(update, text, reply_markup=keyboard)


async def listing(context: BotContext, lang: str) -> tuple[Safe, InlineKeyboardMarkup | None]:
    votes = await context.services.votes.recent(LISTED)
    if not votes:
        return t(lang, "votes.none"), None
    tz = context.services.settings.timezone
    lines = [t(lang, "votes.list.title"), *(messages.listing_line(lang, v, tz) for v in votes)]
    buttons = [
        InlineKeyboardButton(f"#{v.id} ›", callback_data=pack("votes", "card", v.id)) for v in votes
    ]
    rows = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    return Safe("\n".join(lines)), InlineKeyboardMarkup(rows)


async def add_to_roll(update: Update, context: BotContext, person: Person, args: list[str]) -> None:
    lang = person.language
    if len(args) != 2 or not args[0].lstrip("#").isdigit():
        await reply(update, t(lang, "votes.add.usage"))
        return
    vote_id = int(args[0].lstrip("#"))
    try:
        member = await context.services.votes.add_to_roll(vote_id, args[1][:40], person)
    except VoteError as exc:
        await reply(update, t(lang, f"votes.error.{exc.reason}", member_id=args[1][:40]))
        return
    await reply(update, t(lang, "votes.add.done", member_id=member.member_id or "", number=vote_id))


def card_buttons(lang: str, vote: Vote) -> InlineKeyboardMarkup:
    """What a leader can do with a vote in its current state (nothing reveals a count early)."""
    rows: list[list[InlineKeyboardButton]] = []

    def button(key: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(t(lang, key), callback_data=pack("votes", action, vote.id))

    if vote.state == "scheduled":
        rows.append([button("votes.button.cancel", "cancel")])
    elif vote.state == "open" or vote.sealed:
        rows.append([button("votes.button.turnout", "turnout")])
    elif vote.state == "closed":
        rows.append(
            [button("votes.button.result", "result"), button("votes.button.chart", "chart")]
        )
        rows.append(
            [button("votes.button.csv", "csv"), button("votes.button.receipts", "receipts")]
        )
    rows.append(
        [InlineKeyboardButton(t(lang, "votes.button.all"), callback_data=pack("votes", "list", 0))]
    )
    return InlineKeyboardMarkup(rows)


async def on_votes_button(update: Update, context: BotContext) -> None:
    """A leader's vote button: re-check the role, the vote and its state every time."""
    query = update.callback_query
    assert query is not None
    person = await gate(update, context, Role.LEADER)
    if person is None:
        return
    lang = person.language
    data = unpack(query.data, "votes", ACTIONS)
    vote_id = data.int_arg() if data else None
    if data is None or vote_id is None:
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    if data.action == "list":
        await query.answer()
        text, keyboard = await listing(context, lang)
        await _edit(query, text, keyboard)
        return
    try:
        await _act(update, context, person, data.action, vote_id)
    except VoteError as exc:
        await query.answer(t(lang, f"votes.error.{exc.reason}", member_id=""), show_alert=True)


async def _act(
    update: Update, context: BotContext, person: Person, action: str, vote_id: int
) -> None:
    query = update.callback_query
    assert query is not None
    lang, votes = person.language, context.services.votes
    tz = context.services.settings.timezone
    chat = update.effective_chat
    assert chat is not None
    if action in ("card", "cancel", "cancelok"):
        vote = await votes.get(vote_id)
        if vote is None:
            raise VoteError("no_such_vote")
        if action == "cancelok":
            vote = await votes.cancel(vote_id, person)
        if action == "cancel":
            if vote.state != "scheduled":
                raise VoteError("cannot_cancel")
            keyboard = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            t(lang, "votes.cancel.yes"),
                            callback_data=pack("votes", "cancelok", vote_id),
                        ),
                        InlineKeyboardButton(
                            t(lang, "votes.cancel.no"), callback_data=pack("votes", "card", vote_id)
                        ),
                    ]
                ]
            )
            await query.answer()
            await _edit(query, t(lang, "votes.cancel.confirm", number=vote_id), keyboard)
            return
        await query.answer(
            t(lang, "votes.cancel.done", number=vote_id) if action == "cancelok" else None
        )
        text = messages.card(lang, vote, tz)
        status = await votes.trustee_status(vote) if vote.sealed else None
        if status is not None:
            text = Safe(f"{text}\n\n{messages.trustee_lines(lang, status)}")
        await _edit(query, text, card_buttons(lang, vote))
        return
    if action == "turnout":
        turnout = await votes.turnout(vote_id, person)
        vote = await votes.get(vote_id)
        assert vote is not None
        await query.answer()
        await chat.send_message(messages.turnout_text(lang, vote, turnout))
        return
    tally = await votes.result(vote_id, person)  # refused before close, to every role
    vote = await votes.get(vote_id)
    assert vote is not None
    if action == "result":
        await query.answer()
        await send_long(context.bot, chat.id, messages.result_text(lang, vote, tally))
    elif action == "chart":
        await query.answer()
        await votes.audit_export(vote_id, "chart", person)
        await chat.send_photo(messages.chart(lang, tally))
    else:
        what = "result" if action == "csv" else "receipts"
        text = await votes.export(vote_id, what, person, lang)
        await query.answer()
        document = InputFile(text.encode("utf-8"), filename=f"vote-{vote_id}-{what}.csv")
        await chat.send_document(document, caption=t(lang, f"votes.export.{what}", number=vote_id))


def register(application: Application) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("votes", votes_command, filters=private))
    application.add_handler(CallbackQueryHandler(on_votes_button, pattern=pattern("votes")))

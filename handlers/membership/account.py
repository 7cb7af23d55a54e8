"""A member's own controls: /me, /language, /mute, /unmute, /forgetme; blocking the bot."""

from __future__ import annotations

from telegram import ChatMemberUpdated, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    filters,
)

from bot.callbacks import pack, pattern, unpack
from bot.i18n import LANGUAGES, Safe, format_when, t
from bot.people import Person
from bot.runtime.context import BotContext
from handlers.common import VERIFIED, gate, person_of, reply

LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def describe_member(person: Person, worksites: list[str], tz: object) -> Safe:
    """Everything the bot stores about a member, in their language."""
    member, lang = person.member, person.language
    assert member is not None
    none = t(lang, "me.none")

    def line(key: str, value: object) -> str:
        return t(lang, key, value=value if value not in (None, "") else none)

    name = " ".join(p for p in (member.first_name, member.last_name) if p)
    verified = format_when(lang, member.verified_at or 0, tz, time_of_day=False)  # type: ignore[arg-type]
    lines = [
        t(lang, "me.title"),
        "",
        line("me.member_id", member.member_id),
        line("me.name", name),
        line("me.worksite", member.worksite),
        line("me.classification", member.classification),
        line("me.status", t(lang, f"status.{member.status}")),
        line("me.role", t(lang, f"role.{member.role}")),
    ]
    if worksites:
        lines.append(line("me.steward_of", ", ".join(worksites)))
    lines += [
        line("me.language", LANGUAGE_NAMES[lang]),
        line("me.muted", t(lang, "me.muted_yes" if member.muted else "me.muted_no")),
        line("me.verified", verified),
        t(lang, "me.phone"),
        "",
        t(lang, "me.footer"),
    ]
    return Safe("\n".join(lines))


async def me(update: Update, context: BotContext) -> None:
    """Show what the bot holds about me."""
    person = await gate(update, context, VERIFIED, refusal="me.not_verified")
    if person is None or person.member is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    worksites = await context.services.accounts.steward_worksites(person.member)
    await reply(update, describe_member(person, worksites, context.services.settings.tz))


async def language(update: Update, context: BotContext) -> None:
    """Offer English / Español as buttons."""
    person = await gate(update, context, VERIFIED)
    if person is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    buttons = [
        InlineKeyboardButton(LANGUAGE_NAMES[code], callback_data=pack("account", "lang", code))
        for code in LANGUAGES
    ]
    await reply(
        update, t(person.language, "language.choose"), reply_markup=InlineKeyboardMarkup([buttons])
    )


async def set_language(update: Update, context: BotContext) -> None:
    """A language button: store the choice and answer in the new language."""
    query = update.callback_query
    assert query is not None
    data = unpack(query.data, "account", {"lang"})
    person = await gate(update, context, VERIFIED, refusal="button.expired")
    if person is None or person.member is None:
        return
    choice = data.args[0] if data and data.args else None
    if choice not in LANGUAGES:
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    await context.services.accounts.set_language(person, choice)
    await query.answer()
    await query.edit_message_text(t(choice, "language.set"))


async def mute(update: Update, context: BotContext) -> None:
    """Pause non-urgent updates."""
    await _set_muted(update, context, True)


async def unmute(update: Update, context: BotContext) -> None:
    """Turn updates back on."""
    await _set_muted(update, context, False)


async def _set_muted(update: Update, context: BotContext, muted: bool) -> None:
    person = await gate(update, context, VERIFIED)
    if person is None or person.member is None:
        return
    await context.services.accounts.set_muted(person, muted)
    await reply(update, t(person.language, "mute.on" if muted else "mute.off"))


async def forget_me(update: Update, context: BotContext) -> None:
    """Ask for confirmation before deleting my personal data."""
    person = await gate(update, context, VERIFIED)
    if person is None:
        return
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(person.language, "forget.yes"), callback_data=pack("account", "forget")
                ),
                InlineKeyboardButton(
                    t(person.language, "forget.no"), callback_data=pack("account", "keep")
                ),
            ]
        ]
    )
    await reply(update, t(person.language, "forget.confirm"), reply_markup=buttons)


async def forget_answer(update: Update, context: BotContext) -> None:
    """Yes (delete now) or No on the /forgetme question."""
    query = update.callback_query
    assert query is not None
    data = unpack(query.data, "account", {"forget", "keep"})
    person = await person_of(update, context)
    if data is None or person.member is None:
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    await query.answer()
    if data.action == "keep":
        await query.edit_message_text(t(person.language, "forget.kept"))
        return
    await context.services.accounts.forget(person)
    context.application.drop_user_data(person.telegram_id)  # drafts kept for restarts
    await query.edit_message_text(t(person.language, "forget.done"))


async def on_my_chat_member(update: Update, context: BotContext) -> None:
    """A member blocked (or unblocked) the bot: stop (or resume) sending to them."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    blocked = change.new_chat_member.status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
    await context.services.accounts.set_reachable(change.from_user.id, not blocked)


def register(application: Application) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    for name, callback in (
        ("me", me),
        ("language", language),
        ("mute", mute),
        ("unmute", unmute),
        ("forgetme", forget_me),
    ):
        application.add_handler(CommandHandler(name, callback, filters=private))
    application.add_handler(CallbackQueryHandler(me, pattern=rf"{pattern('home')}me$"))
    application.add_handler(CallbackQueryHandler(language, pattern=rf"{pattern('home')}language$"))
    application.add_handler(
        CallbackQueryHandler(set_language, pattern=rf"{pattern('account')}lang")
    )
    application.add_handler(
        CallbackQueryHandler(forget_answer, pattern=rf"{pattern('account')}(forget|keep)$")
    )
    application.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))

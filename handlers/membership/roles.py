"""/promote: admins change someone's role in chat; menus follow the change."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.callbacks import pack, pattern, unpack
from bot.i18n import Safe, t
from bot.people import Person
from bot.roles import RoleChange, RoleError
from bot.runtime.context import BotContext
from bot.services import Services
from handlers.common import gate, not_on_roster_hint, reply
from handlers.keywords import keyword
from handlers.menus import refresh_menu
from storage.members import Member, Role


def _name(member: Member) -> str:
    return " ".join(p for p in (member.first_name, member.last_name) if p) or "—"


def _stewards(language: str, worksites: list[str]) -> Safe:
    if not worksites:
        return Safe("")
    return t(language, "promote.stewards", worksites=", ".join(worksites))


async def promote(update: Update, context: BotContext) -> None:
    """/promote MEMBER_ID [ROLE [WORKSITE]]: show the role buttons, or apply a typed role."""
    person = await gate(update, context, Role.ADMIN)
    if person is None:
        return
    services, lang, args = context.services, person.language, context.args or []
    if not args:
        await reply(update, t(lang, "promote.usage"))
        return
    try:
        member = await services.roles.find(args[0])
    except RoleError as exc:
        await reply(update, refusal(lang, exc))
        return
    if len(args) >= 2:
        role = keyword(args[1], *Role)
        if role is None:
            await reply(update, t(lang, "promote.usage"))
            return
        worksite = " ".join(args[2:]) or None
        await apply_role(update, context, person, member, Role(role), worksite)
        return
    worksites = await services.accounts.steward_worksites(member)
    buttons = [
        InlineKeyboardButton(
            t(lang, f"role.{role}"), callback_data=pack("role", "set", member.id, role)
        )
        for role in Role
    ]
    await reply(
        update,
        t(
            lang,
            "promote.card",
            name=_name(member),
            member_id=services.roles.label(member),
            worksite=member.worksite or "—",
            role=t(lang, f"role.{member.role}"),
            stewards=_stewards(lang, worksites),
        ),
        reply_markup=InlineKeyboardMarkup([buttons[:2], buttons[2:]]),
    )


async def on_role_button(update: Update, context: BotContext) -> None:
    """A role button: re-check the presser is an admin and the member exists, then apply."""
    query = update.callback_query
    assert query is not None
    person = await gate(update, context, Role.ADMIN)
    if person is None:
        return
    data = unpack(query.data, "role", {"set"})
    member_pk = data.int_arg() if data else None
    role = data.args[1] if data and len(data.args) == 2 else None
    member = await context.services.accounts.get(member_pk) if member_pk else None
    if member is None or role not in {r.value for r in Role}:
        await query.answer(t(person.language, "button.expired"), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await apply_role(update, context, person, member, Role(role), None)


async def apply_role(
    update: Update,
    context: BotContext,
    admin: Person,
    member: Member,
    role: Role,
    worksite: str | None,
) -> None:
    """Grant the role (audited), refresh the member's menu, and report."""
    services, lang = context.services, admin.language
    try:
        change = await services.roles.grant(admin.actor, member, role, worksite)
    except RoleError as exc:
        await reply(update, refusal(lang, exc))
        return
    await refresh_menu(context.bot, services, change.member)
    await reply(update, report(services, lang, change))


def refusal(language: str, error: RoleError) -> Safe:
    """Why the role cannot be given, in the admin's language."""
    values = dict(error.values)
    if "known" in values:  # an unknown worksite: say what was meant, if that is clear
        values["hint"] = not_on_roster_hint(language, str(values["name"]), values.pop("known"))
    if "role" in values:
        values["role"] = t(language, f"role.{values['role']}")
    return t(language, f"promote.error.{error.key}", **values)


def report(services: Services, language: str, change: RoleChange) -> Safe:
    key = "promote.done" if change.changed else "promote.unchanged"
    return t(
        language,
        key,
        name=_name(change.member),
        member_id=services.roles.label(change.member),
        role=t(language, f"role.{change.member.role}"),
        stewards=_stewards(language, change.worksites),
    )


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("promote", promote, filters=filters.ChatType.PRIVATE))
    application.add_handler(CallbackQueryHandler(on_role_button, pattern=rf"{pattern('role')}set:"))

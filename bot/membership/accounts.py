"""Members' accounts as the chat sees them: who is talking, their own settings, /forgetme,
and the roster's names the wizards offer. Handlers come here, never to the repository."""

from __future__ import annotations

from bot.i18n import pick_language
from bot.people import Person
from storage.audit import AuditLog
from storage.database import Database
from storage.members import Member, MembersRepository, Role


class AccountService:
    """One person's account, and the lists of members a handler needs to address."""

    def __init__(
        self, members: MembersRepository, audit: AuditLog, db: Database, default_language: str
    ) -> None:
        self.members = members
        self.audit = audit
        self.db = db
        self.default_language = default_language

    async def person(
        self, telegram_id: int, app_language: str | None, *, private: bool, in_chat: bool = True
    ) -> Person:
        """Who wrote: roles come from the database only, never from the client.

        From a chat (`in_chat`; an inline query has none) they can be written to again:
        a 403 had marked them unreachable. In a group they are answered in their app's
        language only: a stored choice would show the group that the bot knows them.
        """
        member = await self.members.by_telegram_id(telegram_id)
        if member is not None and not member.reachable and in_chat:
            await self.members.set_reachable(telegram_id, True)
        stored = member.language if member is not None and private else None
        language = pick_language(stored, app_language, self.default_language)
        return Person(telegram_id=telegram_id, language=language, member=member)

    async def by_telegram_id(self, telegram_id: int) -> Member | None:
        return await self.members.by_telegram_id(telegram_id)

    async def get(self, pk: int) -> Member | None:
        return await self.members.get(pk)

    async def steward_worksites(self, member: Member) -> list[str]:
        return await self.members.steward_worksites(member.id)

    async def with_role_at_least(self, role: Role) -> list[Member]:
        return await self.members.with_role_at_least(role)

    async def roster_names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(worksites, classifications) on the roster."""
        return await self.members.roster_names()

    async def worksites(self) -> list[str]:
        return await self.members.worksites()

    async def classifications(self) -> list[str]:
        return await self.members.classifications()

    # -- the person's own settings ---------------------------------------------------------

    async def set_language(self, person: Person, language: str) -> None:
        assert person.member is not None
        await self.members.set_language(person.member.id, language)

    async def set_muted(self, person: Person, muted: bool) -> None:
        assert person.member is not None
        await self.members.set_muted(person.member.id, muted)

    async def set_reachable(self, telegram_id: int, reachable: bool) -> None:
        """They blocked (or unblocked) the bot: stop (or resume) sending to them."""
        await self.members.set_reachable(telegram_id, reachable)

    async def forget(self, person: Person) -> None:
        """/forgetme: erase the member's personal data, audited without naming them, and
        leave no copy of the erased rows in the WAL."""
        assert person.member is not None
        await self.members.forget(person.member.id)
        await self.audit.record("forgotten", "member.forget")
        await self.db.checkpoint()

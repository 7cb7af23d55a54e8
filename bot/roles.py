"""Granting and revoking roles: admins only, always audited."""

from __future__ import annotations

from dataclasses import dataclass

from bot import names
from storage.audit import AuditLog
from storage.members import Member, MembersRepository, Role


class RoleError(Exception):
    """The change cannot be made. The message says why in English (the command line);
    `key` and `values` say it in chat, as the catalog entry `promote.error.<key>`."""

    def __init__(self, message: str, key: str, **values: object) -> None:
        super().__init__(message)
        self.key, self.values = key, values


@dataclass(frozen=True, slots=True)
class RoleChange:
    member: Member
    worksites: list[str]
    changed: bool


class RolesService:
    """Who may do what is stored here and nowhere else."""

    def __init__(self, members: MembersRepository, audit: AuditLog) -> None:
        self.members = members
        self.audit = audit

    async def find(self, identifier: str) -> Member:
        """A member by roster id, or `tg:<telegram id>` for staff not on the roster."""
        if identifier.startswith("tg:") and identifier[3:].isdigit():
            member = await self.members.by_telegram_id(int(identifier[3:]))
        else:
            member = await self.members.by_member_id(identifier)
        if member is None:
            raise RoleError(
                f"no member {identifier!r} (use a roster member_id or tg:<id>)",
                "unknown_member",
                member_id=identifier,
            )
        return member

    async def grant(
        self, actor: str, member: Member, role: Role, worksite: str | None = None
    ) -> RoleChange:
        """Give `member` the role; stewards are scoped to a worksite (their own by default)."""
        member = await self._fresh(member)
        if role is Role.STEWARD:
            if worksite:
                worksites, _ = await self.members.roster_names()
                try:
                    worksite = names.check(worksite, worksites)
                except names.UnknownName as exc:
                    raise RoleError(
                        str(exc), "unknown_worksite", name=exc.typed, known=exc.known
                    ) from None
            worksite = worksite or member.worksite
            if not worksite:
                raise RoleError(
                    "a steward needs a worksite: add --worksite W",
                    "needs_worksite",
                    member_id=self.label(member),
                )
        if member.role is Role.ADMIN and role is not Role.ADMIN:
            await self._keep_an_admin(member)
        before = (member.role, await self.members.steward_worksites(member.id))
        await self.members.set_role(member.id, role)
        if role is Role.STEWARD:
            assert worksite is not None
            await self.members.add_steward_worksite(member.id, worksite)
        elif role is Role.MEMBER:
            await self.members.remove_steward_worksites(member.id)
        return await self._result(actor, "role.grant", member, before, role=role, worksite=worksite)

    async def revoke(
        self, actor: str, member: Member, role: Role, worksite: str | None = None
    ) -> RoleChange:
        """Take a role away; for stewards, one worksite (the role goes with the last one)."""
        member = await self._fresh(member)
        if member.role is not role:
            raise RoleError(
                f"{self.label(member)} is not a {role} (they are a {member.role})",
                "not_that_role",
                member_id=self.label(member),
                role=role,
            )
        if role is Role.ADMIN:
            await self._keep_an_admin(member)
        before = (member.role, await self.members.steward_worksites(member.id))
        if role is Role.STEWARD and worksite:
            try:
                worksite = names.check(worksite, before[1], "steward worksite of theirs")
            except names.UnknownName as exc:
                raise RoleError(
                    str(exc), "unknown_worksite", name=exc.typed, known=exc.known
                ) from None
        await self.members.remove_steward_worksites(
            member.id, worksite if role is Role.STEWARD else None
        )
        if role is not Role.STEWARD or not await self.members.steward_worksites(member.id):
            await self.members.set_role(member.id, Role.MEMBER)
        return await self._result(
            actor, "role.revoke", member, before, role=role, worksite=worksite
        )

    async def _fresh(self, member: Member) -> Member:
        """Decide on the stored row, never on a copy that may be out of date."""
        stored = await self.members.get(member.id)
        if stored is None:
            raise RoleError(
                f"{self.label(member)} no longer exists", "gone", member_id=self.label(member)
            )
        return stored

    async def _keep_an_admin(self, member: Member) -> None:
        if await self.members.count_admins() <= 1:
            raise RoleError(
                f"{self.label(member)} is the last admin: make someone else admin first",
                "last_admin",
                member_id=self.label(member),
            )

    async def _result(
        self,
        actor: str,
        action: str,
        member: Member,
        before: tuple[Role, list[str]],
        **detail: object,
    ) -> RoleChange:
        updated = await self.members.get(member.id)
        assert updated is not None
        worksites = await self.members.steward_worksites(member.id)
        changed = (updated.role, worksites) != before
        if changed:
            await self.audit.record(actor, action, self.label(member), **detail)
        return RoleChange(updated, worksites, changed)

    @staticmethod
    def label(member: Member) -> str:
        """How the audit log and replies name a member: roster id, else Telegram id."""
        return member.member_id or f"tg:{member.telegram_id}"

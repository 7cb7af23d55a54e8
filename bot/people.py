"""Who is talking to the bot: their membership, role and language."""

from __future__ import annotations

from dataclasses import dataclass

from storage.members import Member, Role


class NotAllowed(PermissionError):
    """The person's role does not allow this action."""


@dataclass(frozen=True, slots=True)
class Person:
    """A Telegram user as the bot sees them; `member` is None for strangers."""

    telegram_id: int
    language: str
    member: Member | None
    operator: bool = False

    @property
    def role(self) -> Role | None:
        """What this person may do now: the one place membership state is turned into powers.

        Not linked, not verified, inactive (off the roster) or frozen (a disputed link
        move): None, no powers at all. Not in good standing (lapsed, suspended, ...):
        a member's powers only, whatever role is stored. Otherwise the stored role.
        """
        if self.operator:
            return Role.ADMIN
        member = self.member
        if member is None or member.verified_at is None or not member.active or member.frozen:
            return None
        if member.status != "good_standing":
            return Role.MEMBER
        return member.role

    @property
    def verified(self) -> bool:
        return self.role is not None

    @property
    def staff_only(self) -> bool:
        """Verified staff (ADMIN_IDS) who are not members: no vote, survey or ticket."""
        return self.verified and self.member is not None and self.member.staff_only

    @property
    def in_good_standing(self) -> bool:
        """A verified member in good standing: votes, surveys and tickets are theirs."""
        return self.verified and self.member is not None and self.member.in_good_standing

    def can(self, role: Role) -> bool:
        """True when this person's stored role is `role` or higher."""
        return self.role is not None and self.role.at_least(role)

    def require(self, role: Role) -> None:
        """Raise NotAllowed unless this person holds `role` or higher."""
        if not self.can(role):
            raise NotAllowed(f"needs role {role}")

    @property
    def actor(self) -> str:
        """How this person is named in the audit log."""
        return "cli" if self.operator else f"tg:{self.telegram_id}"


OPERATOR = Person(telegram_id=0, language="en", member=None, operator=True)
"""Whoever runs `unionbot` on the server: every power (they hold the database and the keys
anyway), named `cli` in the audit log. Services take a `Person` for every action and
check it; the command line passes OPERATOR, never None."""

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

    @property
    def role(self) -> Role | None:
        """The stored role of a verified person, else None."""
        if self.member is None or self.member.verified_at is None:
            return None
        return self.member.role

    @property
    def verified(self) -> bool:
        return self.role is not None

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
        return f"tg:{self.telegram_id}"

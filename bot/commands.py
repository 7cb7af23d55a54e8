"""The bot's commands: one table drives /help and the per-role command menus."""

from __future__ import annotations

from dataclasses import dataclass

from storage.members import Role


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command and the lowest role that may use it (None: anyone)."""

    name: str
    role: Role | None = Role.MEMBER

    @property
    def description_key(self) -> str:
        return f"cmd.{self.name}"


COMMANDS: tuple[Command, ...] = (
    Command("start", None),
    Command("help", None),
    Command("verify", None),  # membership before verifying, a ballot receipt after
    Command("updates"),
    Command("me"),
    Command("language"),
    Command("mute"),
    Command("unmute"),
    Command("forgetme"),
    Command("vote"),
    Command("surveys"),
    Command("cancel", None),
    Command("broadcast", Role.STEWARD),
    Command("scheduled", Role.STEWARD),
    Command("reach", Role.STEWARD),
    Command("correct", Role.LEADER),
    Command("retract", Role.LEADER),
    Command("pin", Role.LEADER),
    Command("unpin", Role.LEADER),
    Command("ask"),
    Command("mytickets"),
    Command("faq"),
    Command("tickets", Role.STEWARD),
    Command("faqadmin", Role.LEADER),
    Command("faqgaps", Role.STEWARD),
    Command("stewardgroup", Role.ADMIN),
    Command("votes", Role.LEADER),
    Command("newvote", Role.LEADER),
    Command("results", Role.STEWARD),
    Command("promote", Role.ADMIN),
    Command("status", Role.ADMIN),
    Command("backup", Role.ADMIN),
)


def commands_for(role: Role | None) -> list[Command]:
    """Commands a person with `role` (None: not verified) may use, in menu order."""
    return [c for c in COMMANDS if c.role is None or (role is not None and role.at_least(c.role))]

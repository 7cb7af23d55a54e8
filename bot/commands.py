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
    # Members' everyday commands first (menus and /help keep this order), then staff's by role.
    Command("start", None),
    Command("help", None),
    Command("verify", None),  # membership before verifying, a ballot receipt after
    Command("vote"),
    Command("surveys"),
    Command("updates"),
    Command("ask"),
    Command("mytickets"),
    Command("faq"),
    Command("me"),
    Command("language"),
    Command("mute"),
    Command("unmute"),
    Command("forgetme"),
    Command("cancel", None),
    Command("broadcast", Role.STEWARD),
    Command("scheduled", Role.STEWARD),
    Command("reach", Role.STEWARD),
    Command("tickets", Role.STEWARD),
    Command("faqgaps", Role.STEWARD),
    Command("results", Role.STEWARD),
    Command("votes", Role.LEADER),
    Command("newvote", Role.LEADER),
    Command("correct", Role.LEADER),
    Command("retract", Role.LEADER),
    Command("pin", Role.LEADER),
    Command("unpin", Role.LEADER),
    Command("faqadmin", Role.LEADER),
    Command("promote", Role.ADMIN),
    Command("stewardgroup", Role.ADMIN),
    Command("status", Role.ADMIN),
    Command("backup", Role.ADMIN),
)


def commands_for(role: Role | None) -> list[Command]:
    """Commands a person with `role` (None: not verified) may use, in menu order."""
    return [c for c in COMMANDS if c.role is None or (role is not None and role.at_least(c.role))]


STAFF_ROLES = (Role.STEWARD, Role.LEADER, Role.ADMIN)


def help_groups(role: Role | None) -> list[tuple[str, list[Command]]]:
    """/help's sections for `role`, each (name, commands), only those the role reaches.

    'you' first: members' own commands, then everyone's (not /help itself, which was just
    typed); then 'steward', 'leader' and 'admin', each with the commands that role adds.
    """
    allowed = [c for c in commands_for(role) if c.name != "help"]
    groups = [
        ("you", [c for c in allowed if c.role is Role.MEMBER] + [c for c in allowed if not c.role])
    ]
    for staff in STAFF_ROLES:
        added = [c for c in allowed if c.role is staff]
        if added:
            groups.append((staff.value, added))
    return groups

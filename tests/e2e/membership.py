"""A small union for membership tests: a roster, a steward and a leader already on board."""

from __future__ import annotations

from dataclasses import dataclass

from bot.membership.roster import import_roster, parse_roster
from sandbox import SimUser
from sandbox.harness import SANDBOX_SECRET, Sandbox
from storage.members import Member, Role

ROSTER = """member_id,first_name,last_name,phone,worksite,classification,status,language
A1,Ana,Reyes,(213) 555-0142,Downey,Psychologist,good_standing,
A2,Ben,Okafor,213-555-0199,Downey,Social Worker,good_standing,
A3,Cy,Lapsed,213-555-0177,Downey,Therapist,lapsed,
A4,Lucía,García,213-555-0166,Irvine,Psychiatric Nurse,good_standing,es
S1,Sam,Steward,213-555-0101,Downey,Therapist,good_standing,
S2,Iris,Steward,213-555-0102,Irvine,Therapist,good_standing,
L1,Lee,Leader,213-555-0103,Irvine,Psychologist,good_standing,
"""
PHONES = {"A1": "+1 213 555 0142", "A2": "2135550199", "A3": "12135550177", "A4": "2135550166"}


@dataclass
class Union:
    sandbox: Sandbox
    sam: SimUser  # steward, Downey
    iris: SimUser  # steward, Irvine
    lee: SimUser  # leader

    async def member(self, member_id: str) -> Member:
        member = await self.sandbox.services.members.by_member_id(member_id)
        assert member is not None
        return member


async def onboard_staff(sandbox: Sandbox, user: SimUser, member_id: str, role: Role) -> None:
    """Link a staff member and give them their role, as an admin would from the server."""
    services = sandbox.services
    member = await services.members.by_member_id(member_id)
    assert member is not None
    await services.members.link(member.id, user.id)
    await services.roles.grant("cli", member, role)
    await user.send("/start")  # staff have talked to the bot before
    await sandbox.settle()
    user.mark_read()


async def build_union(sandbox: Sandbox) -> Union:
    services = sandbox.services
    await import_roster(services.roster, parse_roster(ROSTER, SANDBOX_SECRET))
    union = Union(sandbox, sandbox.user("Sam"), sandbox.user("Iris"), sandbox.user("Lee"))
    await onboard_staff(sandbox, union.sam, "S1", Role.STEWARD)
    await onboard_staff(sandbox, union.iris, "S2", Role.STEWARD)
    await onboard_staff(sandbox, union.lee, "L1", Role.LEADER)
    return union


async def verify_by_contact(sandbox: Sandbox, user: SimUser, member_id: str) -> None:
    """The usual way in: /start, Share my phone number, and a steward taps Approve."""
    await user.send("/start")
    await user.share_contact(PHONES[member_id])
    await sandbox.settle()
    await approve_request_of(sandbox, user)


async def approve_request_of(sandbox: Sandbox, user: SimUser) -> None:
    """The first reviewer shown `user`'s pending request approves it in their chat."""
    services = sandbox.services
    request = await services.verification.requests.pending_for(user.id)
    assert request is not None, f"{user.name} has no pending verification request"
    shown = await services.verification.requests.messages(request.id)
    assert shown, f"request {request.id} was shown to nobody"
    reviewers = {m.telegram_id: m for m in await services.verification.reviewers(request)}
    chat_id, message_id = next(
        ((c, m) for c, m in shown if c in reviewers and reviewers[c].role is not Role.MEMBER),
        shown[0],
    )
    reviewer = sandbox.emulator.world.users[chat_id]
    message = reviewer.bot_message(message_id)
    assert message is not None
    await reviewer.press("✅ Approve", message)
    await sandbox.settle()
    for shown_to, _ in shown:  # every copy of the request now says who approved it
        sandbox.emulator.world.users[shown_to].mark_read()


async def crowd(sandbox: Sandbox, count: int, worksite: str = "Downey") -> list[SimUser]:
    """`count` verified members who have talked to the bot before (for bulk sending tests)."""
    rows = "\n".join(f"C{n:04d},Member{n},Crowd,,{worksite},Therapist,," for n in range(count))
    roster = parse_roster(
        f"member_id,first_name,last_name,phone,worksite,classification,status,language\n{rows}\n",
        SANDBOX_SECRET,
    )
    await import_roster(sandbox.services.roster, roster)
    users = []
    for n in range(count):
        user = sandbox.user(f"Member{n}")
        user.started = True  # they opened the bot some time ago
        member = await sandbox.services.members.by_member_id(f"C{n:04d}")
        assert member is not None
        await sandbox.services.members.link(member.id, user.id)
        users.append(user)
    return users

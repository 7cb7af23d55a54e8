"""`unionbot demo`: the real bot on the local emulator, playing a short scene.

The scene grows with every feature; each step is what a member, steward or leader
would do on their phone.
"""

from __future__ import annotations

import asyncio
import logging
import re
import tempfile
from datetime import timedelta
from importlib import resources
from pathlib import Path

from bot.faq.loader import parse_faq
from bot.membership.roster import import_roster, parse_roster
from sandbox.harness import SANDBOX_SECRET, Sandbox
from sandbox.users import SimUser
from sandbox.vote_demo import play_vote

ADMIN_ID = 7001
ROSTER = """member_id,first_name,last_name,phone,worksite,classification,status,language
10001,Ana,Reyes,(213) 555-0142,Downey Medical Center,Psychologist,good_standing,
10002,Ben,Okafor,213-555-0199,Downey Medical Center,Clinical Social Worker,good_standing,
10003,Lucía,García,+1 213 555 0166,Irvine Medical Center,Psychiatric Nurse,good_standing,es
10005,Sam,Morales,213.555.0101,Downey Medical Center,Addiction Counselor,good_standing,
10006,Dev,Patel,,Irvine Medical Center,Psychologist,good_standing,
"""
FAQ = """\
- id: strike-pay
  question: "How much strike pay do we get for a picket shift?"
  answer: "Strike pay is $100 for each completed four-hour picket shift, paid every Friday."
  tags: [money]
"""


UPDATE = (
    "<b>Tentative agreement on workload!</b> 7 protected hours a week for patient care. "
    "Ratification vote next week."
)


async def run_demo() -> str:
    """Play the scene on a throwaway database and return the transcript."""
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="unionbot-demo-") as folder:
        async with Sandbox(Path(folder), admin_ids=(ADMIN_ID,)) as sandbox:
            services = sandbox.services
            await import_roster(services.roster, parse_roster(ROSTER, SANDBOX_SECRET))
            rosa = sandbox.user("Rosa", last_name="Chair", user_id=ADMIN_ID)
            sam = sandbox.user("Sam", last_name="Morales")
            ana = sandbox.user("Ana", last_name="Reyes")
            ben = sandbox.user("Ben", last_name="Okafor")
            lucia = sandbox.user("Lucía", language_code="es")
            dev = sandbox.user("Dev", last_name="Patel")

            async def step(user: SimUser, action: str, *args: str) -> None:
                await getattr(user, action)(*args)
                await sandbox.settle()

            # The union's admin makes Sam a steward (as with `unionbot roles grant`).
            await step(rosa, "send", "/start")
            await step(sam, "share_contact", "213.555.0101")
            await step(rosa, "press", "✅ Approve")
            await step(rosa, "send", "/promote 10005 steward")
            # Ana shares her own phone number; her steward confirms her.
            await step(ana, "send", "/start")
            await step(ana, "share_contact", "(213) 555-0142")
            await step(sam, "press", "✅ Approve")
            await step(ana, "send", "/me")
            # Ben's phone changed: he uses his member ID, and Sam vouches for him.
            await step(ben, "share_contact", "+1 310 555 0000")
            for text in ("🪪 Use my member ID", "10002", "Okafor"):
                await step(ben, "send", text)
            await step(sam, "press", "✅ Approve")
            # Lucía's phone is in Spanish.
            await step(lucia, "send", "/start")
            await step(lucia, "share_contact", "+1 213 555 0166")
            await step(rosa, "press", "✅ Approve")  # Irvine has no steward yet: the admin
            await step(rosa, "send", "/backup")
            await step(ana, "send", "/strike")
            # Ana asks the FAQ; then something it doesn't know, which goes to Sam.
            await services.faq.replace_all(parse_faq(FAQ))
            await step(ana, "send", "How much strike pay do we get?")
            await step(ana, "send", "Can I bring my kids to the picket line?")
            await step(ana, "press", "🙋 Ask a steward")
            await step(sam, "press", "✍️ Answer")
            await step(sam, "send", "Yes! There's a family tent with snacks at the main gate.")
            # Sam sends a bargaining update to his worksite; members get it and tap Got it.
            await step(sam, "send", "/broadcast")
            await step(sam, "send_formatted", UPDATE)
            for button in ("Next ➡", "Normal", "📤 Now", "✅ Confirm"):
                await step(sam, "press", button)
            report = sam.inbox[-1]
            for _ in range(300):  # the delivery engine works in the background
                if report.text.startswith("📬"):
                    break
                await asyncio.sleep(0.1)
            await step(ana, "press", "✅ Got it")
            # A strike-authorization vote (its opening and closing timers are run at once).
            ballots = [(ana, "Yes"), (ben, "Yes"), (lucia, "Sí"), (sam, "No")]  # in her language
            await play_vote(sandbox, rosa, ballots)
            # Dev joins after the vote opened, with an invite link from the server.
            [code] = await services.verification.create_invites(
                member_id="10006",
                worksite=None,
                count=1,
                lifetime=timedelta(days=1),
                created_by="cli",
            )
            await step(dev, "send", f"/start {code}")
            await survey_scene(sandbox, rosa, [sam, ana, ben, lucia, dev])
            return sandbox.emulator.render_transcript()


# Shipped in the wheel (package data), so the demo runs from an installed package too.
WORKLOAD = resources.files("bot") / "examples" / "surveys" / "workload.yaml"
# Typed answers, and [buttons] pressed: protected hours, off-clock hours, caseload, wait,
# intent to leave, then the follow-ups it shows (main reason, 7 hours) and the comment.
TAKERS = [
    [
        "2",
        "10",
        "140",
        "[4–8 weeks]",
        "[4]",
        "[Workload / caseload]",
        "[Yes — I'd likely stay]",
        "[Skip ▶️]",
    ],
    [
        "0",
        "6",
        "95",
        "[More than 8 weeks]",
        "[5]",
        "[No time for patient care]",
        "[Maybe]",
        "I write notes at night, unpaid.",
    ],
    ["1.5", "8", "120", "[2–4 weeks]", "[2]", "[Skip ▶️]"],
    [
        "3",
        "5",
        "80",
        "[4–8 semanas]",
        "[3]",
        "[Agotamiento]",
        "[Sí — probablemente me quedaría]",
        "[Saltar ▶️]",
    ],
    ["4", "12", "160", "[More than 8 weeks]", "[1]", "[Skip ▶️]"],
]


async def survey_scene(sandbox: Sandbox, leader: SimUser, members: list[SimUser]) -> None:
    """A leader loads the workload survey; five members take it; the leader reads results.

    The leader here is staff from ADMIN_IDS, not a member: not in the survey's audience.
    """
    services = sandbox.services
    closes = (services.now() + timedelta(days=7)).astimezone(services.settings.tz)
    text = re.sub(r"(?m)^opens_at:.*\n", "", WORKLOAD.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^closes_at:.*$", f"closes_at: {closes:%Y-%m-%d %H:%M}", text)
    await leader.send_document("workload.yaml", text.encode(), "application/x-yaml")
    await sandbox.settle()
    await leader.press("✅ Load survey")
    await sandbox.settle()
    for _ in range(200):  # the announcement goes out through the delivery engine
        state = await services.db.fetchval(
            "SELECT state FROM broadcasts WHERE kind = ?", ("survey.announce",)
        )
        if state == "done":
            break
        await asyncio.sleep(0.05)
    for user, answers in zip(members, TAKERS, strict=True):
        start = "▶️ Empezar" if user.language_code == "es" else "▶️ Start"
        await user.press(start)
        await sandbox.settle()
        for answer in answers:
            if answer.startswith("["):
                await user.press(answer[1:-1])
            else:
                await user.send(answer)
            await sandbox.settle()
        await user.press("📨 Enviar" if user.language_code == "es" else "📨 Submit")
        await sandbox.settle()
    await leader.send("/results workload-2025")  # open: sealed, only the count
    await sandbox.settle()
    stored = await services.surveys.find("workload-2025")
    assert stored is not None
    await services.surveys.close(stored.pk)  # as `unionbot survey close` does
    await leader.send("/results workload-2025")
    await sandbox.settle()
    await leader.press("🏥 By worksite")
    await sandbox.settle()
    await leader.press("4")  # one question's details
    await sandbox.settle()

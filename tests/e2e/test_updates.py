"""Bargaining updates as stewards, leaders and members use them, through the emulator."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot.people import Person
from bot.updates.service import Draft, DraftError, DraftProblem
from sandbox import SentMessage, SimUser
from sandbox.harness import Sandbox
from tests.e2e.membership import Union, approve_request_of, build_union, crowd, verify_by_contact
from tests.e2e.waiting import eventually


@dataclass
class Strike:
    union: Union
    ana: SimUser  # A1, Downey
    ben: SimUser  # A2, Downey
    lucia: SimUser  # A4, Irvine, Spanish

    @property
    def sandbox(self) -> Sandbox:
        return self.union.sandbox


async def strike_in(sandbox: Sandbox) -> Strike:
    union = await build_union(sandbox)
    users = []
    for name, member_id, language in (
        ("Ana", "A1", "en"),
        ("Ben", "A2", "en"),
        ("Lucía", "A4", "es"),
    ):
        user = sandbox.user(name, language_code=language)
        await verify_by_contact(sandbox, user, member_id)
        user.mark_read()
        users.append(user)
    return Strike(union, *users)


@pytest.fixture
async def strike(tmp_path: Path) -> AsyncIterator[Strike]:
    async with Sandbox(tmp_path) as sandbox:
        yield await strike_in(sandbox)


async def compose(user: SimUser, sandbox: Sandbox, html_text: str, *taps: str) -> SentMessage:
    """Run the /broadcast wizard: text, then tap through; returns the summary message."""
    await user.send("/broadcast")
    await sandbox.settle()
    await user.send_formatted(html_text)
    await sandbox.settle()
    for label in taps:
        await user.press(label)
        await sandbox.settle()
    return user.last  # type: ignore[return-value]


async def send_update(
    user: SimUser,
    sandbox: Sandbox,
    html_text: str,
    *audience: str,
    urgent: bool = False,
    faults: dict[int, int] | None = None,
) -> SentMessage:
    """Compose and confirm an update for now; returns the message that becomes the report.

    `faults` (status -> count) are injected into sendMessage just before Confirm.
    """
    summary = await compose(
        user, sandbox, html_text, *audience, "Next ➡", "🚨 Urgent" if urgent else "Normal", "📤 Now"
    )
    for status, count in (faults or {}).items():
        retry = {"retry_after": 1} if status == 429 else {}
        sandbox.emulator.faults.inject("sendMessage", status=status, count=count, **retry)
    await user.press("✅ Confirm", summary)
    await sandbox.settle()
    return summary


async def report_of(message: SentMessage) -> str:
    """Wait until the sender's message has become the final delivery report; its text."""
    await eventually(lambda: message.text.startswith("📬"), "the delivery report")
    return message.text


async def test_steward_sends_to_their_worksite(strike: Strike) -> None:
    sam, sandbox = strike.union.sam, strike.sandbox
    await sam.send("/broadcast")
    assert "Send the text of the update" in (await sam.next_message()).text
    await sam.send_formatted("<b>Tentative agreement</b> on 7 hours & more <i>tomorrow</i>")
    audience = await sam.next_message()
    assert audience.buttons[0] == ["Downey"]  # a steward sees only their own worksite
    assert "Reaches now: 3 members" in audience.text  # Ana, Ben and Sam himself
    await sam.press("Downey", audience)
    await sam.next_edit(audience)
    await sam.press("Next ➡", audience)
    await sam.press("Normal", await sam.next_edit(audience))
    await sam.press("📤 Now", await sam.next_edit(audience))
    await sandbox.settle()
    preview = sam.inbox[-2]
    assert preview.html.startswith("📢 <b>Bargaining update</b>\n\n<b>Tentative agreement</b>")
    assert "&amp; more <i>tomorrow</i>" in preview.html and preview.buttons == [["✅ Got it"]]
    summary = sam.inbox[-1]
    assert "To: 3 members · worksites: Downey" in summary.text
    await sam.press("✅ Confirm", summary)
    got = await strike.ana.next_message()
    assert got.html == preview.html and got.buttons == [["✅ Got it"]]
    assert "Tentative agreement" in (await strike.ben.next_message()).text
    report = await report_of(summary)
    assert "Sent to 3 members" in report and "Delivered: 3" in report
    assert not any("Tentative" in m.text for m in strike.lucia.inbox)  # Irvine: not addressed


async def test_members_see_it_in_their_language(strike: Strike) -> None:
    lee, sandbox = strike.union.lee, strike.sandbox
    await send_update(lee, sandbox, "Rally at noon", "👥 Everyone")
    assert (await strike.lucia.next_message()).text.startswith("📢 Noticia de la negociación")
    assert (await strike.ana.next_message()).text.startswith("📢 Bargaining update")


async def test_steward_cannot_target_another_worksite(strike: Strike) -> None:
    sandbox, sam = strike.sandbox, strike.union.sam
    await compose(sam, sandbox, "Hello Irvine")
    audience = sam.last
    assert audience is not None
    await sam.press_data("v1:bc:site:7", audience)  # forged: no such choice
    await sandbox.settle()
    assert "Irvine" not in str(sam.last.buttons)  # type: ignore[union-attr]
    person = await _person(strike, "S1", sam)
    with pytest.raises(DraftError) as refused:  # a forged client talking to the service
        await sandbox.services.updates.submit(person, Draft(text="x", worksites=("Irvine",)))
    assert refused.value.problem is DraftProblem.NOT_YOUR_WORKSITE
    assert await sandbox.services.db.fetchval("SELECT COUNT(*) FROM updates") == 0


async def _person(strike: Strike, member_id: str, user: SimUser) -> Person:
    return Person(user.id, "en", await strike.union.member(member_id))


async def test_members_cannot_broadcast(strike: Strike) -> None:
    await strike.ana.send("/broadcast")
    assert (await strike.ana.next_message()).text == "Sorry, you don't have permission to do that."


async def test_muted_members_skip_normal_but_get_urgent(strike: Strike) -> None:
    sandbox, lee, ben = strike.sandbox, strike.union.lee, strike.ben
    await ben.send("/mute")
    await sandbox.settle()
    ben.mark_read()
    summary = await send_update(lee, sandbox, "Normal news", "👥 Everyone")
    report = await report_of(summary)
    assert "Skipped: 1 (muted 1)" in report
    await send_update(lee, sandbox, "Picket moved to gate B", "👥 Everyone", urgent=True)
    urgent = await ben.next_message()
    assert urgent.text.startswith("🚨 URGENT bargaining update") and "gate B" in urgent.text
    assert not any("Normal news" in m.text for m in ben.inbox)


async def test_got_it_counts_once_and_reach_shows_it(strike: Strike) -> None:
    sandbox, lee, ana = strike.sandbox, strike.union.lee, strike.ana
    summary = await send_update(lee, sandbox, "Vote next week", "👥 Everyone")
    await report_of(summary)
    copy = await ana.next_message()
    await ana.press("✅ Got it", copy)
    await ana.press("✅ Got it", copy)
    await sandbox.settle()
    assert [a[0] for a in ana.callback_answers] == ["Thanks — noted. ✊", "Already noted — thanks!"]
    await strike.lucia.press_data("v1:upd:ack:1", (await strike.lucia.next_message()))
    await sandbox.settle()
    await lee.send("/reach 1")
    await sandbox.settle()
    reach = lee.last.text  # type: ignore[union-attr]
    assert "Delivered 6 of 6 · ✅ Got it: 2" in reach
    assert "Downey" not in reach and "Other worksites: 6/6 delivered · 2 got it" in reach


async def test_403_marks_member_unreachable(strike: Strike) -> None:
    sandbox, lee = strike.sandbox, strike.union.lee
    strike.ben.deactivate()  # the account is gone: Telegram answers 403
    summary = await send_update(lee, sandbox, "News", "👥 Everyone")
    report = await report_of(summary)
    assert "Not delivered: 1" in report and "user is deactivated: 1" in report
    assert (await strike.union.member("A2")).reachable is False


async def test_flood_control_pauses_everyone_then_completes(strike: Strike) -> None:
    sandbox, lee = strike.sandbox, strike.union.lee
    summary = await send_update(lee, sandbox, "News", "👥 Everyone", faults={429: 1})
    report = await report_of(summary)
    assert "Delivered: 6" in report and sandbox.emulator.stats.rate_limited == 1
    for user in (strike.ana, strike.ben, strike.lucia):
        assert sum("News" in m.text for m in user.inbox) == 1


async def test_network_errors_are_retried(strike: Strike) -> None:
    sandbox, lee = strike.sandbox, strike.union.lee
    summary = await send_update(lee, sandbox, "News", "👥 Everyone", faults={502: 2})
    assert "Delivered: 6" in await report_of(summary)


async def test_bad_input_in_the_wizard(strike: Strike) -> None:
    sandbox, lee = strike.sandbox, strike.union.lee
    await lee.send("/broadcast")
    await lee.send("x" * 4090)
    await sandbox.settle()
    assert "too long for one Telegram message" in lee.last.text  # type: ignore[union-attr]
    await lee.send_photo(b"\x89PNG fake", caption="c" * 1500)
    await sandbox.settle()
    assert "A caption can have at most" in lee.last.text  # type: ignore[union-attr]
    await lee.send("Strike vote results tonight")
    await sandbox.settle()
    audience = lee.last
    await lee.press("Next ➡", audience)
    await lee.press("Normal", await lee.next_edit(audience))
    await lee.press("⏰ Schedule", await lee.next_edit(audience))
    await sandbox.settle()
    await lee.send("tomorrow at noon")
    await sandbox.settle()
    assert "I couldn't read that" in lee.last.text  # type: ignore[union-attr]
    await lee.send("2020-01-01 09:00")
    await sandbox.settle()
    assert "That time has already passed" in lee.last.text  # type: ignore[union-attr]
    await lee.send("/cancel")
    await sandbox.settle()
    assert "Nothing was sent" in lee.last.text  # type: ignore[union-attr]
    assert await sandbox.services.db.fetchval("SELECT COUNT(*) FROM updates") == 0


async def test_audience_that_matches_nobody_is_refused(strike: Strike) -> None:
    sandbox, lee = strike.sandbox, strike.union.lee
    summary = await compose(lee, sandbox, "Only nurses at Downey")
    labels = [row[0] for row in summary.buttons]
    await lee.press("Downey", summary)
    await sandbox.settle()
    assert "Psychiatric Nurse" in labels
    await lee.press("Psychiatric Nurse", lee.last)
    await sandbox.settle()
    assert "Reaches now: 0 members" in lee.last.text  # type: ignore[union-attr]
    await lee.press("Next ➡", lee.last)
    await sandbox.settle()
    assert lee.callback_answers[-1][0].startswith("No verified members match")


async def test_scheduled_update_survives_a_restart_and_can_be_cancelled(strike: Strike) -> None:
    sandbox, lee = strike.sandbox, strike.union.lee
    for when in ("2099-01-01 09:00", "2099-02-01 09:00"):
        await compose(lee, sandbox, f"Meeting {when}", "Next ➡", "Normal", "⏰ Schedule")
        await lee.send(when)
        await sandbox.settle()
        await lee.press("✅ Confirm", lee.last)
        await sandbox.settle()
    # the union's time, localized: not 2099-02-01 09:00
    assert "is scheduled for Sun Feb 1, 2099, 9:00\u00a0AM" in lee.last.text  # type: ignore[union-attr]
    await lee.send("/scheduled")
    await sandbox.settle()
    second = lee.last
    assert second is not None and "#2" in second.text and second.buttons == [["✖ Cancel"]]
    await lee.press("✖ Cancel", second)
    await sandbox.settle()
    assert "Update #2 was cancelled" in second.text
    await sandbox.stop_bot()
    with sqlite3.connect(sandbox.database_path) as conn:  # the time passes while the bot is down
        conn.execute(
            "UPDATE scheduled_jobs SET due_at = ? WHERE kind = 'update.send'",
            (int(time.time()) - 60,),
        )
    await sandbox.start_bot()
    got = await strike.ana.next_message()
    assert "Meeting 2099-01-01 09:00" in got.text
    await eventually(lambda: any("Update #1 is going out now" in m.text for m in lee.inbox))
    await sandbox.settle()
    assert all("2099-02-01" not in m.text for m in strike.ana.inbox)


async def test_leader_corrects_and_retracts(strike: Strike) -> None:
    sandbox, lee, ana = strike.sandbox, strike.union.lee, strike.ana
    summary = await send_update(lee, sandbox, "Rally at 10", "👥 Everyone")
    await report_of(summary)
    copy = await ana.next_message()
    await lee.send("/correct 1")
    await lee.send_formatted("Rally at <b>11</b>")
    edited = await ana.next_edit(copy)
    assert "Rally at 11" in edited.text and edited.buttons == [["✅ Got it"]]
    await lee.send("/retract 1")
    await sandbox.settle()
    await lee.press("🗑 Delete all copies", lee.last)
    await eventually(lambda: copy.deleted, "the copy being deleted")
    await strike.union.sam.send("/retract 1")  # stewards cannot
    await sandbox.settle()
    assert strike.union.sam.last.text == "Sorry, you don't have permission to do that."  # type: ignore[union-attr]


async def test_updates_list_and_pinned_update_for_newcomers(strike: Strike) -> None:
    sandbox, lee, ana = strike.sandbox, strike.union.lee, strike.ana
    await ana.send("/updates")
    assert "No bargaining updates yet" in (await ana.next_message()).text
    summary = await send_update(lee, sandbox, "Welcome to the strike hub", "👥 Everyone")
    await report_of(summary)
    await ana.send("/start")
    await sandbox.settle()
    home = ana.last
    await ana.press("📰 Latest updates", home)
    await sandbox.settle()
    assert "Your latest updates" in ana.last.text  # type: ignore[union-attr]
    assert "Welcome to the strike hub" in ana.last.text  # type: ignore[union-attr]
    await ana.press("❓ Ask a question", home)
    await sandbox.settle()
    assert ana.last.text.startswith("Type your question here")  # type: ignore[union-attr]
    await lee.send("/pin 1")
    await sandbox.settle()
    assert "is pinned" in lee.last.text  # type: ignore[union-attr]
    [code] = await sandbox.services.verification.create_invites(
        member_id=None, worksite="Downey", count=1, lifetime=timedelta(days=1), created_by="cli"
    )
    newcomer = sandbox.user("Cy")
    await newcomer.send(f"/start {code}")
    await sandbox.settle()
    assert "A steward will confirm you here" in newcomer.inbox[0].text
    await approve_request_of(sandbox, newcomer)  # Downey's steward knows Cy
    assert "A steward confirmed your membership" in newcomer.inbox[1].text
    assert "Welcome to the strike hub" in newcomer.last.text  # type: ignore[union-attr]


async def test_progress_bar_then_report_and_resume_after_restart(tmp_path: Path) -> None:
    async with Sandbox(tmp_path, broadcast_rate=5) as sandbox:  # slow enough to watch
        union = await build_union(sandbox)
        people = await crowd(sandbox, 20)
        lee = union.lee
        summary = await send_update(lee, sandbox, "Long strike news", "👥 Everyone")
        await eventually(lambda: summary.text.startswith("📤 Sending"), "a progress bar")
        assert "▓" in summary.text and "/ 23" in summary.text
        await sandbox.stop_bot()  # the server restarts in the middle of the broadcast
        received = sum(any("Long strike news" in m.text for m in p.inbox) for p in people)
        assert 0 < received < 20
        await sandbox.start_bot()
        report = await report_of(summary)
        assert "Sent to 23 members" in report and "Delivered: 23" in report
        for person in people:
            assert sum("Long strike news" in m.text for m in person.inbox) == 1


async def test_photo_update_keeps_its_caption(strike: Strike) -> None:
    sandbox, lee, ana = strike.sandbox, strike.union.lee, strike.ana
    await lee.send("/broadcast")
    await lee.send_photo(b"\x89PNG picket line", caption="Our picket line this morning")
    await sandbox.settle()
    for label in ("Next ➡", "Normal", "📤 Now", "✅ Confirm"):
        await lee.press(label)
        await sandbox.settle()
    got = await ana.next_message()
    assert got.photo is not None and got.photo.content == b"\x89PNG picket line"
    assert got.text == "📢 Bargaining update\n\nOur picket line this morning"
    assert got.buttons == [["✅ Got it"]]


async def test_a_draft_survives_a_restart(strike: Strike) -> None:
    sandbox, lee, ana = strike.sandbox, strike.union.lee, strike.ana
    await lee.send("/broadcast")
    await lee.send("Strike committee meets at 6")
    await sandbox.settle()
    audience = lee.last
    await sandbox.restart()  # a deploy in the middle of composing
    for label in ("Next ➡", "Normal", "📤 Now", "✅ Confirm"):
        await lee.press(label)
        await sandbox.settle()
    assert "Strike committee meets at 6" in (await ana.next_message()).text
    assert audience is not None and "Reaches now" not in lee.last.text  # type: ignore[union-attr]

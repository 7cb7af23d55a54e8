"""Simulated users and groups: what they send, what they see, how tests wait."""

from __future__ import annotations

import asyncio

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    MenuButtonCommands,
    Update,
)
from telegram.error import BadRequest, Conflict

from sandbox import BotAPIEmulator


async def test_contacts_own_and_forwarded(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.share_contact("+15550001")
    await ana.share_contact("+15550002", own=False, first_name="Ben")
    own, typed = (u.message.contact for u in await bot.get_updates())
    assert (own.phone_number, own.user_id) == ("+15550001", ana.id)
    assert (typed.first_name, typed.user_id) == ("Ben", None)


async def test_block_sends_my_chat_member_and_writing_unblocks(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    await ana.block()
    await ana.send("back again")
    updates = await bot.get_updates()
    kinds = [
        u.effective_message.text if u.message else u.my_chat_member.new_chat_member.status
        for u in updates
    ]
    assert kinds == ["hi", "kicked", "member", "back again"]
    assert not ana.blocked
    await bot.send_message(ana.id, "welcome back")


async def test_group_chat(emu: BotAPIEmulator, bot: Bot) -> None:
    ana, ben = emu.add_user("Ana"), emu.add_user("Ben")
    group = emu.add_group("Picket captains", members=[ana, ben])
    await ben.send("/rota@unionbot_test", chat=group)
    [update] = await bot.get_updates()
    assert update.effective_chat.type == "supergroup" and update.effective_chat.id < -1000000000000
    assert update.message.from_user.id == ben.id
    await bot.send_message(group.id, "Rota posted", reply_to_message_id=update.message.message_id)
    reply = await group.next_message()
    assert reply.raw["reply_to_message"]["text"] == "/rota@unionbot_test"
    assert ana.inbox == []


async def test_next_message_timeout_shows_history(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("/start")
    await bot.send_message(ana.id, "Welcome")
    assert (await ana.next_message()).text == "Welcome"
    with pytest.raises(
        AssertionError, match=r"(?s)no new bot message.*Ana ▶ /start.*bot ▷ Ana: Welcome"
    ):
        await ana.next_message(timeout=0.05)


async def test_wait_for_and_next_edit(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")

    async def bot_side() -> None:
        await bot.send_message(ana.id, "Working…")
        sent = await bot.send_message(ana.id, "Step 1")
        await bot.edit_message_text("Done", ana.id, sent.message_id)

    task = asyncio.create_task(bot_side())
    done = await ana.wait_for(lambda m: m.text == "Done")
    await task
    assert done.edits[0].text == "Step 1"
    assert await ana.next_edit(done) is done
    with pytest.raises(AssertionError, match="was not edited"):
        await ana.next_edit(done, timeout=0.05)


async def test_press_unknown_button_lists_keyboards(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Join", callback_data="join")]])
    await bot.send_message(ana.id, "Menu", reply_markup=markup)
    with pytest.raises(AssertionError, match=r"no inline button 'Leave'.*\[\['Join'\]\]"):
        await ana.press("Leave")
    await ana.press_data("forged:1")
    updates = await bot.get_updates()
    assert updates[-1].callback_query.data == "forged:1"


async def test_inline_query_results(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.inline_query("strike fund")
    [update] = await bot.get_updates()
    assert update.inline_query.query == "strike fund"
    article = InlineQueryResultArticle("1", "Fund", InputTextMessageContent("Give here"))
    await bot.answer_inline_query(update.inline_query.id, [article])
    assert ana.inline_results[0]["title"] == "Fund"


async def test_copy_forward_pin_photo_and_chat(emu: BotAPIEmulator, bot: Bot) -> None:
    ana, ben = emu.add_user("Ana"), emu.add_user("Ben")
    original = await ana.send("Meeting at 6")
    await ben.send("hi")
    copied = await bot.copy_message(ben.id, ana.id, original["message_id"])
    forwarded = await bot.forward_message(ben.id, ana.id, original["message_id"])
    assert forwarded.forward_origin.sender_user.id == ana.id
    assert [m.text for m in ben.inbox] == ["Meeting at 6", "Meeting at 6"]
    assert ben.inbox[0].message_id == copied.message_id
    photo = await bot.send_photo(ben.id, b"\xff\xd8fake-jpeg", caption="Flyer")
    await bot.pin_chat_message(ben.id, photo.message_id)
    assert ben.last is not None and ben.last.pinned and ben.last.photo is not None
    await bot.send_chat_action(ben.id, "typing")
    with pytest.raises(BadRequest):
        await bot.send_chat_action(ben.id, "dancing")
    chat = await bot.get_chat(ben.id)
    assert chat.first_name == "Ben"
    await bot.set_chat_menu_button(ben.id, MenuButtonCommands())
    assert emu.menu_button(ben.id) == {"type": "commands"}


async def test_updates_parse_with_ptb(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana", last_name="Lopez", username="ana_l", language_code="es")
    message = await ana.send_photo(b"img", caption="proof")
    [update] = await bot.get_updates()
    assert Update.de_json(update.to_dict(), bot).message.caption == "proof"
    assert message["from"]["username"] == "ana_l"


async def test_newer_poll_conflicts_older(emu: BotAPIEmulator, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=3))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(bot.get_updates(timeout=0))
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await first
    assert await second == ()


async def test_stop_releases_long_poll(bot: Bot) -> None:
    emulator = BotAPIEmulator()
    await emulator.start()
    poller = Bot(emulator.token, base_url=emulator.base_url)
    await poller.initialize()
    poll = asyncio.create_task(poller.get_updates(timeout=30, read_timeout=35))
    await asyncio.sleep(0.05)
    await emulator.stop()
    assert await poll == ()
    await poller.shutdown()


async def test_transcript(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("/start")
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Yes", callback_data="y"),
                InlineKeyboardButton("No", callback_data="n"),
            ]
        ]
    )
    sent = await bot.send_message(ana.id, "Join the strike?\nReply below", reply_markup=markup)
    await ana.press("Yes")
    await bot.edit_message_text("Thanks!", ana.id, sent.message_id)
    await bot.delete_message(ana.id, sent.message_id)
    assert emu.render_transcript() == "\n".join(
        [
            "Ana ▶ /start",
            "bot ▷ Ana: Join the strike?",
            "           Reply below",
            "           [ Yes ] [ No ]",
            "Ana ▶ [ Yes ]",
            "bot ✎ Ana: #2 Thanks!",
            "bot ✗ Ana: #2",
        ]
    )

"""The emulator driven by a real PTB Bot over HTTP."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from sandbox import BotAPIEmulator, Limits

# RetryAfter's constructor itself warns about PTB's coming timedelta switch.
ptb_retry_after = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
YES_NO = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Yes", callback_data="vote:yes"),
            InlineKeyboardButton("No", callback_data="vote:no"),
        ]
    ]
)


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123456, True, "unionbot_test")


async def test_wrong_token_is_unauthorized(emu: BotAPIEmulator) -> None:
    intruder = Bot("999:WRONG", base_url=emu.base_url)
    try:
        with pytest.raises(InvalidToken):
            await intruder.initialize()
    finally:
        await intruder.shutdown()  # close its HTTP client, or the socket outlives the test


async def test_send_message_parses_html(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    sent = await bot.send_message(
        ana.id, "<b>Hello</b> &amp; welcome", parse_mode="HTML", reply_markup=YES_NO
    )
    assert sent.text == "Hello & welcome"
    assert sent.from_user.is_bot and sent.chat.type == "private"
    assert sent.entities[0].type == "bold"
    assert sent.reply_markup == YES_NO
    reply = await ana.next_message()
    assert (reply.text, reply.html, reply.buttons) == (
        "Hello & welcome",
        "<b>Hello</b> &amp; welcome",
        [["Yes", "No"]],
    )
    assert reply.button_data == [["vote:yes", "vote:no"]]
    assert emu.stats.sent == 1
    assert emu.calls_to("sendmessage")[0].params["chat_id"] == ana.id


async def test_reply_keyboard_with_contact_request(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("/join")
    keyboard = ReplyKeyboardMarkup([[KeyboardButton("Share my number", request_contact=True)]])
    await bot.send_message(ana.id, "Your phone?", reply_markup=keyboard)
    message = await ana.next_message()
    assert message.reply_keyboard == [["Share my number"]]
    assert message.request_contact == [[True]]
    assert ana.reply_keyboard == [["Share my number"]]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "<b>unclosed",
            "Can't parse entities: can't find end tag corresponding to start tag \"b\"",
        ),
        ("a < b", 'Can\'t parse entities: unsupported start tag "" at byte offset 2'),
        ("   ", "Message text is empty"),
        ("x" * 4097, "Message is too long"),
    ],
)
async def test_text_errors(emu: BotAPIEmulator, bot: Bot, text: str, error: str) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(ana.id, text, parse_mode="HTML")
    assert caught.value.message == error  # PTB strips "Bad Request: " and capitalises


async def test_description_is_telegram_wording(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    with pytest.raises(BadRequest):
        await bot.send_message(ana.id, "<foo>", parse_mode="HTML")
    call = emu.calls_to("sendMessage")[-1]
    assert call.status == 400
    assert (
        call.description
        == 'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 0'
    )


async def test_chat_and_user_state_errors(emu: BotAPIEmulator, bot: Bot) -> None:
    ana, ben, cat = emu.add_user("Ana"), emu.add_user("Ben"), emu.add_user("Cat")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hello")
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(ana.id, "hello")
    await ben.send("hi")
    await ben.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ben.id, "hello")
    await cat.send("hi")
    cat.deactivate()
    with pytest.raises(Forbidden, match="user is deactivated"):
        await bot.send_message(cat.id, "hello")


async def test_callback_data_too_long(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(ana.id, "pick", reply_markup=markup)


async def test_edit_and_not_modified(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    sent = await bot.send_message(ana.id, "Vote?", reply_markup=YES_NO)
    message = await ana.next_message()
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Vote?", ana.id, sent.message_id, reply_markup=YES_NO)
    edited = await bot.edit_message_text(
        "<i>Thanks</i>", ana.id, sent.message_id, parse_mode="HTML"
    )
    assert edited.edit_date is not None and edited.reply_markup is None  # no markup: keyboard gone
    assert await ana.next_edit(message) is message
    assert (message.text, message.edited, message.buttons) == ("Thanks", True, [])
    assert message.edits[0].text == "Vote?"
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", ana.id, 999)
    assert await bot.delete_message(ana.id, sent.message_id)
    assert message.deleted and ana.last is None
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ana.id, sent.message_id)


async def test_document_round_trip(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    sent = await bot.send_document(
        ana.id, b"minutes\n", filename="minutes.txt", caption="<b>Minutes</b>", parse_mode="HTML"
    )
    assert sent.caption == "Minutes"
    received = await ana.next_message()
    assert received.document is not None and received.document.content == b"minutes\n"
    assert received.document.filename == "minutes.txt"
    again = await bot.send_document(ana.id, sent.document.file_id)
    file = await bot.get_file(again.document.file_id)
    assert await file.download_as_bytearray() == b"minutes\n"
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(ana.id, b"\xff\xd8jpeg", caption="c" * 1025)


async def test_user_document_download(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send_document("list.csv", b"a,b\n", mime_type="text/csv")
    [update] = await bot.get_updates()
    assert update.message.document.file_name == "list.csv"
    file = await update.message.document.get_file()
    assert await file.download_as_bytearray() == b"a,b\n"


async def test_long_polling_and_offset(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    poll = asyncio.create_task(bot.get_updates(timeout=3))
    await asyncio.sleep(0.05)
    assert not poll.done()
    await ana.send("/start invite42")
    [update] = await poll
    assert update.message.text == "/start invite42"
    assert update.message.entities[0].length == len("/start")
    await ana.send("second")
    [again, second] = await bot.get_updates()
    assert again.update_id == update.update_id  # not confirmed yet
    assert await bot.get_updates(offset=second.update_id + 1, timeout=0) == ()
    assert emu.confirmed_offset == second.update_id + 1 and emu.pending_update_ids() == []


async def test_allowed_updates_filters_new_updates(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await bot.get_updates(allowed_updates=["callback_query"])
    await ana.send("ignored")
    assert await bot.get_updates() == ()


async def test_press_sends_callback_query(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    await bot.send_message(ana.id, "Vote?", reply_markup=YES_NO)
    query_id = await ana.press("No")
    updates = await bot.get_updates()
    query = updates[-1].callback_query
    assert (query.id, query.data, query.from_user.id) == (query_id, "vote:no", ana.id)
    assert query.message.text == "Vote?"
    await bot.answer_callback_query(query.id, "Counted", show_alert=True)
    assert ana.callback_answers == [("Counted", True)]
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)


async def test_commands_by_scope_and_language(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    await bot.set_my_commands([BotCommand("help", "Help")])
    await bot.set_my_commands([BotCommand("ayuda", "Ayuda")], language_code="es")
    staff = BotCommandScopeChat(ana.id)
    await bot.set_my_commands([BotCommand("broadcast", "Send to all")], scope=staff)
    assert [c.command for c in await bot.get_my_commands()] == ["help"]
    assert [c.command for c in await bot.get_my_commands(language_code="es")] == ["ayuda"]
    assert [c.command for c in await bot.get_my_commands(scope=staff)] == ["broadcast"]
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == ()
    assert emu.commands_for({"type": "chat", "chat_id": ana.id}) == [
        {"command": "broadcast", "description": "Send to all"}
    ]
    await bot.delete_my_commands(scope=staff)
    assert await bot.get_my_commands(scope=staff) == ()


@ptb_retry_after
async def test_rate_limit_raises_retry_after(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.set_limits(Limits(private_per_second=0.5, private_burst=1))
    ana = emu.add_user("Ana")
    await ana.send("hi")
    await bot.send_message(ana.id, "one")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ana.id, "two")
    assert caught.value.retry_after == timedelta(seconds=2)  # bot/__init__ opts in to timedelta
    assert emu.stats.rate_limited == 1 and emu.stats.sent == 1


@ptb_retry_after
async def test_injected_server_error(emu: BotAPIEmulator, bot: Bot) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    emu.faults.inject("*", status=502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(ana.id, "hello")
    emu.faults.inject("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter):
        await bot.send_message(ana.id, "hello")
    assert (await bot.send_message(ana.id, "hello")).text == "hello"


async def test_injected_delay_times_out(emu: BotAPIEmulator) -> None:
    quick = Bot(emu.token, base_url=emu.base_url, request=HTTPXRequest(read_timeout=0.1))
    await quick.initialize()
    emu.faults.inject("getMe", delay=0.5)
    with pytest.raises(TimedOut):
        await quick.get_me()
    await quick.shutdown()

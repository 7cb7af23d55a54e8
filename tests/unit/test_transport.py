"""The Bot API transport over aiohttp (bot/runtime/transport.py), against local HTTP servers."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import pytest
from aiohttp import web
from telegram import Bot, InputFile
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.runtime.transport import AiohttpRequest
from sandbox.emulator import BotAPIEmulator

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Server = Callable[[Handler], Awaitable[str]]


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    runners: list[web.AppRunner] = []

    async def start(handler: Handler) -> str:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        port = runner.addresses[0][1]
        return f"http://127.0.0.1:{port}/bot"

    yield start
    for runner in runners:
        await runner.cleanup()


def bot_at(base_url: str, request: AiohttpRequest) -> Bot:
    return Bot("123:abc", base_url=base_url, request=request, get_updates_request=AiohttpRequest())


async def test_form_fields_and_files_reach_the_bot_api() -> None:
    async with BotAPIEmulator() as emulator:
        ana = emulator.add_user("Ana")
        ana.started = True
        request = AiohttpRequest(4)
        async with Bot(
            emulator.token,
            base_url=emulator.base_url,
            request=request,
            get_updates_request=AiohttpRequest(),
        ) as bot:
            await bot.send_message(ana.id, "<b>Hola</b> & bienvenida", parse_mode="HTML")
            document = InputFile(b"member_id,worksite\nB1,Downey\n", filename="roster.csv")
            await bot.send_document(ana.id, document, caption="the export")
    assert ana.inbox[0].text == "Hola & bienvenida"
    stored = emulator.file(ana.inbox[1].raw["document"]["file_id"])
    assert stored is not None and stored.content == b"member_id,worksite\nB1,Downey\n"
    assert ana.inbox[1].raw["caption"] == "the export"


async def test_a_slow_answer_is_a_timeout(server: Server) -> None:
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(2)
        return web.json_response({"ok": True, "result": True})

    request = AiohttpRequest(read_timeout=0.2)
    await request.initialize()
    try:
        with pytest.raises(TimedOut):
            await request.post(await server(slow) + "123:abc/getMe")
    finally:
        await request.shutdown()


async def test_nobody_listening_is_a_network_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await request.post(f"http://127.0.0.1:{port}/bot123:abc/getMe")
        assert not isinstance(caught.value, TimedOut)
    finally:
        await request.shutdown()


async def test_telegrams_error_answers_become_ptb_errors(server: Server) -> None:
    async def flood(request: web.Request) -> web.Response:
        body = {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
        return web.json_response(body, status=429)

    bot = bot_at(await server(flood), AiohttpRequest())
    with pytest.raises(RetryAfter) as caught:
        async with bot:  # initializing asks getMe
            pass
    assert caught.value.retry_after == timedelta(seconds=3)


async def test_using_it_before_initialize_says_so() -> None:
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpRequest().do_request("http://127.0.0.1:1/", "POST")

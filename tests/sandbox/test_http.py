"""Wire-level behaviour: status codes, error bodies, encodings and parameter coercion."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from sandbox import BotAPIEmulator, Limits


@pytest.fixture
async def http(emu: BotAPIEmulator) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def call(http: aiohttp.ClientSession, url: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    async with http.post(url, **kwargs) as response:
        return response.status, await response.json()


async def test_wrong_token_and_unknown_method(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    assert await call(http, f"{emu.base_url}1:nope/getMe") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert await call(http, f"{emu.base_url}{emu.token}/sendUnicorn") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )


async def test_method_names_are_case_insensitive(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    status, body = await call(http, f"{emu.base_url}{emu.token}/GETME")
    assert status == 200 and body["result"]["username"] == "unionbot_test"
    assert emu.calls[-1].method == "getMe"


@pytest.mark.parametrize("encoding", ["json", "form", "query"])
async def test_parameter_encodings_are_coerced(
    emu: BotAPIEmulator, http: aiohttp.ClientSession, encoding: str
) -> None:
    ana = emu.add_user("Ana")
    await ana.send("hi")
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    params: dict[str, Any] = {
        "chat_id": ana.id,
        "text": "123",
        "disable_notification": True,
        "reply_markup": markup,
    }
    url = f"{emu.base_url}{emu.token}/sendMessage"
    if encoding == "json":
        status, body = await call(http, url, json=params)
    else:
        flat = {
            k: json.dumps(v)
            if isinstance(v, dict)
            else str(v).lower()
            if isinstance(v, bool)
            else str(v)
            for k, v in params.items()
        }
        key = "data" if encoding == "form" else "params"
        status, body = await call(http, url, **{key: flat})
    assert status == 200, body
    assert body["result"]["text"] == "123" and body["result"]["reply_markup"] == markup
    assert emu.calls[-1].params["chat_id"] == ana.id
    assert emu.calls[-1].params["disable_notification"] is True
    assert ana.last is not None and ana.last.disable_notification


async def test_429_body(http: aiohttp.ClientSession) -> None:
    async with BotAPIEmulator(limits=Limits(private_burst=1)) as emu:
        ana = emu.add_user("Ana")
        await ana.send("hi")
        url = f"{emu.base_url}{emu.token}/sendMessage"
        assert (await call(http, url, json={"chat_id": ana.id, "text": "a"}))[0] == 200
        assert await call(http, url, json={"chat_id": ana.id, "text": "b"}) == (
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1},
            },
        )


async def test_paid_broadcast_skips_global_bucket(http: aiohttp.ClientSession) -> None:
    async with BotAPIEmulator(limits=Limits(global_per_second=1)) as emu:
        ana, ben = emu.add_user("Ana"), emu.add_user("Ben")
        await ana.send("hi")
        await ben.send("hi")
        url = f"{emu.base_url}{emu.token}/sendMessage"
        assert (await call(http, url, json={"chat_id": ana.id, "text": "a"}))[0] == 200
        assert (await call(http, url, json={"chat_id": ben.id, "text": "b"}))[0] == 429
        paid = {"chat_id": ben.id, "text": "b", "allow_paid_broadcast": "true"}
        assert (await call(http, url, data=paid))[0] == 200


async def test_malformed_json_body(emu: BotAPIEmulator, http: aiohttp.ClientSession) -> None:
    url = f"{emu.base_url}{emu.token}/sendMessage"
    headers = {"Content-Type": "application/json"}
    status, body = await call(http, url, data="{oops", headers=headers)
    assert (status, body["description"]) == (400, "Bad Request: can't parse JSON object")

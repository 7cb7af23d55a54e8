"""How the bot's requests reach the Bot API: PTB's BaseRequest over aiohttp.

PTB's default transport is httpx. Measured against the emulator, one Bot API call costs
about 2 ms of CPU through httpx and about 0.3 ms through aiohttp (benchmarks/README.md);
at strike scale (2,400 members voting within a minute, two calls per button press) httpx
alone filled a core, so presses queued behind it. aiohttp is already a dependency.

PTB's four timeouts map onto aiohttp's as: pool + connect → `connect` (waiting for a
connection from the pool, then opening it), connect → `sock_connect`, read → `sock_read`,
and the four together cap the whole request (aiohttp has no write timeout).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from telegram import Bot
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.settings import Settings

# PTB's HTTPXRequest defaults, kept so behaviour matches what PTB documents.
READ, WRITE, CONNECT, POOL, MEDIA_WRITE = 5.0, 5.0, 5.0, 1.0, 20.0


def _given(value: Any, default: float | None) -> float | None:
    return default if value is BaseRequest.DEFAULT_NONE else value


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a pool of CONNECTION_POOL_SIZE connections."""

    __slots__ = ("_media_write", "_pool_size", "_session", "_timeouts")

    def __init__(
        self,
        connection_pool_size: int = 1,
        *,
        read_timeout: float | None = READ,
        write_timeout: float | None = WRITE,
        connect_timeout: float | None = CONNECT,
        pool_timeout: float | None = POOL,
        media_write_timeout: float | None = MEDIA_WRITE,
    ) -> None:
        self._pool_size = connection_pool_size
        self._timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None  # made in the running loop

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts[0]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
                timeout=aiohttp.ClientTimeout(total=None),
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("the Bot API transport is not initialized")
        files = request_data is not None and request_data.contains_files
        read, write, connect, pool = self._timeouts
        read = _given(read_timeout, read)
        write = _given(write_timeout, self._media_write if files else write)
        connect = _given(connect_timeout, connect)
        pool = _given(pool_timeout, pool)
        parts = (read, write, connect, pool)
        timeout = aiohttp.ClientTimeout(
            total=None if None in parts else sum(p for p in parts if p is not None),
            connect=None if pool is None or connect is None else pool + connect,
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with self._session.request(
                method, url, data=self._body(request_data), timeout=timeout
            ) as response:
                return response.status, await response.read()
        except aiohttp.ConnectionTimeoutError as exc:
            raise TimedOut("Pool timeout or connect timeout: the request was not sent") from exc
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc

    @staticmethod
    def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
        """Form fields as PTB's own transport sends them; multipart when there are files."""
        if request_data is None:
            return None
        fields = request_data.json_parameters
        if not request_data.multipart_data:
            return fields
        form = aiohttp.FormData(fields)
        for name, (filename, content, mime_type) in request_data.multipart_data.items():
            form.add_field(name, content, filename=filename, content_type=mime_type)
        return form


def api_bot(settings: Settings) -> Bot:
    """A Bot for one-off calls outside the running Application (the CLI), same transport."""
    return Bot(
        settings.token,
        base_url=settings.bot_api_base_url,
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(),
    )


class PollingRequest(AiohttpRequest):
    """PTB's request for getUpdates, telling `on_success` each time a poll succeeds."""

    def __init__(self, on_success: Callable[[], Awaitable[None]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_success = on_success

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        url = kwargs.get("url", args[0] if args else "")
        if code == 200 and str(url).endswith("/getUpdates"):
            await self._on_success()
        return code, payload

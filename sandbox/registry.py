"""The table of Bot API methods the emulator implements."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sandbox.errors import bad_request
from sandbox.world import World

Params = dict[str, Any]
Handler = Callable[[World, Params], Awaitable[Any]]


@dataclass(frozen=True)
class MethodSpec:
    """One API method: canonical name, implementation, and whether it sends or edits."""

    name: str
    handler: Handler
    sends: bool


class MethodTable(dict[str, MethodSpec]):
    """Methods keyed by lower-cased name, since Telegram matches names case-insensitively."""

    def add(self, name: str, *, sends: bool = False) -> Callable[[Handler], Handler]:
        """Decorator registering a handler under a canonical camelCase name."""

        def register(handler: Handler) -> Handler:
            self[name.lower()] = MethodSpec(name, handler, sends)
            return handler

        return register


def require(params: Params, name: str) -> Any:
    """A required parameter, or Telegram's '<name> is empty' 400."""
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(f"{name} is empty")
    return value

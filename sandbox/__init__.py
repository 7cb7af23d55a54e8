"""A local Telegram Bot API emulator with simulated users, for tests, demos and benchmarks."""

from sandbox.emulator import BotAPIEmulator, Call
from sandbox.limits import Limits
from sandbox.users import SentMessage, SimGroup, SimUser

__all__ = ["BotAPIEmulator", "Call", "Limits", "SentMessage", "SimGroup", "SimUser"]

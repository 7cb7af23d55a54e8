"""A local Telegram Bot API emulator with simulated users, for tests, demos and benchmarks."""

from bot.sandbox.emulator import BotAPIEmulator, Call
from bot.sandbox.limits import Limits
from bot.sandbox.users import SentMessage, SimGroup, SimUser

__all__ = ["BotAPIEmulator", "Call", "Limits", "SentMessage", "SimGroup", "SimUser"]

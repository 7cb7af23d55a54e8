"""The durable delivery engine: every bulk message goes through it."""

from bot.delivery.service import DeliveryService

__all__ = ["DeliveryService"]

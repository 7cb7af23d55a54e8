"""Bargaining updates in chat: composing one (/broadcast), and what follows it (/updates,
corrections, reach)."""

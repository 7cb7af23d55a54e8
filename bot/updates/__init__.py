"""Bargaining updates: composing, targeting, scheduling and correcting them (the copies go
out through bot/delivery/)."""

"""Ask a steward: tickets from members' questions to stewards' answers."""

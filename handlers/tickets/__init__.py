"""Ask a steward in chat: the commands and buttons, and how a ticket looks."""

"""The `unionbot` command line: one module per feature (faq, launch, membership, surveys,
votes), the parser and the core commands in `main`, failures in `errors`."""

from bot.cli.main import main

__all__ = ["main"]

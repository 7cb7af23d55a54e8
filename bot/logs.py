"""Logging that never writes a secret, whatever LOG_LEVEL says.

Two lines of defence. First, libraries that dump requests, updates or SQL parameters at
DEBUG (PTB logs every Bot API call's parameters: phone numbers in shared contacts, ballot
button data, typed text; httpx logs request URLs, which contain the bot token; aiosqlite
logs every statement with its parameters) are capped so those records are never created.
Second, a filter on our handler rewrites whatever still gets through: bot tokens,
phone-number-like digit runs, trustee key shares, ballot receipts and ballot button data.
Our own log calls name ids and outcomes only, never what someone typed or chose.

Library chatter (APScheduler's line for every job run) is heard only at DEBUG, so the
INFO log is the operator's: one line per event that matters (docs/deployment.md).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# The most detail each library may log, even when LOG_LEVEL is DEBUG.
CAPS: dict[str, int] = {
    "telegram": logging.INFO,  # DEBUG: every request's parameters, every update id
    "telegram.ext": logging.INFO,  # DEBUG: conversation keys and states
    "httpx": logging.WARNING,  # INFO: request URLs with the token in them
    "httpcore": logging.WARNING,  # DEBUG: request and response headers
    "aiosqlite": logging.WARNING,  # DEBUG: every statement with its parameters
    "aiohttp": logging.WARNING,  # the local emulator's access log has token URLs
}

# Chatter: held to WARNING unless LOG_LEVEL is DEBUG, when it logs at INFO.
CHATTER: dict[str, int] = {
    "apscheduler": logging.INFO,  # "Running job … executed successfully", every 15 s
}

REDACTED = "[redacted]"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}"), "[token]"),
    (re.compile(r"(?i)UBK1-[0-9A-Z-]+"), "[key share]"),
    (re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3}\b"), "[receipt]"),
    (re.compile(r"v1:vote:(?:cast|pick):[^\s'\"]*"), "v1:vote:[ballot]"),
    # A contact payload in any dump: the value next to phone_number, whatever its format.
    (re.compile(r"""(phone_number['"]?\s*[:=]\s*)['"]?[^'",}\s]+['"]?"""), r"\1[phone]"),
    (re.compile(r"\+\d[\d\s().-]{5,}\d"), "[phone]"),
    (re.compile(r"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"), "[phone]"),
    # Bare runs of 11-15 digits (country code + number). Shorter bare runs are left alone:
    # they are indistinguishable from the Telegram ids and times the log is meant to show.
    (re.compile(r"(?<![\d-])\d{11,15}(?!\d)"), "[phone]"),
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every known secret and every secret-shaped string replaced."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message, traceback and stack so no secret reaches a handler."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage(), self.secrets)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


def configure_logging(
    level: str | int,
    *,
    handler: logging.Handler | None = None,
    secrets: Iterable[str] = (),
) -> logging.Handler:
    """Send log records at `level` and above to `handler` (stderr), capped and redacted.

    `secrets` (the bot token, SECRET_KEY) are replaced wherever they appear. Returns the
    handler installed on the root logger.
    """
    numeric = level if isinstance(level, int) else logging.getLevelNamesMapping()[level.upper()]
    handler = handler or logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    root.setLevel(numeric)
    root.addHandler(handler)
    for name, cap in CAPS.items():
        # Never below the chosen level either: a capped logger must not be chattier.
        logging.getLogger(name).setLevel(max(numeric, cap))
    for name, at_debug in CHATTER.items():
        quiet = max(numeric, logging.WARNING)
        logging.getLogger(name).setLevel(at_debug if numeric <= logging.DEBUG else quiet)
    return handler

"""unionbot: a Telegram bot a union local runs for its members during bargaining and strikes."""

import os

# Opt in to PTB's coming behaviour now: durations (RetryAfter.retry_after) as timedelta.
os.environ.setdefault("PTB_TIMEDELTA", "1")

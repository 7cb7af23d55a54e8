"""Is the bot healthy? The heartbeat it records, and the report `unionbot status` and
`/status` show: Telegram, polling, outbox, scheduled jobs, open votes and surveys, backups.

Every check says plainly what is wrong and what to do; `attention` is what makes
`unionbot status` exit non-zero, so cron or a monitor can alert on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.backups import PREFIX, SUFFIX, existing_backups
from storage import health as figures
from storage.bot_state import LAST_POLL, BotStateRepository
from storage.database import Database

log = logging.getLogger(__name__)

HEARTBEAT_EVERY = 60.0  # seconds between heartbeat writes while polling works
POLL_STALE = 5 * 60  # no successful poll for this long: attention
OUTBOX_STALE = 15 * 60  # copies due this long ago and nothing sent meanwhile: stuck
JOB_GRACE = 10 * 60  # a job this late has not run although it should have
RECENT = 24 * 3600  # failures this recent count
BACKUP_MAX_AGE = 26 * 3600  # a daily backup plus two hours of slack


# -- the heartbeat ------------------------------------------------------------------


class Heartbeat:
    """Writes `poll.last_ok` when a getUpdates succeeds: at once, then once a minute."""

    def __init__(self, db: Database, clock: Callable[[], float], every: float = HEARTBEAT_EVERY):
        self.db = db
        self.clock = clock
        self.every = every
        self._written: float | None = None

    async def polled(self) -> None:
        now = self.clock()
        if self._written is not None and now - self._written < self.every:
            return
        self._written = now
        try:
            await BotStateRepository(self.db).put(LAST_POLL, str(int(now)), now)
        except Exception as exc:  # the heartbeat must never stop polling
            log.warning("could not record the heartbeat: %s", exc)


# -- the report ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the report. `key` and `params` render it in chat (status.<key>)."""

    name: str
    ok: bool
    text: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Report:
    checks: list[Check]
    at: float

    @property
    def attention(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    @property
    def healthy(self) -> bool:
        return not self.attention

    def lines(self) -> list[str]:
        head = (
            "OK: nothing needs attention"
            if self.healthy
            else f"ATTENTION: {needs_attention(len(self.attention))}"
        )
        return [head] + [f"{'ok ' if c.ok else '!! '} {c.name:<9} {c.text}" for c in self.checks]

    def as_json(self) -> dict[str, Any]:
        return {
            "healthy": self.healthy,
            "at": datetime.fromtimestamp(self.at, UTC).isoformat(),
            "checks": [{k: v for k, v in asdict(c).items() if k != "key"} for c in self.checks],
        }


def needs_attention(count: int) -> str:
    """The command line's English (chat reads status.attention): '1 thing needs attention'."""
    return "1 thing needs attention" if count == 1 else f"{count} things need attention"


def ago(seconds: float) -> str:
    """90 -> '1 min', 7300 -> '2 h 1 min', 200000 -> '2 d 7 h'."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def telegram_ok(username: str) -> Check:
    return Check(
        "telegram", True, f"token valid, bot is @{username}", "telegram_ok", {"bot": username}
    )


def telegram_failed(problem: str) -> Check:
    return Check("telegram", False, problem, "telegram_failed", {"problem": problem})


def process_check(running: bool, pid: int | None) -> Check:
    if not running:
        return Check(
            "process",
            False,
            "the bot is not running: sudo systemctl start unionbot "
            "(journalctl -u unionbot says why it stopped)",
            "process_down",
        )
    label = f" (pid {pid})" if pid else ""
    return Check("process", True, f"the bot is running{label}", "process_up")


async def polling_check(db: Database, now: float) -> Check:
    found = await BotStateRepository(db).get(LAST_POLL)
    if found is None:
        return Check(
            "polling",
            False,
            "the bot has never polled Telegram: start it and check its log",
            "poll_never",
        )
    age = now - int(found.value)
    params = {"age": ago(age)}
    if age > POLL_STALE:
        return Check(
            "polling",
            False,
            f"last successful poll {ago(age)} ago: is the bot running and online?",
            "poll_stale",
            params,
        )
    return Check("polling", True, f"last successful poll {ago(age)} ago", "poll_ok", params)


async def outbox_check(db: Database, now: float) -> Check:
    found = await figures.outbox(db, stale=now - OUTBOX_STALE, since=now - RECENT)
    failed = ""
    if found.failed_recent:
        top = ", ".join(f"{reason}: {n}" for reason, n in found.failure_reasons[:3])
        failed = f"; {found.failed_recent} failed in the last 24 h ({top})"
    params = {"pending": found.pending, "failed": found.failed_recent}
    progressing = found.last_sent_at is not None and found.last_sent_at >= now - OUTBOX_STALE
    copies = "copy" if found.pending == 1 else "copies"
    if found.overdue and not progressing:
        return Check(
            "outbox",
            False,
            f"stuck: {found.overdue} of {found.pending} {copies} waiting more than "
            f"{OUTBOX_STALE // 60} min and nothing sent meanwhile{failed}",
            "outbox_stuck",
            params | {"overdue": found.overdue},
        )
    if found.pending:
        text = f"{found.pending} {copies} being sent{failed}"
        return Check("outbox", True, text, "outbox_sending", params)
    return Check("outbox", True, f"empty{failed}", "outbox_empty", params)


async def jobs_check(db: Database, now: float) -> Check:
    found = await figures.jobs(db, stale=now - JOB_GRACE, since=now - RECENT)
    problems = [
        f"{kind} {key} failed: {error or 'no reason recorded'}"
        for kind, key, error in found.failed_recent
    ]
    problems += [f"{kind} {key} is {ago(now - due)} late" for kind, key, due in found.overdue]
    params = {"pending": found.pending, "problems": "; ".join(problems)}
    if problems:
        return Check("jobs", False, "; ".join(problems), "jobs_failed", params)
    return Check("jobs", True, f"{found.pending} scheduled, none late or failed", "jobs_ok", params)


async def votes_check(db: Database) -> Check:
    found = await figures.open_votes(db)
    listed = ", ".join(f"#{vote_id}" for vote_id, _, _ in found) or "none"
    return Check(
        "votes",
        True,
        f"{len(found)} open ({listed})",
        "votes",
        {"count": len(found), "list": listed},
    )


async def surveys_check(db: Database) -> Check:
    found = await figures.open_surveys(db)
    listed = ", ".join(slug for slug, _ in found) or "none"
    return Check(
        "surveys",
        True,
        f"{len(found)} open ({listed})",
        "surveys",
        {"count": len(found), "list": listed},
    )


def backup_taken_at(path: Path) -> float:
    """When a backup was taken: from its name (UTC), else the file's time."""
    stamp = path.name.removeprefix(PREFIX).removesuffix(SUFFIX)
    try:
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return path.stat().st_mtime


def backup_check(folder: Path, now: float) -> Check:
    found = existing_backups(folder) if folder.is_dir() else []
    if not found:
        return Check(
            "backup",
            False,
            f"no backup in {folder} yet: run `unionbot db backup {folder}/`",
            "backup_none",
            {"folder": str(folder)},
        )
    newest = max(found, key=backup_taken_at)
    age = now - backup_taken_at(newest)
    params = {"name": newest.name, "age": ago(age), "count": len(found)}
    if age > BACKUP_MAX_AGE:
        return Check(
            "backup",
            False,
            f"the last backup ({newest.name}) is {ago(age)} old: the daily backup is not running",
            "backup_old",
            params,
        )
    return Check(
        "backup",
        True,
        f"last backup {newest.name}, {ago(age)} ago ({len(found)} kept)",
        "backup_ok",
        params,
    )


async def gather(
    db: Database, backup_dir: Path, now: float, first: list[Check] | None = None
) -> Report:
    """Every check on the database and backup folder, after `first` (Telegram, process)."""
    checks = list(first or [])
    checks.append(await polling_check(db, now))
    checks.append(await outbox_check(db, now))
    checks.append(await jobs_check(db, now))
    checks.append(await votes_check(db))
    checks.append(await surveys_check(db))
    checks.append(backup_check(backup_dir, now))
    return Report(checks, now)

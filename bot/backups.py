"""Consistent, compacted, private database backups with retention."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from storage.database import Database, private_folder
from storage.jobs import ScheduledJob

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

PREFIX = "unionbot-"
SUFFIX = ".sqlite3"


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size_bytes: int
    kept: int
    removed: list[Path]


def backup_name(now: datetime) -> str:
    """A sortable file name for a backup taken at `now`."""
    return f"{PREFIX}{now.strftime('%Y%m%d-%H%M%S')}{SUFFIX}"


def existing_backups(folder: Path) -> list[Path]:
    """Backups in `folder`, oldest first."""
    return sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))


async def run_backup(db: Database, folder: Path, retention: int, now: datetime) -> BackupResult:
    """Back up to `folder` and delete all but the newest `retention` backups.

    `folder` is the bot's own (BACKUP_DIR): it is kept 0700 even if someone loosened it.
    """
    private_folder(folder, ours=True)
    target = folder / backup_name(now)
    await db.backup_to(target)
    backups = existing_backups(folder)
    removed = backups[:-retention] if len(backups) > retention else []
    for old in removed:
        old.unlink(missing_ok=True)
    size = target.stat().st_size
    log.info(
        "backup written: %s (%s); %d kept, %d removed",
        target,
        human_size(size),
        len(backups) - len(removed),
        len(removed),
    )
    return BackupResult(target, size, len(backups) - len(removed), removed)


def next_daily(at: str, now: datetime, tz: ZoneInfo) -> datetime:
    """The next time-of-day `at` (HH:MM in the union's zone) strictly after `now`."""
    hour, minute = (int(part) for part in at.split(":"))
    local = now.astimezone(tz)
    candidate = datetime.combine(local.date(), time(hour, minute), tzinfo=tz)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), time(hour, minute), tz)
    return candidate


def human_size(size: int) -> str:
    """1536 -> '1.5 KB'."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


DAILY_JOB = "backup.daily"


def register_jobs(services: Services) -> None:
    """Hang the daily backup on the scheduler."""

    async def daily(job: ScheduledJob) -> datetime:
        await backup_now(services, actor="system")
        return next_daily(services.settings.backup_time, services.now(), services.settings.tz)

    services.scheduler.register(DAILY_JOB, daily)


async def ensure_daily(services: Services) -> None:
    """Make sure a daily backup is scheduled; a run missed while down stays due."""
    settings = services.settings
    await services.scheduler.ensure(
        DAILY_JOB, "daily", next_daily(settings.backup_time, services.now(), settings.tz)
    )


async def backup_now(services: Services, actor: str) -> BackupResult:
    """Back up into the configured folder, apply retention, and audit it."""
    settings = services.settings
    result = await run_backup(
        services.db, settings.backup_dir, settings.backup_retention, services.now()
    )
    await services.audit.record(
        actor, "db.backup", result.path.name, size=result.size_bytes, removed=len(result.removed)
    )
    return result

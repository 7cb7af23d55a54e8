"""Onboarding at scale: one invite link per roster member, as a CSV for a mail merge."""

from __future__ import annotations

import csv
import io
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.botname import bot_link
from bot.membership.verification import invite_hash
from storage import onboarding
from storage.database import FILE_MODE

if TYPE_CHECKING:
    from bot.services import Services

CSV_COLUMNS = (
    "member_id",
    "first_name",
    "last_name",
    "name",
    "worksite",
    "language",
    "link",
    "expires",
)


@dataclass(frozen=True, slots=True)
class RosterInvites:
    rows: list[dict[str, str]]
    on_roster: int
    already_linked: int


async def roster_invites(
    services: Services,
    *,
    username: str,
    worksite: str | None,
    lifetime: timedelta,
    created_by: str,
) -> RosterInvites:
    """A new one-time link for every active member in good standing not yet in the bot."""
    invitees = await onboarding.unlinked_members(services.db, worksite)
    on_roster, linked = await onboarding.roster_counts(services.db, worksite)
    if not invitees:
        return RosterInvites([], on_roster, linked)
    now = services.scheduler.clock()
    expires_at = int(now + lifetime.total_seconds())
    secret = services.settings.secret_key.get_secret_value()
    codes = [secrets.token_urlsafe(12) for _ in invitees]
    await onboarding.add_member_invites(
        services.db,
        [(invite_hash(code, secret), m.pk) for code, m in zip(codes, invitees, strict=True)],
        expires_at,
        created_by,
    )
    await services.audit.record(
        created_by, "invites.create", worksite or "roster", count=len(codes), roster=True
    )
    expires = datetime.fromtimestamp(expires_at, UTC).astimezone(services.settings.tz)
    rows = [
        {
            "member_id": m.member_id,
            "first_name": m.first_name or "",
            "last_name": m.last_name or "",
            "name": " ".join(p for p in (m.first_name, m.last_name) if p),
            "worksite": m.worksite or "",
            "language": m.language or services.settings.default_language,
            "link": bot_link(username, code),
            "expires": expires.date().isoformat(),
        }
        for code, m in zip(codes, invitees, strict=True)
    ]
    return RosterInvites(rows, on_roster, linked)


def check_new_file(path: Path) -> None:
    """Refuse to overwrite: an invites file holds live one-time links."""
    if path.exists():
        raise FileExistsError(f"{path} already exists; choose a new file name")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"folder {path.parent} does not exist")


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    """UTF-8 with a byte-order mark (Excel shows accents right), mode 0600, never replaced."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out:
        out.write(buffer.getvalue())

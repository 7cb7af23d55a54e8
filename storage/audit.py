"""The audit log: who did what, when. Ids only, never personal data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from storage.database import Database


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: int
    actor: str
    action: str
    subject: str | None
    detail: dict[str, Any]


class AuditLog:
    """Append-only record of privileged actions and verification outcomes."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self, actor: str, action: str, subject: str | None = None, **detail: Any
    ) -> None:
        await self.db.execute(
            "INSERT INTO audit_log (actor, action, subject, detail) VALUES (?, ?, ?, ?)",
            (actor, action, subject, json.dumps(detail, sort_keys=True) if detail else None),
        )

    async def recent(self, limit: int = 50, action: str | None = None) -> list[AuditEntry]:
        rows = await self.db.fetchall(
            "SELECT id, at, actor, action, subject, detail FROM audit_log "
            "WHERE (? IS NULL OR action = ?) ORDER BY id DESC LIMIT ?",
            (action, action, limit),
        )
        return [
            AuditEntry(
                id=r["id"],
                at=r["at"],
                actor=r["actor"],
                action=r["action"],
                subject=r["subject"],
                detail=json.loads(r["detail"]) if r["detail"] else {},
            )
            for r in rows
        ]

"""The keys that seal ballots and survey answers: public keys, wrapped private keys, trustees."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from storage.database import Database


@dataclass(frozen=True, slots=True)
class NewKey:
    """A key pair as it is first stored: the private key only ever wrapped."""

    key_id: str
    public: bytes
    wrapped: bytes
    mode: str  # 'server' | 'trustees'
    needed: int | None = None
    trustees: tuple[tuple[int, int, str], ...] = ()  # (share index, member, share digest)


@dataclass(frozen=True, slots=True)
class SealKey:
    subject: str
    key_id: str
    public: bytes
    wrapped: bytes | None  # None once the count has erased it
    mode: str
    needed: int | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> SealKey:
        return cls(
            subject=row["subject"],
            key_id=row["key_id"],
            public=bytes(row["public_key"]),
            wrapped=bytes(row["wrapped"]) if row["wrapped"] is not None else None,
            mode=row["mode"],
            needed=row["needed"],
        )


@dataclass(frozen=True, slots=True)
class Trustee:
    share: int
    member: int | None
    digest: str
    returned: bytes | None  # the share handed back, wrapped under a server key


_COLUMNS = "subject, key_id, public_key, wrapped, mode, needed"


async def insert_key(conn: Any, subject: str, key: NewKey) -> None:
    """Store a new key inside the caller's transaction (the vote or survey it seals)."""
    await conn.execute(
        "INSERT INTO seal_keys (subject, key_id, public_key, wrapped, mode, needed) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (subject, key.key_id, key.public, key.wrapped, key.mode, key.needed),
    )
    await conn.executemany(
        "INSERT INTO seal_trustees (subject, share, member, digest) VALUES (?, ?, ?, ?)",
        [(subject, share, member, digest) for share, member, digest in key.trustees],
    )


async def erase_key(conn: Any, subject: str) -> None:
    """Forget the wrapped private key and every returned share (inside the count's transaction)."""
    await conn.execute("UPDATE seal_keys SET wrapped = NULL WHERE subject = ?", (subject,))
    await conn.execute("UPDATE seal_trustees SET returned = NULL WHERE subject = ?", (subject,))


class SealKeysRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, subject: str) -> SealKey | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM seal_keys WHERE subject = ?", (subject,)
        )
        return SealKey.from_row(row) if row else None

    async def by_key_id(self, key_id: str) -> SealKey | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM seal_keys WHERE key_id = ?", (key_id,)
        )
        return SealKey.from_row(row) if row else None

    async def trustees(self, subject: str) -> list[Trustee]:
        rows = await self.db.fetchall(
            "SELECT share, member, digest, returned FROM seal_trustees WHERE subject = ? "
            "ORDER BY share",
            (subject,),
        )
        return [Trustee(r[0], r[1], r[2], bytes(r[3]) if r[3] is not None else None) for r in rows]

    async def subjects_of_trustee(self, member: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT subject FROM seal_trustees WHERE member = ? ORDER BY subject", (member,)
        )
        return [r[0] for r in rows]

    async def return_share(self, subject: str, share: int, wrapped: bytes) -> bool:
        """Keep a handed-back share (wrapped) until enough are in; False if it already was."""
        changed = await self.db.execute(
            "UPDATE seal_trustees SET returned = ? WHERE subject = ? AND share = ? "
            "AND returned IS NULL",
            (wrapped, subject, share),
        )
        return changed > 0

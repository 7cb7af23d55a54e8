"""Members: the roster, their Telegram link, role and preferences."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import aiosqlite

from storage.database import Database


class Role(StrEnum):
    """What a person may do; each role includes the ones before it."""

    MEMBER = "member"
    STEWARD = "steward"
    LEADER = "leader"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True, slots=True)
class Member:
    """One person the union knows, as stored."""

    id: int
    member_id: str | None
    telegram_id: int | None
    first_name: str | None
    last_name: str | None
    worksite: str | None
    classification: str | None
    status: str
    language: str | None
    role: Role
    muted: bool
    reachable: bool
    active: bool
    verified_at: int | None
    frozen: bool = False  # a disputed link move: no powers until an admin looks (0013)

    @property
    def staff_only(self) -> bool:
        """Staff who are not members: an ADMIN_IDS row with no roster entry or worksite."""
        return self.member_id is None and self.worksite is None

    @property
    def in_good_standing(self) -> bool:
        """Active, unfrozen, on the roster or admitted to a worksite, and in good standing."""
        return (
            self.active
            and not self.frozen
            and not self.staff_only
            and self.status == "good_standing"
        )

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Member:
        return cls(
            id=row["id"],
            member_id=row["member_id"],
            telegram_id=row["telegram_id"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            worksite=row["worksite"],
            classification=row["classification"],
            status=row["status"],
            language=row["language"],
            role=Role(row["role"]),
            muted=bool(row["muted"]),
            reachable=bool(row["reachable"]),
            active=bool(row["active"]),
            verified_at=row["verified_at"],
            frozen=row["frozen_at"] is not None,
        )


_COLUMNS = (
    "id, member_id, telegram_id, first_name, last_name, worksite, classification, status, "
    "language, role, muted, reachable, active, verified_at, frozen_at"
)

# Who is a member for every audience and denominator (updates, surveys, votes): linked,
# verified, active, not frozen, and on the roster or admitted to a worksite (staff who are
# not members are not counted). `GOOD_STANDING` adds the standing votes and surveys need.
MEMBER_SQL = (
    "telegram_id IS NOT NULL AND verified_at IS NOT NULL AND active = 1 AND frozen_at IS NULL"
    " AND (member_id IS NOT NULL OR worksite IS NOT NULL)"
)
GOOD_STANDING_SQL = f"{MEMBER_SQL} AND status = 'good_standing'"


# Text columns that name a person as 'tg:<telegram id>' (their `actor`); /forgetme
# replaces their name there with 'forgotten'.
ACTOR_COLUMNS = (
    ("invites", "created_by"),
    ("verification_requests", "decided_by"),
    ("broadcasts", "created_by"),
    ("votes", "created_by"),
    ("surveys", "created_by"),
    ("steward_groups", "registered_by"),
    ("link_moves", "approved_by"),
)


class MembersRepository:
    """Reads and writes `members`; knows nothing of Telegram objects."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def by_telegram_id(self, telegram_id: int) -> Member | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM members WHERE telegram_id = ?", (telegram_id,)
        )
        return Member.from_row(row) if row else None

    async def ensure_admin(self, telegram_id: int) -> Member:
        """Make this Telegram account an admin, creating a staff row if needed."""
        rows = await self.db.write_returning(
            f"""INSERT INTO members (telegram_id, role, verified_at)
                VALUES (?, 'admin', strftime('%s', 'now'))
                ON CONFLICT (telegram_id) DO UPDATE
                    SET role = 'admin', updated_at = strftime('%s', 'now')
                    WHERE role != 'admin'
                RETURNING {_COLUMNS}""",
            (telegram_id,),
        )
        if rows:
            return Member.from_row(rows[0])
        # Already an admin: the conditional update changed and returned nothing.
        member = await self.by_telegram_id(telegram_id)
        assert member is not None
        return member

    async def with_role_at_least(self, role: Role) -> list[Member]:
        """Linked people whose role is `role` or higher (for per-chat command menus)."""
        wanted = [r.value for r in Role if r.at_least(role)]
        marks = ", ".join("?" for _ in wanted)
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM members "
            f"WHERE telegram_id IS NOT NULL AND role IN ({marks}) ORDER BY id",
            wanted,
        )
        return [Member.from_row(r) for r in rows]

    async def get(self, pk: int) -> Member | None:
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM members WHERE id = ?", (pk,))
        return Member.from_row(row) if row else None

    async def by_member_id(self, member_id: str) -> Member | None:
        """The roster member with this id (ids compare case-insensitively)."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM members WHERE member_id = ? COLLATE NOCASE", (member_id,)
        )
        return Member.from_row(row) if row else None

    async def by_phone_hash(self, phone_hash: str) -> list[Member]:
        """Active roster members whose keyed phone hash matches."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM members WHERE phone_hash = ? AND active = 1 ORDER BY id",
            (phone_hash,),
        )
        return [Member.from_row(r) for r in rows]

    async def link(self, pk: int, telegram_id: int) -> Member:
        """Link a roster member to a Telegram account and mark them verified.

        The account may already belong to a row that is not a roster member (an admin from
        ADMIN_IDS, or someone verified by a worksite invite): that row is folded into this
        one, keeping the higher role and any steward worksites. The member's previous
        account, if any, is unlinked (re-linking is approved by a steward first).
        """
        async with self.db.transaction() as conn:
            await _fold_staff_row(conn, pk, telegram_id)
            await conn.execute(
                "UPDATE members SET telegram_id = ?, verified_at = strftime('%s', 'now'), "
                "updated_at = strftime('%s', 'now') WHERE id = ?",
                (telegram_id, pk),
            )
        member = await self.get(pk)
        assert member is not None
        return member

    async def add_verified(self, telegram_id: int, worksite: str) -> Member:
        """A person a steward vouched for with a worksite invite; not (yet) on the roster."""
        rows = await self.db.write_returning(
            f"""INSERT INTO members (telegram_id, worksite, verified_at)
                VALUES (?, ?, strftime('%s', 'now')) RETURNING {_COLUMNS}""",
            (telegram_id, worksite),
        )
        return Member.from_row(rows[0])

    async def set_language(self, pk: int, language: str) -> None:
        await self._set(pk, "language", language)

    async def set_muted(self, pk: int, muted: bool) -> None:
        await self._set(pk, "muted", int(muted))

    async def set_role(self, pk: int, role: Role) -> None:
        await self._set(pk, "role", role.value)

    async def _set(self, pk: int, column: str, value: object) -> None:
        await self.db.execute(
            f"UPDATE members SET {column} = ?, updated_at = strftime('%s', 'now') WHERE id = ?",
            (value, pk),
        )

    async def steward_worksites(self, pk: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT worksite FROM steward_worksites WHERE member = ? ORDER BY worksite", (pk,)
        )
        return [r[0] for r in rows]

    async def add_steward_worksite(self, pk: int, worksite: str) -> None:
        await self.db.execute(
            "INSERT OR IGNORE INTO steward_worksites (member, worksite) VALUES (?, ?)",
            (pk, worksite),
        )

    async def remove_steward_worksites(self, pk: int, worksite: str | None = None) -> None:
        """Remove one steward worksite, or all of them."""
        await self.db.execute(
            "DELETE FROM steward_worksites WHERE member = ? AND (? IS NULL OR worksite = ?)",
            (pk, worksite, worksite),
        )

    async def reviewers_for(self, worksite: str | None) -> list[Member]:
        """Linked stewards of `worksite`, then leaders and admins: who may vouch for someone."""
        rows = await self.db.fetchall(
            f"""SELECT {_COLUMNS} FROM members m
                WHERE telegram_id IS NOT NULL AND verified_at IS NOT NULL AND active = 1
                  AND frozen_at IS NULL AND (status = 'good_standing' OR role = 'admin') AND (
                    role IN ('leader', 'admin')
                    OR (role = 'steward' AND EXISTS (
                        SELECT 1 FROM steward_worksites s
                        WHERE s.member = m.id AND s.worksite = ?)))
                ORDER BY CASE role WHEN 'steward' THEN 0 ELSE 1 END, id""",
            (worksite,),
        )
        return [Member.from_row(r) for r in rows]

    async def delivery_targets(self, member_ids: Iterable[int]) -> list[Member]:
        """Of these members, the verified, linked and active ones: who can get a message."""
        rows = await self.db.fetchall(
            f"""SELECT {_COLUMNS} FROM members
                WHERE id IN (SELECT value FROM json_each(?))
                  AND telegram_id IS NOT NULL AND verified_at IS NOT NULL AND active = 1
                  AND frozen_at IS NULL
                ORDER BY id""",
            (json.dumps(list(member_ids)),),
        )
        return [Member.from_row(r) for r in rows]

    async def audience(
        self,
        worksites: Sequence[str] = (),
        classifications: Sequence[str] = (),
        *,
        good_standing: bool = False,
    ) -> list[int]:
        """Members (see MEMBER_SQL), optionally only these worksites and/or classifications.

        Bargaining updates go to every member, lapsed ones included; surveys ask for
        `good_standing`, the same rule that builds a vote's roll.
        """
        rule = GOOD_STANDING_SQL if good_standing else MEMBER_SQL
        rows = await self.db.fetchall(
            f"""SELECT id FROM members
               WHERE {rule}
                 AND (? = '[]' OR worksite IN (SELECT value FROM json_each(?)))
                 AND (? = '[]' OR classification IN (SELECT value FROM json_each(?)))
               ORDER BY id""",
            (
                json.dumps(list(worksites)),
                json.dumps(list(worksites)),
                json.dumps(list(classifications)),
                json.dumps(list(classifications)),
            ),
        )
        return [r[0] for r in rows]

    async def audience_groups(
        self, column: str, worksites: Sequence[str] = (), classifications: Sequence[str] = ()
    ) -> list[str]:
        """The distinct worksites or classifications (`column`) of a survey's audience:
        roster facts, so naming how many there are tells nothing about who answered."""
        if column not in ("worksite", "classification"):
            raise ValueError(f"no such group column {column!r}")
        rows = await self.db.fetchall(
            f"""SELECT DISTINCT {column} FROM members
               WHERE {GOOD_STANDING_SQL} AND {column} IS NOT NULL AND {column} != ''
                 AND (? = '[]' OR worksite IN (SELECT value FROM json_each(?)))
                 AND (? = '[]' OR classification IN (SELECT value FROM json_each(?)))
               ORDER BY 1""",
            (
                json.dumps(list(worksites)),
                json.dumps(list(worksites)),
                json.dumps(list(classifications)),
                json.dumps(list(classifications)),
            ),
        )
        return [r[0] for r in rows]

    async def worksites(self) -> list[str]:
        """Worksites that have verified members, for choosing an audience."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT worksite FROM members WHERE worksite IS NOT NULL "
            "AND verified_at IS NOT NULL AND active = 1 ORDER BY worksite"
        )
        return [r[0] for r in rows]

    async def classifications(self) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT DISTINCT classification FROM members WHERE classification IS NOT NULL "
            "AND verified_at IS NOT NULL AND active = 1 ORDER BY classification"
        )
        return [r[0] for r in rows]

    async def roster_names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Every worksite and classification of an active roster row (typed names must match)."""
        found = []
        for column in ("worksite", "classification"):
            rows = await self.db.fetchall(
                f"SELECT DISTINCT {column} FROM members WHERE {column} IS NOT NULL "
                f"AND {column} != '' AND active = 1 ORDER BY {column}"
            )
            found.append(tuple(r[0] for r in rows))
        return found[0], found[1]

    async def on_open_roll(self, pk: int) -> bool:
        """On the roll of a vote that is open now (relinking them is an admin's decision)."""
        found = await self.db.fetchval(
            "SELECT EXISTS (SELECT 1 FROM vote_roll r JOIN votes v ON v.id = r.vote "
            "WHERE r.member = ? AND v.state = 'open')",
            (pk,),
        )
        return bool(found)

    async def freeze(self, pk: int) -> None:
        """No powers at all until an admin unfreezes the row (a disputed link move)."""
        await self.db.execute(
            "UPDATE members SET frozen_at = strftime('%s', 'now'), "
            "updated_at = strftime('%s', 'now') WHERE id = ? AND frozen_at IS NULL",
            (pk,),
        )

    async def unfreeze(self, pk: int, *, unlink: bool) -> None:
        """Lift a freeze; with `unlink`, the Telegram link goes too (the owner verifies again)."""
        await self.db.execute(
            "UPDATE members SET frozen_at = NULL, updated_at = strftime('%s', 'now'), "
            "telegram_id = CASE WHEN ? THEN NULL ELSE telegram_id END, "
            "verified_at = CASE WHEN ? THEN NULL ELSE verified_at END WHERE id = ?",
            (int(unlink), int(unlink), pk),
        )

    async def count_admins(self) -> int:
        return await self.db.fetchval("SELECT COUNT(*) FROM members WHERE role = 'admin'")

    async def forget(self, pk: int) -> None:
        """Delete a member's personal data and Telegram link; keep the bare roster id.

        The roster id stays so that one-member-one-vote still holds for anonymous ballots
        already cast; names, phone hash, language and the link are gone, and no table
        (audit log, outbox, drafts, review and ticket posts) still holds their Telegram id.
        Call `Database.checkpoint()` afterwards so the WAL keeps no copy of what was erased.
        """
        member = await self.get(pk)
        if member is None:
            return
        async with self.db.transaction() as conn:
            if member.telegram_id is not None:
                actor = f"tg:{member.telegram_id}"
                await conn.execute(
                    "UPDATE audit_log SET actor = 'forgotten' WHERE actor = ?", (actor,)
                )
                await conn.execute(
                    "UPDATE audit_log SET subject = 'forgotten' WHERE subject = ?", (actor,)
                )
                for table, column in ACTOR_COLUMNS:  # what they created or decided, as staff
                    await conn.execute(
                        f"UPDATE {table} SET {column} = 'forgotten' WHERE {column} = ?", (actor,)
                    )
                await conn.execute(  # moves of their link: nothing left to dispute
                    "DELETE FROM link_moves WHERE old_telegram_id = ? OR new_telegram_id = ?",
                    (member.telegram_id, member.telegram_id),
                )
                await conn.execute(
                    "DELETE FROM verification_attempts WHERE telegram_id = ?",
                    (member.telegram_id,),
                )
                await conn.execute(
                    "DELETE FROM verification_requests WHERE telegram_id = ?",
                    (member.telegram_id,),
                )
                await conn.execute(
                    "DELETE FROM conversation_steps WHERE key LIKE ?",
                    (f"%, {member.telegram_id}]",),
                )
                await conn.execute(
                    "DELETE FROM user_drafts WHERE telegram_id = ?", (member.telegram_id,)
                )
                # Where their chat showed requests and tickets (as a steward) or progress.
                await conn.execute(
                    "DELETE FROM verification_request_messages WHERE chat_id = ?",
                    (member.telegram_id,),
                )
                await conn.execute(
                    "DELETE FROM ticket_posts WHERE chat_id = ?", (member.telegram_id,)
                )
                await conn.execute(
                    "UPDATE broadcasts SET progress_chat = NULL, progress_message = NULL "
                    "WHERE progress_chat = ?",
                    (member.telegram_id,),
                )
            # The outbox: copies not sent yet are never sent; finished ones keep only their
            # outcome for the counts, with no member and no chat.
            await conn.execute(
                "DELETE FROM deliveries WHERE (member = ? OR chat_id = ?) "
                "AND state IN ('pending', 'sending')",
                (pk, member.telegram_id or 0),
            )
            await conn.execute(
                "UPDATE deliveries SET member = NULL, chat_id = 0, message_id = NULL "
                "WHERE member = ? OR chat_id = ?",
                (pk, member.telegram_id or 0),
            )
            # Their questions to stewards, with the whole thread (messages cascade).
            await conn.execute("DELETE FROM tickets WHERE member = ?", (pk,))
            if member.member_id is None:
                await conn.execute("DELETE FROM members WHERE id = ?", (pk,))
                return
            await conn.execute(
                """UPDATE members SET telegram_id = NULL, first_name = NULL, last_name = NULL,
                       phone_hash = NULL, language = NULL, muted = 0, reachable = 1,
                       verified_at = NULL, role = 'member',
                       updated_at = strftime('%s', 'now')
                   WHERE id = ?""",
                (pk,),
            )
            await conn.execute("DELETE FROM steward_worksites WHERE member = ?", (pk,))
            # Confidential survey answers stay, without the link; unfinished ones go.
            await conn.execute("UPDATE survey_responses SET member = NULL WHERE member = ?", (pk,))
            await conn.execute("DELETE FROM survey_progress WHERE member = ?", (pk,))

    async def set_reachable(self, telegram_id: int, reachable: bool) -> bool:
        """Record whether the bot can message this person; True when a row changed."""
        changed = await self.db.execute(
            "UPDATE members SET reachable = ?, updated_at = strftime('%s', 'now') "
            "WHERE telegram_id = ? AND reachable != ?",
            (int(reachable), telegram_id, int(reachable)),
        )
        return changed > 0


async def _fold_staff_row(conn: aiosqlite.Connection, pk: int, telegram_id: int) -> None:
    """Merge a non-roster row holding `telegram_id` into roster member `pk` (see `link`)."""
    async with conn.execute(
        "SELECT id, role FROM members WHERE telegram_id = ? AND id != ? AND member_id IS NULL",
        (telegram_id, pk),
    ) as cursor:
        other = await cursor.fetchone()
    await conn.execute("UPDATE members SET telegram_id = NULL WHERE id = ?", (pk,))
    if other is None:
        return
    await conn.execute(
        "UPDATE members SET role = ? WHERE id = ? AND "
        "CASE role WHEN 'member' THEN 0 WHEN 'steward' THEN 1 WHEN 'leader' THEN 2 ELSE 3 END"
        " < CASE ? WHEN 'member' THEN 0 WHEN 'steward' THEN 1 WHEN 'leader' THEN 2 ELSE 3 END",
        (other["role"], pk, other["role"]),
    )
    await conn.execute(
        "INSERT OR IGNORE INTO steward_worksites (member, worksite) "
        "SELECT ?, worksite FROM steward_worksites WHERE member = ?",
        (pk, other["id"]),
    )
    await conn.execute("DELETE FROM members WHERE id = ?", (other["id"],))


@dataclass(frozen=True, slots=True)
class Stripped:
    """A row that lost its powers because it is no longer a member in good standing."""

    pk: int
    member_id: str | None
    telegram_id: int | None
    role: Role
    steward_worksites: tuple[str, ...]
    dropped_from_votes: tuple[int, ...]


# Roster rows that are not members in good standing (inactive, frozen, lapsed, ...).
_NOT_IN_STANDING = (
    "member_id IS NOT NULL AND (active = 0 OR frozen_at IS NOT NULL OR status != 'good_standing')"
)


async def strip_powers(conn: aiosqlite.Connection) -> list[Stripped]:
    """Take every power away from rows no longer in good standing, in the caller's transaction.

    Roles and steward worksites go (re-activation restores membership, not roles); open
    wizards and pending inputs are dropped; unfinished survey answers are discarded; and
    they leave the roll of every scheduled or open vote they have not voted in. Returns
    what was taken from each row that had something to lose, for the audit log.
    """
    async with conn.execute(
        f"""SELECT m.id, m.member_id, m.telegram_id, m.role,
                   (SELECT json_group_array(worksite) FROM steward_worksites s
                    WHERE s.member = m.id) AS worksites,
                   (SELECT json_group_array(r.vote) FROM vote_roll r JOIN votes v ON v.id = r.vote
                    WHERE r.member = m.id AND v.state IN ('scheduled', 'open')
                      AND NOT EXISTS (SELECT 1 FROM vote_participation p
                                      WHERE p.vote = r.vote AND p.member = m.id)) AS votes
            FROM members m WHERE {_NOT_IN_STANDING}"""
    ) as cursor:
        rows = await cursor.fetchall()
    stripped = []
    for row in rows:
        worksites = tuple(w for w in json.loads(row["worksites"]) if w is not None)
        votes = tuple(v for v in json.loads(row["votes"]) if v is not None)
        telegram_id = row["telegram_id"]
        if telegram_id is not None:
            await conn.execute(
                "DELETE FROM conversation_steps WHERE key LIKE ?", (f"%, {telegram_id}]",)
            )
            await conn.execute(  # a typed step (handlers/prompts.py); wizards' fields stay
                "UPDATE user_drafts SET data = json_remove(data, '$.typing') WHERE telegram_id = ?",
                (telegram_id,),
            )
        await conn.execute("DELETE FROM survey_progress WHERE member = ?", (row["id"],))
        role = Role(row["role"])
        if role is Role.MEMBER and not worksites and not votes:
            continue
        await conn.execute(
            "UPDATE members SET role = 'member', updated_at = strftime('%s', 'now') WHERE id = ?",
            (row["id"],),
        )
        await conn.execute("DELETE FROM steward_worksites WHERE member = ?", (row["id"],))
        for vote in votes:
            await conn.execute(
                "DELETE FROM vote_roll WHERE vote = ? AND member = ?", (vote, row["id"])
            )
            await conn.execute(
                "UPDATE votes SET roll_size = (SELECT COUNT(*) FROM vote_roll WHERE vote = ?) "
                "WHERE id = ?",
                (vote, vote),
            )
        stripped.append(Stripped(row["id"], row["member_id"], telegram_id, role, worksites, votes))
    return stripped

"""Repositories on real SQLite: members, audit log, scheduled jobs."""

from __future__ import annotations

from storage.audit import AuditLog
from storage.database import Database
from storage.jobs import JobsRepository
from storage.members import MembersRepository, Role


async def test_ensure_admin_creates_then_keeps(db: Database) -> None:
    members = MembersRepository(db)
    first = await members.ensure_admin(555)
    again = await members.ensure_admin(555)
    assert first.id == again.id and again.role is Role.ADMIN and again.verified_at
    assert await db.fetchval("SELECT COUNT(*) FROM members") == 1


async def test_ensure_admin_promotes_existing_member(db: Database) -> None:
    await db.execute(
        "INSERT INTO members (member_id, telegram_id, role) VALUES ('M1', 9, 'member')"
    )
    promoted = await MembersRepository(db).ensure_admin(9)
    assert promoted.member_id == "M1" and promoted.role is Role.ADMIN


async def test_roles_rank() -> None:
    assert Role.ADMIN.at_least(Role.STEWARD)
    assert not Role.MEMBER.at_least(Role.STEWARD)
    assert Role.STEWARD.at_least(Role.STEWARD)


async def test_with_role_at_least_skips_unlinked_and_lower(db: Database) -> None:
    await db.execute(
        "INSERT INTO members (member_id, telegram_id, role) VALUES "
        "('A', 1, 'member'), ('B', 2, 'steward'), ('C', NULL, 'leader'), ('D', 4, 'admin')"
    )
    found = await MembersRepository(db).with_role_at_least(Role.STEWARD)
    assert [m.member_id for m in found] == ["B", "D"]


async def test_set_reachable_reports_change(db: Database) -> None:
    members = MembersRepository(db)
    await members.ensure_admin(1)
    assert await members.set_reachable(1, False) is True
    assert await members.set_reachable(1, False) is False
    member = await members.by_telegram_id(1)
    assert member is not None and member.reachable is False


async def test_audit_log_keeps_detail(db: Database) -> None:
    audit = AuditLog(db)
    await audit.record("cli", "db.backup", "file.sqlite3", size=10)
    await audit.record("tg:1", "role.grant")
    entries = await audit.recent()
    assert [e.action for e in entries] == ["role.grant", "db.backup"]
    assert entries[1].detail == {"size": 10} and entries[0].detail == {}


async def test_one_pending_job_per_kind_and_key(db: Database) -> None:
    jobs = JobsRepository(db)
    a = await jobs.upsert("k", "1", 100, {"x": 1})
    b = await jobs.upsert("k", "1", 200, {"x": 2})
    assert a.id == b.id and b.due_at == 200 and b.payload == {"x": 2}
    assert await jobs.cancel("k", "1") is True
    c = await jobs.upsert("k", "1", 300, {})
    assert c.id != a.id
    assert [j.id for j in await jobs.pending()] == [c.id]


async def test_claim_refuses_cancelled_job(db: Database) -> None:
    jobs = JobsRepository(db)
    job = await jobs.upsert("k", "1", 100, {})
    await jobs.cancel("k", "1")
    assert await jobs.claim(job.id) is None

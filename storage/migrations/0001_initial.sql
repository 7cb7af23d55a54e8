-- unionbot schema 1: people, roles, audit trail, scheduled work.
-- Times are Unix seconds (UTC). Phone numbers are stored only as a keyed HMAC.

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
);

CREATE TABLE members (
    id             INTEGER PRIMARY KEY,
    member_id      TEXT    UNIQUE,            -- roster id; NULL for staff not on the roster
    telegram_id    INTEGER UNIQUE,            -- NULL until the person links their account
    first_name     TEXT,
    last_name      TEXT,
    phone_hash     TEXT,
    worksite       TEXT,
    classification TEXT,
    status         TEXT    NOT NULL DEFAULT 'good_standing',
    language       TEXT    CHECK (language IN ('en', 'es')),
    role           TEXT    NOT NULL DEFAULT 'member'
                           CHECK (role IN ('member', 'steward', 'leader', 'admin')),
    muted          INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
    reachable      INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    verified_at    INTEGER,
    created_at     INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    updated_at     INTEGER NOT NULL DEFAULT (strftime('%s', 'now'))
);
CREATE INDEX members_phone_hash ON members (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX members_worksite ON members (worksite);

CREATE TABLE steward_worksites (
    member    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    worksite  TEXT    NOT NULL,
    PRIMARY KEY (member, worksite)
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    actor    TEXT    NOT NULL,                 -- 'tg:<telegram id>', 'cli', 'system'
    action   TEXT    NOT NULL,
    subject  TEXT,
    detail   TEXT                              -- JSON, never personal data beyond ids
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE scheduled_jobs (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,               -- one pending job per (kind, key)
    due_at     INTEGER NOT NULL,
    payload    TEXT    NOT NULL DEFAULT '{}',
    state      TEXT    NOT NULL DEFAULT 'pending'
                       CHECK (state IN ('pending', 'running', 'done', 'failed', 'cancelled')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    finished_at INTEGER
);
CREATE UNIQUE INDEX scheduled_jobs_one_pending
    ON scheduled_jobs (kind, key) WHERE state IN ('pending', 'running');
CREATE INDEX scheduled_jobs_due ON scheduled_jobs (due_at) WHERE state IN ('pending', 'running');

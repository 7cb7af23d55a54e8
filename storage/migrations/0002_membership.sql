-- unionbot schema 2: becoming a verified member. Invite codes are stored only as keyed
-- hashes; verification attempts are kept just long enough to rate-limit.

CREATE TABLE invites (
    code_hash  TEXT    PRIMARY KEY,
    member     INTEGER REFERENCES members (id) ON DELETE CASCADE,  -- NULL: a worksite invite
    worksite   TEXT,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    CHECK (member IS NOT NULL OR worksite IS NOT NULL)
) WITHOUT ROWID;

CREATE TABLE verification_attempts (
    telegram_id INTEGER NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX verification_attempts_by_user ON verification_attempts (telegram_id, at);

-- A person who could not verify by phone or invite asks a steward to vouch for them.
CREATE TABLE verification_requests (
    id          INTEGER PRIMARY KEY,
    telegram_id INTEGER NOT NULL,
    language    TEXT    NOT NULL DEFAULT 'en',
    member      INTEGER REFERENCES members (id) ON DELETE SET NULL,  -- roster match, if any
    typed_id    TEXT    NOT NULL,
    typed_name  TEXT    NOT NULL,
    worksite    TEXT,
    state       TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by  TEXT,
    created_at  INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    decided_at  INTEGER
);
CREATE UNIQUE INDEX verification_requests_one_pending
    ON verification_requests (telegram_id) WHERE state = 'pending';

-- Where each request was shown, so every copy can be updated once someone decides.
CREATE TABLE verification_request_messages (
    request    INTEGER NOT NULL REFERENCES verification_requests (id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (request, chat_id)
) WITHOUT ROWID;

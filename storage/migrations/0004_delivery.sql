-- unionbot schema 4: the outbox. Every bulk message goes through it: one broadcast, one
-- delivery row per recipient, each state change persisted so sending survives a crash.

CREATE TABLE broadcasts (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,            -- 'update', 'vote.announce', ...
    subject      TEXT,                        -- what it is about, e.g. 'vote:3'
    op           TEXT    NOT NULL DEFAULT 'send' CHECK (op IN ('send', 'edit', 'delete')),
    target       INTEGER REFERENCES broadcasts (id),  -- for edit/delete: the broadcast changed
    payload      TEXT    NOT NULL,            -- JSON: language -> message
    urgent       INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    state        TEXT    NOT NULL DEFAULT 'sending'
                         CHECK (state IN ('sending', 'done', 'cancelled')),
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    finished_at  INTEGER,
    progress_chat     INTEGER,                -- where the sender watches progress
    progress_message  INTEGER,
    progress_language TEXT
);
CREATE INDEX broadcasts_active ON broadcasts (state) WHERE state = 'sending';

CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY,
    broadcast   INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    member      INTEGER REFERENCES members (id) ON DELETE SET NULL,
    chat_id     INTEGER NOT NULL,
    language    TEXT    NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    reason      TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    due_at      REAL    NOT NULL DEFAULT 0,   -- next attempt (Unix seconds)
    message_id  INTEGER,                      -- the copy in the member's chat (send), or the copy to change
    sent_at     INTEGER,
    acked_at    INTEGER,                      -- "Got it" pressed
    UNIQUE (broadcast, member)
);
CREATE INDEX deliveries_due ON deliveries (due_at, id) WHERE state = 'pending';
CREATE INDEX deliveries_in_flight ON deliveries (broadcast) WHERE state = 'sending';
CREATE INDEX deliveries_by_member ON deliveries (member, broadcast);

-- Bargaining updates that stewards and leaders compose. Sending one creates a broadcast.
CREATE TABLE updates (
    id              INTEGER PRIMARY KEY,
    author          INTEGER REFERENCES members (id) ON DELETE SET NULL,
    text            TEXT    NOT NULL,          -- Telegram HTML built from the author's entities
    photo           TEXT,                      -- Telegram file_id
    document        TEXT,                      -- Telegram file_id
    worksites       TEXT    NOT NULL DEFAULT '[]',   -- JSON list; empty = everyone
    classifications TEXT    NOT NULL DEFAULT '[]',
    urgent          INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    pinned          INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    state           TEXT    NOT NULL DEFAULT 'scheduled'
                            CHECK (state IN ('scheduled', 'sent', 'cancelled', 'retracted')),
    send_at         INTEGER NOT NULL,
    broadcast       INTEGER REFERENCES broadcasts (id),
    created_at      INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    corrected_at    INTEGER
);
CREATE INDEX updates_state ON updates (state, send_at);

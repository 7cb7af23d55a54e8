-- unionbot schema 7: ask-a-steward tickets, stewards' group chats, and what the bot is
-- waiting for someone to type (so a restart loses no half-finished answer).

-- A member's question to the stewards of their worksite. The worksite is copied at creation
-- so a later roster move does not hand the ticket to other stewards.
CREATE TABLE tickets (
    id         INTEGER PRIMARY KEY,
    member     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    worksite   TEXT,
    language   TEXT    NOT NULL DEFAULT 'en',  -- the member's, for relaying answers
    state      TEXT    NOT NULL DEFAULT 'open'
                       CHECK (state IN ('open', 'answered', 'closed')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX tickets_by_member ON tickets (member, state);
CREATE INDEX tickets_by_worksite ON tickets (worksite, state);

-- The thread. Stewards are named (members see who answered); members never are: the
-- ticket's member column is the only link to them.
CREATE TABLE ticket_messages (
    id          INTEGER PRIMARY KEY,
    ticket      INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_role TEXT    NOT NULL CHECK (author_role IN ('member', 'steward')),
    author_name TEXT,                          -- stewards only
    text        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    CHECK (author_role = 'steward' OR author_name IS NULL)
);
CREATE INDEX ticket_messages_by_ticket ON ticket_messages (ticket, id);

-- Where a ticket was shown to stewards, so every copy can be updated when it changes.
CREATE TABLE ticket_posts (
    ticket     INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (ticket, chat_id, message_id)
) WITHOUT ROWID;

-- The stewards' group chat of a worksite (registered by an admin in the group itself).
CREATE TABLE steward_groups (
    worksite      TEXT    PRIMARY KEY,
    chat_id       INTEGER NOT NULL,
    registered_by TEXT    NOT NULL,
    registered_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX steward_groups_by_chat ON steward_groups (chat_id);

-- "Type your answer": what the bot expects next from one person in one chat. `prompt_id`
-- is the bot's ForceReply message (in groups the answer arrives as a reply to it).
CREATE TABLE pending_inputs (
    telegram_id INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    ticket      INTEGER REFERENCES tickets (id) ON DELETE CASCADE,
    data        TEXT    NOT NULL DEFAULT '{}',  -- JSON: a draft's fields so far
    prompt_id   INTEGER,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (telegram_id, chat_id)
) WITHOUT ROWID;

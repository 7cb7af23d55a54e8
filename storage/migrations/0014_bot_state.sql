-- unionbot schema 14: what the running bot knows about itself, for the command line.
-- 'bot.username' (so invite links need no network once known), 'poll.last_ok' (the last
-- getUpdates that succeeded: the heartbeat `unionbot status` reads), 'bot.started_at'.
-- Values are plain text; times are Unix seconds (UTC).

CREATE TABLE bot_state (
    key        TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

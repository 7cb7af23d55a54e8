-- unionbot schema 8: half-finished chat flows (wizards, forms) survive a restart.
-- PTB's persistence writes here: which step each conversation is at, and the draft the
-- person is building (their user_data). Rows go away when a flow ends or on /forgetme.

CREATE TABLE conversation_steps (
    conversation TEXT    NOT NULL,   -- the ConversationHandler's name
    key          TEXT    NOT NULL,   -- JSON list: chat id, user id
    step         TEXT    NOT NULL,   -- JSON: the state
    PRIMARY KEY (conversation, key)
) WITHOUT ROWID;

CREATE TABLE user_drafts (
    telegram_id INTEGER PRIMARY KEY,
    data        BLOB    NOT NULL     -- pickled user_data, written only by this bot
);

-- unionbot schema 12: drafts are stored as JSON, never pickled.
-- A pickled draft runs code when it is loaded: a tampered row in a restored backup would
-- run as the bot. Pickled rows are discarded here without ever being read (half-finished
-- wizards and forms are lost at this upgrade; people start them again).

DROP TABLE user_drafts;

CREATE TABLE user_drafts (
    telegram_id INTEGER PRIMARY KEY,
    data        TEXT    NOT NULL CHECK (json_valid(data))  -- see bot/drafts.py
);

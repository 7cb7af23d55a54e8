-- unionbot schema 18: the FAQ as `unionbot faq load` last loaded it (one row, the entries as
-- JSON), so a later load can tell what was added in chat since (entries, members' wordings
-- linked as alternates, translation pairs) and refuse to drop it unasked (bot/cli/faq.py).

CREATE TABLE faq_loaded (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    loaded_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    entries TEXT NOT NULL
);

-- unionbot schema 3: the FAQ, its full-text index, unanswered questions and 👍/👎 counts.

-- `pk` is an explicit INTEGER PRIMARY KEY on purpose: the FTS index below refers to rows
-- by rowid, and VACUUM (run after every vote closes) may renumber implicit rowids.
CREATE TABLE faq_entries (
    pk            INTEGER PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,     -- the author's slug, e.g. 'strike-pay'
    question      TEXT    NOT NULL,
    answer        TEXT    NOT NULL,
    tags          TEXT    NOT NULL DEFAULT '[]',   -- JSON list of strings
    alternates    TEXT    NOT NULL DEFAULT '[]',   -- JSON list of other phrasings
    language      TEXT    NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
    position      INTEGER NOT NULL DEFAULT 0,      -- order in the loaded file
    -- What the matcher indexes: concept terms made by bot/faq/text.py from the id,
    -- question, alternates and tags (title) and from the answer (body). Rows written by an
    -- older analyzer (terms_version) are re-indexed when the FAQ service starts.
    title_terms   TEXT    NOT NULL DEFAULT '',
    body_terms    TEXT    NOT NULL DEFAULT '',
    terms_version INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL DEFAULT (strftime('%s', 'now'))
);

-- Raw columns serve plain keyword search (and the BM25 baseline); the *_terms columns are
-- what members' questions are ranked against.
CREATE VIRTUAL TABLE faq_index USING fts5 (
    question, alternates, tags, answer, title_terms, body_terms,
    content = 'faq_entries', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER faq_entries_ai AFTER INSERT ON faq_entries BEGIN
    INSERT INTO faq_index (rowid, question, alternates, tags, answer, title_terms, body_terms)
    VALUES (new.pk, new.question, new.alternates, new.tags, new.answer, new.title_terms,
            new.body_terms);
END;

CREATE TRIGGER faq_entries_ad AFTER DELETE ON faq_entries BEGIN
    INSERT INTO faq_index (faq_index, rowid, question, alternates, tags, answer, title_terms,
                           body_terms)
    VALUES ('delete', old.pk, old.question, old.alternates, old.tags, old.answer,
            old.title_terms, old.body_terms);
END;

CREATE TRIGGER faq_entries_au AFTER UPDATE ON faq_entries BEGIN
    INSERT INTO faq_index (faq_index, rowid, question, alternates, tags, answer, title_terms,
                           body_terms)
    VALUES ('delete', old.pk, old.question, old.alternates, old.tags, old.answer,
            old.title_terms, old.body_terms);
    INSERT INTO faq_index (rowid, question, alternates, tags, answer, title_terms, body_terms)
    VALUES (new.pk, new.question, new.alternates, new.tags, new.answer, new.title_terms,
            new.body_terms);
END;

-- Questions the bot could not answer and answers members marked unhelpful, for /faqgaps.
-- Text only: no member, chat or message id, so a leak shows what was asked, not by whom.
CREATE TABLE faq_gaps (
    id     INTEGER PRIMARY KEY,
    text     TEXT    NOT NULL,
    reason   TEXT    NOT NULL CHECK (reason IN ('unknown', 'suggested', 'unhelpful')),
    entry_id TEXT,                               -- the entry marked unhelpful, if any
    at       INTEGER NOT NULL DEFAULT (strftime('%s', 'now'))
);
CREATE INDEX faq_gaps_at ON faq_gaps (at);

-- 👍/👎 tallies per entry id (kept by id so they survive a reload of the same FAQ).
CREATE TABLE faq_feedback (
    entry_id  TEXT    PRIMARY KEY,
    helpful   INTEGER NOT NULL DEFAULT 0,
    unhelpful INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

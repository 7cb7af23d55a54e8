-- unionbot schema 13: membership the union controls. A frozen row has no powers until an
-- admin looks at it; every move of a Telegram link is kept so the old account can dispute
-- it; a verification request says how it came (typed member ID, shared phone, invite).

ALTER TABLE members ADD COLUMN frozen_at INTEGER;

ALTER TABLE verification_requests ADD COLUMN via TEXT NOT NULL DEFAULT 'form'
    CHECK (via IN ('form', 'phone', 'invite'));

CREATE TABLE link_moves (
    id              INTEGER PRIMARY KEY,
    member          INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    old_telegram_id INTEGER NOT NULL,
    new_telegram_id INTEGER NOT NULL,
    approved_by     TEXT    NOT NULL,
    at              INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    disputed_at     INTEGER
);
CREATE INDEX link_moves_member ON link_moves (member);

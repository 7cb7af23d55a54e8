-- unionbot schema 5: strike-authorization votes with secret ballots.
--
-- Secrecy by construction: who took part (vote_participation: vote, member) and what was
-- chosen (vote_ballots: receipt, vote, choice) live in separate tables with no column,
-- timestamp or row order in common. Both are WITHOUT ROWID, so rows sit in key order
-- (member id; random receipt), never in insertion order; closing a vote checkpoints the
-- WAL and VACUUMs so no page layout left over from the voting period survives.

CREATE TABLE votes (
    id              INTEGER PRIMARY KEY,
    question        TEXT    NOT NULL,
    options         TEXT    NOT NULL,                 -- JSON list of labels, in ballot order
    worksites       TEXT    NOT NULL DEFAULT '[]',    -- JSON list; empty = every worksite
    classifications TEXT    NOT NULL DEFAULT '[]',
    opens_at        INTEGER NOT NULL,
    closes_at       INTEGER NOT NULL,
    threshold_num   INTEGER NOT NULL,                 -- share of ballots cast the first
    threshold_den   INTEGER NOT NULL,                 -- option needs to pass
    threshold_strict INTEGER NOT NULL DEFAULT 0 CHECK (threshold_strict IN (0, 1)),
    quorum_num      INTEGER,                          -- share of the roll that must vote
    quorum_den      INTEGER,
    show_results    INTEGER NOT NULL DEFAULT 1 CHECK (show_results IN (0, 1)),
    reminders       TEXT    NOT NULL DEFAULT '[86400, 7200]',  -- seconds before close
    state           TEXT    NOT NULL DEFAULT 'scheduled'
                            CHECK (state IN ('scheduled', 'open', 'closed', 'cancelled')),
    roll_size       INTEGER NOT NULL DEFAULT 0,       -- frozen at open, + members added
    created_by      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    opened_at       INTEGER,
    closed_at       INTEGER,
    CHECK (closes_at > opens_at),
    CHECK (threshold_den > 0 AND threshold_num > 0 AND threshold_num <= threshold_den),
    CHECK (quorum_num IS NULL OR (quorum_den > 0 AND quorum_num > 0 AND quorum_num <= quorum_den))
);
CREATE INDEX votes_state ON votes (state, opens_at);

-- Once a vote opens its question, options and rules are fixed, whatever the code does.
CREATE TRIGGER votes_rules_frozen
BEFORE UPDATE OF question, options, worksites, classifications, opens_at, closes_at,
                 threshold_num, threshold_den, threshold_strict, quorum_num, quorum_den,
                 show_results, reminders ON votes
WHEN old.state != 'scheduled'
BEGIN
    SELECT RAISE(ABORT, 'vote rules cannot change once it has opened');
END;

-- The frozen eligible roll. `worksite` is a snapshot for turnout by worksite.
CREATE TABLE vote_roll (
    vote     INTEGER NOT NULL REFERENCES votes (id),
    member   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    worksite TEXT,
    PRIMARY KEY (vote, member)
) WITHOUT ROWID;

-- Who has cast a ballot: the primary key is what makes one member one vote. No time.
CREATE TABLE vote_participation (
    vote   INTEGER NOT NULL REFERENCES votes (id),
    member INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (vote, member)
) WITHOUT ROWID;

-- The ballots: a random receipt, the vote and the option index. Nothing else.
CREATE TABLE vote_ballots (
    receipt TEXT    NOT NULL PRIMARY KEY,
    vote    INTEGER NOT NULL REFERENCES votes (id),
    choice  INTEGER NOT NULL CHECK (choice >= 0)
) WITHOUT ROWID;
-- Covering index for the tally; ordered by (vote, choice, receipt): no insertion order.
CREATE INDEX vote_ballots_tally ON vote_ballots (vote, choice);

-- Ballots go in only while their vote is open, and are never changed or removed.
CREATE TRIGGER vote_ballots_only_while_open
BEFORE INSERT ON vote_ballots
WHEN (SELECT state FROM votes WHERE id = new.vote) IS NOT 'open'
BEGIN
    SELECT RAISE(ABORT, 'ballots can only be cast while the vote is open');
END;

CREATE TRIGGER vote_ballots_never_change
BEFORE UPDATE ON vote_ballots
BEGIN
    SELECT RAISE(ABORT, 'ballots cannot be changed');
END;

CREATE TRIGGER vote_ballots_never_deleted
BEFORE DELETE ON vote_ballots
BEGIN
    SELECT RAISE(ABORT, 'ballots cannot be deleted');
END;

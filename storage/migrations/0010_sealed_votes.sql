-- unionbot schema 10: sealed ballots.
--
-- A ballot is sealed with its vote's public key the moment it is cast (bot/sealing.py):
-- `vote_ballots` holds (tracker, vote, sealed box) and nothing on disk says how anyone
-- voted while the vote is open. The tracker is the member's receipt, derived from the
-- sealed box itself. At the count the boxes are opened in memory, only the totals are
-- written (`vote_results`), and the vote's key is erased in the same transaction.
-- Votes counted before this version keep their receipts and totals, not their choices.
-- This migration is refused while a vote is open (storage/migrations/__init__.py).

ALTER TABLE votes ADD COLUMN counted_at INTEGER;      -- NULL until the ballots are counted
UPDATE votes SET counted_at = closed_at WHERE state = 'closed';

CREATE TABLE vote_results (
    vote    INTEGER NOT NULL REFERENCES votes (id),
    choice  INTEGER NOT NULL CHECK (choice >= 0),
    ballots INTEGER NOT NULL CHECK (ballots >= 0),
    PRIMARY KEY (vote, choice)
) WITHOUT ROWID;
INSERT INTO vote_results (vote, choice, ballots)
    SELECT vote, choice, COUNT(*) FROM vote_ballots GROUP BY vote, choice;

CREATE TABLE sealed_ballots (
    tracker TEXT NOT NULL PRIMARY KEY,            -- base32 of SHA-256(sealed)[:10]: the receipt
    vote    INTEGER NOT NULL REFERENCES votes (id),
    sealed  BLOB                                  -- NULL only for ballots counted before v10
) WITHOUT ROWID;
INSERT INTO sealed_ballots (tracker, vote, sealed) SELECT receipt, vote, NULL FROM vote_ballots;
DROP TABLE vote_ballots;                          -- its triggers go with it
ALTER TABLE sealed_ballots RENAME TO vote_ballots;
CREATE INDEX vote_ballots_vote ON vote_ballots (vote);

CREATE TRIGGER vote_ballots_only_while_open
BEFORE INSERT ON vote_ballots
WHEN (SELECT state FROM votes WHERE id = new.vote) IS NOT 'open' OR new.sealed IS NULL
BEGIN
    SELECT RAISE(ABORT, 'ballots can only be cast, sealed, while the vote is open');
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

-- Totals exist only for a closed vote (and once per option: the primary key).
CREATE TRIGGER vote_results_after_close
BEFORE INSERT ON vote_results
WHEN (SELECT state FROM votes WHERE id = new.vote) IS NOT 'closed'
BEGIN
    SELECT RAISE(ABORT, 'a vote is counted only after it closes');
END;

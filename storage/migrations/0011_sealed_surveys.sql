-- unionbot schema 11: survey answers sealed while the survey is open.
--
-- A submitted response (worksite, classification, the member for confidential surveys,
-- every answer) is sealed to the survey's public key (seal_keys, subject 'survey:<pk>')
-- and kept here under a random key, with no member and no time. Only the close opens
-- them, moves them into survey_responses / survey_answers in random order, deletes these
-- rows and erases the private key, in one transaction.
CREATE TABLE survey_sealed (
    survey  INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    id      BLOB    NOT NULL,                          -- 16 random bytes
    sealed  BLOB    NOT NULL,
    PRIMARY KEY (survey, id)
) WITHOUT ROWID;

-- Answers in progress: position and answers sealed together (the position tells answers
-- through show_if), under a server key, bound to survey and member. The upgrade is refused
-- while a survey is open (see storage/migrations/__init__.py), so nothing is lost here.
DROP TABLE survey_progress;
CREATE TABLE survey_progress (
    survey      INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    member      INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    sealed      BLOB    NOT NULL,                     -- {"position": .., "answers": {..}}
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),  -- typing goes here
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (survey, member)
) WITHOUT ROWID;
CREATE INDEX survey_progress_member ON survey_progress (member, active);

-- Set in the closing transaction, cleared once the WAL is checkpointed and the file
-- vacuumed: a crash in between is finished at start-up.
ALTER TABLE surveys ADD COLUMN scrub_pending INTEGER NOT NULL DEFAULT 0;

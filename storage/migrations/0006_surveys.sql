-- unionbot schema 6: workload surveys.
-- Anonymity by construction: a response row has a random id (no insertion order), no
-- member and no time; who took part is kept apart in survey_participation (no time either).
-- Answers in progress live in survey_progress and are deleted at submission and at close.

CREATE TABLE surveys (
    id              INTEGER PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,          -- the author's id, e.g. 'workload-2025'
    definition      TEXT    NOT NULL,                 -- JSON of the validated definition
    privacy         TEXT    NOT NULL DEFAULT 'anonymous'
                            CHECK (privacy IN ('anonymous', 'confidential')),
    opens_at        INTEGER NOT NULL,
    closes_at       INTEGER NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'scheduled'
                            CHECK (state IN ('scheduled', 'open', 'closed')),
    audience        INTEGER,                          -- audience size, frozen at close
    announcement    INTEGER REFERENCES broadcasts (id),
    reminders_sent  INTEGER NOT NULL DEFAULT 0,
    created_by      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL DEFAULT (strftime('%s', 'now'))
);
CREATE INDEX surveys_state ON surveys (state, opens_at);

-- Who has submitted (one row per member and survey), so nobody answers twice.
CREATE TABLE survey_participation (
    survey  INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    member  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (survey, member)
) WITHOUT ROWID;

-- Answers saved after every step, so a member resumes after a restart or days later.
CREATE TABLE survey_progress (
    survey      INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    member      INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,           -- index of the current question
    answers     TEXT    NOT NULL DEFAULT '{}',        -- JSON: question id -> answer
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),  -- typing goes here
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (survey, member)
) WITHOUT ROWID;
CREATE INDEX survey_progress_member ON survey_progress (member, active);

-- One row per submitted response. `member` is set only for confidential surveys.
CREATE TABLE survey_responses (
    id              INTEGER PRIMARY KEY,              -- random, never sequential
    survey          INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    worksite        TEXT,
    classification  TEXT,
    member          INTEGER REFERENCES members (id) ON DELETE SET NULL
);
CREATE INDEX survey_responses_survey ON survey_responses (survey, worksite, classification);

-- One row per answer (per chosen option for multiple choice). `value` is the number, the
-- option's position, or 0 for free text (kept in `text`). The group columns are copied
-- from the response so tallies and breakdowns are index-only scans with no join.
CREATE TABLE survey_answers (
    response        INTEGER NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
    survey          INTEGER NOT NULL,
    question        INTEGER NOT NULL,                 -- position in the definition
    value           REAL    NOT NULL,
    worksite        TEXT,
    classification  TEXT,
    text            TEXT,
    PRIMARY KEY (response, question, value)
) WITHOUT ROWID;
CREATE INDEX survey_answers_tally ON survey_answers (survey, question, value);
-- classification last: a steward's worksites broken down by classification stays index-only.
CREATE INDEX survey_answers_by_worksite
    ON survey_answers (survey, worksite, question, value, classification);
CREATE INDEX survey_answers_by_classification
    ON survey_answers (survey, classification, question, value);

-- unionbot schema 9: the keys that seal ballots and survey answers (see bot/sealing.py).
--
-- One key pair per vote or survey. The public key seals each ballot or answer the moment
-- it is cast; the private key is stored only wrapped: under a key derived from SECRET_KEY
-- ('server' mode) or under a random key split k-of-n among trustees ('trustees' mode),
-- whose shares are never stored, only their SHA-256 to recognise them. After the count
-- `wrapped` and every returned share are erased, so nothing on disk can open a box again.

CREATE TABLE seal_keys (
    subject    TEXT    PRIMARY KEY,                  -- 'vote:3', 'survey:2'
    key_id     TEXT    NOT NULL UNIQUE,              -- names the key in trustees' shares
    public_key BLOB    NOT NULL,
    wrapped    BLOB,                                 -- NULL once counted: the key is gone
    mode       TEXT    NOT NULL CHECK (mode IN ('server', 'trustees')),
    needed     INTEGER CHECK (needed IS NULL OR needed >= 1),
    CHECK ((mode = 'trustees') = (needed IS NOT NULL))
) WITHOUT ROWID;

CREATE TABLE seal_trustees (
    subject  TEXT    NOT NULL REFERENCES seal_keys (subject) ON DELETE CASCADE,
    share    INTEGER NOT NULL CHECK (share >= 1),      -- the share's index
    member   INTEGER REFERENCES members (id) ON DELETE SET NULL,
    digest   TEXT    NOT NULL,                         -- SHA-256 of the share
    returned BLOB,                                     -- handed back, wrapped under a server key
    PRIMARY KEY (subject, share)
) WITHOUT ROWID;
CREATE INDEX seal_trustees_member ON seal_trustees (member);

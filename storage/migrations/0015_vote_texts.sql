-- unionbot schema 15: votes in English and Spanish, and the id of the file a vote came from.
--
-- `question` and `options` stay the English text; `question_es` and `options_es` (a JSON
-- list in ballot order, as long as `options`) are the Spanish. `description` and
-- `description_es` (more about the question) are both set or both NULL. A vote made before
-- this version had one text: it becomes the same text in both languages. `slug` is the
-- `id:` of the file a vote was created from (NULL for votes set up in chat): loading a file
-- with the same id changes that vote while it is scheduled and never makes a second one.
-- Only texts are added: rolls, participation, sealed ballots, receipts, keys and counts
-- are not touched, so this runs while a vote is open.

ALTER TABLE votes ADD COLUMN question_es TEXT NOT NULL DEFAULT '';
ALTER TABLE votes ADD COLUMN options_es TEXT NOT NULL DEFAULT '[]';
ALTER TABLE votes ADD COLUMN description TEXT;
ALTER TABLE votes ADD COLUMN description_es TEXT;
ALTER TABLE votes ADD COLUMN slug TEXT;
-- Not an UPDATE OF any column the old trigger guards: open and closed votes get it too.
UPDATE votes SET question_es = question, options_es = options;
CREATE UNIQUE INDEX votes_slug ON votes (slug);

-- Once a vote opens its texts (in every language), its id and its rules are fixed.
DROP TRIGGER votes_rules_frozen;
CREATE TRIGGER votes_rules_frozen
BEFORE UPDATE OF question, question_es, options, options_es, description, description_es,
                 slug, worksites, classifications, opens_at, closes_at, threshold_num,
                 threshold_den, threshold_strict, quorum_num, quorum_den, show_results,
                 reminders ON votes
WHEN old.state != 'scheduled'
BEGIN
    SELECT RAISE(ABORT, 'vote rules cannot change once it has opened');
END;

-- Every reader gets the whole vote in their language: no language may lack a text.
CREATE TRIGGER votes_texts_complete_insert
BEFORE INSERT ON votes
WHEN new.question = '' OR new.question_es = ''
  OR json_array_length(new.options_es) != json_array_length(new.options)
  OR (new.description IS NULL) != (new.description_es IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a vote needs its question and every option in each language');
END;

CREATE TRIGGER votes_texts_complete_update
BEFORE UPDATE OF question, question_es, options, options_es, description, description_es
ON votes
WHEN new.question = '' OR new.question_es = ''
  OR json_array_length(new.options_es) != json_array_length(new.options)
  OR (new.description IS NULL) != (new.description_es IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a vote needs its question and every option in each language');
END;

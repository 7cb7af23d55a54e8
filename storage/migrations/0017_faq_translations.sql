-- unionbot schema 17: an FAQ entry may name the entry it translates (`translates`, the id of
-- an entry in the other language, or NULL). The two are one answer in two languages: the
-- matcher does not count one as the other's rival (bot/faq/matcher.py, `decide`).

ALTER TABLE faq_entries ADD COLUMN translates TEXT;

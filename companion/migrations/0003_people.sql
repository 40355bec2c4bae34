-- People to keep in touch with, the contacts logged with them, and notes of
-- gratitude and give-and-take.
CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sort_name      TEXT NOT NULL,
    circle         TEXT NOT NULL DEFAULT 'friend'
                   CHECK (circle IN ('family', 'friend', 'neighbour', 'group', 'professional', 'other')),
    phones         TEXT NOT NULL DEFAULT '[]',
    email          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    birthday       TEXT,            -- YYYY-MM-DD, or --MM-DD when the year is not known
    birthday_md    TEXT,            -- MM-DD, for finding birthdays coming up
    notes          TEXT NOT NULL DEFAULT '',
    why            TEXT NOT NULL DEFAULT '',
    every_count    INTEGER CHECK (every_count IS NULL OR every_count > 0),
    every_unit     TEXT CHECK (every_unit IS NULL OR every_unit IN ('days', 'weeks', 'months')),
    last_contact   TEXT,            -- the latest logged contact, kept in step with contacts
    next_due       TEXT,            -- YYYY-MM-DD: last contact (or when added) + the interval
    snoozed_until  TEXT,            -- YYYY-MM-DD
    created        TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX people_by_name ON people(sort_name) WHERE deleted_at IS NULL;
CREATE INDEX people_by_due ON people(next_due) WHERE deleted_at IS NULL;
CREATE INDEX people_by_birthday ON people(birthday_md) WHERE deleted_at IS NULL;

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('call', 'video', 'visit', 'message', 'letter', 'group')),
    feeling    INTEGER CHECK (feeling IS NULL OR feeling BETWEEN 1 AND 5),
    note       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX contacts_by_person ON contacts(person_id, at);
CREATE INDEX contacts_by_time ON contacts(at);

CREATE TABLE person_notes (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('gratitude', 'gave', 'received')),
    at         TEXT NOT NULL,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0)
) STRICT;
CREATE INDEX person_notes_by_person ON person_notes(person_id, at);

-- The 5-for-5 Connection Challenge: five actions, five days in a row.
CREATE TABLE challenges (
    id          INTEGER PRIMARY KEY,
    started     TEXT NOT NULL,      -- YYYY-MM-DD, day one
    reflection  TEXT NOT NULL DEFAULT '',
    finished    TEXT
) STRICT;
CREATE TABLE challenge_days (
    challenge_id  INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    day           INTEGER NOT NULL CHECK (day BETWEEN 1 AND 5),
    action        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('gratitude', 'support', 'ask')),
    done_at       TEXT,
    PRIMARY KEY (challenge_id, day)
) STRICT;

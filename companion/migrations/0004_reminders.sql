-- Reminders: one-off or recurring, at a local wall-clock time.
CREATE TABLE reminders (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    person_id      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    starts         TEXT NOT NULL,   -- first time, local wall clock, no offset: 2026-11-22T17:00
    rrule          TEXT,            -- RFC 5545 recurrence rule, NULL for a one-off
    paused         INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    handled_until  TEXT,            -- local wall clock: occurrences up to here are done or seen
    snoozed_until  TEXT,            -- an instant with its offset
    next_fire      TEXT,            -- cached next instant in UTC, for the one timer; NULL: none
    created        TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX reminders_by_next_fire ON reminders(next_fire) WHERE deleted_at IS NULL AND paused = 0;

-- Keep-in-touch nudges already given, so each due date nudges once.
CREATE TABLE person_nudges (
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    due        TEXT NOT NULL,
    PRIMARY KEY (person_id, due)
) STRICT;

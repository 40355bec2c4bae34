-- Energy and boundaries (issue 10): commitments and rest in a week, how they felt,
-- the person's own boundaries, and their own and chosen scripts for saying no.
-- The weekly budget and a pause live in settings.
CREATE TABLE planner_items (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL
                    CHECK (kind IN ('visit', 'group', 'call', 'appointment', 'hosting', 'other', 'rest')),
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    starts          TEXT NOT NULL,   -- local wall clock, no offset: 2026-11-22T17:00
    minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 1440),
    cost            INTEGER NOT NULL CHECK (cost BETWEEN 0 AND 10),  -- for rest: what it gives back
    factors         TEXT NOT NULL DEFAULT '',  -- comma-separated: large_group,noise,...
    person_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    group_place_id  INTEGER,         -- a group from "Groups near me" (no foreign key yet)
    reminder_id     INTEGER REFERENCES reminders(id) ON DELETE SET NULL,
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'declined')),
    note            TEXT NOT NULL DEFAULT '',
    created         TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX planner_items_by_start ON planner_items(starts) WHERE deleted_at IS NULL;
CREATE INDEX planner_items_by_person ON planner_items(person_id) WHERE deleted_at IS NULL;

-- "How did it feel?", asked after the event and, for heavy ones, again the next day.
CREATE TABLE planner_reflections (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES planner_items(id) ON DELETE CASCADE,
    asked    TEXT NOT NULL CHECK (asked IN ('then', 'next_day')),
    feeling  TEXT NOT NULL CHECK (feeling IN ('draining', 'all_right', 'gave_energy')),
    at       TEXT NOT NULL,
    UNIQUE (item_id, asked)
) STRICT;

CREATE TABLE planner_boundaries (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL
                CHECK (kind IN ('no_calls_after', 'outings_per_day', 'rest_day', 'heavy_per_week', 'free_text')),
    number      INTEGER,             -- minutes after midnight, a count, or a weekday (0 = Monday)
    text        TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE TABLE planner_scripts (
    id           INTEGER PRIMARY KEY,
    situation    TEXT NOT NULL,
    aim          TEXT NOT NULL,
    text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
    with_reason  TEXT NOT NULL DEFAULT '',
    created      TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;

-- Scripts picked for the printed plan: 'builtin:<id>' from the file, or 'own:<id>'.
CREATE TABLE planner_chosen_scripts (
    script_key  TEXT PRIMARY KEY,
    chosen_at   TEXT NOT NULL
) STRICT;

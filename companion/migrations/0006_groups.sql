-- Groups near me: real local places, where they came from, private notes and
-- the places the person chose to try.

-- One imported file. OpenStreetMap data must be shown with its attribution (ODbL).
CREATE TABLE place_sources (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('directory', 'osm')),
    file_name    TEXT NOT NULL,
    attribution  TEXT NOT NULL DEFAULT '',   -- "© OpenStreetMap contributors" for OSM data
    licence      TEXT NOT NULL DEFAULT '',   -- "ODbL-1.0" for OSM data
    imported_at  TEXT NOT NULL
) STRICT;

CREATE TABLE places (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES place_sources(id) ON DELETE CASCADE,
    ref            TEXT NOT NULL,            -- "osm:way/123", or "dir:" + name and address
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    category       TEXT NOT NULL DEFAULT '', -- what the place is: community_centre, library…
    kinds          TEXT NOT NULL DEFAULT '[]', -- ids of group kinds that meet there (JSON list)
    address        TEXT NOT NULL DEFAULT '',
    lat            REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    lon            REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    meeting_times  TEXT NOT NULL DEFAULT '',  -- as the directory wrote them
    opening_hours  TEXT NOT NULL DEFAULT '',  -- OSM opening_hours, as written
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    website        TEXT NOT NULL DEFAULT '',
    accessibility  TEXT NOT NULL DEFAULT '',
    wheelchair     TEXT NOT NULL DEFAULT ''
                   CHECK (wheelchair IN ('', 'yes', 'limited', 'no', 'designated')),
    description    TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',  -- the person's own private notes
    created        TEXT NOT NULL,
    updated        TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE UNIQUE INDEX places_by_ref ON places(ref);
CREATE INDEX places_by_lat ON places(lat) WHERE deleted_at IS NULL;
CREATE INDEX places_by_name ON places(name COLLATE NOCASE) WHERE deleted_at IS NULL;

-- "Try this one": the places (or kinds of group) the person chose to try, and how it went.
CREATE TABLE group_tries (
    id          INTEGER PRIMARY KEY,
    place_id    INTEGER REFERENCES places(id) ON DELETE SET NULL,
    kind_id     TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    chosen_at   TEXT NOT NULL,
    planned_for TEXT,              -- local wall clock, no offset, when a day was chosen
    went        INTEGER CHECK (went IS NULL OR went IN (0, 1)),
    feeling     INTEGER CHECK (feeling IS NULL OR feeling BETWEEN 1 AND 5),
    reflection  TEXT NOT NULL DEFAULT '',
    going       INTEGER NOT NULL DEFAULT 0 CHECK (going IN (0, 1)),  -- a group the person goes to
    deleted_at  TEXT
) STRICT;
CREATE INDEX group_tries_by_place ON group_tries(place_id) WHERE deleted_at IS NULL;

-- Get help: the person's own professionals, and loneliness self-checks.
CREATE TABLE professionals (
    id      INTEGER PRIMARY KEY,
    role    TEXT NOT NULL CHECK (role IN ('gp', 'counsellor', 'social_worker', 'other')),
    name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone   TEXT NOT NULL DEFAULT '',
    notes   TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
) STRICT;

-- UCLA 3-item loneliness scale (UK national wording), each 1..3, total 3..9,
-- and the optional direct question "How often do you feel lonely?".
CREATE TABLE wellbeing_checks (
    id                  INTEGER PRIMARY KEY,
    taken_at            TEXT NOT NULL,
    lack_companionship  INTEGER NOT NULL CHECK (lack_companionship BETWEEN 1 AND 3),
    left_out            INTEGER NOT NULL CHECK (left_out BETWEEN 1 AND 3),
    isolated            INTEGER NOT NULL CHECK (isolated BETWEEN 1 AND 3),
    direct              TEXT CHECK (direct IS NULL OR direct IN
                            ('often_always', 'some_of_the_time', 'occasionally', 'hardly_ever', 'never'))
) STRICT;
CREATE INDEX wellbeing_checks_by_time ON wellbeing_checks(taken_at);

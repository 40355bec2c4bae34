-- Parent view (issue 12): the children's data lives in its own encrypted
-- file (parents.db) under its own key; the main database only keeps that
-- key while no separate parent password is set.
CREATE TABLE parent_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_hex TEXT NOT NULL
);

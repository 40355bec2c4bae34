-- Today says how many more people are due this week ("See 12 more"): counted from this index
-- alone (due day, Later until, last contact), not by reading every due person's row.
CREATE INDEX people_due_count ON people(next_due, snoozed_until, last_contact) WHERE deleted_at IS NULL;

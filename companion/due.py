"""Who is due to be got in touch with: the one rule, in SQL over ``people``.

Today's people card and its "See N more" (``companion.contacts``), the keep-in-touch line
and its notifications (``companion.reminders``) all ask it, so they always name the same
people. It lives here, not in ``companion.contacts``, so that the reminders can ask it
without importing the people's records: the window's process then makes them only when it
first needs them, not before its first paint (bench/README.md, "Start-up, eighth round").
"""

from __future__ import annotations

# Who is due: by ``:until``, with any "Later" waited out by ``:today`` (the index
# ``people_due_count`` serves it).
DUE_BY = (
    "deleted_at IS NULL AND next_due IS NOT NULL AND next_due <= :until"
    " AND (snoozed_until IS NULL OR snoozed_until <= :today)"
)

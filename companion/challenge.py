"""The US Surgeon General's 5-for-5 Connection Challenge.

Pick five actions for five days in a row; each day, one action that
expresses gratitude, offers support, or asks for help; then reflect. The
challenge and its three kinds of action are the Surgeon General's; there is
no fixed list of five. The ideas below are Companion's own examples of each
kind, not quotations from the Surgeon General or anyone else, and the dialog
says so. People can change any of them or write their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.store import Store

SOURCE_URL = "https://www.hhs.gov/surgeongeneral/priorities/connection/challenge/index.html"
SOURCE_NAME = N_("US Surgeon General: 5-for-5 Connection Challenge")
IDEAS_CREDIT = N_(
    "The challenge comes from the US Surgeon General's 5-for-5 Connection Challenge. "
    "The ideas above are Companion's own examples: change any of them."
)
DAYS = 5
KINDS: dict[str, str] = {
    "gratitude": N_("Express gratitude"),
    "support": N_("Offer support"),
    "ask": N_("Ask for help"),
}
# Companion's own examples, credited to no one (see the module's docstring).
IDEAS: tuple[tuple[str, str], ...] = (
    ("gratitude", N_("Thank someone for something they did for you, even long ago.")),
    ("gratitude", N_("Tell a friend what you value about them.")),
    ("gratitude", N_("Send a card or a note to someone who made a difference to you.")),
    ("support", N_("Call someone who may be having a hard time and listen.")),
    ("support", N_("Offer to help a neighbour with a small job or the shopping.")),
    ("support", N_("Check in on someone who lives alone.")),
    ("ask", N_("Ask a friend for their advice on something you are deciding.")),
    ("ask", N_("Ask someone to go for a walk or have a cup of tea with you.")),
    ("ask", N_("Tell someone you trust how you have been feeling.")),
)


@dataclass(frozen=True)
class Day:
    number: int  # 1..5
    when: date
    action: str
    kind: str
    done_at: datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True)
class Challenge:
    id: int
    started: date
    days: tuple[Day, ...]
    reflection: str
    finished: date | None

    def day_on(self, today: date) -> Day | None:
        return next((d for d in self.days if d.when == today), None)

    @property
    def done_count(self) -> int:
        return sum(1 for d in self.days if d.done)

    def streak(self, today: date) -> int:
        """Days in a row ticked, counting back from today (or yesterday, if today is not yet)."""
        count = 0
        for day in sorted(
            (d for d in self.days if d.when <= today), key=lambda d: d.when, reverse=True
        ):
            if day.done:
                count += 1
            elif day.when == today:
                continue  # today is not over yet
            else:
                break
        return count

    def is_over(self, today: date) -> bool:
        return today > self.days[-1].when or self.done_count == DAYS

    def missed(self, today: date) -> list[Day]:
        return [d for d in self.days if d.when < today and not d.done]


def start(store: Store, first_day: date, actions: list[tuple[str, str]]) -> Challenge:
    """Begin a challenge on ``first_day`` with five (kind, action text) pairs."""
    if current(store) is not None:
        raise CompanionError(
            _("You already have a challenge going. Finish it before starting another.")
        )
    if len(actions) != DAYS:
        raise CompanionError(_("Please choose five actions, one for each day."))
    cleaned = []
    for kind, text in actions:
        if kind not in KINDS:
            raise CompanionError(
                _("Each action should express gratitude, offer support or ask for help.")
            )
        if not text.strip():
            raise CompanionError(_("Please write something for each of the five days."))
        cleaned.append((kind, " ".join(text.split())))
    with store.transaction():
        cursor = store.execute(
            "INSERT INTO challenges(started) VALUES (?)", (first_day.isoformat(),)
        )
        challenge_id = int(cursor.lastrowid)
        for number, (kind, text) in enumerate(cleaned, start=1):
            store.execute(
                "INSERT INTO challenge_days(challenge_id, day, action, kind) VALUES (?, ?, ?, ?)",
                (challenge_id, number, text, kind),
            )
    found = get(store, challenge_id)
    assert found is not None
    return found


def get(store: Store, challenge_id: int) -> Challenge | None:
    row = store.query_one(
        "SELECT id, started, reflection, finished FROM challenges WHERE id = ?", (challenge_id,)
    )
    if row is None:
        return None
    started = date.fromisoformat(row[1])
    days = tuple(
        Day(
            int(r[0]),
            started + timedelta(days=int(r[0]) - 1),
            r[1],
            r[2],
            datetime.fromisoformat(r[3]) if r[3] else None,
        )
        for r in store.query(
            "SELECT day, action, kind, done_at FROM challenge_days WHERE challenge_id = ? ORDER BY day",
            (challenge_id,),
        )
    )
    return Challenge(
        int(row[0]), started, days, row[2], date.fromisoformat(row[3]) if row[3] else None
    )


def current(store: Store) -> Challenge | None:
    """The challenge not yet finished with a reflection, if any."""
    row = store.query_one(
        "SELECT id FROM challenges WHERE finished IS NULL ORDER BY started DESC, id DESC LIMIT 1"
    )
    return get(store, int(row[0])) if row else None


def tick(store: Store, challenge_id: int, day: int, now: datetime, done: bool = True) -> Challenge:
    store.execute(
        "UPDATE challenge_days SET done_at = ? WHERE challenge_id = ? AND day = ?",
        (now.isoformat(timespec="seconds") if done else None, challenge_id, day),
    )
    found = get(store, challenge_id)
    if found is None:
        raise CompanionError(_("That challenge is no longer here."))
    return found


def finish(store: Store, challenge_id: int, today: date, reflection: str = "") -> None:
    """Close the challenge with the person's own words about how it felt (may be empty)."""
    store.execute(
        "UPDATE challenges SET reflection = ?, finished = ? WHERE id = ?",
        (reflection.strip(), today.isoformat(), challenge_id),
    )


def past(store: Store) -> list[Challenge]:
    rows = store.query("SELECT id FROM challenges WHERE finished IS NOT NULL ORDER BY started DESC")
    return [c for c in (get(store, int(r[0])) for r in rows) if c is not None]

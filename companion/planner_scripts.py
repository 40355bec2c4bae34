"""Saying no kindly: short scripts by situation and aim, the person's own, and the
few they choose to keep by the phone (and on the counsellor's printed plan).

The built-in scripts are ``assets/data/no_scripts.json``, written from the guidance
it cites: a warm opening, a clear answer, brief, no over-apology, and at most one
reason, because explaining at length invites bargaining. Each has a version without
a reason and one with a single reason. The person's own scripts live in the
encrypted store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.resources import asset
from companion.store import Store

SITUATIONS: dict[str, str] = {
    "invitation": N_("An invitation"),
    "favour": N_("A favour"),
    "long_call": N_("A long call"),
    "visit": N_("A visit"),
    "family": N_("Family"),
    "persistent": N_("Someone who keeps asking"),
    "sales_scam": N_("A sales or scam call"),
}
AIMS: dict[str, str] = {
    "decline": N_("Say no"),
    "postpone": N_("Not now, later"),
    "smaller": N_("Offer something smaller"),
    "think": N_("Ask for time to think"),
}


@dataclass(frozen=True)
class Script:
    key: str  # 'builtin:<id>' or 'own:<id>'
    situation: str
    aim: str
    text: str  # without a reason
    with_reason: str  # with one reason; may be empty for the person's own
    own: bool = False
    chosen: bool = False

    def shown(self, reason: bool = False) -> str:
        """The words to show or copy, in the person's language (their own stay as written)."""
        words = self.with_reason if reason and self.with_reason else self.text
        return words if self.own else _(words)


@cache
def _builtin_file() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(asset("data", "no_scripts.json").read_text("utf-8"))
    return data


def builtin() -> list[Script]:
    return [
        Script(
            "builtin:" + entry["id"],
            entry["situation"],
            entry["aim"],
            entry["text"],
            entry["with_reason"],
        )
        for entry in _builtin_file()["scripts"]
    ]


def guidance() -> list[dict[str, str]]:
    """The sources the scripts are based on, for an "About these words" note: each with
    its ``source`` address, the day it was ``checked``, and what it was ``used_for``
    (English text: show it with ``_()``)."""
    return list(_builtin_file()["guidance"])


def _chosen_keys(store: Store) -> set[str]:
    return {str(r[0]) for r in store.query("SELECT script_key FROM planner_chosen_scripts")}


def _own(store: Store) -> list[Script]:
    rows = store.query(
        "SELECT id, situation, aim, text, with_reason FROM planner_scripts"
        " WHERE deleted_at IS NULL ORDER BY id"
    )
    return [Script(f"own:{r[0]}", r[1], r[2], r[3], r[4], own=True) for r in rows]


def scripts(store: Store, situation: str | None = None, aim: str | None = None) -> list[Script]:
    """Built-in and own scripts, the person's own first, narrowed by situation and aim."""
    chosen = _chosen_keys(store)
    found = [
        Script(s.key, s.situation, s.aim, s.text, s.with_reason, s.own, s.key in chosen)
        for s in _own(store) + builtin()
        if (situation is None or s.situation == situation) and (aim is None or s.aim == aim)
    ]
    return found


def _check(situation: str, aim: str, text: str, with_reason: str) -> tuple[str, str]:
    if situation not in SITUATIONS:
        raise CompanionError(_("Please choose the kind of situation."))
    if aim not in AIMS:
        raise CompanionError(_("Please choose what you would like to say."))
    text = " ".join(text.split())
    if not text:
        raise CompanionError(_("Please write the words you would like to say."))
    if len(text) > 500 or len(with_reason) > 500:
        raise CompanionError(_("Please keep it short: a few sentences at most."))
    return text, " ".join(with_reason.split())


def add_script(
    store: Store, now: datetime, situation: str, aim: str, text: str, with_reason: str = ""
) -> Script:
    text, with_reason = _check(situation, aim, text, with_reason)
    cursor = store.execute(
        "INSERT INTO planner_scripts(situation, aim, text, with_reason, created)"
        " VALUES (?, ?, ?, ?, ?)",
        (situation, aim, text, with_reason, now.isoformat(timespec="seconds")),
    )
    return Script(f"own:{cursor.lastrowid}", situation, aim, text, with_reason, own=True)


def _own_id(key: str) -> int:
    if not key.startswith("own:"):
        raise CompanionError(_("Only your own words can be changed or removed."))
    return int(key[4:])


def edit_script(
    store: Store, key: str, situation: str, aim: str, text: str, with_reason: str = ""
) -> Script:
    text, with_reason = _check(situation, aim, text, with_reason)
    cursor = store.execute(
        "UPDATE planner_scripts SET situation = ?, aim = ?, text = ?, with_reason = ?"
        " WHERE id = ? AND deleted_at IS NULL",
        (situation, aim, text, with_reason, _own_id(key)),
    )
    if cursor.rowcount == 0:
        raise CompanionError(_("Those words are no longer here."))
    return Script(
        key, situation, aim, text, with_reason, own=True, chosen=key in _chosen_keys(store)
    )


def delete_script(store: Store, now: datetime, key: str) -> None:
    """Hide the person's own script at once; ``undo_delete_script`` brings it back."""
    store.execute(
        "UPDATE planner_scripts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
        (now.isoformat(timespec="seconds"), _own_id(key)),
    )


def undo_delete_script(store: Store, key: str) -> None:
    store.execute("UPDATE planner_scripts SET deleted_at = NULL WHERE id = ?", (_own_id(key),))


def choose(store: Store, now: datetime, key: str, chosen: bool = True) -> None:
    """Mark a script to keep by the phone and print on the plan (or unmark it)."""
    known = {s.key for s in _own(store) + builtin()}
    if chosen and key not in known:
        raise CompanionError(_("Those words are no longer here."))
    if chosen:
        store.execute(
            "INSERT OR IGNORE INTO planner_chosen_scripts(script_key, chosen_at) VALUES (?, ?)",
            (key, now.isoformat(timespec="seconds")),
        )
    else:
        store.execute("DELETE FROM planner_chosen_scripts WHERE script_key = ?", (key,))


def chosen(store: Store) -> list[Script]:
    """The chosen scripts in the order they were chosen; removed ones are left out."""
    order = [
        str(r[0])
        for r in store.query(
            "SELECT script_key FROM planner_chosen_scripts ORDER BY chosen_at, rowid"
        )
    ]
    by_key = {s.key: s for s in _own(store) + builtin()}
    return [
        Script(s.key, s.situation, s.aim, s.text, s.with_reason, s.own, True)
        for s in (by_key[k] for k in order if k in by_key)
    ]


def purge_deleted(store: Store) -> None:
    """Own scripts deleted before this start go for good, and so does their "chosen" mark."""
    with store.transaction():
        gone = [
            f"own:{r[0]}"
            for r in store.query("SELECT id FROM planner_scripts WHERE deleted_at IS NOT NULL")
        ]
        store.execute("DELETE FROM planner_scripts WHERE deleted_at IS NOT NULL")
        for key in gone:
            store.execute("DELETE FROM planner_chosen_scripts WHERE script_key = ?", (key,))

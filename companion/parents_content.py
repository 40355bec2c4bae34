"""What the parent view shows and scores: the weekly signs and the PSC-17.

The words, their sources and what a parent can do live in
``assets/data/parent_signs.json`` and ``assets/data/psc17.json`` (English, marked
for translation; show them with ``_()``). This module reads them and scores the
Pediatric Symptom Checklist by item identity, never by position, because
printed copies number the items differently.

The PSC-17 is a screen, not a diagnosis: a score at or over a cut-off means
"worth talking to your child's doctor", nothing more.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from companion.errors import CompanionError
from companion.i18n import _
from companion.resources import asset

LEVELS = (0, 1, 2)  # not seen, a little, a lot


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    url: str


@dataclass(frozen=True)
class Action:
    """Something a parent can do (talk and listen, talk with the school…)."""

    id: str
    title: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Sign:
    id: str
    title: str
    text: str
    sources: tuple[str, ...]
    actions: tuple[str, ...]
    starters: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    intro: str
    sources: dict[str, Source]
    levels: tuple[tuple[int, str], ...]
    actions: dict[str, Action]
    signs: tuple[Sign, ...]
    positive_actions: tuple[Action, ...]
    when_now: str
    when_now_sources: tuple[str, ...]
    safety_question: str
    safety_words: tuple[str, ...]
    questions: tuple[str, ...]

    def sign(self, sign_id: str) -> Sign:
        for sign in self.signs:
            if sign.id == sign_id:
                return sign
        raise KeyError(sign_id)

    @property
    def sign_ids(self) -> tuple[str, ...]:
        return tuple(sign.id for sign in self.signs)

    @property
    def positive_ids(self) -> tuple[str, ...]:
        return tuple(action.id for action in self.positive_actions)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value or ())


def parse_content(data: dict[str, Any]) -> Content:
    sources = {
        key: Source(key, str(entry["name"]), str(entry["url"]))
        for key, entry in data["sources"].items()
    }
    actions = {
        entry["id"]: Action(
            entry["id"], entry["title"], entry["text"], _strings(entry.get("sources"))
        )
        for entry in data["actions"]
    }
    signs = tuple(
        Sign(
            entry["id"],
            entry["title"],
            entry["text"],
            _strings(entry.get("sources")),
            _strings(entry.get("actions")),
            _strings(entry.get("starters")),
        )
        for entry in data["signs"]
    )
    positive = tuple(
        Action(entry["id"], entry["title"], entry["text"], _strings(entry.get("sources")))
        for entry in data["positive_actions"]
    )
    return Content(
        intro=str(data.get("intro", "")),
        sources=sources,
        levels=tuple((int(level["value"]), str(level["label"])) for level in data["levels"]),
        actions=actions,
        signs=signs,
        positive_actions=positive,
        when_now=str(data["when_now"]),
        when_now_sources=_strings(data.get("when_now_sources")),
        safety_question=str(data["safety"]["question"]),
        safety_words=_strings(data["safety"]["words"]),
        questions=_strings(data.get("questions")),
    )


@cache
def content() -> Content:
    with open(asset("data", "parent_signs.json"), encoding="utf-8") as handle:
        return parse_content(json.load(handle))


def level_label(level: int) -> str:
    """The level in words, translated ("Not seen", "A little", "A lot")."""
    for value, label in content().levels:
        if value == level:
            return _(label)
    raise KeyError(level)


def mentions_self_harm(text: str | None) -> bool:
    """Whether a note speaks of self-harm or suicide, so the UI offers Get help at once.

    Matched on whole words in English and in the person's language (the word
    list is translatable). It errs on the side of offering help.
    """
    if not text:
        return False
    lowered = " ".join(text.lower().split())
    words = set(content().safety_words) | {_(word) for word in content().safety_words}
    for word in words:
        pattern = r"(?<!\w)" + re.escape(word.lower()) + r"(?!\w)"
        if re.search(pattern, lowered):
            return True
    return False


# --- PSC-17 -------------------------------------------------------------------


@dataclass(frozen=True)
class PscItem:
    id: str
    mgh_number: int  # its place on the Massachusetts General Hospital form
    subscale: str
    text: str


@dataclass(frozen=True)
class PscSubscale:
    id: str
    label: str  # with the clinical word, for the doctor: "Feelings (internalizing)"
    cutoff: int
    plain: str = ""  # for the parent on screen: "Feelings"

    @property
    def plain_label(self) -> str:
        return self.plain or self.label


@dataclass(frozen=True)
class PscForm:
    title: str
    source_name: str
    source_url: str
    citation: str
    licence: str
    recall_period: str
    recall_note: str
    instructions: str
    meaning: str
    answers: tuple[tuple[int, str], ...]
    invalid_from_blanks: int
    total_cutoff: int
    subscales: tuple[PscSubscale, ...]
    items: tuple[PscItem, ...]

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def most(self, subscale_id: str) -> int:
        """The highest score one part of the checklist can reach (every answer "often")."""
        top = max(value for value, _label in self.answers)
        return top * sum(1 for item in self.items if item.subscale == subscale_id)

    def item_for_mgh_number(self, number: int) -> PscItem:
        for item in self.items:
            if item.mgh_number == number:
                return item
        raise KeyError(number)


def parse_psc(data: dict[str, Any]) -> PscForm:
    return PscForm(
        title=data["title"],
        source_name=data["source"]["name"],
        source_url=data["source"]["url"],
        citation=data["citation"],
        licence=data["licence"],
        recall_period=data["recall_period"],
        recall_note=data["recall_note"],
        instructions=data["instructions"],
        meaning=data["meaning"],
        answers=tuple((int(a["value"]), str(a["label"])) for a in data["answers"]),
        invalid_from_blanks=int(data["invalid_from_blanks"]),
        total_cutoff=int(data["total_cutoff"]),
        subscales=tuple(
            PscSubscale(s["id"], s["label"], int(s["cutoff"]), s.get("plain", ""))
            for s in data["subscales"]
        ),
        items=tuple(
            PscItem(i["id"], int(i["mgh_number"]), i["subscale"], i["text"]) for i in data["items"]
        ),
    )


@cache
def psc_form() -> PscForm:
    with open(asset("data", "psc17.json"), encoding="utf-8") as handle:
        return parse_psc(json.load(handle))


@dataclass(frozen=True)
class PscScore:
    """A scored PSC-17. When ``valid`` is False no score is meaningful or shown."""

    valid: bool
    blanks: int
    total: int
    subscales: dict[str, int]
    total_over: bool
    subscales_over: tuple[str, ...]

    @property
    def worth_talking_to_doctor(self) -> bool:
        return self.valid and (self.total_over or bool(self.subscales_over))

    def describe(self) -> str:
        """One plain sentence for the screen and the summary; never a diagnosis."""
        if not self.valid:
            return _(
                "Four or more questions were left blank, so this checklist cannot be scored. "
                "You can fill it in again whenever you like."
            )
        if self.worth_talking_to_doctor:
            return _(
                "Your answers add up to {total} out of 34. They reach the level where the "
                "checklist's authors say it is worth talking to your child's doctor. This is "
                "not a diagnosis."
            ).format(total=self.total)
        return _(
            "Your answers add up to {total} out of 34. They stay below the level where the "
            "checklist's authors suggest talking to a doctor. If you are still worried, you "
            "can always talk to your child's doctor."
        ).format(total=self.total)


def psc17_for_doctor(score: PscScore, form: PscForm | None = None) -> str:
    """The scores in the clinician's terms, for the printed summary (not the screen)."""
    form = form or psc_form()
    if not score.valid:
        return ""
    parts = [
        _("total {score} (cut-off {cutoff})").format(score=score.total, cutoff=form.total_cutoff)
    ]
    parts += [
        _("{subscale} {score} (cut-off {cutoff})").format(
            subscale=_(s.label), score=score.subscales[s.id], cutoff=s.cutoff
        )
        for s in form.subscales
    ]
    return _("Scores: {scores}.").format(scores="; ".join(parts))


def score_psc17(answers: Mapping[str, int | None], form: PscForm | None = None) -> PscScore:
    """Score answers keyed by item id (never by position); blanks are None or missing.

    Blanks count as 0, and four or more blanks make the form invalid, as the
    authors' scoring instructions say.
    """
    form = form or psc_form()
    known = set(form.item_ids)
    unknown = sorted(set(answers) - known)
    if unknown:
        raise CompanionError(
            _("The checklist has an answer to a question it does not know ({items}).").format(
                items=", ".join(unknown)
            )
        )
    allowed = {value for value, _label in form.answers}
    values: dict[str, int] = {}
    for item_id, value in answers.items():
        if value is None:
            continue
        if value not in allowed:
            raise CompanionError(
                _("Each answer must be never, sometimes or often. Please check the checklist.")
            )
        values[item_id] = int(value)
    blanks = len(form.items) - len(values)
    subscales = {s.id: 0 for s in form.subscales}
    for item in form.items:
        subscales[item.subscale] += values.get(item.id, 0)
    total = sum(values.values())
    valid = blanks < form.invalid_from_blanks
    over = tuple(s.id for s in form.subscales if valid and subscales[s.id] >= s.cutoff)
    return PscScore(
        valid=valid,
        blanks=blanks,
        total=total,
        subscales=subscales,
        total_over=valid and total >= form.total_cutoff,
        subscales_over=over,
    )

"""The weekly check: each sign "not seen / a little / a lot", notes, good moments, what helped.

A few calm minutes, never a chore: everything starts at "not seen", notes are
optional, and good moments and strengths have their own place. The safety
question stands apart: "yes" says what to do now, and saving goes straight
to Get help; it is never part of a trend.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QLineEdit, QPlainTextEdit, QRadioButton, QWidget

from companion import i18n
from companion.i18n import _
from companion.parents import Child, SignAnswer, WeeklyCheck
from companion.parents_content import content, level_label
from ui import actions_parents
from ui.dialogs.shell import DialogShell
from ui.widgets.common import Card, CheckBox, FlowLayout, label, set_button_text

if TYPE_CHECKING:
    from companion.parents import CheckSaved
    from ui.session import UiSession


def text_box(name: str) -> QPlainTextEdit:
    """A few lines of free text; Tab moves on rather than typing a tab."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 24)
    return box


class WeeklyCheckDialog(DialogShell):
    def __init__(
        self,
        session: UiSession,
        child: Child,
        week: date,
        existing: WeeklyCheck | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("This week's check for {name}").format(name=child.name), parent)
        self.session = session
        self.child = child
        self.week = week
        self.saved: CheckSaved | None = None
        words = content()
        self.body.addWidget(
            label(
                _("The week starting {date}.").format(date=i18n.format_day(week)),
                "muted",
            )
        )
        self.body.addWidget(label(_(words.intro)))

        self.levels: dict[str, QButtonGroup] = {}
        self.notes: dict[str, QLineEdit] = {}
        for sign in words.signs:
            card = Card()
            title = _(sign.title)
            card.body.addWidget(label(title, "subheading"))
            card.body.addWidget(label(_(sign.text), "muted"))
            group = QButtonGroup(self)
            row = FlowLayout()
            # In the card before the buttons go in, so the card owns them.
            card.body.addLayout(row)
            level_now = existing.level(sign.id) if existing else 0
            for value, _words in words.levels:
                radio = QRadioButton(level_label(value))
                radio.setAccessibleName(level_label(value))
                radio.setAccessibleDescription(title)
                radio.setProperty("level", value)
                radio.setChecked(value == level_now)
                group.addButton(radio)
                radio.ensurePolished()
                # A ticked circle is drawn without its border: keep room for the words either way.
                radio.setMinimumWidth(radio.sizeHint().width() + 8)
                row.addWidget(radio)
            note = QLineEdit(
                existing.signs[sign.id].note if existing and sign.id in existing.signs else ""
            )
            note.setPlaceholderText(_("A note, if you like"))
            note.setAccessibleName(_("Note about: {sign}").format(sign=title))
            card.body.addWidget(note)
            self.levels[sign.id] = group
            self.notes[sign.id] = note
            self.body.addWidget(card)

        # the safety question, apart from the signs
        safety = Card()
        safety.body.addWidget(label(_(words.safety_question), "subheading"))
        self.safety = QButtonGroup(self)
        row = FlowLayout()
        # In the card before the buttons go in, so the card owns them.
        safety.body.addLayout(row)
        self.safety_no = QRadioButton(_("No"))
        self.safety_yes = QRadioButton(_("Yes"))
        for radio in (self.safety_no, self.safety_yes):
            radio.setAccessibleName(radio.text())
            radio.setAccessibleDescription(_(words.safety_question))
            self.safety.addButton(radio)
            radio.ensurePolished()
            # A ticked circle is drawn without its border: keep room for the words either way.
            radio.setMinimumWidth(radio.sizeHint().width() + 8)
            row.addWidget(radio)
        self.safety_no.setChecked(not (existing and existing.self_harm_talk))
        self.safety_yes.setChecked(bool(existing and existing.self_harm_talk))
        self.safety_words = label(_(words.when_now), "error")
        safety.body.addWidget(self.safety_words)
        self.body.addWidget(safety)
        self.safety_yes.toggled.connect(self._safety_changed)

        # good moments, strengths, what was tried
        self.body.addWidget(label(_("Good moments this week"), "subheading"))
        self.good = text_box(_("Good moments this week"))
        self.body.addWidget(self.good)
        self.body.addWidget(label(_("Strengths you noticed"), "subheading"))
        self.strengths = text_box(_("Strengths you noticed"))
        self.body.addWidget(self.strengths)
        self.body.addWidget(label(_("Things you did this week (tick any)"), "subheading"))
        self.positive: dict[str, CheckBox] = {}
        for action in words.positive_actions:
            box = CheckBox(_(action.title))
            box.setChecked(bool(existing and action.id in existing.positive))
            self.positive[action.id] = box
            self.body.addWidget(box)
            self.body.addWidget(label(_(action.text), "muted"))
        self.body.addWidget(label(_("What you tried, and how it went"), "subheading"))
        self.tried = text_box(_("What you tried, and how it went"))
        self.body.addWidget(self.tried)
        if existing is not None:
            self.good.setPlainText(existing.good_moments)
            self.strengths.setPlainText(existing.strengths)
            self.tried.setPlainText(existing.tried)

        self.save_button = self.add_button("", self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        self.first_field = next(iter(self.levels.values())).checkedButton()
        self._start = self._answers_now()
        self._safety_changed(self.safety_yes.isChecked())

    def _safety_changed(self, yes: bool) -> None:
        self.safety_words.setVisible(yes)
        set_button_text(
            self.save_button, _("Save and get help now") if yes else _("Save this week's check")
        )

    def answers(self) -> list[SignAnswer]:
        found = []
        for sign_id, group in self.levels.items():
            chosen = group.checkedButton()
            level = int(chosen.property("level")) if chosen is not None else 0
            found.append(SignAnswer(sign_id, level, self.notes[sign_id].text()))
        return found

    def _answers_now(self) -> tuple[object, ...]:
        return (
            tuple(self.answers()),
            self.safety_yes.isChecked(),
            self.good.toPlainText(),
            self.strengths.toPlainText(),
            self.tried.toPlainText(),
            tuple(sorted(k for k, box in self.positive.items() if box.isChecked())),
        )

    def is_dirty(self) -> bool:
        return self._answers_now() != self._start

    def save(self) -> None:
        self.saved = actions_parents.save_check(
            self.session,
            self,
            self.child,
            self.answers(),
            week=self.week,
            positive=[k for k, box in self.positive.items() if box.isChecked()],
            good_moments=self.good.toPlainText(),
            strengths=self.strengths.toPlainText(),
            tried=self.tried.toPlainText(),
            self_harm_talk=self.safety_yes.isChecked(),
        )
        if self.saved is not None:
            self.accept()

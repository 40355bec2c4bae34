"""What suits you: interests, getting about, money, times and group size. All optional."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QRadioButton, QWidget

from companion import groups
from companion.groups import Wishes
from companion.i18n import N_, _
from ui.dialogs.shell import DialogShell
from ui.widgets.common import SPACING, CheckBox, label

if TYPE_CHECKING:
    from ui.session import UiSession

SIZE_CHOICES = (("", N_("Any size is fine")),) + tuple(groups.SIZE.items())


class WishesDialog(DialogShell):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(_("What suits you"), parent)
        self.session = session
        self.saved = False
        now = groups.wishes(session.settings)
        body = self.body
        body.addWidget(
            label(
                _(
                    "Tell Companion a little about yourself, and it will suggest groups that fit. "
                    "Every question is optional: leave any of them as they are."
                )
            )
        )

        body.addWidget(label(_("What do you enjoy?"), "subheading"))
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)  # its boxes in line with the ones below
        grid.setHorizontalSpacing(3 * SPACING)
        self.interests: dict[str, CheckBox] = {}
        for number, interest in enumerate(groups.catalogue().interests):
            box = CheckBox(_(interest.title))
            box.setChecked(interest.id in now.interests)
            self.interests[interest.id] = box
            grid.addWidget(box, number // 2, number % 2)
        holder = QWidget()
        holder.setLayout(grid)
        body.addWidget(holder)

        self.mobility = self._radios(
            _("How do you get about?"), groups.MOBILITY.items(), now.mobility
        )
        self.budget = self._radios(
            _("What would you like to spend?"), groups.MONEY.items(), now.budget
        )

        body.addWidget(label(_("What times suit you?"), "subheading"))
        self.times: dict[str, CheckBox] = {}
        for code, words in groups.TIME_WORDS.items():
            text = _(words)
            box = CheckBox(text[:1].upper() + text[1:])
            box.setChecked(code in now.times)
            self.times[code] = box
            body.addWidget(box)

        self.size = self._radios(_("How many people?"), SIZE_CHOICES, now.size)

        self.save_button = self.add_button(_("Save"), self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        self.first_field = next(iter(self.interests.values()))
        self._at_start = self.chosen()

    def _radios(self, question: str, choices, current: str) -> QButtonGroup:  # type: ignore[no-untyped-def]
        self.body.addWidget(label(question, "subheading"))
        group = QButtonGroup(self)
        for code, title in choices:
            radio = QRadioButton(_(title))
            radio.setAccessibleName(_(title))
            radio.setProperty("code", code)
            radio.setChecked(code == current)
            group.addButton(radio)
            self.body.addWidget(radio)
        return group

    @staticmethod
    def _code(group: QButtonGroup, default: str) -> str:
        chosen = group.checkedButton()
        return str(chosen.property("code")) if chosen is not None else default

    def chosen(self) -> Wishes:
        return Wishes(
            interests=tuple(code for code, box in self.interests.items() if box.isChecked()),
            mobility=self._code(self.mobility, "short_walks"),
            budget=self._code(self.budget, "small_fee"),
            times=tuple(code for code, box in self.times.items() if box.isChecked()),
            size=self._code(self.size, ""),
        )

    def is_dirty(self) -> bool:
        return self.chosen() != self._at_start

    def save(self) -> None:
        from ui import actions_groups

        if actions_groups.save_wishes(self.session, self, self.chosen()):
            self.saved = True
            self.accept()

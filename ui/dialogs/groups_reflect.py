"""After a first visit: did you go, how did it feel, a few words, and whether to keep going."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QPlainTextEdit, QRadioButton, QWidget

from companion.groups import Tried
from companion.i18n import N_, _
from ui.dialogs.shell import DialogShell, choose_with_keys
from ui.widgets.common import CheckBox, label

if TYPE_CHECKING:
    from ui.session import UiSession

FEELINGS = (
    (1, N_("Hard")),
    (2, N_("Not easy")),
    (3, N_("All right")),
    (4, N_("Good")),
    (5, N_("Lovely")),
)


class ReflectDialog(DialogShell):
    def __init__(self, session: UiSession, tried: Tried, parent: QWidget | None = None) -> None:
        super().__init__(_("How did it go?"), parent)
        self.session = session
        self.tried = tried
        self.saved: Tried | None = None
        body = self.body
        body.addWidget(label(_("Did you go to {title}?").format(title=tried.title), "subheading"))
        self.went = QButtonGroup(self)
        self.went_yes = QRadioButton(_("Yes, I went"))
        self.went_no = QRadioButton(_("Not this time"))
        for value, radio in ((True, self.went_yes), (False, self.went_no)):
            radio.setAccessibleName(radio.text())
            radio.setProperty("went", value)
            self.went.addButton(radio)
            body.addWidget(radio)
        self.went_yes.setChecked(tried.went is not False)
        self.went_no.setChecked(tried.went is False)

        self.feeling_label = label(_("How did it feel?"), "subheading")
        body.addWidget(self.feeling_label)
        self.feeling = QButtonGroup(self)
        self.feeling_radios: dict[int, QRadioButton] = {}
        for value, words in FEELINGS:
            radio = QRadioButton(_(words))
            radio.setAccessibleName(_(words))
            radio.setChecked(tried.feeling == value)
            self.feeling.addButton(radio, value)
            self.feeling_radios[value] = radio
            body.addWidget(radio)
        # Nothing chosen yet: an arrow key chooses what it moves to, and Enter on a feeling
        # chooses it (it saved the visit with no feeling at all, the dialog gone).
        choose_with_keys(self.feeling)

        words_label = label(_("A few words for yourself, if you like"), "subheading")
        body.addWidget(words_label)
        self.words = QPlainTextEdit()
        self.words.setTabChangesFocus(True)
        self.words.setAccessibleName(_("A few words for yourself"))
        self.words.setPlainText(tried.reflection)
        self.words.setMinimumHeight(100)
        words_label.setBuddy(self.words)
        body.addWidget(self.words)

        self.keep_going = CheckBox(_("I'd like to keep going (it shows on Today)"))
        self.keep_going.setChecked(tried.going)
        body.addWidget(self.keep_going)

        self.went.buttonToggled.connect(lambda *_a: self._refresh())
        self.save_button = self.add_button(_("Save"), self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        self.first_field = self.went_yes
        self._refresh()
        self._at_start = self._state()

    def _refresh(self) -> None:
        went = self.went_yes.isChecked()
        for radio in self.feeling_radios.values():
            radio.setEnabled(went)
        self.keep_going.setEnabled(went)

    def _state(self) -> tuple[bool, int, str, bool]:
        return (
            self.went_yes.isChecked(),
            self.feeling.checkedId(),
            self.words.toPlainText(),
            self.keep_going.isChecked(),
        )

    def is_dirty(self) -> bool:
        return self._state() != self._at_start

    def save(self) -> None:
        from ui import actions_groups

        went = self.went_yes.isChecked()
        feeling = self.feeling.checkedId()
        self.saved = actions_groups.reflect(
            self.session,
            self,
            self.tried.id,
            went=went,
            feeling=feeling if went and feeling > 0 else None,
            reflection=self.words.toPlainText(),
            keep_going=went and self.keep_going.isChecked(),
        )
        if self.saved is not None:
            self.accept()

"""One place: what meets there, how far, when, getting in, how to get in touch, and your notes.

The notes are private: they stay in the encrypted data, and a new import of the
same file keeps them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from companion import groups
from companion.i18n import _, isolate  # numbers and addresses whole in Arabic
from ui.dialogs.shell import DialogShell
from ui.widgets.common import SPACING, Card, label

if TYPE_CHECKING:
    from ui.session import UiSession


class PlaceDialog(DialogShell):
    def __init__(self, session: UiSession, place_id: int, parent: QWidget | None = None) -> None:
        place = groups.place(session.store, place_id)
        super().__init__(place.name, parent)
        self.session = session
        self.place = place
        self.saved = False
        self.wants_to_try = False
        body = self.body
        cat = groups.catalogue()
        kinds = [k for k in map(cat.kind, place.kinds) if k]

        facts = Card()
        lines = [
            _("What it is: {what}").format(what=place.category_title) if place.category else "",
            _("What meets there: {kinds}").format(
                kinds=groups.i18n_list([_(k.title) for k in kinds[:4]])
            )
            if kinds
            and [k.title for k in kinds] != [place.category]
            and groups.i18n_list([_(k.title) for k in kinds[:4]]) != place.category_title
            else "",
        ]
        where = groups.home(session.settings)
        if where is not None and place.lat is not None and place.lon is not None:
            km = groups.distance_km(where.lat, where.lon, place.lat, place.lon)
            country = str(session.settings.get("country") or "GB")
            lines.append(
                _("How far: {distance}, {walk}").format(
                    distance=groups.distance_text(km, country), walk=groups.walk_text(km)
                )
            )
        if place.address:
            lines.append(_("Where: {address}").format(address=place.address))
        if place.meeting_times:
            lines.append(
                _("When: {when}").format(when=groups.times_in_own_style(place.meeting_times))
            )
        if place.opening_hours:
            hours = groups.opening_hours(place.opening_hours, session.now())
            said = hours.sentence() if hours.understood else ""
            lines.append(
                _("Opening hours: {hours}").format(
                    hours=said or groups.times_in_own_style(hours.written)
                )
            )
            if hours.week:
                lines.append(_("In the coming week: {hours}").format(hours=hours.week))
        if place.wheelchair_text:
            lines.append(place.wheelchair_text)
        if place.accessibility:
            lines.append(_("Getting in: {access}").format(access=place.accessibility))
        if place.phone:
            lines.append(_("Telephone: {number}").format(number=isolate(place.phone)))
        if place.email:
            lines.append(_("Email: {address}").format(address=isolate(place.email)))
        if place.website:
            lines.append(_("Website: {address}").format(address=isolate(place.website)))
        self.facts = label("\n".join(line for line in lines if line), selectable=True)
        facts.body.addWidget(self.facts)
        if place.description:
            facts.body.addWidget(label(place.description))
        if place.attribution:
            self.attribution = label(place.attribution, "muted")
            facts.body.addWidget(self.attribution)
        body.addWidget(facts)

        notes_label = label(_("Your own notes (only you see them)"), "subheading")
        body.addWidget(notes_label)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(_("Your own notes on {place}").format(place=place.name))
        self.notes.setPlaceholderText(_("For example: Anne goes. Ask her to save me a seat."))
        self.notes.setPlainText(place.notes)
        self.notes.setMinimumHeight(110)
        notes_label.setBuddy(self.notes)
        body.addWidget(self.notes)
        # The dialog opens at the top, on the facts a person came to read, with the notes
        # focused below them (not the shell's first field, which it scrolls into sight): the
        # first key typed there scrolls them into sight, never typing out of view.
        self.notes.textChanged.connect(self.show_notes)
        self.opening = True  # until the person types in the notes or goes elsewhere

        self.save_button = self.add_button(_("Save my notes"), self.save, "primary", default=True)
        self.try_button = self.add_button(_("Try this one"), self.try_it)
        self.add_button(_("Close"), self.reject)
        self.focused_once = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.focused_once:
            self.focused_once = True
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(self._focus_moved)
            self.notes.setFocus(Qt.FocusReason.TabFocusReason)
            QTimer.singleShot(0, self, self._back_to_the_facts)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The window scrolls to whatever gets the focus (``follow_focus``), and the notes get
        it as the dialog opens, maybe only once the window is active: at 200% it opened on
        the empty notes with the facts out of sight. Back to the facts after it, until the
        person types or moves on."""
        if not self.opening or new is None or not shiboken6.isValid(self):
            return
        if new is self.notes:
            QTimer.singleShot(0, self, self._back_to_the_facts)  # after the window's scroll
        elif new.window() is self:
            self.opening = False

    def _back_to_the_facts(self) -> None:
        if self.opening:
            self.scroll.verticalScrollBar().setValue(0)

    def show_notes(self) -> None:
        """The notes in sight, and within them the line being typed (a tall field can reach
        past the bottom of the dialog)."""
        self.opening = False
        self.scroll.ensureWidgetVisible(self.notes, 0, SPACING)
        line = self.notes.cursorRect()
        at = self.notes.viewport().mapTo(self.scroll.widget(), line.center())
        self.scroll.ensureVisible(at.x(), at.y(), 0, line.height() + SPACING)

    def is_dirty(self) -> bool:
        return self.notes.toPlainText().strip() != self.place.notes.strip()

    def save(self) -> None:
        from ui import actions_groups

        if not self.is_dirty():
            self.accept()
            return
        if actions_groups.save_notes(self.session, self, self.place.id, self.notes.toPlainText()):
            self.saved = True
            self.accept()

    def try_it(self) -> None:
        """Keep any notes typed, then hand over to "try this one"."""
        from ui import actions_groups

        if self.is_dirty() and not actions_groups.save_notes(
            self.session, self, self.place.id, self.notes.toPlainText()
        ):
            return
        self.wants_to_try = True
        self.accept()

"""The tour's panel: one step at a time, Next by Enter, Stop by Escape, Back with Alt+B.

It is not modal, so the page it talks about stays in view and can be tried.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from companion import i18n
from companion.i18n import _
from ui import tour
from ui.dialogs.shell import DialogShell
from ui.widgets.common import label

if TYPE_CHECKING:
    from ui.session import UiSession


class TourPanel(DialogShell):
    def __init__(self, session: UiSession, step: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(_("A short tour"), parent)
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.session = session
        self.step = step
        self.where = label("", "muted")
        self.text = label("")
        self.body.addWidget(self.where)
        self.body.addWidget(self.text)
        self.next_button = self.add_button("", self.next, "primary", default=True)
        self.back_button = self.add_button("", self.back)
        self.stop_button = self.add_button("", self.reject)
        self.first_field = self.next_button
        session.context.language_changed.connect(self.show_step)
        session.closed.connect(self.close)

    def fit_to_screen(self) -> None:
        """Sized like every dialog, then set in the window's lower corner: the page stays seen."""
        super().fit_to_screen()
        owner = self.parentWidget()
        if owner is None:
            return
        area = owner.window().frameGeometry()
        frame = self.frameGeometry()
        left = area.left() + 16 if self.isRightToLeft() else area.right() - frame.width() - 16
        frame.moveTopLeft(area.topLeft())
        frame.moveLeft(max(left, area.left()))
        frame.moveTop(max(area.bottom() - frame.height() - 16, area.top()))
        self.move(frame.topLeft())

    @property
    def last(self) -> bool:
        return self.step >= len(tour.STEPS) - 1

    def show_step(self, _code: str = "") -> None:
        step = tour.STEPS[self.step]
        title = _(step.title)
        self.set_texts(_("A short tour: {page}").format(page=title))
        self.where.setText(
            _("Step {number} of {count}").format(
                number=i18n.format_number(self.step + 1),
                count=i18n.format_number(len(tour.STEPS)),
            )
        )
        self.text.setText(_(step.text))
        self.text.setAccessibleName(_(step.text))
        self.set_button(self.next_button, _("Finish") if self.last else _("Next"))
        self.set_button(self.back_button, _("Back"))
        self.back_button.setShortcut("Alt+B")
        self.back_button.setEnabled(self.step > 0)
        self.set_button(self.stop_button, _("Stop the tour"))
        self.stop_button.setAccessibleDescription(
            _("You can go on later from Settings, with “Show me around”.")
        )
        if self.session.is_open:
            self.session.context.show_page.emit(step.page, "")
            tour.save_step(self.session, self.step)
        self.next_button.setFocus()

    def next(self) -> None:
        if self.last:
            if self.session.is_open:
                tour.save_step(self.session, 0)  # next time, from the start
            self.accept()
            return
        self.step += 1
        self.show_step()

    def back(self) -> None:
        if self.step > 0:
            self.step -= 1
            self.show_step()

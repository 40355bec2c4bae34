"""The tour's panel: one step at a time, Next by Enter, Stop by Escape, Back with Alt+B.

It is not modal, so the page it talks about stays in view and can be tried. It sits low
over the page, as wide as the page and no taller than it needs, inside the screen: the
page's heading and its button in the navigation stay in sight. Finish goes back to Today.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from companion import i18n
from companion.i18n import _
from ui import tour
from ui.dialogs.shell import DialogShell, body_height
from ui.widgets.common import SPACING, label

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
        self.body.addWidget(self.text)
        self.next_button = self.add_button("", self.next, "primary", default=True)
        self.back_button = self.add_button("", self.back)
        self.stop_button = self.add_button("", self.reject)
        self.buttons.addWidget(self.where)  # "Step 2 of 7", beside the buttons
        self.first_field = self.next_button
        # The page's own heading names the page, and the title bar says "A short tour":
        # no heading of its own, so the panel stays low and the page stays seen.
        self.heading.hide()
        outer = self.layout()
        heading_box = outer.itemAt(0).layout() if outer is not None else None
        if heading_box is not None:  # the hidden heading's room goes too
            heading_box.setContentsMargins(0, SPACING, 0, 0)
        self.finished.connect(lambda _result: self.fold_the_top(False))
        session.context.language_changed.connect(self.show_step)
        session.closed.connect(self.close)

    MAX_WIDTH = 960
    MAX_SHARE = 0.45  # of the screen's height, at most: the body scrolls beyond

    def fit_to_screen(self) -> None:
        """Sized like every dialog, then as wide as the page and set low over it."""
        self.fold_the_top(True)
        super().fit_to_screen()
        self.place()

    def fold_the_top(self, folded: bool) -> None:
        """The banner and the sample's line above the page step aside while the tour runs."""
        owner = self.parentWidget()
        fold = getattr(owner.window(), "fold_top", None) if owner is not None else None
        if callable(fold):
            fold(folded)

    def page_area(self) -> QRect:
        """Where the page is on the screen (the window's, when there is no page)."""
        owner = self.parentWidget()
        if owner is None:
            return QRect()
        window = owner.window()
        stack = getattr(window, "stack", None)
        if isinstance(stack, QWidget) and stack.isVisible():
            return QRect(stack.mapToGlobal(QPoint(0, 0)), stack.size())
        return window.frameGeometry()

    def place(self) -> None:
        """Low over the page, never past the screen's edge, title bar included."""
        screen = self.screen()
        owner = self.parentWidget()
        if screen is None or owner is None:
            return
        room = screen.availableGeometry()
        area = self.page_area().intersected(room)
        if area.isEmpty():
            area = room
        window = owner.window()
        title_bar = max(window.frameGeometry().height() - window.height(), 0)
        if self.isVisible() and self.frameGeometry().height() > self.height():
            title_bar = self.frameGeometry().height() - self.height()
        width = max(min(area.width() - 4 * SPACING, self.MAX_WIDTH), min(480, room.width()))
        chrome = self.sizeHint().height() - self.scroll.sizeHint().height()
        wanted = chrome + body_height(self.scroll, width - 6 * SPACING) + 2 * SPACING
        height = max(min(wanted, int(room.height() * self.MAX_SHARE)), 160)
        self.resize(width, height)
        if self.isRightToLeft():
            left = area.left() + 2 * SPACING
        else:
            left = area.right() + 1 - width - 2 * SPACING
        left = max(room.left(), min(left, room.right() + 1 - width))
        top = area.bottom() + 1 - height - title_bar - 2 * SPACING
        top = max(room.top(), min(top, room.bottom() + 1 - height - title_bar))
        self.move(left, top)

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
        if self.isVisible():
            self.place()  # the words of each step have a height of their own

    def next(self) -> None:
        if self.last:
            if self.session.is_open:
                tour.save_step(self.session, 0)  # next time, from the start
                self.session.context.show_page.emit("today", "")  # back where one starts
            self.accept()
            return
        self.step += 1
        self.show_step()

    def back(self) -> None:
        if self.step > 0:
            self.step -= 1
            self.show_step()

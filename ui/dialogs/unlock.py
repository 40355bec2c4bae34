"""Opening protected data: the passphrase, or the recovery code when the usual way is lost.

Nothing here can change the data file: a wrong passphrase or code is caught
by the key check in keys.json before the database is touched.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, KeyringUnavailable
from companion.i18n import _
from companion.profile import Profile, ProfileState, Unlocked
from ui.background import run_in_background
from ui.dialogs.passphrase import NewPassphraseFields
from ui.dialogs.shell import (
    OpeningHold,
    StepStack,
    body_end,
    bring_into_view,
    fit_to_screen,
    fit_when_first_shown,
    follow_focus,
    opening_position,
    scroll_area,
)
from ui.pages.help import add_help_button
from ui.widgets.common import SPACING, FlowLayout, button, column_page, label, window_title


class CodeField(QLineEdit):
    """Asks for room for a whole recovery code at the text size in use, so all of it shows as
    it is typed (at 200% text the field was narrower and the code's start scrolled away). A
    wish, not a minimum: on a small screen it still fits the dialog, never runs off its side.
    """

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        # Qt's own hint is 17 "x" wide plus the frame and margins: keep those, for the code.
        chrome = hint.width() - metrics.horizontalAdvance("x") * 17
        width = metrics.horizontalAdvance(self.placeholderText() + "MM") + chrome
        return QSize(max(hint.width(), width), hint.height())


class UnlockDialog(QDialog):
    """``problem`` is a message to show first (the keyring lost its key, for example)."""

    PASSPHRASE, RECOVERY, NEW_PASSPHRASE = range(3)

    def __init__(
        self, profile: Profile, problem: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.unlocked: Unlocked | None = None
        self._recovered: Unlocked | None = None
        self._opening: OpeningHold | None = None
        # Read like the main window's title ("{page} – Companion", right to left in Arabic):
        # left to Qt, it became "Open your data — Companion" with a longer dash, and in Arabic
        # "Companion" came first.
        self.setWindowTitle(window_title(_("Open your data")))
        self.setModal(True)
        layout = QVBoxLayout(self)
        # The margins of every other dialog, and a closer footer: at 200% text in German the
        # step's first sentence was scrolled out of sight above the password field.
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        layout.setSpacing(SPACING)
        self.heading = label(_("Welcome back"), "heading")
        layout.addWidget(self.heading)
        # The error line sits in the step, under its field and above its buttons, and scrolls
        # with them: below the scroll area a long error at large text squeezed the step out
        # of sight (only Get help and Quit were left to see).
        self.error = label("", "error")
        self.error.hide()
        self._error_places: dict[int, tuple[QVBoxLayout, int]] = {}
        self._fields: dict[int, QWidget] = {}
        # Each step's buttons sit in the footer under the scrolling body, shown with their
        # step: at 200% text, after a wrong password, "Open" and "I have forgotten it" were
        # cut at the body's bottom edge.
        self._actions: dict[int, tuple[QPushButton, ...]] = {}
        self.actions_row = FlowLayout()
        self.stack = StepStack()
        self.stack_scroll = scroll_area(self.stack)  # large text scrolls; buttons stay
        fit_when_first_shown(self, self.stack_scroll)
        follow_focus(self)  # Tab or an arrow key never leaves the focus out of sight
        layout.addWidget(self.stack_scroll, 1)

        # 1. passphrase
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.open_with_passphrase)
        self.open_button = button(_("Open"), "primary")
        self.open_button.clicked.connect(self.open_with_passphrase)
        self.forgot_button = button(_("I have forgotten it: use my recovery code"))
        self.forgot_button.clicked.connect(lambda: self.show_step(self.RECOVERY))
        self.passphrase_intro = label(
            _("Your data is protected by a password. Type it to open your data.")
        )
        self._field_step(
            self.passphrase_intro,
            _("Password"),
            self.passphrase,
            (self.open_button, self.forgot_button),
        )

        # 2. recovery code
        self.code = CodeField()
        self.code.setPlaceholderText("ABCDE-12345-FGHJK-67890-MNPQR")
        self.code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code.returnPressed.connect(self.open_with_code)
        self.code_button = button(_("Open with this code"), "primary")
        self.code_button.clicked.connect(self.open_with_code)
        self.back_button = button(_("Back to the password"))
        self.back_button.clicked.connect(lambda: self.show_step(self.PASSPHRASE))
        self.recovery_intro = label(
            _("Type the recovery code you wrote down or printed when you set up Companion.")
        )
        self._field_step(
            self.recovery_intro, _("Recovery code"), self.code, (self.code_button, self.back_button)
        )

        # 3. a new passphrase after the code worked
        page, column = column_page()
        self.new_intro = label("")
        column.addWidget(self.new_intro)
        self.new_fields = NewPassphraseFields()
        column.addWidget(self.new_fields)
        self._error_places[self.NEW_PASSPHRASE] = (column, column.indexOf(self.new_fields) + 1)
        self._fields[self.NEW_PASSPHRASE] = self.new_fields.first
        self.new_button = button(_("Use this password"), "primary")
        self.new_button.clicked.connect(self.save_new_passphrase)
        self._actions[self.NEW_PASSPHRASE] = (self.new_button,)
        self.actions_row.addWidget(self.new_button)
        column.addStretch(1)
        self.stack.addWidget(page)
        layout.addLayout(self.actions_row)

        self.wait = label(_("Opening… this takes a moment."), "muted")
        self.wait.hide()
        layout.addWidget(self.wait)

        bottom = FlowLayout()
        add_help_button(self, bottom, lambda: str(profile.preferences.get("country")))
        self.quit_button = button(_("Quit"))
        self.quit_button.clicked.connect(self.reject)
        bottom.addWidget(self.quit_button)
        layout.addLayout(bottom)

        try:
            state = profile.state()
        except CompanionError:
            state = ProfileState.KEYRING
        if problem:
            self.heading.setText(_("Your data is safe"))
            self.recovery_intro.setText(
                problem + "\n\n" + _("Type the recovery code you wrote down or printed.")
            )
            if state is not ProfileState.PASSPHRASE:
                self._actions[self.RECOVERY] = (self.code_button,)
            self.show_step(self.RECOVERY)
        else:
            self.show_step(self.PASSPHRASE)

    def _field_step(
        self, intro: QWidget, title: str, field: QLineEdit, actions: tuple[QPushButton, ...]
    ) -> None:
        """One step of the dialog: a sentence, a labelled field and a row of buttons."""
        page, column = column_page()
        column.addWidget(intro)
        field_label = label(title)
        field.setAccessibleName(title)
        field_label.setBuddy(field)
        column.addWidget(field_label)
        column.addWidget(field)
        step = self.stack.count()
        self._error_places[step] = (column, column.indexOf(field) + 1)
        self._fields[step] = field
        self._actions[step] = actions
        for action in actions:
            self.actions_row.addWidget(action)
        self.stack.addWidget(page)

    def show_step(self, step: int) -> None:
        for action in (self.open_button, self.forgot_button, self.code_button):
            action.setVisible(action in self._actions[step])
        for action in (self.back_button, self.new_button):
            action.setVisible(action in self._actions[step])
        self._actions[step][0].setDefault(True)  # Enter opens, wherever the focus is
        self.stack.setCurrentIndex(step)
        self.stack.updateGeometry()
        if self.isVisible():
            # The dialog takes the room this step needs (the recovery code's whole width):
            # sized for the password, at 200% text the code was cut and the words above it
            # scrolled out of sight.
            fit_to_screen(self, self.stack_scroll)
            QTimer.singleShot(0, self, self._grow_by_what_still_scrolls)
        self.error.hide()
        column, index = self._error_places[step]
        if column.indexOf(self.error) < 0:
            self.error.setParent(None)  # out of the step it was in
            column.insertWidget(index, self.error)
            self.error.hide()
        field = self._fields[step]
        field.setFocus()
        self._hold().hold()  # where it opens, field in sight, until the person acts here

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Wide enough for the step's buttons side by side on one line each, where the screen
        allows (``fit_to_screen`` keeps the window inside it). Sized for its words alone, at
        200% text in German the footer took three rows ("I have forgotten it" on two lines)
        and a wrong password's message was cut off mid-sentence in the little room left."""
        hint = super().sizeHint()
        actions = self._actions.get(self.stack.currentIndex(), ())
        if not actions:
            return hint
        margins = self.layout().contentsMargins()
        row = sum(action.sizeHint().width() for action in actions)
        row += 2 * SPACING * (len(actions) - 1) + margins.left() + margins.right()
        return QSize(max(hint.width(), row), hint.height())

    def _hold(self) -> OpeningHold:
        if self._opening is None:
            self._opening = OpeningHold(self, self.stack_scroll, self.opening_position)
        return self._opening

    def opening_position(self) -> int:
        """Where the step showing opens: at its top, its words from their first line, where
        its field (and an error under it) is still wholly in sight; else scrolled just far
        enough for them, from a whole line. In German at 200% text on a small screen the
        first sentence was scrolled away above "Password"."""
        page = self.stack.currentWidget()
        if page is None:
            return 0
        value = opening_position(self.stack_scroll, self._fields[self.stack.currentIndex()], page)
        if self.error.isVisible() and page.isAncestorOf(self.error):
            value = max(value, opening_position(self.stack_scroll, self.error, page))
        return value

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)  # fitted to the screen first (fit_when_first_shown)
        self._hold().hold()  # the field in sight, the words above it from their start
        QTimer.singleShot(0, self, self._grow_by_what_still_scrolls)

    def _grow_by_what_still_scrolls(self) -> None:
        """Fitting counts a little short where words wrap at large text: the dialog grows by
        what still scrolls, up to the screen, so the step's first sentence stays in sight
        above its field (in German at 200% it was scrolled away above "Password")."""
        screen = self.screen()
        extra = body_end(self.stack_scroll)  # what still scrolls, without room below the end
        if screen is None or extra <= 0 or not self.isVisible():
            return
        room = screen.availableGeometry()
        height = min(self.height() + extra, int(room.height() * 0.9))
        if height <= self.height():
            return
        frame = self.frameGeometry()
        self.resize(self.width(), height)
        top = max(room.top(), min(frame.top(), room.bottom() - self.frameGeometry().height()))
        self.move(frame.left(), top)
        step = self.stack.currentIndex()
        shown = self.error if self.error.isVisible() else None
        if self._hold().held:
            self._hold().apply()
        else:
            bring_into_view(self.stack_scroll, self._fields[step], shown)

    def _busy(self, busy: bool) -> None:
        self.wait.setVisible(busy)
        for widget in (self.open_button, self.code_button, self.new_button, self.forgot_button):
            widget.setEnabled(not busy)
        if busy:
            self.error.hide()

    def _fail(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, CompanionError):
            self.error.setText(error.message)
        else:
            self.error.setText(_("Something unexpected went wrong. Please try again."))
        self.error.setAccessibleName(self.error.text())
        self.error.show()
        self.stack.updateGeometry()
        if self.isVisible():
            fit_to_screen(self, self.stack_scroll)  # taller now, never taller than the screen
            QTimer.singleShot(0, self, self._grow_by_what_still_scrolls)
        # The field, focused and selected so typing again replaces it, with the error under
        # it in sight (the step's buttons follow; Tab scrolls to them). Where both cannot be
        # whole, the error's words win: at 200% text in German the message was cut off before
        # its last line ("…or use your recovery code"), and typing goes to the field anyway.
        field = self._fields[self.stack.currentIndex()]
        field.setFocus()
        if isinstance(field, QLineEdit):
            field.selectAll()
        bring_into_view(self.stack_scroll, field, self.error)

    def open_with_passphrase(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            self._fail(CompanionError(_("Please type your password.")))
            return
        self._busy(True)
        run_in_background(
            lambda: self.profile.unlock_with_passphrase(passphrase), self._opened, self._fail
        )

    def _opened(self, unlocked: Unlocked) -> None:
        self._busy(False)
        self.unlocked = unlocked
        self.accept()

    def open_with_code(self) -> None:
        code = self.code.text()
        if not code.strip():
            self._fail(CompanionError(_("Please type your recovery code.")))
            return
        self._busy(True)
        run_in_background(
            lambda: self.profile.unlock_with_recovery_code(code), self._code_worked, self._fail
        )

    def _code_worked(self, unlocked: Unlocked) -> None:
        """Put the usual way in back: the keyring if it works, otherwise a new passphrase."""
        self._busy(False)
        self._recovered = unlocked
        state = self.profile.state()
        if state is ProfileState.KEYRING:
            try:
                self.profile.restore_access(unlocked)
            except KeyringUnavailable as error:
                self.new_intro.setText(
                    error.message
                    + "\n\n"
                    + _(
                        "Your recovery code is right. Choose a password to use from now on "
                        "instead of your computer's password store."
                    )
                )
                self.show_step(self.NEW_PASSPHRASE)
                return
            self.unlocked = unlocked
            self.accept()
            return
        self.new_intro.setText(
            _("Your recovery code is right. Now choose a new password to use from now on.")
        )
        self.show_step(self.NEW_PASSPHRASE)

    def save_new_passphrase(self) -> None:
        problem = self.new_fields.problem()
        if problem:
            self._fail(CompanionError(problem))
            return
        recovered = self._recovered
        assert recovered is not None
        passphrase = self.new_fields.value()
        self._busy(True)

        def work() -> Unlocked:
            self.profile.restore_access(recovered, passphrase)
            return recovered

        run_in_background(work, self._opened, self._fail)

    def reject(self) -> None:
        if self._recovered is not None and self.unlocked is None:
            self._recovered.close()
        super().reject()

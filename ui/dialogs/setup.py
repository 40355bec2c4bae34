"""First run: welcome, language, text size, country, how the data is protected, recovery code.

Language and text size apply at once, so the person sees the choice they are
making. The profile is only created after the protection step, and never over
existing data (``Profile.create`` refuses).

Someone moving to a new computer starts from their backup instead: at the
protection step, "Set up from my backup…" chooses the file, a step of its own
shows what it holds and when it was made and asks for its recovery code, and
only then is the profile made, with the protection chosen, a new key and a new
recovery code (``backup.restore_into_new``), shown as the last step as always.
What was chosen here (language, text size, country) is this computer's and
stays; everything in the data, the person's name too, comes from the backup
(a name typed at the welcome step is used instead).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion import i18n
from companion.errors import CompanionError, KeyringUnavailable, WrongSecret
from companion.i18n import _
from companion.profile import Profile, Unlocked
from ui.background import run_in_background
from ui.dialogs.passphrase import NewPassphraseFields
from ui.dialogs.recovery import RecoveryCodePanel
from ui.dialogs.restore import about_words, holds_words, verdict_words
from ui.dialogs.shell import (
    OpeningHold,
    StepStack,
    ask_before_closing,
    body_height,
    bring_into_view,
    close_quietly_unless_the_person_asked,
    fit_to_screen,
    fit_when_first_shown,
    follow_focus,
    make_room_for_the_error,
    opening_position,
    scroll_area,
    tallest,
)
from ui.dialogs.unlock import CodeField
from ui.pages.help import add_help_button, help_palette
from ui.widgets import files
from ui.widgets.common import (
    SPACING,
    Card,
    FlowLayout,
    Lines,
    button,
    column_page,
    combo_box,
    icon,
    label,
    set_button_text,
)

if TYPE_CHECKING:
    from companion.backup import BackupReview, Restored


def show_stack_page(stack: QStackedWidget, scroll: QScrollArea, index: int) -> None:
    """Show one step of a stack that scrolls, scrolled to its top."""
    stack.setCurrentIndex(index)
    stack.updateGeometry()
    scroll.verticalScrollBar().setValue(0)


class _Words(QLabel):
    """A radio button's words, wrapped; a click on them chooses it."""

    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


def radio_with_words(radio: QRadioButton) -> tuple[QWidget, QLabel]:
    """A radio button whose words wrap onto more lines: Qt's keep one line, and at large text
    "In this computer's password store (recommended)" ran past the window's edge. Focus,
    the keyboard and the accessible name stay with the button itself."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACING)
    words = _Words()
    words.setWordWrap(True)
    words.setTextFormat(Qt.TextFormat.PlainText)
    words.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
    words.clicked.connect(lambda: radio.setChecked(True) if radio.isEnabled() else None)
    radio.setProperty("show_with_parent", True)  # follow_focus shows the words too
    layout.addWidget(radio, 0, Qt.AlignmentFlag.AlignVCenter)
    layout.addWidget(words, 1)
    return row, words


class _Steps(StepStack):
    """Setup's steps: no taller at least than their words need at the width they have. Qt's
    least height for wrapped words is their height at a narrow width, so at 100% the first
    step could never be shorter than that: a scroll bar where there was room, and the window
    grown by as much, a band of empty space under the name."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        page = self.currentWidget()
        if page is not None and page.hasHeightForWidth():
            return QSize(hint.width(), 0)  # the height comes from heightForWidth
        return hint


class Appearance(Protocol):
    def set_language(self, code: str) -> None: ...
    def set_text_scale(self, percent: int) -> None: ...
    def set_high_contrast(self, on: bool) -> None: ...


class SetupDialog(QDialog):
    WELCOME, LANGUAGE, TEXT_SIZE, COUNTRY, PROTECTION, RECOVERY = range(6)
    STEP_NAMES = ("welcome", "language", "text-size", "country", "protection", "recovery-code")
    # Only for someone starting from a backup: between the protection step and the recovery
    # code, and counted as part of the protection step ("Step 5 of 6").
    RESTORE = 6

    def __init__(
        self, profile: Profile, appearance: Appearance, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.appearance = appearance
        self.unlocked: Unlocked | None = None
        self.keyring_works = profile.vault.available()
        self.setModal(True)
        layout = QVBoxLayout(self)
        # At the sides the dialog shell's margins, which fit_to_screen sizes the words for: with
        # wider ones the welcome words wrapped onto more lines than allowed for, the first step
        # scrolled (a scroll bar at 100% with room to spare) and opened cut mid-sentence.
        layout.setContentsMargins(3 * SPACING, 4 * SPACING, 3 * SPACING, 4 * SPACING)
        layout.setSpacing(2 * SPACING)
        self.progress = label("", "muted")
        layout.addWidget(self.progress)
        self.heading = label("", "heading")
        layout.addWidget(self.heading)
        self.stack = _Steps()
        self.stack_scroll = scroll_area(self.stack)  # large text scrolls; buttons stay
        fit_when_first_shown(self, self.stack_scroll)
        follow_focus(self)  # an arrow to the next choice at the bottom edge: in sight
        layout.addWidget(self.stack_scroll, 1)

        # welcome
        page, column = column_page()
        self.welcome_text = label("")
        self.name_label = label("")
        self.name = QLineEdit()
        self.name_label.setBuddy(self.name)
        # The step opens at its top, the name focused but perhaps below the words at large
        # text: typing a name brings the field into sight.
        self.name.textEdited.connect(lambda _text: bring_into_view(self.stack_scroll, self.name))
        column.addWidget(self.welcome_text)
        column.addWidget(self.name_label)
        column.addWidget(self.name)
        self.stack.addWidget(page)

        # language
        page, column = column_page()
        self.language_text = label("")
        column.addWidget(self.language_text)
        self.language_group = QButtonGroup(self)
        current = profile.preferences.get("language")
        for code in i18n.available_languages():
            radio = QRadioButton(i18n.language_name(code))
            radio.setAccessibleName(i18n.language_name(code))
            radio.setProperty("code", code)
            radio.setChecked(code == current)
            if i18n.is_rtl(code):
                radio.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            self.language_group.addButton(radio)
            column.addWidget(radio)
        self.language_group.buttonToggled.connect(self._language_chosen)
        self.stack.addWidget(page)

        # text size
        page, column = column_page()
        self.size_text = label("")
        column.addWidget(self.size_text)
        row = QHBoxLayout()
        self.smaller = button("")
        self.larger = button("")
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(100, 200)
        self.size_slider.setSingleStep(10)
        self.size_slider.setPageStep(20)
        self.size_slider.setValue(int(profile.preferences.get("text_scale")))
        self.size_value = label("")
        row.addWidget(self.smaller)
        row.addWidget(self.size_slider, 1)
        row.addWidget(self.larger)
        column.addLayout(row)
        column.addWidget(self.size_value)
        self.preview = Card()
        self.preview_text = label("")
        self.preview.body.addWidget(self.preview_text)
        column.addWidget(self.preview)
        self.smaller.clicked.connect(
            lambda: self.size_slider.setValue(self.size_slider.value() - 10)
        )
        self.larger.clicked.connect(
            lambda: self.size_slider.setValue(self.size_slider.value() + 10)
        )
        self.size_slider.valueChanged.connect(self._size_chosen)
        self.stack.addWidget(page)

        # country
        page, column = column_page()
        self.country_text = label("")
        self.country_label = label("")
        self.country = combo_box()
        self.country_label.setBuddy(self.country)
        column.addWidget(self.country_text)
        column.addWidget(self.country_label)
        column.addWidget(self.country)
        self.stack.addWidget(page)

        # protection
        page, column = column_page()
        self.protection_text = label("")
        column.addWidget(self.protection_text)
        self.protection_group = QButtonGroup(self)
        self.use_keyring = QRadioButton()
        self.use_passphrase = QRadioButton()
        self.protection_group.addButton(self.use_keyring)
        self.protection_group.addButton(self.use_passphrase)
        self.keyring_note = label("", "muted")
        self.keyring_row, self.keyring_words = radio_with_words(self.use_keyring)
        self.passphrase_row, self.passphrase_words = radio_with_words(self.use_passphrase)
        column.addWidget(self.keyring_row)
        column.addWidget(self.keyring_note)
        column.addWidget(self.passphrase_row)
        self.passphrase_fields = NewPassphraseFields()
        column.addWidget(self.passphrase_fields)
        # "The password needs at least 8 characters" is about what was typed before: it goes
        # as the person types again (it stayed under a password long enough by then).
        for field in (self.passphrase_fields.first, self.passphrase_fields.second):
            field.textEdited.connect(lambda _text: self.error.hide())
        if self.keyring_works:
            self.use_keyring.setChecked(True)
        else:
            self.use_keyring.setEnabled(False)
            self.use_passphrase.setChecked(True)
        self.use_passphrase.toggled.connect(self._protection_chosen)
        # Moving from another computer: the same protection, the data from a backup.
        self.from_backup_title = label("", "subheading")
        self.from_backup_text = label("")
        self.from_backup_button = button("")
        self.from_backup_button.clicked.connect(self.choose_backup)
        from_backup_row = FlowLayout()
        from_backup_row.addWidget(self.from_backup_button)
        column.addWidget(self.from_backup_title)
        column.addWidget(self.from_backup_text)
        column.addLayout(from_backup_row)
        self.stack.addWidget(page)

        # recovery code (filled in once the profile exists)
        page, column = column_page()
        self.recovery_column = column
        self.recovery_panel: RecoveryCodePanel | None = None
        self.stack.addWidget(page)

        # from a backup: which file, when it was made, its recovery code, what it holds
        page, column = column_page()
        self.backup_about = Lines(spacing=SPACING // 2, selectable=True)
        self.backup_verdict = label("")
        self.backup_code_text = label("")
        self.backup_code_label = label("")
        self.backup_code = CodeField()
        self.backup_code.setPlaceholderText("ABCDE-12345-FGHJK-67890-MNPQR")
        self.backup_code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.backup_code_label.setBuddy(self.backup_code)
        # Enter in the field presses the step's default button, "Open with this code".
        self.backup_code.textEdited.connect(lambda _text: self.error.hide())
        self.backup_holds_title = label("", "subheading")
        self.backup_holds = label("", selectable=True)  # Tab shows it, the list in sight
        self.backup_new_code = label("", "muted")
        self.other_backup_button = button("")
        self.other_backup_button.clicked.connect(self.choose_backup)
        self.other_backup_row = QWidget()  # hidden with its button: no empty room
        other_row = FlowLayout(self.other_backup_row)
        other_row.addWidget(self.other_backup_button)
        for widget in (
            self.backup_about,
            self.backup_verdict,
            self.backup_code_text,
            self.backup_code_label,
            self.backup_code,
            self.backup_holds_title,
            self.backup_holds,
            self.backup_new_code,
            self.other_backup_row,
        ):
            column.addWidget(widget)
        self.stack.addWidget(page)
        self.backup_path: Path | None = None
        self.backup_secret: str | None = None
        self.backup_review: BackupReview | None = None
        self.backup_made = ""  # when it was made, in words
        self.backup_problem = ""  # why it cannot be restored, in words
        self.from_backup = False  # the data was restored from a backup
        self._working = False  # the data is being made: closing waits for it

        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.wait = label("", "muted")
        self.wait.hide()
        layout.addWidget(self.wait)
        nav = FlowLayout()
        self.back_button = button("")
        self.next_button = button("", "primary")
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        # Enter on a focused Back goes back, as Enter on any focused button presses it: not
        # auto-default, Enter there pressed Next instead, on from where the person meant to
        # go back (Enter anywhere else still goes on to the next step).
        self.back_button.setAutoDefault(True)
        self.next_button.setAutoDefault(False)
        self.next_button.setDefault(True)  # Enter goes on to the next step
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        add_help_button(
            self, nav, lambda: str(self.country.currentData() or profile.preferences.get("country"))
        )
        layout.addLayout(nav)

        self._focus: QWidget | None = None
        self._hold = OpeningHold(self, self.stack_scroll, self.opening_position)
        self._protection_chosen()
        self.retranslate()
        self.show_step(self.WELCOME)

    # steps -----------------------------------------------------------------

    def current_step(self) -> int:
        return self.stack.currentIndex()

    def show_step(self, step: int) -> None:
        show_stack_page(self.stack, self.stack_scroll, step)
        self.error.hide()
        self.back_button.setVisible(self.WELCOME < step < self.RECOVERY or step == self.RESTORE)
        self.retranslate()
        focus = {
            self.WELCOME: self.name,
            self.LANGUAGE: self.language_group.checkedButton(),
            self.TEXT_SIZE: self.size_slider,
            self.COUNTRY: self.country,
            self.PROTECTION: self.protection_group.checkedButton(),
            self.RESTORE: self._backup_focus(),
        }.get(step)
        if focus is None and step == self.RECOVERY and self.recovery_panel is not None:
            # The code itself, not the tick box below it: it is what to read (and a screen
            # reader says it), and the step stays scrolled to its top so the code is in sight.
            focus = self.recovery_panel.code_label
        if focus is not None:
            focus.setFocus()
        self._focus = focus
        self._hold.hold()  # where it opens, until the person does something here
        if self.isVisible():  # once the step's words have their size
            QTimer.singleShot(0, self, self._grow_for_the_step)

    def _grow_for_the_step(self) -> None:
        """A longer step makes the window taller, up to the screen, never shorter: the last
        step opened as small as the first, with "I have written it down" out of sight below
        and Finish greyed out for no reason that could be seen."""
        before = self.geometry()
        fit_to_screen(self, self.stack_scroll)
        if self.height() <= before.height():
            self.setGeometry(before)  # it stays where it was, as it was
        QTimer.singleShot(0, self, self._grow_by_what_still_scrolls)

    def _grow_by_what_still_scrolls(self) -> None:
        """The estimate is a little short where words wrap: what still scrolls, added. What
        scrolls is measured at the width the words have without a scroll bar: with the bar
        showing for a moment as the window opened, they wrapped onto more lines beside it, the
        window grew by those lines, and at 100% the first step had a band of empty space."""
        screen = self.screen()
        scroll = self.stack_scroll
        needed = body_height(scroll, scroll.maximumViewportSize().width())
        extra = min(scroll.verticalScrollBar().maximum(), needed - scroll.viewport().height())
        if screen is not None and extra > 0:
            room = screen.availableGeometry()
            height = min(self.height() + extra, tallest(self, room))
            if height > self.height():
                frame = self.frameGeometry()
                self.resize(self.width(), height)
                top = max(
                    room.top(), min(frame.top(), room.bottom() - self.frameGeometry().height())
                )
                self.move(frame.left(), top)
        self._keep_in_sight()

    def _keep_in_sight(self) -> None:
        """Where the step opened while the person has not yet done anything there; after
        that, what has focus in sight."""
        if self._hold.held:
            self._hold.apply()
            return
        # What has the focus now: a Tab made before the step had its size (to "Set up from my
        # backup…", the step's last) was left cut at the bottom edge when the step then grew.
        focus = QApplication.focusWidget()
        if focus is None or not self.stack.isAncestorOf(focus):
            focus = self._focus
        bring_into_view(self.stack_scroll, self._in_sight_target(focus))

    def _in_sight_target(self, focus: QWidget | None = None) -> QWidget | None:
        """What must be wholly in sight: what has focus, and for a choice its words too (the
        second line of "Hinter einem Passwort, das ich jedes Mal eingebe" was cut off)."""
        focus = focus or self._focus
        if focus is self.use_keyring:
            return self.keyring_row
        if focus is self.use_passphrase:
            return self.passphrase_row
        return focus

    def opening_position(self) -> int:
        """Where the step showing opens, from its layout as it is now. The welcome at its
        top, its words from their first line (the name, focused, comes into sight as it is
        typed). Any other step from its top, scrolled no further than what has focus needs to
        be wholly in sight, and then on to the next whole line: the top edge never cuts
        through words (the last step in German began with a stray ".", the bottom of a line)."""
        page = self.stack.currentWidget()
        if self.current_step() == self.WELCOME or page is None:
            return 0
        return opening_position(self.stack_scroll, self._in_sight_target(), page)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)  # fitted to the screen first (fit_when_first_shown)
        self._keep_in_sight()
        # The first step too grows by what still scrolls once its words have their size.
        QTimer.singleShot(0, self, self._grow_by_what_still_scrolls)

    def back(self) -> None:
        if self.current_step() == self.RESTORE:  # nothing is made yet
            self.show_step(self.PROTECTION)
            self.from_backup_button.setFocus()
            self._focus = self.from_backup_button
        elif self.WELCOME < self.current_step() < self.RECOVERY:
            self.show_step(self.current_step() - 1)

    def next(self) -> None:
        step = self.current_step()
        if step == self.COUNTRY:
            if not self.country.currentData():
                self._show_error(
                    _(
                        "Please choose the country you live in, so Companion can show the right emergency number."
                    )
                )
                self.country.setFocus()
                bring_into_view(self.stack_scroll, self.country)  # above the words that ask
                return
            self.profile.preferences.set("country", self.country.currentData())
            self._country_chosen = True
        if step == self.PROTECTION:
            self._create_profile()
            return
        if step == self.RECOVERY:
            self._finish()
            return
        if step == self.RESTORE:
            self._backup_next()
            return
        self.show_step(step + 1)

    def _show_error(self, message: str) -> None:
        """Said under the step, the window growing by the line where the screen allows and
        never past it (the dialog shell's own way): at 200% text setup grew by the error line
        and ran off the bottom of the screen, the password field cut in half."""
        self.error.setText(message)
        self.error.setAccessibleName(message)
        self.error.show()
        if self.isVisible():
            make_room_for_the_error(self, self.stack_scroll)

    # choices -------------------------------------------------------------------

    def _language_chosen(self, radio: QRadioButton, checked: bool) -> None:
        if checked:
            code = str(radio.property("code"))
            self.profile.preferences.set("language", code)
            self.appearance.set_language(code)
            self.retranslate()

    def _size_chosen(self, value: int) -> None:
        value = int(round(value / 10.0) * 10)
        self.profile.preferences.set("text_scale", value)
        self.appearance.set_text_scale(value)
        self.retranslate()
        self._size_the_help_icon()
        self.refit()

    def _size_the_help_icon(self) -> None:
        """The lifebuoy on Get help as tall as its words, as add_help_button made it: at the
        text size chosen here it stayed the size it had at first, small beside 200% words."""
        side = max(self.help_button.fontMetrics().height(), 24)
        if self.help_button.iconSize().height() != side:
            self.help_button.setIcon(icon("help", help_palette(self).on_help, side))
            self.help_button.setIconSize(QSize(side, side))

    def _protection_chosen(self) -> None:
        self.passphrase_fields.setVisible(self.use_passphrase.isChecked())

    # creating ------------------------------------------------------------------

    def _protection(self) -> tuple[str, str | None] | None:
        """The protection chosen, or None when the password is not right yet (said so)."""
        if self.use_passphrase.isChecked():
            problem = self.passphrase_fields.problem()
            if problem:
                self._show_error(problem)
                return None
            return "passphrase", self.passphrase_fields.value()
        return "keyring", None

    def _busy(self, words: str) -> None:
        """Work that makes or reads the data runs: its words shown, the buttons waiting."""
        self.wait.setText(words)
        self.wait.show()
        self.error.hide()
        self._set_working(True)

    def _idle(self) -> None:
        self.wait.hide()
        self._set_working(False)

    def _set_working(self, working: bool) -> None:
        self._working = working
        for widget in (
            self.next_button,
            self.back_button,
            self.from_backup_button,
            self.other_backup_button,
            self.backup_code,
        ):
            widget.setEnabled(not working)

    def _create_profile(self) -> None:
        chosen = self._protection()
        if chosen is None:
            return
        mode, passphrase = chosen
        self._busy(_("Setting up your private space… this takes a moment."))

        def work() -> Unlocked:
            return self.profile.create(mode, passphrase)  # type: ignore[arg-type]

        run_in_background(work, self._created, self._create_failed)

    def _create_failed(self, error: BaseException) -> None:
        self._idle()
        if isinstance(error, KeyringUnavailable):
            self.keyring_works = False
            self.use_keyring.setEnabled(False)
            self.use_passphrase.setChecked(True)
            if self.current_step() != self.PROTECTION:  # from a backup: choose a password
                self.show_step(self.PROTECTION)
            self.retranslate()
            self._show_error(error.message + " " + _("Please choose a password instead."))
        elif isinstance(error, CompanionError):
            self._show_error(error.message)
        else:
            self._show_error(_("Something unexpected went wrong. Please try again."))

    def _created(self, unlocked: Unlocked) -> None:
        self._idle()
        self.unlocked = unlocked
        prefs = self.profile.preferences
        for key in ("language", "text_scale", "high_contrast", "country"):
            prefs.set(key, prefs.get(key))  # now that the folder exists, write them down
        name = self.name.text().strip()
        if name:
            unlocked.settings.set("user_name", name)
        assert unlocked.recovery_code is not None
        self.recovery_panel = RecoveryCodePanel(unlocked.recovery_code)
        self.recovery_column.addWidget(self.recovery_panel)
        self.recovery_panel.kept.toggled.connect(self._kept_toggled)
        self.next_button.setEnabled(False)
        self.show_step(self.RECOVERY)

    # from a backup ----------------------------------------------------------------

    def choose_backup(self) -> None:
        """Choose the backup file (the app's own chooser), then look inside it."""
        if self.current_step() == self.PROTECTION and self._protection() is None:
            return  # the password for the data here comes first
        from companion import backup

        path = files.ask_open_path(
            self,
            _("Choose the backup to restore"),
            _("Companion backups (*{suffix});;All files (*)").format(suffix=backup.SUFFIX),
            self.backup_path.parent if self.backup_path is not None else None,
        )
        if path is None:
            return  # nothing chosen: where the person was
        self.backup_path = path
        self.backup_secret = None
        self.backup_review = None
        self.backup_made = ""
        self.backup_problem = ""
        self.backup_code.clear()
        self.show_step(self.RESTORE)
        self._look_inside()

    def _look_inside(self) -> None:
        """Read the backup off the UI thread (a big one takes a while): whole, readable,
        what it holds; or that it needs its recovery code, or why it cannot be restored."""
        path, secret = self.backup_path, self.backup_secret
        assert path is not None
        self._busy(_("Looking inside the backup…"))

        def work() -> tuple[BackupReview | None, str, str]:
            from companion import backup

            made = ""
            bare = False
            try:
                header = backup.read_header(path)
                bare = header is None
                if header is not None:
                    made = i18n.format_datetime(header.made_at)
            except CompanionError:
                pass  # the review says why, in its own words
            try:
                return backup.review_backup(path, secret=secret), made, ""
            except backup.NeedsRecoveryCode as error:
                # A copy without a header opens only with the data that made it: no code helps.
                return None, made, error.message if bare else ""

        run_in_background(work, self._looked, self._look_failed)

    def _looked(self, result: tuple[BackupReview | None, str, str]) -> None:
        review, made, refused = result
        self._idle()
        self.backup_review = review
        self.backup_made = made
        self.backup_problem = refused or (review.problem if review and not review.ok else "")
        if review is None and not refused:
            self.backup_secret = None  # asked for (again)
        self.show_step(self.RESTORE)

    def _look_failed(self, error: BaseException) -> None:
        self._idle()
        self.backup_review = None
        if isinstance(error, WrongSecret):
            self.show_step(self.RESTORE)
            self._show_error(error.message)
            self.backup_code.setFocus()
            self.backup_code.selectAll()  # typed again over it, not after it
            return
        self.backup_problem = (
            error.message
            if isinstance(error, CompanionError)
            else _("Something unexpected went wrong. Please try again.")
        )
        self.show_step(self.RESTORE)

    def _backup_state(self) -> str:
        """ "code": its recovery code is needed; "ok": it can be restored; "refused"."""
        if self.backup_problem:
            return "refused"
        if self.backup_review is not None and self.backup_review.ok:
            return "ok"
        return "code"

    def _backup_focus(self) -> QWidget:
        return self.backup_code if self._backup_state() == "code" else self.next_button

    def _backup_next(self) -> None:
        state = self._backup_state()
        if state == "refused":
            self.choose_backup()
        elif state == "code":
            typed = self.backup_code.text().strip()
            if not typed:
                self._show_error(_("Please type the recovery code."))
                self.backup_code.setFocus()
                return
            self.backup_secret = typed
            self._look_inside()
        else:
            self._restore()

    def _restore(self) -> None:
        """Make the profile with the protection chosen and put the backup's data in it."""
        chosen = self._protection()
        path, secret = self.backup_path, self.backup_secret
        if chosen is None or path is None:
            return
        mode, passphrase = chosen
        self._busy(_("Restoring your data…"))
        profile = self.profile

        def work() -> tuple[Restored, str]:
            from companion.backup import restore_into_new

            now = datetime.now().astimezone()
            return restore_into_new(
                profile, path, now, secret=secret, mode=mode, passphrase=passphrase
            )

        run_in_background(work, self._restored, self._restore_failed)

    def _restored(self, result: tuple[Restored, str]) -> None:
        restored, code = result
        unlocked = restored.unlocked
        unlocked.recovery_code = code
        # The backup's data had its code kept; this new one is not written down yet.
        unlocked.settings.set("recovery_code_kept", False)
        self.from_backup = True
        self._created(unlocked)

    def _restore_failed(self, error: BaseException) -> None:
        if isinstance(error, KeyringUnavailable) or self.current_step() != self.RESTORE:
            self._create_failed(error)
            return
        self._idle()
        if isinstance(error, CompanionError):
            self._show_error(error.message)
        else:
            self._show_error(_("Something unexpected went wrong. Please try again."))

    def _kept_toggled(self, kept: bool) -> None:
        self.next_button.setEnabled(kept)

    def _finish(self) -> None:
        if self.unlocked is not None:
            self.unlocked.settings.set("recovery_code_kept", True)
        self.accept()

    def reject(self) -> None:
        if self._working:
            return  # the data is being made: setup goes on to its code by itself
        if self.unlocked is not None:
            # The profile exists and is safe; closing here only skips the confirmation.
            self.accept()
            return
        ask_before_closing(
            self,
            _("Stop setting up Companion? Nothing has been saved yet."),
            lambda: QDialog.reject(self),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not close_quietly_unless_the_person_asked(self, event):
            super().closeEvent(event)

    def refit(self) -> None:
        """After the text size changes: the steps may need more room, never more than the screen."""
        if self.isVisible():
            fit_to_screen(self, self.stack_scroll)
            self._keep_in_sight()

    # words -------------------------------------------------------------------------

    def retranslate(self) -> None:
        step = self.current_step()
        self.setWindowTitle(_("Welcome to Companion"))
        shown = self.PROTECTION if step == self.RESTORE else step  # a part of that step
        self.progress.setText(
            _("Step {number} of {total}").format(
                number=i18n.format_number(shown + 1), total=i18n.format_number(self.RECOVERY + 1)
            )
        )
        headings = (
            _("Welcome to Companion"),
            _("Choose your language"),
            _("Choose a comfortable text size"),
            _("Where do you live?"),
            _("Keeping your data private"),
            _("Your recovery code"),
        )
        if step == self.RESTORE:
            heading = _("Your data from a backup")
        elif step == self.RECOVERY and self.from_backup:
            heading = _("Your new recovery code")
        else:
            heading = headings[step]
        self.heading.setText(heading)
        self.welcome_text.setText(
            _(
                "Companion helps you keep in touch with the people who matter to you, plan "
                "your week so you don't wear yourself out, and find help when you need it. "
                "Everything stays on this computer. Nothing is sent anywhere."
            )
        )
        self.name_label.setText(_("What should we call you? (You can leave this empty.)"))
        self.name.setAccessibleName(_("Your name"))
        self.language_text.setText(_("You can change this later in Settings."))
        self.size_text.setText(
            _("Move the slider until the sample below is easy to read. It changes straight away.")
        )
        set_button_text(self.smaller, _("Smaller"))
        set_button_text(self.larger, _("Larger"))
        self.size_slider.setAccessibleName(_("Text size"))
        self.size_value.setText(
            _("Text size: {percent}").format(
                percent=i18n.format_percent(self.size_slider.value() / 100.0)
            )
        )
        self.preview_text.setText(
            _("It's been a while since you spoke with Jo. Would you like to give her a call today?")
        )
        self.country_text.setText(
            _("Companion uses this to show the right emergency number and helplines.")
        )
        self.country_label.setText(_("Country"))
        self.country.setAccessibleName(_("Country"))
        self._fill_countries()
        self.protection_text.setText(
            _(
                "Your data is locked with a key so that only you can read it, even if someone "
                "copies the files. Where should the key be kept?"
            )
        )
        self.keyring_words.setText(_("In this computer's password store (recommended)"))
        self.use_keyring.setAccessibleName(self.keyring_words.text())
        self.keyring_words.setEnabled(self.use_keyring.isEnabled())
        if self.keyring_works:
            self.keyring_note.setText(
                _(
                    "Your computer's password store is the safe place your computer keeps passwords. It opens when you log in."
                )
            )
        else:
            self.keyring_note.setText(
                _(
                    "This computer's password store cannot be used right now, so please choose a "
                    "password. You can switch to your computer's password store later in Settings."
                )
            )
        self.passphrase_words.setText(_("Behind a password I will type each time"))
        self.use_passphrase.setAccessibleName(self.passphrase_words.text())
        self.passphrase_fields.retranslate()
        self.from_backup_title.setText(_("Moving from another computer?"))
        self.from_backup_text.setText(
            _(
                "If you made a backup with Companion before, your data can come back from it. "
                "You need the backup file and the recovery code you wrote down for that data."
            )
        )
        set_button_text(self.from_backup_button, _("Set up from my backup…"))
        if self.from_backup and self.recovery_panel is not None:
            # In place of the usual words above the code, so they are seen first, in sight
            # with the code at large text: the old code no longer opens the data here.
            self.recovery_panel.explanation.setText(
                _(
                    "Your data is restored from the backup, with a new recovery code. The code "
                    "you typed to open the backup does not open your data on this computer: "
                    "write this new one down or print it, and keep it somewhere safe away from "
                    "the computer. Anyone who has it can open your data."
                )
            )
        self._backup_texts()
        back = _("Back")
        set_button_text(self.back_button, back)
        set_button_text(self.help_button, _("Get help"))
        if step == self.RECOVERY:
            set_button_text(self.next_button, _("Finish"))
        elif step == self.RESTORE:
            state = self._backup_state()
            if state == "refused":
                set_button_text(self.next_button, _("Choose another file…"))
            elif state == "code":
                set_button_text(self.next_button, _("Open with this code"))
            else:
                set_button_text(self.next_button, _("Restore my data"))
        elif step == self.PROTECTION:
            set_button_text(self.next_button, _("Set up"))
        else:
            set_button_text(self.next_button, _("Next"))

    def _backup_texts(self) -> None:
        """The step from a backup, in words, as the restore from Settings says it."""
        path, review = self.backup_path, self.backup_review
        state = self._backup_state()
        if path is not None:
            made = self.backup_made
            if review is not None and review.made_at is not None:
                made = i18n.format_datetime(review.made_at)
            self.backup_about.setText(about_words(path, made, is_backup=state != "refused"))
            self.backup_about.setToolTip(str(path))
        if state == "refused":
            self.backup_verdict.setText(self.backup_problem)
        else:
            self.backup_verdict.setText(verdict_words(review if state == "ok" else None))
        asking = state == "code"
        for widget in (self.backup_code_text, self.backup_code_label, self.backup_code):
            widget.setVisible(asking)
        self.backup_code_text.setText(
            _(
                "Type the recovery code you wrote down or printed for the data in this backup. "
                "If that data had a password, the password works too."
            )
        )
        self.backup_code_label.setText(_("Recovery code"))
        self.backup_code.setAccessibleName(_("Recovery code"))
        ok = state == "ok"
        for widget in (self.backup_holds_title, self.backup_holds):
            widget.setVisible(ok)
        self.backup_holds_title.setText(_("The backup holds:"))
        if ok and review is not None:
            self.backup_holds.setText(holds_words(review))
        self.backup_new_code.setVisible(ok)
        self.backup_new_code.setText(
            _(
                "Nothing is set up until you choose “Restore my data”. Then your data here gets a "
                "new recovery code, which Companion shows you to write down."
            )
        )
        self.other_backup_row.setVisible(state != "refused")
        set_button_text(self.other_backup_button, _("Choose another file…"))

    def _fill_countries(self) -> None:
        """Country names in the chosen language; rebuilt only when the language changes."""
        if getattr(self, "_countries_language", None) == i18n.current_language():
            return
        self._countries_language = i18n.current_language()
        if getattr(self, "_country_chosen", False):
            chosen = self.country.currentData()
        else:
            # Never a country that came with another language (German and the United States'
            # 911): the computer's own for this language, else the language's likely country,
            # else (Arabic: no one country) none, and the person is asked.
            chosen = i18n.country_for_language(i18n.current_language())
        self.country.blockSignals(True)
        self.country.clear()
        if not chosen:
            self.country.addItem(_("Please choose your country"), None)
        for code, name in i18n.country_names():
            self.country.addItem(name, code)
        index = self.country.findData(chosen)
        self.country.setCurrentIndex(max(index, 0))
        self.country.blockSignals(False)

"""First run: welcome, language, text size, country, how the data is protected, recovery code.

Language and text size apply at once, so the person sees the choice they are
making. The profile is only created after the protection step, and never over
existing data (``Profile.create`` refuses).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
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
from companion.errors import CompanionError, KeyringUnavailable
from companion.i18n import _
from companion.profile import Profile, Unlocked
from ui.background import run_in_background
from ui.dialogs.passphrase import NewPassphraseFields
from ui.dialogs.recovery import RecoveryCodePanel
from ui.dialogs.shell import (
    OpeningHold,
    StepStack,
    ask_before_closing,
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
from ui.pages.help import add_help_button, help_palette
from ui.widgets.common import (
    SPACING,
    Card,
    FlowLayout,
    button,
    column_page,
    combo_box,
    icon,
    label,
    set_button_text,
)


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
        self.stack.addWidget(page)

        # recovery code (filled in once the profile exists)
        page, column = column_page()
        self.recovery_column = column
        self.recovery_panel: RecoveryCodePanel | None = None
        self.stack.addWidget(page)

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
        self.back_button.setAutoDefault(False)
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
        self.back_button.setVisible(self.WELCOME < step < self.RECOVERY)
        self.retranslate()
        focus = {
            self.WELCOME: self.name,
            self.LANGUAGE: self.language_group.checkedButton(),
            self.TEXT_SIZE: self.size_slider,
            self.COUNTRY: self.country,
            self.PROTECTION: self.protection_group.checkedButton(),
        }.get(step)
        if focus is None and self.recovery_panel is not None:
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
        inner = scroll.widget()
        width = scroll.maximumViewportSize().width()
        needed = (
            inner.heightForWidth(width) if inner.hasHeightForWidth() else inner.sizeHint().height()
        )
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
        else:
            bring_into_view(self.stack_scroll, self._in_sight_target())

    def _in_sight_target(self) -> QWidget | None:
        """What must be wholly in sight: what has focus, and for a choice its words too (the
        second line of "Hinter einem Passwort, das ich jedes Mal eingebe" was cut off)."""
        focus = self._focus
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
        if self.current_step() > self.WELCOME:
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

    def _create_profile(self) -> None:
        if self.use_passphrase.isChecked():
            problem = self.passphrase_fields.problem()
            if problem:
                self._show_error(problem)
                return
            mode, passphrase = "passphrase", self.passphrase_fields.value()
        else:
            mode, passphrase = "keyring", None
        self.wait.setText(_("Setting up your private space… this takes a moment."))
        self.wait.show()
        self.error.hide()
        self.next_button.setEnabled(False)
        self.back_button.setEnabled(False)

        def work() -> Unlocked:
            return self.profile.create(mode, passphrase)  # type: ignore[arg-type]

        run_in_background(work, self._created, self._create_failed)

    def _create_failed(self, error: BaseException) -> None:
        self.wait.hide()
        self.next_button.setEnabled(True)
        self.back_button.setEnabled(True)
        if isinstance(error, KeyringUnavailable):
            self.keyring_works = False
            self.use_keyring.setEnabled(False)
            self.use_passphrase.setChecked(True)
            self.retranslate()
            self._show_error(error.message + " " + _("Please choose a password instead."))
        elif isinstance(error, CompanionError):
            self._show_error(error.message)
        else:
            self._show_error(_("Something unexpected went wrong. Please try again."))

    def _created(self, unlocked: Unlocked) -> None:
        self.wait.hide()
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

    def _kept_toggled(self, kept: bool) -> None:
        self.next_button.setEnabled(kept)

    def _finish(self) -> None:
        if self.unlocked is not None:
            self.unlocked.settings.set("recovery_code_kept", True)
        self.accept()

    def reject(self) -> None:
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
        self.progress.setText(
            _("Step {number} of {total}").format(
                number=i18n.format_number(step + 1), total=i18n.format_number(self.stack.count())
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
        self.heading.setText(headings[step])
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
        back = _("Back")
        set_button_text(self.back_button, back)
        set_button_text(self.help_button, _("Get help"))
        if step == self.RECOVERY:
            set_button_text(self.next_button, _("Finish"))
        elif step == self.PROTECTION:
            set_button_text(self.next_button, _("Set up"))
        else:
            set_button_text(self.next_button, _("Next"))

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

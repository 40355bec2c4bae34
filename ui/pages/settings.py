"""Settings: language, text size, contrast, country, closing, locking, protection, recovery code.

Every change is saved at once and takes effect at once; there is no "Apply".
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QLineEdit,
    QMessageBox,
    QSlider,
    QSpinBox,
    QSystemTrayIcon,
    QWidget,
)

from companion import i18n
from companion.errors import CompanionError
from companion.i18n import _, ngettext
from companion.profile import ProfileState
from ui.background import run_in_background
from ui.dialogs.passphrase import NewPassphraseDialog
from ui.dialogs.recovery import RecoveryCodeDialog
from ui.dialogs.shell import whole_buttons
from ui.pages.base import Page
from ui.widgets.common import (
    SPACING,
    Card,
    CheckBox,
    FlowLayout,
    button,
    combo_box,
    label,
    set_button_text,
    show_error,
    whole_number_field,
)

if TYPE_CHECKING:
    from ui.session import UiSession


SIZE_PAUSE_MS = 250  # steps of the text size closer together than this are drawn once


class SettingsPage(Page):
    key = "settings"

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = context = session.context
        settings = context.settings

        # your name
        self.name_card, self.name_title = self._card()
        self.name_edit = QLineEdit(settings.get("user_name"))
        self.name_save = button("")
        self.name_save.clicked.connect(self.save_name)
        self.name_edit.returnPressed.connect(self.save_name)
        # "Saved." is about the name as it was saved: it goes as soon as the name is edited.
        self.name_edit.textEdited.connect(lambda _text: self.name_status.hide())
        # Like every other setting, a name typed is kept when the person moves on (Tab,
        # another page) without pressing Save: it was lost without a word.
        self.name_edit.editingFinished.connect(self._name_left)
        self.name_card.body.addWidget(self.name_edit)
        row = FlowLayout()
        row.addWidget(self.name_save)
        self.name_card.body.addLayout(row)
        self.name_status = label("", "muted")
        self.name_status.hide()
        self.name_card.body.addWidget(self.name_status)

        # language
        self.language_card, self.language_title = self._card()
        self.language = combo_box()
        for code in i18n.available_languages():
            self.language.addItem(i18n.language_name(code), code)
        self.language.setCurrentIndex(max(self.language.findData(settings.get("language")), 0))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_card.body.addWidget(self.language)

        # text size and contrast
        self.look_card, self.look_title = self._card()
        self.size_label = label("")
        self.size = QSlider(Qt.Orientation.Horizontal)
        self.size.setRange(100, 200)
        self.size.setSingleStep(10)
        self.size.setPageStep(20)
        self.size.setTickInterval(10)
        self.size.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.size.setValue(int(settings.get("text_scale")))
        self.size.valueChanged.connect(self._size_chosen)
        # Each size restyles the whole app, a second or two on an old computer: steps pressed
        # meanwhile are drawn once, at the last of them (see ``_size_chosen``).
        self._size_drawn_at = float("-inf")
        self._size_later = QTimer(self)
        self._size_later.setSingleShot(True)
        self._size_later.setInterval(SIZE_PAUSE_MS)
        self._size_later.timeout.connect(self._draw_size)
        self.size_label.setBuddy(self.size)
        self.contrast = CheckBox()
        self.contrast.setChecked(bool(settings.get("high_contrast")))
        self.contrast.toggled.connect(lambda on: self._set("high_contrast", on))
        self.contrast_note = label("", "muted")
        self.look_card.body.addWidget(self.size_label)
        self.look_card.body.addWidget(self.size)
        self.look_card.body.addWidget(self.contrast)
        self.look_card.body.addWidget(self.contrast_note)

        # country
        self.country_card, self.country_title = self._card()
        self.country_text = label("", "muted")
        self.country = combo_box()
        self.country.currentIndexChanged.connect(self._country_chosen)
        self.country_card.body.addWidget(self.country_text)
        self.country_card.body.addWidget(self.country)

        # closing and locking
        self.window_card, self.window_title = self._card()
        self.tray = CheckBox()
        self.tray.setChecked(bool(settings.get("close_to_tray")))
        self.tray.toggled.connect(lambda on: self._set("close_to_tray", on))
        self.tray_note = label("", "muted")
        self.login = CheckBox()
        self.login.setChecked(bool(settings.get("start_at_login")))
        self.login.toggled.connect(self._start_at_login)
        self.login_note = label("", "muted")
        self.desktop = CheckBox()
        self.desktop.setChecked(bool(settings.get("desktop_notifications")))
        self.desktop.toggled.connect(lambda on: self._set("desktop_notifications", on))
        self.desktop_note = label("", "muted")
        self.lock_label = label("")
        self.lock_minutes = whole_number_field(QSpinBox())
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSingleStep(5)
        self.lock_minutes.setValue(int(settings.get("auto_lock_minutes")))
        self.lock_minutes.valueChanged.connect(lambda value: self._set("auto_lock_minutes", value))
        self.lock_minutes.valueChanged.connect(self._plural_suffixes)
        self.lock_label.setBuddy(self.lock_minutes)
        self.lock_note = label("", "muted")
        self.lock_now = button("")
        self.lock_now.clicked.connect(lambda _checked=False: self.context.lock_requested.emit())
        for widget in (
            self.tray,
            self.tray_note,
            self.login,
            self.login_note,
            self.desktop,
            self.desktop_note,
            self.lock_label,
            self.lock_minutes,
            self.lock_note,
            self.lock_now,
        ):
            self.window_card.body.addWidget(widget)

        # the feelings check-in
        self.check_card, self.check_title = self._card()
        self.check_label = label("")
        self.check_days = whole_number_field(QSpinBox())
        self.check_days.setRange(0, 365)
        self.check_days.setSingleStep(7)
        self.check_days.setValue(int(settings.get("self_check_every_days")))
        self.check_days.valueChanged.connect(lambda v: self._set("self_check_every_days", v))
        self.check_days.valueChanged.connect(self._plural_suffixes)
        self.check_label.setBuddy(self.check_days)
        self.check_card.body.addWidget(self.check_label)
        self.check_card.body.addWidget(self.check_days)

        # the parent view: its card lives with the parent page
        from ui.pages.parents import ParentSettingsCard

        self.parent_card = ParentSettingsCard(session)
        self.content.addWidget(self.parent_card)

        # protection and recovery code
        self.protect_card, self.protect_title = self._card()
        self.protect_text = label("")
        self.protect_card.body.addWidget(self.protect_text)
        actions = FlowLayout()
        self.switch_button = button("")
        self.switch_button.clicked.connect(self.switch_protection)
        self.recovery_button = button("", "primary")
        self.recovery_button.clicked.connect(self.new_recovery_code)
        actions.addWidget(self.recovery_button)
        actions.addWidget(self.switch_button)
        self.protect_card.body.addLayout(actions)
        # someone may know the code or password: a new key for everything (ui/dialogs/rekey.py)
        self.rekey_text = label("")
        self.protect_card.body.addWidget(self.rekey_text)
        self.rekey_button = button("")
        self.rekey_button.clicked.connect(self.choose_new_key)
        rekey_row = FlowLayout()
        rekey_row.addWidget(self.rekey_button)
        self.protect_card.body.addLayout(rekey_row)
        self.protect_status = label("", "muted")
        self.protect_status.hide()
        self.protect_card.body.addWidget(self.protect_status)
        self.where = label("", "muted", selectable=True)
        self.protect_card.body.addWidget(self.where)

        # your data, the printed plan, the tour, deleting (ui/pages/settings_data.py)
        from ui.pages.settings_data import DataSection

        self.data_section = DataSection(session)
        self.content.addWidget(self.data_section)

        self.finish_content()
        self.retranslate()
        self.refresh()

    def _card(self) -> tuple[Card, object]:
        card = Card()
        title = label("", "subheading")
        card.body.addWidget(title)
        self.content.addWidget(card)
        return card, title

    def title(self) -> str:
        return _("Settings")

    # changes -----------------------------------------------------------------

    def _set(self, key: str, value: object) -> bool:
        try:
            self.context.settings.set(key, value)
        except CompanionError as error:
            show_error(self, error.message)
            return False
        return True

    def save_name(self) -> None:
        if self._set("user_name", self.name_edit.text().strip()):
            self.name_status.setText(_("Saved."))
            self.name_status.show()

    def _name_left(self) -> None:
        if not self.session.readable:  # the data is closing (Lock now): nothing to write to
            return
        if self.name_edit.text().strip() != self.context.settings.get("user_name"):
            self.save_name()

    def _start_at_login(self, on: bool) -> None:
        """Write or remove the start-at-login entry; a failure changes nothing and says why."""
        from companion import autostart

        try:
            if on:
                autostart.enable(autostart.launch_command())
            else:
                autostart.disable()
        except CompanionError as error:
            self.login.blockSignals(True)
            self.login.setChecked(not on)
            self.login.blockSignals(False)
            show_error(self, error.message)
            return
        self._set("start_at_login", on)

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        if code and code != self.context.settings.get("language"):
            self._set("language", code)

    def _size_chosen(self, _value: int) -> None:
        """A step is drawn at once, unless it came while (or just after) the last one was being
        drawn: then the arrow keys were pressed faster than the app could restyle, and only
        the size they stop at is drawn, once, instead of every size on the way there one
        after the other with the window frozen."""
        self._update_size_label()
        if time.monotonic() - self._size_drawn_at < SIZE_PAUSE_MS / 1000:
            self._size_later.start()
            return
        self._draw_size()

    def _draw_size(self) -> None:
        self._size_later.stop()
        value = int(round(self.size.value() / 10.0) * 10)
        if value != self.context.settings.get("text_scale"):
            self._set("text_scale", value)
        self._size_drawn_at = time.monotonic()

    def _country_chosen(self) -> None:
        code = self.country.currentData()
        if code and code != self.context.settings.get("country"):
            self._set("country", code)

    def route(self, route: str) -> None:
        if route == "recovery-code":  # from Today: afterwards the keys are on its button here
            self._back_to(self.protect_text, self.recovery_button)
            self.new_recovery_code()
        elif route == "data":  # "Your data" at the top, "Back up now" focused
            self.data_section.bring_into_view(self.scroll)
        elif route == "new-key":  # back from a new key, on the button that made it
            self._back_to(self.rekey_text, self.rekey_button)

    def _back_to(self, words: QWidget, target: QWidget) -> None:
        """The keys on ``target``, shown with the ``words`` above it that say what it does
        (from their first line) where both fit, else the button itself. A new key rebuilds
        the window: it showed Settings from its top, the keys on "Your name"."""

        def show() -> None:
            inner = self.scroll.widget()
            if inner is None or not target.isVisible():
                return
            layout = inner.layout()
            if layout is not None:
                layout.activate()
            top = words.mapTo(inner, QPoint(0, 0)).y() if words.isVisible() else None
            bottom = target.mapTo(inner, QPoint(0, target.height())).y()
            room = self.scroll.viewport().height()
            if top is not None and bottom - top + 2 * SPACING <= room:
                bar = self.scroll.verticalScrollBar()
                bar.setValue(min(max(0, top - SPACING), bar.maximum()))
            else:
                self.scroll.ensureWidgetVisible(target, 0, 2 * SPACING)
            target.setFocus(Qt.FocusReason.OtherFocusReason)

        show()
        QTimer.singleShot(0, self, show)  # again once a page shown for the first time is laid out

    def new_recovery_code(self) -> None:
        unlocked = self.session.unlocked
        if self.context.settings.get("recovery_code_kept"):
            box = QMessageBox(self)
            box.setWindowTitle(_("Make a new recovery code"))
            box.setText(
                _(
                    "A new recovery code replaces the old one: the old code will stop working. "
                    "Make a new one?"
                )
            )
            yes = box.addButton(_("Make a new code"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
            whole_buttons(box)  # at 200% "Make a new code" was cut at its right edge
            box.exec()
            if box.clickedButton() is not yes:
                return
        self.recovery_button.setEnabled(False)
        run_in_background(
            lambda: unlocked.profile.keys.new_recovery_code(unlocked.data_key),
            self._show_new_code,
            self._failed,
        )

    def _show_new_code(self, code: str) -> None:
        self.recovery_button.setEnabled(True)
        dialog = RecoveryCodeDialog(code, self)
        dialog.exec()
        if self.recovery_button.isVisible():
            # back on the button pressed: disabled while the code was made, it lost the keys
            self.recovery_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set("recovery_code_kept", dialog.panel.kept.isChecked())
        from ui.pages.parents import after_new_recovery_code

        after_new_recovery_code(self.session, self, code)  # the parent view's own lock

    def _failed(self, error: BaseException) -> None:
        self.recovery_button.setEnabled(True)
        self.switch_button.setEnabled(True)
        message = (
            error.message
            if isinstance(error, CompanionError)
            else _("Something unexpected went wrong. Nothing was changed.")
        )
        show_error(self, message)

    def switch_protection(self) -> None:
        unlocked = self.session.unlocked
        keys = unlocked.profile.keys
        if self._state() is ProfileState.KEYRING:
            dialog = NewPassphraseDialog(_("Use a password instead"), self)
            if dialog.exec() != NewPassphraseDialog.DialogCode.Accepted:
                return
            passphrase = dialog.value()
            self.switch_button.setEnabled(False)
            run_in_background(
                lambda: keys.use_passphrase(unlocked.data_key, passphrase),
                self._switched,
                self._failed,
            )
        else:
            self.switch_button.setEnabled(False)
            run_in_background(
                lambda: keys.use_keyring(unlocked.data_key), self._switched, self._failed
            )

    def choose_new_key(self) -> None:
        from ui.dialogs.rekey import ask_and_choose_new_key

        ask_and_choose_new_key(self.session, self)

    def _switched(self, _result: object) -> None:
        self.switch_button.setEnabled(True)
        self._protection_texts()
        self.protect_status.setText(_("Done. Your recovery code still works."))
        self.protect_status.show()

    def _state(self) -> ProfileState | None:
        try:
            return self.context.profile.state()
        except CompanionError:
            return None

    # words --------------------------------------------------------------------------

    def _plural_suffixes(self) -> None:
        minutes, days = self.lock_minutes.value(), self.check_days.value()
        self.lock_minutes.setSuffix(" " + ngettext("minute", "minutes", minutes))
        self.check_days.setSuffix(" " + ngettext("day", "days", days))

    def _update_size_label(self) -> None:
        self.size_label.setText(
            _("Text size: {percent}").format(percent=i18n.format_percent(self.size.value() / 100.0))
        )
        self.size.setAccessibleName(_("Text size"))
        self.size.setAccessibleDescription(self.size_label.text())

    def retranslate(self) -> None:
        super().retranslate()
        settings = self.context.settings
        self.name_title.setText(_("Your name"))
        self.name_edit.setAccessibleName(_("Your name"))
        set_button_text(self.name_save, _("Save name"))
        self.name_status.hide()
        self.language_title.setText(_("Language"))
        self.language.setAccessibleName(_("Language"))
        self.look_title.setText(_("Reading comfort"))
        self._update_size_label()
        self.contrast.setText(_("High contrast"))
        self.contrast_note.setText(
            _("White text on black, with a yellow outline around the part you are using.")
        )
        self.contrast.setAccessibleName(self.contrast.text())
        self.country_title.setText(_("Country"))
        self.country_text.setText(
            _("Companion uses this to show the right emergency number and helplines.")
        )
        self.country.setAccessibleName(_("Country"))
        self.country.blockSignals(True)
        self.country.clear()
        for code, name in i18n.country_names():
            self.country.addItem(name, code)
        self.country.setCurrentIndex(max(self.country.findData(settings.get("country")), 0))
        self.country.blockSignals(False)
        self.window_title.setText(_("Closing and locking"))
        # Plain words, not "tray" (#9): what happens when the window is closed.
        self.tray.setText(_("Keep Companion running when I close its window"))
        self.tray.setAccessibleName(self.tray.text())
        has_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray.setEnabled(has_tray)
        self.tray_note.setText(
            _(
                "When you close the window, Companion keeps running, with a small picture by "
                "the clock, so it can still remind you."
            )
            if has_tray
            else _("On this computer, closing the window always closes Companion.")
        )
        self.login.setText(_("Start when I log in"))
        self.login.setAccessibleName(self.login.text())
        self.login_note.setText(
            _("So your reminders can reach you even if you forget to open Companion.")
        )
        self.desktop.setText(_("Show reminders on the desktop too"))
        self.desktop.setAccessibleName(self.desktop.text())
        self.desktop_note.setText(
            _(
                "In the corner of the screen, even when Companion's window is hidden. "
                "Companion's own window shows them at its top either way."
            )
        )
        # Said as a question, without "0 means never": the field itself says "Never".
        self.lock_label.setText(_("Lock Companion when it has not been used for:"))
        self.lock_minutes.setAccessibleName(_("Minutes before locking"))
        self.lock_minutes.setSpecialValueText(_("Never"))
        set_button_text(self.lock_now, _("Lock now"))

        self.check_title.setText(_("Checking in on how you feel"))
        self.check_label.setText(_("Days between Companion asking how you feel:"))
        self.check_days.setAccessibleName(_("Days between check-ins"))
        self.check_days.setSpecialValueText(_("Never"))
        self._plural_suffixes()
        self.parent_card.retranslate()
        self.protect_title.setText(_("How your data is protected"))
        set_button_text(self.recovery_button, _("Make a new recovery code"))
        from ui.dialogs.rekey import rekey_title

        set_button_text(self.rekey_button, rekey_title())
        self.rekey_text.setText(
            _(
                "If you think someone has seen your recovery code or knows your password, "
                "Companion can lock all your data again with a new key."
            )
        )
        # In words; the folder itself only on request (the tooltip).
        self.where.setText(_("Your data is kept on this computer, in Companion's own folder."))
        self.where.setToolTip(str(self.context.profile.folder))

    def _protection_texts(self) -> None:
        """Words that depend on how the data is protected (reads the profile, not in retranslate)."""
        state = self._state()
        if state is ProfileState.KEYRING:
            self.lock_note.setText(
                _(
                    "Your key is in your computer's password store, so locking hides your data from view; anyone "
                    "using your computer account can open it again."
                )
            )
        else:
            self.lock_note.setText(_("When locked, your password is needed to open it again."))
        if state is ProfileState.KEYRING:
            self.protect_text.setText(
                _(
                    "Your data is encrypted. The key is kept in this computer's password store, so "
                    "Companion opens without asking you for anything."
                )
            )
            set_button_text(self.switch_button, _("Use a password instead"))
            self.switch_button.setVisible(True)
        elif state is ProfileState.PASSPHRASE:
            self.protect_text.setText(_("Your data is encrypted and opens with your password."))
            set_button_text(
                self.switch_button, _("Keep the key in your computer's password store instead")
            )
            self.switch_button.setVisible(self.context.profile.vault.available())
        else:
            self.protect_text.setText(
                _(
                    "This is a demonstration with sample data. It is deleted when you close Companion."
                )
            )
            self.switch_button.setVisible(False)
        self.recovery_button.setVisible(state in (ProfileState.KEYRING, ProfileState.PASSPHRASE))
        has_key = state in (ProfileState.KEYRING, ProfileState.PASSPHRASE)
        self.rekey_text.setVisible(has_key)
        self.rekey_button.setVisible(has_key)

    def refresh(self) -> None:
        self._protection_texts()
        self.parent_card.refresh()
        self.name_edit.setText(self.context.settings.get("user_name"))

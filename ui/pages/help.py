"""Get help: one click from everywhere, calm, accurate.

First "if you are in danger now" with the emergency number, then lines to
talk to for the person's country (others can be browsed), then when to see a
doctor. Once the data is open: the person's own professionals and the
loneliness self-check. The public part also shows before unlocking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from companion import helplines, i18n, wellbeing
from companion.helplines import Emergency, Helpline, Professional
from companion.i18n import N_, _, isolate
from ui import actions, theme
from ui.context import AppContext
from ui.dialogs.professional import ProfessionalDialog
from ui.dialogs.self_check import SelfCheckDialog
from ui.models.help import CHECKED_AGAINST, HelplinesModel, ProfessionalsModel, checked_on
from ui.ops import Change
from ui.pages.base import Page, PageScroll, keep_in_view
from ui.widgets.common import (
    SPACING,
    Card,
    FlowLayout,
    button,
    combo_box,
    icon,
    label,
    set_button_text,
    set_role,
    set_title,
)
from ui.widgets.row_delegate import RowList
from ui.widgets.score_chart import ScoreChart

if TYPE_CHECKING:
    from ui.session import UiSession

DOCTOR_SOURCE = (
    "https://www2.hse.ie/conditions/mental-health/clinical-depression/"
    "clinical-depression-diagnosis.html"
)
DOCTOR_SOURCE_NAME = N_(
    "Based on advice from the HSE, Ireland's health service, worded for every country."
)
EMERGENCY_CHECKED_AGAINST: dict[str, str] = {
    **CHECKED_AGAINST,
    "organisation": N_("Checked on {date} on the emergency service's own website."),
}
FINDAHELPLINE = "findahelpline.com"
LINES_SHOWN = 50  # every line and every person shows: the page scrolls, not the list


def _site(url: str) -> str:
    return urlsplit(url).netloc.removeprefix("www.")


def help_palette(widget: QWidget) -> theme.Palette:
    """The theme in use, read from the colours the widget is drawn with."""
    window = widget.palette().color(QPalette.ColorRole.Window).name().upper()
    return theme.palette_for(window == theme.HIGH_CONTRAST.window.upper())


def read_out(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` now, before anything else it was saying."""
    widget.setAccessibleDescription(text)
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def open_or_explain(url: str, what: str, status: Callable[[str], None]) -> None:
    """Hand a tel:, sms: or web address to the system; say what to do if nothing takes it."""
    if not QDesktopServices.openUrl(QUrl(url)):
        status(
            _("This computer has no app for that. Please use your phone: {what}").format(
                what=isolate(what)
            )
        )


class HelpContent(QWidget):
    """The part of Get help that needs no unlocked data: safe to show anywhere."""

    def __init__(self, country: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = helplines.load()
        self.country = country
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3 * SPACING)

        # Set apart by more than colour: a thick frame, and the Get help icon by its title.
        self.danger = Card()
        self.danger.setProperty("role", "danger")
        self.danger_icon = QLabel()
        self.danger_icon.setAccessibleName("")  # the words beside it say it all
        self.danger_title = label("", "subheading")
        self.danger_text = label("")
        self.danger_number = label("", "code", selectable=True)
        self.danger_also = label("", "muted")
        # The number and its Call button side by side right under the title, and "Please
        # call … from your phone" right under them: at 200% text on a small screen all of
        # it is in sight at once, the words about when to call below.
        self.danger_row = FlowLayout()
        self.call_emergency = button("", "help")
        self.call_emergency.clicked.connect(self._call_emergency)
        self.danger_row.addWidget(self.danger_number)
        self.danger_row.addWidget(self.call_emergency)
        self.danger_status = label("", "muted")
        self.danger_status.hide()
        self.danger_source = label("", "muted", selectable=True)
        title_row = QHBoxLayout()
        title_row.setSpacing(SPACING)
        title_row.addWidget(self.danger_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.danger_title, 1)
        self.danger.body.addLayout(title_row)
        self.danger.body.addLayout(self.danger_row)
        self.danger.body.addWidget(self.danger_status)
        for widget in (self.danger_text, self.danger_also, self.danger_source):
            self.danger.body.addWidget(widget)
        layout.addWidget(self.danger)

        self.lines_title = label("", "subheading")
        layout.addWidget(self.lines_title)
        self.country_label = label("")
        self.country_box = combo_box()
        self.country_label.setBuddy(self.country_box)
        self.country_box.currentIndexChanged.connect(self._country_chosen)
        layout.addWidget(self.country_label)
        layout.addWidget(self.country_box)
        self.none_here = label("")
        layout.addWidget(self.none_here)
        # the lines: a model and a list; the buttons below act on the line chosen in it
        self.lines_model = HelplinesModel(self)
        self.lines_view = RowList(most_rows=LINES_SHOWN, on_enter=self.call_line)
        self.lines_view.setModel(self.lines_model)
        self.lines_title.setBuddy(self.lines_view)
        layout.addWidget(self.lines_view)
        self.line_buttons = FlowLayout()
        self.call_button = button("", "primary")
        self.call_button.clicked.connect(self.call_line)
        self.copy_button = button("")
        self.copy_button.clicked.connect(self.copy_line)
        self.chat_button = button("")
        self.chat_button.clicked.connect(self.chat_line)
        self.site_button = button("")
        self.site_button.clicked.connect(self.open_site)
        for widget in (self.call_button, self.copy_button, self.chat_button, self.site_button):
            self.line_buttons.addWidget(widget)
        layout.addLayout(self.line_buttons)
        self.line_status = label("", "muted")
        self.line_status.hide()
        layout.addWidget(self.line_status)
        self.lines_view.chosen.connect(self._line_chosen)

        self.doctor = Card()
        self.doctor_title = label("", "subheading")
        self.doctor_text = label("")
        self.doctor_source = label("", "muted", selectable=True)
        self.doctor_source.setToolTip(DOCTOR_SOURCE)
        for widget in (self.doctor_title, self.doctor_text, self.doctor_source):
            self.doctor.body.addWidget(widget)
        layout.addWidget(self.doctor)
        self.retranslate()

    def _paint_icon(self) -> None:
        # the number stands level with its Call button beside it, at every text size
        self.danger_number.setAlignment(
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading
        )
        self.danger_number.setMinimumHeight(self.call_emergency.sizeHint().height())
        side = max(self.danger_title.fontMetrics().height(), 24)
        drawn = icon("help", help_palette(self).help_edge, side)
        self.danger_icon.setPixmap(drawn.pixmap(side, side))
        self.danger_icon.setFixedSize(side, side)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if hasattr(self, "danger_icon") and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
            QEvent.Type.FontChange,
        ):
            self._paint_icon()  # the theme or the text size changed

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._paint_icon()

    def _country_chosen(self) -> None:
        code = self.country_box.currentData()
        if code and code != self.country:
            self.country = code
            self._show_country()
            # Another country's emergency part is taller or shorter (Germany's names the
            # police's number too): the box being typed in stays in sight, not pushed off.
            self._bring_into_sight(self.country_box)

    def _call_emergency(self) -> None:
        emergency, _lines = self.directory.for_country(self.country)
        if emergency is None:
            return

        if not QDesktopServices.openUrl(QUrl(helplines.tel_uri(emergency.number))):
            # A desktop usually cannot call: say so where the eye is, in large words, right
            # under the button, scrolled into sight and read out by a screen reader.
            words = _("Please call {number} from your phone.").format(
                number=isolate(emergency.number)
            )
            self.danger_status.setText(words)
            self.danger_status.setAccessibleName(words)
            set_role(self.danger_status, "heading")
            self.danger_status.show()
            self._bring_into_sight(self.danger_status)
            read_out(self.danger_status, words)

    def _bring_into_sight(self, widget: QWidget) -> None:
        """Scroll the page or dialog around the help so ``widget`` is in sight, now and
        once its new size is laid out."""

        def scroll() -> None:
            area = self._scroll_area()
            if area is not None and isValid(widget) and widget.isVisible():
                area.ensureWidgetVisible(widget, 0, 2 * SPACING)

        scroll()
        QTimer.singleShot(0, self, scroll)

    def _scroll_area(self) -> QScrollArea | None:
        outer = self.parentWidget()
        while outer is not None and not isinstance(outer, QScrollArea):
            outer = outer.parentWidget()
        return outer

    def open_at_emergency(self) -> None:
        """Show "If you are in danger now" with the number and its Call button in sight at
        the top, and put the keyboard on Call (on the first line to talk to when there is
        no number). For F1, the Get help button, and the Get help window before unlocking."""
        first = self.call_emergency if not self.call_emergency.isHidden() else self.lines_view
        if first.isHidden():
            first = self.country_box
        first.setFocus(Qt.FocusReason.OtherFocusReason)

        def scroll() -> None:
            area = self._scroll_area()
            inner = area.widget() if area is not None else None
            if area is None or inner is None or not isValid(area):
                return
            layout = inner.layout()
            if layout is not None:
                layout.activate()
            row_bottom = first.mapTo(inner, QPoint(0, first.height())).y()
            bar = area.verticalScrollBar()
            if row_bottom + 2 * SPACING <= area.viewport().height():
                bar.setValue(0)  # the page's heading too: all of it is in sight from the top
            else:
                bar.setValue(self.danger.mapTo(inner, QPoint(0, 0)).y() - SPACING)

        scroll()
        QTimer.singleShot(0, self, scroll)  # again once a page built just now is laid out

    # the chosen line ----------------------------------------------------------------------

    def chosen_line(self) -> Helpline | None:
        row = self.lines_view.current_row()
        return None if row is None else self.lines_model.line(row)

    def _line_chosen(self) -> None:
        line = self.chosen_line()
        self.line_status.hide()
        self.call_button.setVisible(bool(line and line.phone))
        self.copy_button.setVisible(bool(line and line.phone))
        self.chat_button.setVisible(bool(line and line.chat))
        self.site_button.setVisible(bool(line and line.web))
        if line is None:
            return
        name = i18n.numbers_unbroken(line.name)  # "TelefonSeelsorge 0800 111 0 111" kept whole
        set_button_text(self.call_button, _("Call {name}").format(name=name))
        set_button_text(self.copy_button, _("Copy the number"))
        self.copy_button.setAccessibleName(_("Copy the number of {name}").format(name=line.name))
        set_button_text(self.chat_button, _("Chat online with {name}").format(name=name))
        if line.web:
            set_button_text(
                self.site_button,
                _("Open {organisation}'s website ({site})").format(
                    organisation=line.organisation, site=isolate(_site(line.web))
                ),
            )
        self.site_button.setToolTip(line.web or "")

    def _say(self, text: str) -> None:
        self.line_status.setText(text)
        self.line_status.setAccessibleName(text)
        self.line_status.show()
        self._bring_into_sight(self.line_status)
        read_out(self.line_status, text)

    def call_line(self) -> None:
        line = self.chosen_line()
        if line is not None and line.phone:
            open_or_explain(helplines.tel_uri(line.phone), line.phone, self._say)

    def copy_line(self) -> None:
        line = self.chosen_line()
        if line is not None and line.phone:
            QGuiApplication.clipboard().setText(line.phone)
            self._say(_("Copied."))

    def chat_line(self) -> None:
        line = self.chosen_line()
        if line is not None and line.chat:
            open_or_explain(line.chat, line.chat, self._say)

    def open_site(self) -> None:
        line = self.chosen_line()
        if line is not None and line.web:
            open_or_explain(line.web, line.web, self._say)

    def _show_country(self) -> None:
        emergency, lines = self.directory.for_country(self.country)
        self._show_emergency(emergency)
        self.lines_model.load(lines)
        if lines and self.lines_view.current_row() is None:
            self.lines_view.select_row(0)  # the buttons below always have a line to act on
        self.lines_view.setVisible(bool(lines))
        self._line_chosen()
        self._show_doctor_advice(bool(lines))
        name = i18n.country_name(self.country)
        self.none_here.setVisible(not lines)
        self.none_here.setText(
            _(
                "We don't have checked helplines for {country} yet. Choose another country "
                "above, or look at {site}, a free directory of helplines around the world."
            ).format(country=name, site=isolate(FINDAHELPLINE))
        )

    def _show_doctor_advice(self, lines_here: bool) -> None:
        if lines_here:
            talk = _(
                "You have thoughts of harming yourself: talk to someone now, using a line "
                "above. If you might act on these thoughts, call the emergency number."
            )
        else:  # no line listed for the country: never point at one that isn't there
            talk = _(
                "You have thoughts of harming yourself: talk to someone now, someone you "
                "trust, a doctor or a helpline from the directory above. If you might act on "
                "these thoughts, call the emergency number."
            )
        self.doctor_text.setText(
            "\n".join(
                "• " + line
                for line in (
                    _("You have felt low for most of the day, every day, for more than two weeks."),
                    _("How you feel is not getting better, or is getting worse."),
                    _(
                        "Your mood is getting in the way of daily life, your interests or the people close to you."
                    ),
                    talk,
                )
            )
        )

    def _show_emergency(self, emergency: Emergency | None) -> None:
        self.danger_title.setText(_("If you are in danger now"))
        if emergency is None:
            self.danger_text.setText(_("Call your local emergency number straight away."))
            self.danger_number.hide()
            self.danger_also.hide()
            self.call_emergency.hide()
            self.danger_source.hide()
            return
        self.danger_text.setText(
            _(
                "If you or someone else might be hurt, or you feel you can't keep yourself "
                "safe, call the emergency number now."
            )
        )
        self.danger_number.setText(isolate(emergency.number))
        self.danger_number.setAccessibleName(
            _("Emergency number: {number}").format(number=emergency.number)
        )
        self.danger_number.show()
        details = []
        if emergency.service != "all" or emergency.also:
            details.append(
                _(helplines.SERVICES[emergency.service]).format(number=isolate(emergency.number))
            )
        if emergency.note:
            details.append(_(emergency.note))
        for other in emergency.also:
            details.append(
                _(helplines.SERVICES[other.service]).format(number=isolate(other.number))
            )
            if other.note:
                details.append(_(other.note))
        self.danger_also.setVisible(bool(details))
        self.danger_also.setText("\n".join(details))
        text = _("Call {number}").format(number=isolate(emergency.number))
        self.call_emergency.setText(text)
        self.call_emergency.setAccessibleName(text)
        self.call_emergency.show()
        self.danger_source.setText(
            _(EMERGENCY_CHECKED_AGAINST[emergency.source_kind]).format(
                date=checked_on(emergency.checked)
            )
        )
        self.danger_source.setToolTip(emergency.source)
        self.danger_source.show()

    def retranslate(self) -> None:
        self.lines_title.setText(_("Someone to talk to"))
        self.country_label.setText(_("Helplines for"))
        self.country_box.setAccessibleName(_("Helplines for which country"))
        self.lines_view.setAccessibleName(_("Someone to talk to"))
        self.lines_view.setAccessibleDescription(
            _(
                "Choose a line with the arrow keys. Enter calls it, and the buttons below "
                "the list act on the line you chose."
            )
        )
        self.lines_model.retranslate()
        self.country_box.blockSignals(True)
        self.country_box.clear()
        for code in self.directory.countries():
            self.country_box.addItem(i18n.country_name(code), code)
        if self.country_box.findData(self.country) < 0:
            self.country_box.insertItem(0, i18n.country_name(self.country), self.country)
        self.country_box.setCurrentIndex(self.country_box.findData(self.country))
        self.country_box.blockSignals(False)
        self.doctor_title.setText(_("When to talk to a doctor"))
        self.doctor_source.setText(_(DOCTOR_SOURCE_NAME))
        self._show_country()


class HelpPage(Page):
    key = "help"
    watches = Change.HELP | Change.WELLBEING | Change.SETTINGS

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session: UiSession | None = None
        self.public = HelpContent(str(context.settings.get("country")))
        self.content.addWidget(self.public)

        self.own = Card()
        self.own_title = label("", "subheading")
        self.own_text = label("", "muted")
        self.own_model = ProfessionalsModel(self)
        self.own_list = RowList(
            most_rows=LINES_SHOWN,
            on_enter=self.edit_selected,
            on_delete=self.delete_selected,
        )
        self.own_list.setModel(self.own_model)
        self.own_title.setBuddy(self.own_list)
        self.own_buttons = FlowLayout()
        self.own_call = button("", "primary")
        self.own_call.clicked.connect(self.call_selected)
        self.own_change = button("")
        self.own_change.clicked.connect(self.edit_selected)
        self.own_remove = button("")
        self.own_remove.clicked.connect(self.delete_selected)
        for widget in (self.own_call, self.own_change, self.own_remove):
            self.own_buttons.addWidget(widget)
        self.own_list.chosen.connect(self._own_chosen)
        self.own_model.dataChanged.connect(lambda *_a: self._own_chosen())
        self.own_model.rowsRemoved.connect(lambda *_a: self._own_chosen())
        self.add_button = button("", "primary")
        self.add_button.clicked.connect(self.add_professional)
        self.own_status = label("", "muted")
        self.own_status.hide()
        self.own.body.addWidget(self.own_title)
        self.own.body.addWidget(self.own_text)
        self.own.body.addWidget(self.own_list)
        self.own.body.addLayout(self.own_buttons)
        row = FlowLayout()
        row.addWidget(self.add_button)
        self.own.body.addLayout(row)
        self.own.body.addWidget(self.own_status)
        self.content.addWidget(self.own)

        self.check = Card()
        self.check_title = label("", "subheading")
        self.check_summary = label("")
        self.chart = ScoreChart()
        self.check_gentle = label("", "error")
        self.check_button = button("", "primary")
        self.check_button.clicked.connect(self.take_check)
        self.check_about = label("", "muted", selectable=True)
        for widget in (self.check_title, self.check_summary, self.chart, self.check_gentle):
            self.check.body.addWidget(widget)
        row = FlowLayout()
        row.addWidget(self.check_button)
        self.check.body.addLayout(row)
        self.check.body.addWidget(self.check_about)
        self.content.addWidget(self.check)
        self.finish_content()
        context.setting_changed.connect(self._setting_changed)
        self.retranslate()
        self.refresh()

    def title(self) -> str:
        return _("Get help")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """F1 or the button always opens at "If you are in danger now", not where it was left,
        with the number and Call in sight and the keyboard on Call."""
        super().showEvent(event)
        self.public.danger_status.hide()
        # Another country browsed earlier is put back: in an emergency the number shown
        # is the person's own (112 was shown to someone in the United States).
        own = str(self.context.settings.get("country"))
        if self.public.country != own:
            self.public.country = own
            self.public.retranslate()
        self.scroll.verticalScrollBar().setValue(0)
        self.public.open_at_emergency()

    def _setting_changed(self, key: str, value: object) -> None:
        if key == "country":
            self.public.country = str(value)
            self.public.retranslate()

    def set_session(self, session: UiSession | None) -> None:
        """Get help is there before unlocking; the person's own data shows while it is open."""
        if self.session is not None:
            try:
                self.session.ops.executed.disconnect(self.on_changes)
            except (RuntimeError, TypeError):
                pass
        self.session = session
        if session is not None:
            session.ops.executed.connect(self.on_changes)
        self.redraw()

    # the person's professionals --------------------------------------------------------

    def add_professional(self) -> None:
        session = self.session
        if session is None:
            return
        now = self.context.now()
        ProfessionalDialog(
            lambda dialog, role, name, phone, notes: session.ops.run(
                dialog,
                lambda store: helplines.add_professional(store, now, role, name, phone, notes),
                Change.HELP,
                say=_("{name} was added.").format(name=name.strip()),
            ),
            parent=self,
        ).exec()

    def edit_professional(self, professional: Professional) -> None:
        session = self.session
        if session is None:
            return
        ProfessionalDialog(
            lambda dialog, role, name, phone, notes: session.ops.run(
                dialog,
                lambda store: helplines.update_professional(
                    store, professional.id, role, name, phone, notes
                ),
                Change.HELP,
            ),
            professional,
            self,
        ).exec()

    def delete_professional(self, professional: Professional) -> None:
        if self.session is not None:
            actions.remove_professional(self.session, self, professional.id)

    def selected_professional(self) -> Professional | None:
        row = self.own_list.current_row()
        return None if row is None else self.own_model.person(row)

    def edit_selected(self) -> None:
        person = self.selected_professional()
        if person is not None:
            self.edit_professional(person)

    def delete_selected(self) -> None:
        person = self.selected_professional()
        if person is not None:
            self.delete_professional(person)

    def call_selected(self) -> None:
        person = self.selected_professional()
        if person is not None and person.phone:
            open_or_explain(helplines.tel_uri(person.phone), person.phone, self._say)

    def _own_chosen(self) -> None:
        person = self.selected_professional()
        self.own_status.hide()  # what was said about the one chosen before
        self.own_call.setVisible(bool(person and person.phone))
        self.own_change.setVisible(person is not None)
        self.own_remove.setVisible(person is not None)
        if person is None:
            return
        set_button_text(self.own_call, _("Call {name}").format(name=person.name))
        set_button_text(self.own_change, _("Change"))
        self.own_change.setAccessibleName(_("Change {name}").format(name=person.name))
        set_button_text(self.own_remove, _("Remove"))
        self.own_remove.setAccessibleName(_("Remove {name}").format(name=person.name))

    def _fill_professionals(self) -> None:
        if self.session is None:
            self.own_model.load([])
            return
        people = helplines.professionals(self.session.store)
        self.own_text.setVisible(not people)
        self.own_list.setVisible(bool(people))
        self.own_model.load(people)
        if people and self.own_list.current_row() is None:
            self.own_list.select_row(0)
        self._own_chosen()

    def _say(self, text: str) -> None:
        """Said under the list's buttons, scrolled into sight: below "Add someone" at 200%
        text, "Please use your phone" was off the bottom and Call seemed to do nothing."""
        self.own_status.setText(text)
        self.own_status.setAccessibleName(text)
        self.own_status.show()
        self.public._bring_into_sight(self.own_status)
        read_out(self.own_status, text)

    # self-check ---------------------------------------------------------------------------

    def take_check(self) -> None:
        if self.session is None:
            return
        SelfCheckDialog(self.session.ops, self.context.now(), self).exec()

    def _fill_check(self) -> None:
        if self.session is None:
            return
        checks = wellbeing.history(self.session.store)
        self.chart.set_checks(checks, bool(self.context.settings.get("high_contrast")))
        self.chart.setVisible(bool(checks))
        reading = wellbeing.reading(checks)
        if reading is None:
            self.check_summary.setText(
                _(
                    "Three short questions about how connected you have felt lately. It takes a minute."
                )
            )
            self.check_gentle.hide()
        else:
            self.check_summary.setText(reading.summary)
            self.chart.setAccessibleName(_("Your scores over time"))
            self.chart.setAccessibleDescription(reading.summary)
            self.check_gentle.setVisible(reading.gentle)
            self.check_gentle.setText(
                _("Some things that may help:")
                + "\n"
                + "\n".join("• " + s for s in wellbeing.suggestions())
            )
        self.check_button.setText(_("Take the check") if not checks else _("Take it again"))
        self.check_button.setAccessibleName(self.check_button.text())

    def retranslate(self) -> None:
        super().retranslate()
        self.public.retranslate()
        self.own_title.setText(_("People who help you"))
        self.own_text.setText(
            _("Add your doctor, counsellor or social worker, so their number is always here.")
        )
        self.add_button.setText(_("Add someone"))
        self.add_button.setAccessibleName(_("Add someone who helps you"))
        self.own_list.setAccessibleName(_("People who help you"))
        self.own_list.setAccessibleDescription(
            _(
                "Choose someone with the arrow keys. Enter changes them, Delete removes them, "
                "and the buttons below the list act on the one you chose."
            )
        )
        self.own_model.retranslate()
        self.check_title.setText(_("How have you been feeling?"))
        self.check_about.setText(
            _(
                "About this check: three questions from the UCLA loneliness scale, in the "
                "wording of the UK's national measure, and the national measure's direct "
                "question. Each answer scores 1 to 3, so the total is 3 to 9. Reading 6 or "
                "more as feeling lonely is a common convention, not a fixed rule. It is not a "
                "diagnosis. Source: {source}."
            ).format(source=_(wellbeing.SOURCE_NAME))
        )

    def refresh(self) -> None:
        unlocked = self.session is not None
        self.own.setVisible(unlocked)
        self.check.setVisible(unlocked)
        self._fill_professionals()
        self._fill_check()


class _KeepFocusInView(QObject):
    """Whatever gets the focus in its window is scrolled into sight the way a page does it;
    it goes with the window, and its connection with it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.followed = window

    def moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and isValid(self.followed) and new.window() is self.followed:
            keep_in_view(new)


class HelpDialog(QDialog):
    """Get help from the setup and unlock screens, before any data is open."""

    def __init__(self, country: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_title(self, _("Get help"))
        outer = QVBoxLayout(self)
        # Scrolled for the focus as the Get help page is (``keep_in_view``): Tab into a
        # helpline taller than the window (200% text) showed it from its middle, name cut off.
        scroll = PageScroll()
        scroll.setWidgetResizable(True)
        follower = _KeepFocusInView(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(follower.moved)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        column.setSpacing(3 * SPACING)
        column.addWidget(label(_("Get help"), "heading"))
        self.content = HelpContent(country)
        column.addWidget(self.content)
        column.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        close = button(_("Close"))
        close.clicked.connect(self.accept)
        outer.addWidget(close)
        self.resize(760, 700)
        screen = self.screen()
        if screen is not None:  # never taller or wider than the screen, title bar included
            room = screen.availableGeometry()
            self.resize(min(760, room.width() - 16), min(700, room.height() - 48))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Opens at "If you are in danger now", the number and Call in sight, Call focused."""
        super().showEvent(event)
        self.content.open_at_emergency()


def add_help_button(dialog: QDialog, layout: FlowLayout, country: Callable[[], str]) -> None:
    """A Get help button (and F1) for screens shown before the data is open."""
    help_button = button(_("Get help"), "help")
    side = max(help_button.fontMetrics().height(), 24)
    help_button.setIcon(icon("help", help_palette(dialog).on_help, side))
    help_button.setIconSize(QSize(side, side))
    help_button.setAccessibleDescription(_("Helplines and the emergency number (F1)"))

    def show() -> None:
        HelpDialog(country(), dialog).exec()

    help_button.clicked.connect(show)
    QShortcut(QKeySequence("F1"), dialog, show)
    layout.addWidget(help_button)
    dialog.help_button = help_button  # type: ignore[attr-defined]

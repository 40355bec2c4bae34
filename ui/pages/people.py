"""People: everyone you want to keep in touch with, how it's going, and a quick way to log it."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from companion import contacts
from companion.i18n import _, ngettext
from ui import actions, theme
from ui.background import run_in_background, save_file_in_background
from ui.dialogs.person import PersonDialog
from ui.models.people import (
    ACTION,
    CIRCLE,
    DETAIL_ROLE,
    LAST,
    NAME,
    NEXT,
    PERSON_ID_ROLE,
    PeopleFilterProxy,
    PeopleModel,
    widest_details,
)
from ui.ops import Change
from ui.pages.base import Page
from ui.widgets.common import (
    MIN_TARGET_PX,
    Card,
    CheckBox,
    FlowLayout,
    button,
    combo_box,
    label,
    set_button_text,
)
from ui.widgets.connections import ConnectionsPicture, describe

if TYPE_CHECKING:
    from companion.store import Store
    from ui.session import UiSession

READ_IN_BACKGROUND_FROM = 2_000  # people: from this many, the list is read off the UI thread
LONG_NAMES_MEASURED = 12  # the longest names by letters, measured to see if names fit


@dataclass(frozen=True)
class _Read:
    """Everything the page shows, read from the core in one go (on either thread)."""

    everyone: list[contacts.Person]
    due_ids: set[int]
    summary: contacts.ConnectionSummary
    details: tuple[str, ...]  # the longest second lines, for the narrow layout's rows
    long_names: list[str]  # the longest names by letters: cheap, and measured to see if they fit


def _read(store: Store, today: date) -> _Read:
    everyone = contacts.people(store)
    overview = contacts.due_overview(store, today)
    due_ids = {i.person.id for i in overview.overdue + overview.this_week} | {
        p.id for p in overview.never
    }
    return _Read(
        everyone,
        due_ids,
        contacts.summary(store, today),
        widest_details(everyone, today),
        heapq.nlargest(LONG_NAMES_MEASURED, (p.name for p in everyone), key=len),
    )


class QuickLogDelegate(QStyledItemDelegate):
    """Draws "I was in touch just now" as a button in each row: one click logs it."""

    BUTTON_INSET = 4  # px between the drawn button and its cell; the row leaves 44 px inside

    def __init__(self, page: PeoplePage) -> None:
        super().__init__(page)
        self.page = page

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:  # type: ignore[override]
        button_option = QStyleOptionButton()
        inset = self.BUTTON_INSET
        rect = QRect(option.rect).adjusted(inset, inset, -inset, -inset)  # type: ignore[attr-defined]
        # In a tall row (a name with a second line) the button keeps a button's height, in
        # the middle, rather than filling the whole cell.
        wanted = max(MIN_TARGET_PX, option.fontMetrics.height() + 4 * inset)  # type: ignore[attr-defined]
        if rect.height() > wanted:
            rect.setTop(rect.top() + (rect.height() - wanted) // 2)
            rect.setHeight(wanted)
        button_option.rect = rect
        button_option.text = str(index.data())
        button_option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        style = option.widget.style() if option.widget else self.page.style()  # type: ignore[attr-defined]
        style.drawControl(
            QStyle.ControlElement.CE_PushButton, button_option, painter, option.widget
        )  # type: ignore[attr-defined]
        if option.state & QStyle.StateFlag.State_HasFocus:  # type: ignore[attr-defined]
            # The keyboard is on this button: the focus ring every other button has.
            palette = theme.palette_for(bool(self.page.context.settings.get("high_contrast")))
            painter.save()
            painter.setPen(QPen(QColor(palette.focus), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            # inside the button's own fill, so it shows on a chosen (coloured) row too
            painter.drawRoundedRect(QRectF(rect).adjusted(3.5, 3.5, -3.5, -3.5), 4, 4)
            painter.restore()

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index) -> bool:  # type: ignore[override]  # noqa: N802
        if event.type() == QEvent.Type.MouseButtonRelease and QRect(option.rect).contains(
            event.position().toPoint()
        ):  # type: ignore[attr-defined]
            self.page.log_just_now(int(index.data(PERSON_ID_ROLE)))
            return True
        return False


class NameDelegate(QStyledItemDelegate):
    """In the narrow layout (large text, long words, a small screen): the whole name on top,
    wrapped and never cut, and under it the circle, when you were last in touch and the next
    time, in the words of the columns it stands in for."""

    PAD = 8  # px around the words in the cell

    def __init__(self, page: PeoplePage) -> None:
        super().__init__(page)
        self.page = page

    @staticmethod
    def text_flags(direction: Qt.LayoutDirection) -> int:
        start = QStyle.visualAlignment(
            direction, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )
        return Qt.TextFlag.TextWordWrap.value | start.value

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:  # type: ignore[override]
        if not self.page.compact:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # type: ignore[attr-defined]
        widget = item.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        pad = self.PAD
        rect = QRect(item.rect).adjusted(pad, pad // 2, -pad, -pad // 2)  # type: ignore[attr-defined]
        flags = self.text_flags(item.direction)  # type: ignore[attr-defined]
        painter.save()
        painter.setPen(item.palette.color(role))  # type: ignore[attr-defined]
        painter.setFont(self.page.name_font())
        name = str(index.data())
        used = painter.boundingRect(rect, flags, name)
        painter.drawText(rect, flags, name)
        painter.setFont(item.font)  # type: ignore[attr-defined]
        painter.drawText(rect.adjusted(0, used.height(), 0, 0), flags, str(index.data(DETAIL_ROLE)))
        painter.restore()


class PeoplePage(Page):
    key = "people"
    watches = Change.PEOPLE | Change.CONTACTS | Change.SETTINGS

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = context = session.context
        today = context.now().date()

        actions = FlowLayout()
        self.add_button = button("", "primary")
        self.add_button.clicked.connect(self.add_person)
        self.import_button = button("")
        self.import_button.clicked.connect(self.import_people)
        self.export_button = button("")
        self.export_button.clicked.connect(self.export_people)
        actions.addWidget(self.add_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        self.content.addLayout(actions)

        self.empty = label("")
        self.content.addWidget(self.empty)

        filters = FlowLayout()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self._filter)
        self.circle = combo_box()
        self.circle.currentIndexChanged.connect(self._filter)
        self.overdue = CheckBox()
        self.overdue.toggled.connect(self._filter)
        filters.addWidget(self.search)
        filters.addWidget(self.circle)
        filters.addWidget(self.overdue)
        self.filters_box = QWidget()
        self.filters_box.setLayout(filters)
        self.content.addWidget(self.filters_box)

        self.model = PeopleModel(today, self)
        self.proxy = PeopleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fitting a column to its contents measures the rows on screen only: by default Qt
        # measures the first 1,000 rows, each cell a call into Python (3 s with 20,000 people).
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.setItemDelegateForColumn(ACTION, QuickLogDelegate(self))
        self.compact = False  # the narrow layout: see _fit_layout
        self._long_names: list[str] = []
        self._details: tuple[str, ...] = ()
        self.table.setItemDelegateForColumn(NAME, NameDelegate(self))
        self.table.viewport().installEventFilter(self)  # its width decides the layout
        self.table.horizontalHeader().setMinimumHeight(MIN_TARGET_PX)  # a heading sorts: a target
        self.table.setMinimumHeight(320)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._activated)
        QShortcut(QKeySequence("Ctrl+L"), self.table, self._log_selected)
        self.content.addWidget(self.table, 1)

        self.picture_card = Card()
        self.picture_title = label("", "subheading")
        self.picture = ConnectionsPicture()
        self.picture_words = label("")
        self.picture_card.body.addWidget(self.picture_title)
        self.picture_card.body.addWidget(self.picture)
        self.picture_card.body.addWidget(self.picture_words)
        self.content.addWidget(self.picture_card)
        self.retranslate()
        self.refresh()

    def title(self) -> str:
        return _("People")

    # data ------------------------------------------------------------------------------

    def store(self):  # type: ignore[no-untyped-def]
        return self.session.store

    def refresh(self) -> None:
        """Read everyone and redraw. With thousands of people (after a large import) the
        reading (a few hundred milliseconds) happens off the UI thread and the list is
        filled when it is done, so the window keeps moving; the newest reading wins."""
        store = self.store()
        today = self.context.now().date()
        self._readings = getattr(self, "_readings", 0) + 1
        if contacts.count_people(store) < READ_IN_BACKGROUND_FROM:
            self._show(_read(store, today), today)
            return
        reading = self._readings
        self.empty.hide()  # there are people: never "No one here yet" while they are read
        release = self.session.ops.hold_young_collections()

        def shown(read: _Read) -> None:
            release()
            if shiboken6.isValid(self) and self.session.is_open and reading == self._readings:
                self._show(read, today)

        run_in_background(lambda: _read(store, today), shown, lambda _error: release())

    def _show(self, read: _Read, today: date) -> None:
        everyone, summary = read.everyone, read.summary
        self.model.load(everyone, today)
        self._long_names = read.long_names
        self._details = read.details
        self._fit_layout(force=True)
        self.proxy.due_ids = read.due_ids
        self.proxy.recompute()
        has_people = bool(everyone)
        self.empty.setVisible(not has_people)
        self.filters_box.setVisible(has_people)
        self.table.setVisible(has_people)
        self.picture_card.setVisible(has_people)
        self.picture.set_data(
            everyone, summary, today, bool(self.context.settings.get("high_contrast"))
        )
        words = describe(summary)
        self.picture_words.setText(words)
        self.picture.setAccessibleName(_("Picture of your connections"))
        self.picture.setAccessibleDescription(words)

    # layout ----------------------------------------------------------------------------

    def name_font(self) -> QFont:
        font = QFont(self.table.font())
        font.setBold(True)
        return font

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.Resize
            and all(shiboken6.isValid(o) for o in (self, self.table, self.proxy, self.model))
            and watched is self.table.viewport()
        ):  # a resize can arrive while the window is being taken apart: never measure then
            self._fit_layout()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # The list as tall as most of the page's view: scrolled to, it fills the screen with
        # rows (it was 320 px, three rows at 200%), and the page still scrolls past it.
        room = self.scroll.viewport().height()
        self.table.setMinimumHeight(max(320, int(room * 0.85)))

    def _other_columns_width(self, columns: tuple[int, ...]) -> int:
        header = self.table.horizontalHeader()
        return sum(max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns)

    def _fit_layout(self, force: bool = False) -> None:
        """Columns when every name fits whole beside them; otherwise the narrow layout: the
        name column with a second line, and the button. Rows tall enough for their words."""
        width = self.table.viewport().width()
        if width <= 0:
            return
        pad = 2 * NameDelegate.PAD
        names = QFontMetrics(self.name_font())
        longest = max((names.horizontalAdvance(n) for n in self._long_names), default=0)
        compact = width - self._other_columns_width((CIRCLE, LAST, NEXT, ACTION)) < longest + pad
        if compact != self.compact or force:
            self.compact = compact
            self.model.compact = compact
            for column in (CIRCLE, LAST, NEXT):
                self.table.setColumnHidden(column, compact)
        smallest = MIN_TARGET_PX + 2 * QuickLogDelegate.BUTTON_INSET
        metrics = self.table.fontMetrics()
        height = max(smallest, int(metrics.height() * 1.8))
        if compact:
            room = max(1, width - self._other_columns_width((ACTION,)) - pad)
            flags = NameDelegate.text_flags(self.table.layoutDirection())
            tall = QRect(0, 0, room, 100_000)
            name_height = max(
                (names.boundingRect(tall, flags, n).height() for n in self._long_names),
                default=names.height(),
            )
            detail_height = max(
                (metrics.boundingRect(tall, flags, d).height() for d in self._details),
                default=metrics.height(),
            )
            height = max(smallest, name_height + detail_height + NameDelegate.PAD)
        header = self.table.verticalHeader()
        if header.defaultSectionSize() != height:
            header.setMinimumSectionSize(min(smallest, height))
            header.setDefaultSectionSize(height)

    def _filter(self) -> None:
        self.proxy.set_filter(
            self.search.text(), self.circle.currentData() or None, self.overdue.isChecked()
        )

    def show_overdue(self) -> None:
        """From Today's "see more": the same people Today counts, and no one else."""
        self.search.clear()
        self.circle.setCurrentIndex(0)
        self.overdue.setChecked(True)

    def route(self, route: str) -> None:
        if route == "due":
            self.show_overdue()
        elif route == "add":
            self.add_person()

    # actions -----------------------------------------------------------------------------------

    def _person_id(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        return int(index.data(PERSON_ID_ROLE))

    def _open_index(self, index: QModelIndex) -> None:
        person_id = self._person_id(index)
        if person_id is not None and index.column() != ACTION:
            self.open_person(person_id)

    def _activated(self, index: QModelIndex) -> None:
        """Enter on a row opens the person; on "I was in touch" it notes the contact."""
        person_id = self._person_id(index)
        if person_id is None:
            return
        if index.column() == ACTION:
            self.log_just_now(person_id)
        else:
            self.open_person(person_id)

    def _log_selected(self) -> None:
        person_id = self._person_id(self.table.currentIndex())
        if person_id is not None:
            self.log_just_now(person_id)

    def log_just_now(self, person_id: int) -> None:
        actions.log_contact(self.session, self, person_id, source=self)

    def open_person(self, person_id: int) -> None:
        dialog = PersonDialog(
            self.session,
            str(self.context.settings.get("country")),
            contacts.get_person(self.store(), person_id),
            self,
        )
        dialog.exec()

    def add_person(self) -> None:
        dialog = PersonDialog(self.session, str(self.context.settings.get("country")), parent=self)
        dialog.exec()

    def import_people(self) -> None:
        from ui.dialogs.import_people import ImportDialog

        dialog = ImportDialog(
            self.session.ops, self.context.now, str(self.context.settings.get("country")), self
        )
        dialog.exec()  # the import is an operation: announced, and said in the status line

    def export_people(self) -> None:
        """Save everyone as a vCard 4.0 file that phones and other apps read."""
        from companion.interchange.vcard import save_vcards

        everyone = contacts.people(self.store())
        save_file_in_background(
            self,
            _("Save everyone to a file"),
            "contacts.vcf",
            _("vCard files (*.vcf)"),
            ".vcf",
            lambda path: save_vcards(path, everyone),
            lambda count, path: ngettext(
                "Saved {count} person to {file}.", "Saved {count} people to {file}.", count
            ).format(count=count, file=path),
            self._say,
        )

    def _say(self, text: str) -> None:
        self.session.ops.said.emit(text, None)

    # words --------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        set_button_text(self.add_button, _("Add someone"))
        set_button_text(self.import_button, _("Import from a file…"))
        set_button_text(self.export_button, _("Save everyone to a file…"))
        self.empty.setText(_("No one here yet. Add someone you'd like to keep in touch with."))
        self.search.setPlaceholderText(_("Search by name"))
        self.search.setAccessibleName(_("Search by name"))
        self.circle.blockSignals(True)
        current = self.circle.currentData()
        self.circle.clear()
        self.circle.addItem(_("Everyone"), None)
        for code, title in contacts.CIRCLES.items():
            self.circle.addItem(_(title), code)
        self.circle.setCurrentIndex(max(self.circle.findData(current), 0))
        self.circle.blockSignals(False)
        self.circle.setAccessibleName(_("Show which circle"))
        self.overdue.setText(_("Only those it's a good time to get in touch with"))
        self.overdue.setAccessibleName(self.overdue.text())
        self.table.setAccessibleName(_("People you keep in touch with"))
        self.table.setAccessibleDescription(
            _(
                "Use the arrow keys to choose someone. Enter opens their page; Ctrl+L, or Enter "
                "on “I was in touch”, notes that you were in touch just now."
            )
        )
        self.picture_title.setText(_("Your connections"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self._fit_layout(force=True)  # the words' widths changed with the language

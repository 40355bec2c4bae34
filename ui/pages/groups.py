"""Groups near me: kinds of group that suit you, real places near home, and trying one.

A first visit starts calm: where you live and what you enjoy, both optional. Kinds
of group are ranked with the reason for each; places near home are ranked by how
well they suit and how far they are (walking minutes, and km or miles), with
wheelchair access and opening hours. Map data always shows its attribution.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from companion import groups, i18n
from companion.i18n import _, ngettext
from ui import actions_groups as act
from ui.dialogs.shell import ButtonRow
from ui.models.groups import CARD, KIND_ID_ROLE, PLACE_ID_ROLE, KindsModel, PlacesModel
from ui.ops import Change, Changes
from ui.pages.base import Page
from ui.widgets.common import (
    SPACING,
    Card,
    FramedList,
    button,
    clear_layout,
    label,
    set_button_text,
    tab_in_reading_order,
)

if TYPE_CHECKING:
    from ui.session import UiSession

Index = QModelIndex | QPersistentModelIndex
PLACES_SHOWN = 60
# Home and wishes change through this page's own actions, which announce GROUPS once.
SHOWN_SETTINGS = frozenset({"country", "language", "text_scale", "high_contrast"})


class LinesDelegate(QStyledItemDelegate):
    """An item of a few lines, the first (the name) in bold; wraps to the list's width."""

    PAD = SPACING

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _parts(self, option: QStyleOptionViewItem, index: Index) -> list[tuple[str, QFont]]:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bold = QFont(option.font)
        bold.setBold(True)
        return [(line, bold if n == 0 else option.font) for n, line in enumerate(text.split("\n"))]

    def _width(self, option: QStyleOptionViewItem) -> int:
        width = self.view.viewport().width() - 2 * self.view.spacing()
        return max(width - 2 * self.PAD, 40)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        self.initStyleOption(option, index)
        width = self._width(option)
        height = 0
        for line, font in self._parts(option, index):
            height += (
                QFontMetrics(font)
                .boundingRect(0, 0, width, 100000, Qt.TextFlag.TextWordWrap, line)
                .height()
            )
        return QSize(width + 2 * self.PAD, height + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else self.view.style()
        text = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        align = QStyle.visualAlignment(option.direction, Qt.AlignmentFlag.AlignLeft)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.save()
        painter.setPen(colour)
        y = rect.top()
        for line, font in self._parts(option, index):
            painter.setFont(font)
            flags = int(align | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
            used = QFontMetrics(font).boundingRect(
                0, 0, rect.width(), 100000, Qt.TextFlag.TextWordWrap, line
            )
            painter.drawText(QRect(rect.left(), y, rect.width(), used.height()), flags, line)
            y += used.height()
        painter.restore()


class GroupsPage(Page):
    key = "groups"
    watches = Change.GROUPS | Change.SETTINGS | Change.PLANNER

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = session.context
        self.kind_filter: str | None = None

        # a calm start: two small optional steps
        self.start_card = Card()
        self.start_text = label("")
        self.start_card.body.addWidget(self.start_text)
        start_row = ButtonRow()
        self.start_home = button("", "primary")
        self.start_home.clicked.connect(self.set_home)
        self.start_wishes = button("")
        self.start_wishes.clicked.connect(self.edit_wishes)
        start_row.addWidget(self.start_home)
        start_row.addWidget(self.start_wishes)
        self.start_card.body.addLayout(start_row)
        self.content.addWidget(self.start_card)

        # home and wishes, once set
        self.home_card = Card()
        self.home_text = label("", "subheading")
        self.wishes_text = label("", "muted")
        self.home_card.body.addWidget(self.home_text)
        self.home_card.body.addWidget(self.wishes_text)
        home_row = ButtonRow()
        self.home_button = button("")
        self.home_button.clicked.connect(self.set_home)
        self.wishes_button = button("")
        self.wishes_button.clicked.connect(self.edit_wishes)
        home_row.addWidget(self.home_button)
        home_row.addWidget(self.wishes_button)
        self.home_card.body.addLayout(home_row)
        self.content.addWidget(self.home_card)

        # visits chosen: how did it go, and the groups you go to
        self.visits_card = Card()
        self.visits_title = label("", "subheading")
        self.visits_card.body.addWidget(self.visits_title)
        self.visits_rows = QVBoxLayout()
        self.visits_rows.setSpacing(2 * SPACING)
        self.visits_card.body.addLayout(self.visits_rows)
        self.content.addWidget(self.visits_card)

        # kinds of group
        self.kinds_card = Card()
        self.kinds_title = label("", "subheading")
        self.kinds_note = label("", "muted")
        self.kinds_model = KindsModel(self)
        self.kinds_view = FramedList()  # a ring while the keyboard is in it
        self.kinds_view.setModel(self.kinds_model)
        self.kinds_view.setWordWrap(True)
        self.kinds_view.setUniformItemSizes(False)
        self.kinds_view.setSpacing(SPACING // 2)
        self.kinds_view.setAlternatingRowColors(True)
        self.kinds_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.kinds_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.kinds_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.kinds_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.kinds_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.kinds_view.setItemDelegate(LinesDelegate(self.kinds_view))
        self.kinds_view.activated.connect(lambda _i: self.try_kind())
        # Ctrl+T tries the chosen row of the list that has the keyboard: two shortcuts with one
        # key in one window would be ambiguous, and then Qt runs neither.
        try_key = QShortcut(QKeySequence("Ctrl+T"), self.kinds_view)
        try_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        try_key.activated.connect(self.try_kind)
        self.kinds_card.body.addWidget(self.kinds_title)
        self.kinds_card.body.addWidget(self.kinds_note)
        self.kinds_card.body.addWidget(self.kinds_view)
        kinds_row = ButtonRow()
        self.try_kind_button = button("", "primary")
        self.try_kind_button.clicked.connect(self.try_kind)
        self.kind_places_button = button("")
        self.kind_places_button.clicked.connect(self.places_for_kind)
        kinds_row.addWidget(self.try_kind_button)
        kinds_row.addWidget(self.kind_places_button)
        self.kinds_card.body.addLayout(kinds_row)
        self.content.addWidget(self.kinds_card)

        # places near home
        self.places_card = Card()
        self.places_title = label("", "subheading")
        self.places_note = label("", "muted")
        self.places_model = PlacesModel(parent=self)
        self.places_view = FramedList()  # a ring while the keyboard is in it
        self.places_view.setModel(self.places_model)
        self.places_view.setModelColumn(CARD)
        self.places_view.setWordWrap(True)
        self.places_view.setUniformItemSizes(False)
        self.places_view.setSpacing(SPACING // 2)
        self.places_view.setAlternatingRowColors(True)
        self.places_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.places_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.places_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.places_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.places_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.places_view.setItemDelegate(LinesDelegate(self.places_view))
        self.places_view.activated.connect(lambda _i: self.open_place())
        try_key = QShortcut(QKeySequence("Ctrl+T"), self.places_view)
        try_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        try_key.activated.connect(self.try_place)
        self.places_card.body.addWidget(self.places_title)
        self.places_card.body.addWidget(self.places_note)
        self.show_all_button = button("")
        self.show_all_button.clicked.connect(self.show_all_places)
        show_all_row = ButtonRow()
        show_all_row.addWidget(self.show_all_button)
        self.places_card.body.addLayout(show_all_row)
        self.places_card.body.addWidget(self.places_view)
        self.places_empty = label("")
        self.places_card.body.addWidget(self.places_empty)
        places_row = ButtonRow()
        self.try_place_button = button("", "primary")
        self.try_place_button.clicked.connect(self.try_place)
        self.details_button = button("")
        self.details_button.clicked.connect(self.open_place)
        places_row.addWidget(self.try_place_button)
        places_row.addWidget(self.details_button)
        self.places_card.body.addLayout(places_row)
        self.attribution = label("", "muted", selectable=True)
        self.places_card.body.addWidget(self.attribution)
        more_row = ButtonRow()
        self.import_button = button("")
        self.import_button.clicked.connect(self.import_file)
        self.print_button = button("")
        self.print_button.clicked.connect(self.save_page)
        more_row.addWidget(self.import_button)
        more_row.addWidget(self.print_button)
        self.places_card.body.addLayout(more_row)
        self.sources_title = label("", "subheading")
        self.places_card.body.addWidget(self.sources_title)
        self.sources_rows = QVBoxLayout()
        self.sources_rows.setSpacing(SPACING)
        self.places_card.body.addLayout(self.sources_rows)
        self.content.addWidget(self.places_card)
        self.finish_content()

        self.retranslate()
        self.refresh()

    def title(self) -> str:
        return _("Groups near me")

    def on_changes(self, changes: Changes) -> None:
        """A setting redraws the page only when the page shows it (the country's miles or
        km, the text size); saving the wishes sets five settings and announces GROUPS once."""
        if changes.kinds == Change.SETTINGS and changes.source not in SHOWN_SETTINGS:
            return
        super().on_changes(changes)

    # reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        settings = self.session.settings
        store = self.session.store
        now = self.session.now()
        where = groups.home(settings)
        wish = groups.wishes(settings)
        left = act.energy_left(self.session)
        territory = act.territory(self.session)
        chose_wishes = wish != groups.Wishes()

        self.start_card.setVisible(where is None)
        set_button_text(
            self.start_wishes, _("Change what suits me") if chose_wishes else _("What suits me")
        )
        self.home_card.setVisible(where is not None)
        if where is not None:
            self.home_text.setText(_("Near {place}").format(place=where.name))
        self.wishes_text.setText(self._wishes_words(wish))

        self._fill_visits()

        kinds = groups.match_kinds(wish, left)
        current = self._current_kind()
        self.kinds_model.load(kinds)
        self._select_kind(current)

        count = groups.place_count(store)
        kind = groups.catalogue().kind(self.kind_filter) if self.kind_filter else None
        found = (
            groups.match_places(
                store,
                where,
                wish,
                left,
                territory,
                limit=PLACES_SHOWN,
                kind_id=self.kind_filter,
            )
            if count
            else []
        )
        place_id = self._current_place()
        self.places_model.load(found, territory, now)
        self._select_place(place_id)
        if kind is not None:
            self.places_title.setText(_("Places near you for: {kind}").format(kind=_(kind.title)))
        else:
            self.places_title.setText(_("Places near you"))
        if where is None and count:
            self.places_note.setText(
                _("Set where you live, and the nearest places will come first.")
            )
        elif count:
            self.places_note.setText(
                ngettext(
                    "The best match first, then the nearest. {count} place in your list.",
                    "The best matches first, then the nearest. {count} places in your list.",
                    count,
                ).format(count=i18n.format_number(count))
            )
        self.places_note.setVisible(bool(count))
        self.show_all_button.setVisible(kind is not None)
        has_rows = bool(found)
        self.places_view.setVisible(has_rows)
        self.try_place_button.setVisible(has_rows)
        self.details_button.setVisible(has_rows)
        self.print_button.setVisible(bool(count))
        if not count:
            self.places_empty.setText(
                _(
                    "No places here yet. Add them from a file: a directory from your council or "
                    "library, or a map file from OpenStreetMap."
                )
            )
        elif not has_rows:
            self.places_empty.setText(self._none_shown_words(kind is not None, where is not None))
        self.places_empty.setVisible(not has_rows)
        lines = groups.attributions(store) if has_rows else []
        self.attribution.setText("\n".join(lines))
        self.attribution.setVisible(bool(lines))
        self._fill_sources()
        self._fit_rows()
        tab_in_reading_order(self.scroll.widget())  # the rows drawn again, in their place

    @staticmethod
    def _none_shown_words(one_kind: bool, has_home: bool) -> str:
        """Why the list is empty though places exist, and what can be done about it. It said
        "not close enough to home… Try all places" also with no home set, and also when all
        places were shown already (and far from a new home), with no button to try."""
        if one_kind and has_home:
            return _(
                "None of your places near home has this kind of group. "
                "Choose “Show all places” to see the others."
            )
        if one_kind:
            return _(
                "None of your places has this kind of group. "
                "Choose “Show all places” to see the others."
            )
        return _(
            "None of your places is near your home. Check where you live, "
            "or add places near it from a file."
        )

    def _fill_sources(self) -> None:
        """The files places came from, each with a way to take its places away again."""
        clear_layout(self.sources_rows)
        found = groups.sources(self.session.store)
        self.sources_title.setText(_("Where your places came from"))
        self.sources_title.setVisible(bool(found))
        for source in found:
            row = QWidget()
            column = QVBoxLayout(row)  # the words across the card, the button below them
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(
                label(
                    _("{file}, added on {date}").format(
                        file=i18n.isolate(source.file_name),  # Arabic reads on from the right
                        date=i18n.format_date(source.imported_at.date()),
                    )
                )
            )
            line = ButtonRow()
            column.addLayout(line)
            remove = button(_("Take these places away"))
            remove.setAccessibleName(
                _("Take away the places from {file}").format(file=source.file_name)
            )
            remove.clicked.connect(lambda _c=False, s=source: self.remove_source(s))
            line.addWidget(remove)
            self.sources_rows.addWidget(row)

    def _wishes_words(self, wish: groups.Wishes) -> str:
        names = {i.id: _(i.title) for i in groups.catalogue().interests}
        parts = []
        if wish.interests:
            parts.append(
                _("You enjoy: {interests}.").format(
                    interests=groups.i18n_list(
                        [i18n.in_sentence(names[i]) for i in wish.interests if i in names]
                    )
                )
            )
        parts.append(
            _("Getting about: {how}. Money: {money}.").format(
                how=i18n.in_sentence(_(groups.MOBILITY.get(wish.mobility, ""))),
                money=i18n.in_sentence(_(groups.MONEY.get(wish.budget, ""))),
            )
        )
        return " ".join(parts)

    def _fill_visits(self) -> None:
        clear_layout(self.visits_rows)
        waiting = act.waiting_to_reflect(self.session)
        waiting_ids = {t.id for t in waiting}
        wall = self.session.now().replace(tzinfo=None)
        coming = [
            t
            for t in groups.tries(self.session.store)
            if t.id not in waiting_ids
            and t.went is None
            and t.planned_for is not None
            and t.planned_for > wall
        ]
        going = groups.going_to(self.session.store)
        for tried in waiting[:3]:
            row = QWidget()
            column = QVBoxLayout(row)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(label(_("How did it go at {title}?").format(title=tried.title)))
            actions = ButtonRow()
            tell = button(_("Tell Companion"), "primary")
            tell.setAccessibleName(
                _("Tell Companion how it went at {title}").format(title=tried.title)
            )
            tell.clicked.connect(lambda _c=False, t=tried: self.reflect(t))
            actions.addWidget(tell)
            column.addLayout(actions)
            self.visits_rows.addWidget(row)
        for tried in coming[:3]:
            assert tried.planned_for is not None
            self.visits_rows.addWidget(
                label(
                    _("Your first visit to {title}: {day} at {time}.").format(
                        title=tried.title,
                        day=i18n.format_day(tried.planned_for.date()),
                        time=groups.clock(tried.planned_for.time()),
                    )
                )
            )
        for tried in going[:5]:
            self.visits_rows.addWidget(label(_("You go to {title}.").format(title=tried.title)))
        self.visits_title.setText(_("Your groups"))
        self.visits_card.setVisible(bool(waiting or coming or going))

    def _fit_rows(self) -> None:
        line = max(self.kinds_view.fontMetrics().height(), 1)
        self.kinds_view.setMinimumHeight(int(line * 3.6 * 3))  # three kinds, three lines each
        self.places_view.setMinimumHeight(int(line * 4.6 * 3))  # three places, four lines each

    # selection -----------------------------------------------------------------------------

    def _current_kind(self) -> str | None:
        index = self.kinds_view.currentIndex()
        return str(index.data(KIND_ID_ROLE)) if index.isValid() else None

    def _select_kind(self, kind_id: str | None) -> None:
        row = self.kinds_model.row_of(kind_id) if kind_id else None
        if row is None and self.kinds_model.rowCount():
            row = 0
        if row is not None:
            self.kinds_view.setCurrentIndex(self.kinds_model.index(row, 0))

    def _current_place(self) -> int | None:
        index = self.places_view.currentIndex()
        return int(index.data(PLACE_ID_ROLE)) if index.isValid() else None

    def _select_place(self, place_id: int | None) -> None:
        row = self.places_model.row_of(place_id) if place_id is not None else None
        if row is None and self.places_model.rowCount():
            row = 0
        if row is not None:
            self.places_view.setCurrentIndex(self.places_model.index(row, CARD))

    # actions ---------------------------------------------------------------------------------

    def set_home(self) -> None:
        from ui.dialogs.groups_home import HomeDialog

        HomeDialog(self.session, self).exec()

    def edit_wishes(self) -> None:
        from ui.dialogs.groups_wishes import WishesDialog

        WishesDialog(self.session, self).exec()

    def try_kind(self) -> None:
        kind_id = self._current_kind()
        if kind_id:
            self.try_this(kind_id=kind_id)

    def places_for_kind(self) -> None:
        kind_id = self._current_kind()
        if kind_id:
            self.kind_filter = kind_id
            self.refresh()
            self.places_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_all_places(self) -> None:
        self.kind_filter = None
        self.refresh()
        self.places_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_place(self) -> None:
        place_id = self._current_place()
        if place_id is not None:
            self.try_this(place_id=place_id)

    def try_this(self, *, place_id: int | None = None, kind_id: str = "") -> None:
        from ui.dialogs.groups_try import TryDialog

        TryDialog(self.session, place_id=place_id, kind_id=kind_id, parent=self).exec()

    def open_place(self, index: QModelIndex | None = None) -> None:
        from ui.dialogs.groups_place import PlaceDialog

        place_id = self._current_place()
        if place_id is None:
            return
        dialog = PlaceDialog(self.session, place_id, self)
        dialog.exec()
        if dialog.wants_to_try:
            self.try_this(place_id=place_id)

    def reflect(self, tried: groups.Tried) -> None:
        from ui.dialogs.groups_reflect import ReflectDialog

        ReflectDialog(self.session, tried, self).exec()

    def import_file(self) -> None:
        path = act.choose_file(self)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: object) -> None:
        """Read the file (progress and Cancel), then show what it would add before adding."""
        from pathlib import Path

        from ui.dialogs.groups_import import ImportPreviewDialog

        def preview_ready(preview: groups.PlacesPreview) -> None:
            ImportPreviewDialog(self.session, preview, self).exec()

        act.read_file(self.session, self, Path(str(path)), preview_ready)

    def remove_source(self, source: groups.PlaceSource) -> None:
        act.remove_source(self.session, self, source)

    def save_page(self) -> None:
        act.save_near_me(self.session, self)

    def route(self, route: str) -> None:
        if route == "home":
            self.set_home()
        elif route == "wishes":
            self.edit_wishes()
        elif route == "import":
            self.import_file()

    # words -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.start_text.setText(
            _(
                "Companion can suggest groups and places near you. Two small steps, both "
                "optional: where you live, and what you enjoy."
            )
        )
        set_button_text(self.start_home, _("Set where I live"))
        set_button_text(self.start_wishes, _("What suits me"))
        set_button_text(self.home_button, _("Change where I live"))
        set_button_text(self.wishes_button, _("Change what suits me"))
        self.kinds_title.setText(_("Kinds of group that might suit you"))
        self.kinds_note.setText(
            _("The best matches come first, each with the reasons. Press Enter to try one.")
        )
        self.kinds_view.setAccessibleName(_("Kinds of group that might suit you"))
        set_button_text(self.try_kind_button, _("Try this one"), _("Try the chosen kind of group"))
        set_button_text(self.kind_places_button, _("Places for this kind"))
        self.places_view.setAccessibleName(_("Places near you"))
        set_button_text(self.show_all_button, _("Show all places"))
        set_button_text(self.try_place_button, _("Try this place"), _("Try the chosen place"))
        set_button_text(self.details_button, _("Details and my notes"))
        set_button_text(self.import_button, _("Add places from a file…"))
        set_button_text(self.print_button, _("Save a page to print…"))
        self.kinds_model.retranslate()
        self.places_model.retranslate()

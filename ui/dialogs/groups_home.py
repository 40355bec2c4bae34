"""Where you live: choose your town from the offline list of towns, or type coordinates.

Nothing is looked up online: the towns come from an index on this computer. The
first search builds that index (about ten seconds), off the UI thread, with a
message saying so; what the person types is never kept, only the town chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QProgressBar, QWidget

from companion import groups
from companion.errors import CompanionError
from companion.groups_gazetteer import Gazetteer, Town
from companion.i18n import _
from ui.background import run_in_background
from ui.dialogs.shell import DialogShell
from ui.widgets.common import SPACING, label

if TYPE_CHECKING:
    from ui.session import UiSession

Loader = Callable[[], Gazetteer]


def _default_loader() -> Gazetteer:
    from companion.groups_gazetteer import gazetteer

    return gazetteer()


class HomeDialog(DialogShell):
    def __init__(
        self, session: UiSession, parent: QWidget | None = None, loader: Loader | None = None
    ) -> None:
        super().__init__(_("Where you live"), parent)
        self.session = session
        self.saved: groups.Home | None = None
        self.towns: Gazetteer | None = None
        self._loader = loader or _default_loader
        self._loading = False
        self._open = True
        self.finished.connect(self._closed)
        body = self.body
        current = groups.home(session.settings)
        body.addWidget(
            label(
                _(
                    "Companion measures how far places are from your home. Nothing is looked up "
                    "online: the list of towns is on this computer."
                )
            )
        )
        if current is not None:
            body.addWidget(label(_("Your home now: {place}").format(place=current.name), "muted"))

        search_label = label(_("Start typing the name of your town or village"), "subheading")
        body.addWidget(search_label)
        self.search = QLineEdit()
        self.search.setAccessibleName(_("Name of your town or village"))
        self.search.setPlaceholderText(_("For example: Olney"))
        search_label.setBuddy(self.search)
        self.search.textChanged.connect(self._typed)
        self.search.installEventFilter(self)  # Up and Down choose among the towns found
        body.addWidget(self.search)

        self.waiting = label("", "muted")
        self.waiting.hide()
        body.addWidget(self.waiting)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(_("Getting the list of towns ready"))
        self.busy.setTextVisible(False)
        self.busy.hide()
        body.addWidget(self.busy)

        self.results = QListWidget()
        self.results.setAccessibleName(_("Towns found"))
        self.results.setMinimumHeight(160)
        # a long name ("Olney, PA, United States (about 39,000 people)") wraps, never scrolls
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.itemActivated.connect(lambda _item: self.save())
        body.addWidget(self.results)
        self.nothing = label("", "muted")
        self.nothing.hide()
        body.addWidget(self.nothing)

        coordinates_label = label(_("Or type your home's coordinates"), "subheading")
        body.addWidget(coordinates_label)
        body.addWidget(
            label(
                _("Latitude, then longitude, such as 52.2053, 0.1218. You can leave this empty."),
                "muted",
            )
        )
        self.coordinates = QLineEdit()
        self.coordinates.setAccessibleName(_("Coordinates of your home"))
        coordinates_label.setBuddy(self.coordinates)
        body.addWidget(self.coordinates)

        self.save_button = self.add_button(_("Save"), self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        self.first_field = self.search
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.find)

    def _closed(self) -> None:
        self._open = False

    # the town list -------------------------------------------------------------------------

    def load_towns(self) -> None:
        """Open (the first time: build) the town index off the UI thread."""
        if self.towns is not None or self._loading:
            return
        self._loading = True
        self.waiting.setText(
            _("Getting the list of towns ready. The first time, this takes about ten seconds.")
        )
        self.waiting.show()
        self.busy.show()
        self._keep_in_sight(self.busy)

        def ready(towns: Gazetteer) -> None:
            if not self._open:
                return
            self._loading = False
            self.towns = towns
            self.waiting.hide()
            self.busy.hide()
            self.find()

        def failed(error: BaseException) -> None:
            if not self._open:
                return
            self._loading = False
            self.busy.hide()
            self.waiting.hide()
            self.show_error(
                error.message
                if isinstance(error, CompanionError)
                else _("Companion could not open the list of towns. You can type coordinates.")
            )

        run_in_background(self._loader, ready, failed)

    def _typed(self) -> None:
        self.clear_error()
        if self.towns is None:
            self.load_towns()
        else:
            self._timer.start()

    def find(self) -> None:
        """Search the index for what is typed (a range look-up, never a scan)."""
        if self.towns is None:
            return
        text = self.search.text().strip()
        self.results.clear()
        found: list[Town] = (
            self.towns.search(text, str(self.session.settings.get("country") or ""), limit=12)
            if text
            else []
        )
        for town in found:
            item = QListWidgetItem(town.label())
            item.setData(Qt.ItemDataRole.UserRole, town)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, town.label())
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        self.nothing.setText(
            _("No town of that name in the list. Try the start of the name, or type coordinates.")
        )
        self.nothing.setVisible(bool(text) and not found)
        if text:  # the towns found, or the word that none was, below the field being typed in
            self._keep_in_sight(self.nothing if self.nothing.isVisibleTo(self) else self.results)

    def _keep_in_sight(self, widget: QWidget) -> None:
        """Scroll the answer to the typing into view (at large text it is below the edge),
        keeping the field itself in sight too."""
        self.scroll.ensureWidgetVisible(widget, 0, SPACING)
        self.scroll.ensureWidgetVisible(self.search, 0, SPACING)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            and self.results.count()
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def chosen_town(self) -> Town | None:
        item = self.results.currentItem()
        if item is None:
            return None
        town = item.data(Qt.ItemDataRole.UserRole)
        return town if isinstance(town, Town) else None

    def is_dirty(self) -> bool:
        return bool(self.coordinates.text().strip() or self.results.count())

    # saving --------------------------------------------------------------------------------

    def save(self) -> None:
        from ui import actions_groups

        typed = self.coordinates.text().strip()
        if typed:
            try:
                lat, lon = groups.parse_coordinates(typed)
            except CompanionError as error:
                self.show_error(error.message)
                return
            near = self.towns.nearest(lat, lon) if self.towns is not None else None
            name = near.name if near is not None else _("Home")
        else:
            town = self.chosen_town()
            if town is None:
                self.show_error(
                    _("Please choose your town from the list, or type your home's coordinates.")
                )
                return
            name, lat, lon = town.name, town.lat, town.lon
        self.saved = actions_groups.set_home(self.session, self, name, lat, lon)
        if self.saved is not None:
            self.accept()

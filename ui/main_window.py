"""The main window: a column of large labelled buttons on the left, one page at a time."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from companion.i18n import _
from ui import theme
from ui.context import AppContext
from ui.ops import Changes
from ui.pages.base import Page, keep_in_view
from ui.pages.not_ready import NotReadyPage
from ui.pages.registry import PAGES, spec
from ui.session import UiSession
from ui.widgets.common import SPACING, button, icon, label, set_button_text, window_title
from ui.widgets.reminder_banner import OneLine, ReminderBanner

__all__ = ["PAGES", "MainWindow", "LockedPage", "window_title"]


class TopArea(QScrollArea):
    """As tall as its content; with what else is above the page (the sample's line), at most
    35% of the window; hidden when it has nothing to show.

    A line below it sets it apart from the page. When what it shows changes (a reminder
    falls due, the text grows) it is measured again and shows its beginning, never a row cut
    off above its top edge.

    The area sizes its content itself, always at the viewport's width: Qt's own fitting
    measures at one width and lays out at a few pixels less (room for a scroll bar), and a
    banner row whose buttons go below its words a few pixels narrower was cut.
    """

    SHARE = 0.35  # of the window's height, at most: the page keeps the rest
    folded = False  # folded away while the tour talks about the page below

    def __init__(self, inner: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.others: Callable[[], int] = lambda: 0  # the height of the rest above the page
        self.first_row: Callable[[], QWidget | None] = lambda: None  # shown whole, always
        self.setProperty("role", "top-area")
        # A viewport made here, not by Qt: the first time Python is handed a plain QWidget
        # that Qt made, PySide looks at every kind of widget it might be and builds each
        # one's Python enums on the way (~50 enum types, ~3.5 ms of start-up).
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")  # as QScrollArea's own
        viewport.setBackgroundRole(QPalette.ColorRole.NoRole)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setWidget(inner)
        inner.installEventFilter(self)
        self.viewport().installEventFilter(self)  # a scroll bar came or went: fit again
        for child in inner.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            child.installEventFilter(self)  # shown or hidden while the area is hidden too
        self.setVisible(False)

    def _content_height(self, width: int) -> int:
        inner = self.widget()
        height = (
            inner.heightForWidth(width) if inner.hasHeightForWidth() else inner.sizeHint().height()
        )
        # Never less than the content's least height: its layout would not give it less, and
        # the bottom would be cut.
        return max(height, inner.minimumSizeHint().height())

    def _fit_content(self) -> None:
        width = self.viewport().width()
        if width > 0:
            self.widget().resize(width, self._content_height(width))

    def _wanted(self) -> int:
        height = self._content_height(max(self.viewport().width(), 200))
        height += max(self.height() - self.viewport().height(), 0)  # the line below it
        share = int(self.window().height() * self.SHARE)
        # Never squeezed below a row's height by what else is above (then it scrolls), and
        # the first row always whole, its buttons too: at 200% in German with the sample's
        # line above, "Ansehen" below its two lines of words was cut off.
        least = max(min(share // 2, height), min(self._first_row_bottom(), height))
        return min(height, max(share - self.others(), least))

    def _first_row_bottom(self) -> int:
        """How far down the content the first row ends (with the room below it), or 0."""
        row, inner = self.first_row(), self.widget()
        if row is None or not row.isVisibleTo(inner) or row.width() <= 0:
            return 0
        tall = row.heightForWidth(row.width()) if row.hasHeightForWidth() else -1
        tall = max(tall, row.minimumSizeHint().height())
        top = row.mapTo(inner, QPoint(0, 0)).y()
        return top + tall + top + max(self.height() - self.viewport().height(), 0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self._wanted())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, self._wanted())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if watched is self.viewport():
            if kind == QEvent.Type.Resize:
                self._fit_content()
            return False
        if (watched is self.widget() and kind == QEvent.Type.LayoutRequest) or (
            watched is not self.widget()
            and kind in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent)
        ):
            self.setVisible(self._showing() and not self.folded)
            self.remeasure(again=False)
        return False

    def fold(self, folded: bool) -> None:
        """Fold the area away (the tour shows the page), or bring it back."""
        self.folded = folded
        self.setVisible(self._showing() and not folded)
        self.remeasure(again=False)

    def _showing(self) -> bool:
        inner = self.widget()
        return any(
            child.isVisibleTo(inner)
            for child in inner.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
        )

    def remeasure(self, again: bool = True) -> None:
        """Fit the content again (new rows, another text size) and show it from its top."""
        inner = self.widget()
        layout = inner.layout()
        if again and layout is not None:
            layout.invalidate()  # words measured at the old text size are measured anew
        self.updateGeometry()
        self._fit_content()
        focus = QApplication.focusWidget()
        if focus is None or not inner.isAncestorOf(focus):
            self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.updateGeometry()


class StatusLine(QWidget):
    resized = Signal()  # its height changed: the page above has less (or more) room
    """The sentence after an action, with Undo beside it when it can be undone.

    One line of words with the button on the same line (the words wrap beside the button
    only when the sentence is long), so at 200% text it never takes the page's room.
    """

    def __init__(self, undo: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = label("", "muted")
        self.undo_button = button("")
        self.undo_button.clicked.connect(undo)
        OneLine(self.text, [self.undo_button], parent=self)
        # Its height follows its width (heightForWidth): never capped at the one-line height
        # of its hint, which cut a sentence's second line and Undo's bottom at 200% text. The
        # page above has the stretch, so the line takes no more than it needs.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.hide()

    def say(self, text: str, undo: bool = False) -> None:
        self.text.setText(text)
        self.undo_button.setVisible(undo)
        self.show()
        self.updateGeometry()
        if undo and not isinstance(QApplication.focusWidget(), QAbstractItemView):
            # The keyboard goes to Undo, since the button pressed may be gone with what it
            # did; but a list that acted on its chosen row (Ctrl+L on People) keeps it, so the
            # arrows go on choosing: Ctrl+Z takes the action back from there.
            self.undo_button.setFocus()

    def retranslate(self) -> None:
        set_button_text(self.undo_button, _("Undo"))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().height() != event.oldSize().height():
            self.resized.emit()


def top_first(page: QWidget, stops: list[QWidget]) -> QWidget | None:
    """The control a reader meets first: the highest on the page, then the one at the start
    of its line (the right in right-to-left languages). A page's focus order can differ
    (rows drawn after the button below them)."""

    def place(widget: QWidget) -> tuple[int, int]:
        corner = widget.mapTo(page, QPoint(0, 0))
        start = page.width() - corner.x() - widget.width() if page.isRightToLeft() else corner.x()
        return corner.y(), start

    return min(stops, key=place, default=None)


def tab_stop(widget: QWidget) -> bool:
    """True for a control that Tab can land on now."""
    return (
        widget.isVisible()
        and widget.isEnabled()
        and not widget.isWindow()
        and widget.focusProxy() is None
        and bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
    )


class LockedPage(QWidget):
    """Shown instead of the pages while Companion is locked."""

    unlock_requested = Signal()
    COLUMN = 800  # px: the words' column at most, in the middle of the page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6 * SPACING, 6 * SPACING, 6 * SPACING, 6 * SPACING)
        # The words in a column of their own in the middle, as wide as it may be: a centred
        # layout gave each label the height of its hint, and in Arabic at 200% the heading
        # wrapped to two lines in the room of one, cut at its top and bottom.
        column_box = QWidget()
        column_box.setMaximumWidth(self.COLUMN)
        column = QVBoxLayout(column_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3 * SPACING)
        self.heading = label("", "heading")
        self.text = label("")
        self.button = button("", "primary")
        self.button.clicked.connect(self.unlock_requested.emit)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        column.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column_box, 100)
        row.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Companion is locked"))
        self.text.setText(_("Your data is hidden while you are away."))
        set_button_text(self.button, _("Open my data"))


class MainWindow(QMainWindow):
    close_requested = Signal()  # the app decides: hide to tray, or quit
    unlock_requested = Signal()  # "Open my data" on the locked page

    WANTED = QSize(1100, 760)  # on a large screen; smaller screens get the window maximised
    FRAME_GUESS = QSize(8, 40)  # a window manager's borders and title bar, before it says

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("main-window")
        self.setMinimumSize(640, 480)
        self.resize(self.WANTED)
        self.fit_to_screen()
        self._page_before_lock = "today"  # where unlocking goes back to
        self._page_focus: QWidget | None = None  # the last thing with focus on the page

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)

        self.nav = QFrame()
        self.nav.setProperty("role", "nav")
        self.nav.setAccessibleName(_("Pages"))
        nav_column = QVBoxLayout(self.nav)
        nav_column.setContentsMargins(2 * SPACING, 3 * SPACING, 2 * SPACING, 3 * SPACING)
        nav_column.setSpacing(SPACING)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_buttons: dict[str, QPushButton] = {}

        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}  # built the first time they are shown
        self.session: UiSession | None = None
        for number, entry in enumerate(PAGES, start=1):
            nav_button = button("", "help" if entry.key == "help" else "nav")
            nav_button.setCheckable(True)
            nav_button.setProperty("page", entry.key)
            nav_button.clicked.connect(lambda _checked=False, key=entry.key: self.show_page(key))
            self.nav_group.addButton(nav_button)
            self.nav_buttons[entry.key] = nav_button
            if entry.key == "settings":
                nav_column.addStretch(1)
            if entry.key == "help":
                nav_column.addSpacing(3 * SPACING)
            shortcut = "F1" if entry.key == "help" else f"Ctrl+{number}"
            QShortcut(QKeySequence(shortcut), self, lambda key=entry.key: self.go_to(key))
            nav_column.addWidget(nav_button)

        self._locked_page: LockedPage | None = None  # made the first time Companion locks

        row.addWidget(self.nav)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.banner = ReminderBanner(context.now)
        # On Today, whose first card lists the people to get in touch with, the banner's
        # keep-in-touch line steps aside: it said the same, above the page, and at 200% text
        # in German it took a third of the window on the page one sees first.
        self.banner.nudges_shown_below = self._today_lists_people
        for opens in (self.banner.see_people, self.banner.opened):
            # The page the banner's button opens gets the keyboard, once it is showing.
            opens.connect(lambda: QTimer.singleShot(0, self, self._focus_page_start))
        # Above the pages: in the demo, the one line "This is sample data." with "About this
        # sample"; then the reminder banner, which scrolls in an area of its own that takes
        # at most 35% of the window, so at 200% text it is never squeezed into cut-off
        # words and the page keeps the rest.
        self.top_bar_holder = QVBoxLayout()
        self.top_bar_holder.setContentsMargins(4 * SPACING, SPACING, 4 * SPACING, 0)
        right.addLayout(self.top_bar_holder)
        self.top_bar: QWidget | None = None
        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(4 * SPACING, SPACING, 4 * SPACING, SPACING)
        top_column.addWidget(self.banner)
        self.top_area = TopArea(top)
        self.top_area.others = self._height_above_banner  # the two share one part of the window
        self.top_area.first_row = lambda: next(iter(self.banner.rows), None)
        right.addWidget(self.top_area)
        right.addWidget(self.stack, 1)
        self.status_line = StatusLine(self._undo)
        self.status_line.setContentsMargins(4 * SPACING, SPACING, 4 * SPACING, SPACING)
        self._said_just_now = False  # a sentence from this very moment survives its own move
        right.addWidget(self.status_line)
        # A sentence that wraps to two lines at 200% takes room from the page: whatever has
        # the keyboard there (the chosen person after Ctrl+L) is brought back into sight.
        self.status_line.resized.connect(
            lambda: QTimer.singleShot(0, self, self._keep_focus_in_view)
        )
        QShortcut(QKeySequence.StandardKey.Undo, self, self._undo)
        row.addLayout(right, 1)
        self.setCentralWidget(central)
        context.language_changed.connect(self.retranslate)
        context.setting_changed.connect(self._setting_changed)
        context.show_recovery_code.connect(self._make_recovery_code)
        context.show_page.connect(self._show_requested)
        self._translate_navigation()
        self.status_line.retranslate()
        self._show_parents_button()

    @property
    def locked_page(self) -> LockedPage:
        """The page saying Companion is locked, made when first needed: a start that opens
        the data never shows it (~2 ms of start-up, styled and laid out with the window)."""
        if self._locked_page is None:
            self._locked_page = LockedPage()
            self._locked_page.unlock_requested.connect(self.unlock_requested.emit)
            self.stack.addWidget(self._locked_page)
        return self._locked_page

    def fit_to_screen(self) -> None:
        """The window with its frame and title bar never larger than the screen, and on it.

        On a screen with less room than the window wants (1366×768 and smaller) it is
        maximised, so the window manager's title bar cannot push its bottom edge off the
        screen; its size for "restore" fits too, title bar included.
        """
        screen = self.screen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w = frame.width() - self.width() or self.FRAME_GUESS.width()
        extra_h = frame.height() - self.height() or self.FRAME_GUESS.height()
        width = min(self.width(), room.width() - extra_w)
        height = min(self.height(), room.height() - extra_h)
        self.resize(width, height)
        if width < self.WANTED.width() or height < self.WANTED.height():
            # Restored (a reminder brings the window forward with showNormal) it still
            # fills the screen, frame and title bar inside it.
            width, height = room.width() - extra_w, room.height() - extra_h
            self.resize(width, height)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self.move(
            max(room.left(), min(self.x(), room.right() + 1 - width - extra_w)),
            max(room.top(), min(self.y(), room.bottom() + 1 - height - extra_h)),
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not getattr(self, "_fitted", False):
            self._fitted = True
            # The focus is followed from the first show: kept in sight, and remembered.
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(self._focus_moved)

    # sessions -------------------------------------------------------------------------------

    def start_session(self, session: UiSession) -> None:
        """The data is open: pages for it are built from now on, and listen to its operations."""
        from ui.actions_data import is_demo

        self.session = session
        session.ops.executed.connect(self._changes)
        session.ops.said.connect(self._said)
        self.top_bar = None
        if is_demo(session):  # the tour's module is loaded for the demo only, not every start
            from ui.tour import sample_data_bar

            self.top_bar = sample_data_bar(session, self)
        if self.top_bar is not None:
            self.top_bar_holder.addWidget(self.top_bar)
        for page in self.pages.values():
            if hasattr(page, "set_session"):
                page.set_session(session)
        self._show_parents_button()
        self.show_page(self._page_before_lock)  # where the person was before locking

    def end_session(self) -> None:
        """The data is closed: every page that showed it goes, with its signals."""
        if self.current_page() in self.nav_buttons:
            self._page_before_lock = self.current_page()
        self.status_line.hide()
        self.session = None
        if self.top_bar is not None:
            self.top_bar.hide()  # at once: deleted later, it showed above "Companion is locked"
            self.top_bar.deleteLater()
            self.top_bar = None
        for key, page in list(self.pages.items()):
            if spec(key).lock == "none":
                if hasattr(page, "set_session"):
                    page.set_session(None)
                continue
            self.stack.removeWidget(page)
            page.deleteLater()
            del self.pages[key]
        self._show_locked()
        self.locked_page.button.setFocus()  # Enter on "Open my data" opens it again
        self._show_parents_button()

    def _height_above_banner(self) -> int:
        bar = self.top_bar
        if bar is None or not isValid(bar) or not bar.isVisibleTo(self):
            return 0
        return bar.height()

    def fold_top(self, folded: bool) -> None:
        """While the tour shows a page, the banner and the sample's line step aside for it."""
        focus = self.focusWidget()  # this window's, even while the tour's window is active
        current = self.nav_buttons.get(self.current_page())
        for above in (self.top_area, self.top_bar):
            if folded and above is not None and focus is not None and above.isAncestorOf(focus):
                if current is not None:
                    current.setFocus()  # not somewhere in the middle of the page
        self.top_area.fold(folded)
        if self.top_bar is not None:
            self.top_bar.setVisible(not folded)

    def _show_locked(self) -> None:
        """While locked: only Today (which shows "Companion is locked") and Get help."""
        self.stack.setCurrentWidget(self.locked_page)
        self.banner.recheck()
        # No page is shown, so none is marked as chosen (Today was, over the locked screen).
        self.nav_group.setExclusive(False)
        for nav_button in self.nav_buttons.values():
            nav_button.setChecked(False)
        self.nav_group.setExclusive(True)
        self.setWindowTitle(window_title(_("Locked")))  # not "Companion is locked — Companion"

    def _show_parents_button(self) -> None:
        """The parent view is in the navigation only when it is turned on in Settings.

        While Companion is locked the pages' buttons are hidden but Today and Get help.
        """
        for entry in PAGES:
            if entry.key not in ("parents", "today", "help"):
                self.nav_buttons[entry.key].setVisible(self.session is not None)
        on = self.session is not None and bool(self.context.settings.get("parent_view"))
        self.nav_buttons["parents"].setVisible(on)

    def _changes(self, changes: Changes) -> None:
        for page in list(self.pages.values()):
            page.on_changes(changes)
        self.banner.recheck()  # Today may list the people now, or no longer

    def _today_lists_people(self) -> bool:
        page = self.stack.currentWidget()
        return (
            isinstance(page, Page)
            and page.key == "today"
            and bool(getattr(page, "people_listed", False))
        )

    def _said(self, text: str, undo: object) -> None:
        self.status_line.say(text, undo is not None)
        # An action that says something and then opens another page (a worrying check opens
        # Get help) keeps its sentence: only a later move to another page lets it go.
        from PySide6.QtCore import QTimer

        self._said_just_now = True
        QTimer.singleShot(0, self, self._settle_said)

    def _settle_said(self) -> None:
        self._said_just_now = False

    def _undo(self) -> None:
        if self.session is not None and self.session.ops.last_undo is not None:
            self.session.ops.undo(self)
            self._focus_back_on_page()
            QTimer.singleShot(0, self, self._focus_back_on_page)  # after the page's redraw

    # focus ------------------------------------------------------------------------------

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Whatever gets the focus is scrolled into sight; on the page, it is remembered."""
        if new is None or not isValid(self) or new.window() is not self:
            return
        keep_in_view(new)
        if self.stack.isAncestorOf(new):
            self._page_focus = new

    def _keep_focus_in_view(self) -> None:
        """The page's focus in sight again, after the room around the page changed."""
        if not isValid(self):
            return
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self and self.stack.isAncestorOf(focus):
            keep_in_view(focus)

    def _focus_back_on_page(self) -> None:
        """After Undo the focus goes back where the person was on the page (or to its first
        control), never to the status line's hidden Undo or the buttons above the page."""
        if not isValid(self):
            return
        page = self.stack.currentWidget()
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is not self:
            return  # a dialog or a message box has it
        if focus is not None and page.isAncestorOf(focus) and tab_stop(focus):
            return  # still on the page
        target = self._page_focus
        if target is None or not isValid(target) or not page.isAncestorOf(target):
            target = None
        if target is None or not tab_stop(target):
            target = next(iter(self._tab_stops([page])[0]), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tab_stops(
        self, groups: list[QWidget], current: QWidget | None = None
    ) -> list[list[QWidget]]:
        """Each group's controls that Tab lands on, in the window's focus order."""
        found: list[list[QWidget]] = [[] for _ in groups]
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            for number, group in enumerate(groups):
                if group.isAncestorOf(widget):
                    if widget is current or tab_stop(widget):
                        found[number].append(widget)
                    break
            widget = widget.nextInFocusChain()
        return found

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        """Tab goes from the pages' buttons into the page, then to the reminders and the
        sample's bar above the page, then the status line: the page's content comes first."""
        current = QApplication.focusWidget()
        groups: list[QWidget] = [self.nav, self.stack, self.top_area, self.status_line]
        if self.top_bar is not None:
            groups.insert(2, self.top_bar)
        ring = [widget for group in self._tab_stops(groups, current) for widget in group]
        if current not in ring or len(ring) < 2:
            return super().focusNextPrevChild(forward)
        here = ring.index(current)
        after = (
            ring[here + 1 :] + ring[:here]
            if forward
            else ring[:here][::-1] + ring[here + 1 :][::-1]
        )
        target = next((widget for widget in after if tab_stop(widget)), None)
        if target is None:
            return False
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    # navigation ---------------------------------------------------------------

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return widget.key if isinstance(widget, Page) else "locked"

    def page(self, key: str) -> Page:
        """The page for ``key``, built on first use so start-up only pays for Today."""
        page = self.pages.get(key)
        if page is None:
            entry = spec(key)
            if entry.where is None:
                page = NotReadyPage(entry.key, entry.title, entry.sentence)
            else:
                # Imported on first use: start-up pays only for Today.
                module, name = entry.where.split(":")
                cls = getattr(importlib.import_module(module), name)
                page = cls(self.context) if entry.lock == "none" else cls(self.session)
                if entry.lock == "none" and hasattr(page, "set_session"):
                    page.set_session(self.session)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def show_page(self, key: str, route: str = "") -> None:
        if self.session is None and spec(key).lock != "none":
            self._show_locked()
            return
        page = self.page(key)
        if page is not self.stack.currentWidget() and not self._said_just_now:
            # What was said was about the page the person left: it goes with it. Its Undo
            # still works with Ctrl+Z until the next action.
            self.status_line.hide()
        self.stack.setCurrentWidget(page)
        self.nav_buttons[key].setChecked(True)
        self.setWindowTitle(window_title(page.title()))
        if route:
            page.route(route)
        self.banner.recheck()

    def go_to(self, key: str) -> None:
        """A page by its shortcut (Ctrl+1…8, F1): the keyboard goes with the eye, onto the
        page's first control (or its heading), not left on the pages' buttons."""
        # First on the page's own button: when the page before hides, Qt would otherwise
        # pass its focus along to any control of the next page.
        self.nav_buttons[key].setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.show_page(key)
        self._focus_page_start()

    def _focus_page_start(self) -> None:
        """The keyboard on the page's first control, the page shown from its top."""
        if not isValid(self):
            return
        page = self.stack.currentWidget()
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self and page.isAncestorOf(focus):
            return  # the page put it somewhere itself (Get help: on Call)
        central = self.centralWidget().layout()
        if central is not None:
            # The room the page has now: the line above it may have just gone (Today lists
            # the people itself). Measured before, the page was scrolled for the room it had
            # with the line, and Today's first card showed only the last word of its title.
            central.activate()
        if isinstance(page, Page):
            page.scroll.verticalScrollBar().setValue(0)  # from its top: the heading in sight
        first = top_first(page, self._tab_stops([page])[0])
        if first is None and isinstance(page, Page):
            first = page.heading  # nothing to press: the page's name is read out
        if first is None:
            first = page
        if isinstance(first, QLineEdit):
            # A field is not selected on arrival (Settings' name): a key typed by chance
            # would replace it. Qt selects a field's text only for Tab and shortcut focus.
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            first.deselect()
            return
        first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_requested(self, key: str, route: str) -> None:
        self.show_page(key, route)

    def _make_recovery_code(self) -> None:
        self.show_page("settings", "recovery-code")

    # look and words -------------------------------------------------------------

    def _setting_changed(self, key: str, _value: object) -> None:
        if key in ("high_contrast", "text_scale"):
            self._paint_icons()
        if key == "text_scale":  # the reminders and the sample's bar are measured again
            QTimer.singleShot(0, self, self.top_area.remeasure)
        if key == "parent_view":
            self._show_parents_button()

    def _paint_icons(self) -> None:
        p = theme.palette_for(bool(self.context.settings.get("high_contrast")))
        side = int(28 * int(self.context.settings.get("text_scale")) / 100)  # icons grow with text
        for nav_button in self.nav_buttons.values():
            nav_button.setIconSize(QSize(side, side))
        for entry in PAGES:
            if entry.key == "help":
                drawn = icon(entry.icon, p.on_help, checked_color=p.on_help_current)
            else:
                drawn = icon(entry.icon, p.text, checked_color=p.nav_checked_text)
            self.nav_buttons[entry.key].setIcon(drawn)

    def _translate_navigation(self) -> None:
        self.nav.setAccessibleName(_("Pages"))
        self._paint_icons()
        for number, entry in enumerate(PAGES, start=1):
            shortcut = "F1" if entry.key == "help" else f"Ctrl+{number}"
            set_button_text(
                self.nav_buttons[entry.key],
                _(entry.title),
                _("Go to {page} ({shortcut})").format(page=_(entry.title), shortcut=shortcut),
            )
            self.nav_buttons[entry.key].setToolTip(shortcut)

    def retranslate(self, _language: str = "") -> None:
        self._translate_navigation()
        for page in self.pages.values():
            page.retranslate()
            page.redraw()  # words that come from the data, in the new language
        if self._locked_page is not None:
            self._locked_page.retranslate()
        self.status_line.retranslate()
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            self.setWindowTitle(window_title(current.title()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.top_area.updateGeometry()  # it takes at most a share of the window's height

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.close_requested.emit()
        event.setAccepted(getattr(self, "_allow_close", True))

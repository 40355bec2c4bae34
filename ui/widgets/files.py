"""Saving and opening files, the one way for every place that does it.

Saving goes to a plain default place first: the person's Documents folder, with a
name in words ("companion-backup-2026-12-04"), never over a file that is there.
What is said afterwards names the file and the folder in words, not as a path.
Where the person chooses a place, the chooser is Qt's own (or the desktop's),
sized to the screen and with plain labels, so it fits at large text.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QListView, QSplitter, QWidget

from companion.i18n import N_, _


def documents_folder() -> Path:
    """The person's Documents folder (made if missing), else their home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return folder


def free_path(folder: Path, name: str) -> Path:
    """``folder / name``, or "name (2)", "name (3)"… when that is taken: never over a file."""
    wanted = folder / name
    stem, suffix = _split(name)
    number = 2
    while wanted.exists():
        wanted = folder / f"{stem} ({number}){suffix}"
        number += 1
    return wanted


def _split(name: str) -> tuple[str, str]:
    """ "companion-backup-2026-12-04", ".companion-backup" (one suffix, as people see it)."""
    path = Path(name)
    return (path.stem, path.suffix) if path.suffix else (name, "")


def plain_name(path: Path) -> str:
    """The file's name as a person reads it: without the ending ("companion-backup-2026-12-04")."""
    return _split(path.name)[0]


def where_words(path: Path) -> str:
    """Which folder ``path`` is in, in words: "your Documents folder", "the folder “Backups”"."""
    folder = path.parent
    if folder == documents_folder():
        return _("your Documents folder")
    if folder == Path.home():
        return _("your home folder")
    return _("the folder “{folder}”").format(folder=folder.name or str(folder))


def saved_words(path: Path) -> str:
    """ "Saved in your Documents folder as “companion-backup-2026-12-04”." """
    return _("Saved in {place} as “{name}”.").format(place=where_words(path), name=plain_name(path))


def move_to(made: Path, target: Path) -> Path:
    """Move a file or folder that was just saved to the place the person chose."""
    if target.resolve() == made.resolve():
        return made
    if made.is_file() and made.suffix and not target.name.endswith(made.suffix):
        target = target.with_name(target.name + made.suffix)
    shutil.move(str(made), str(target))
    return target


# --- the choosers ------------------------------------------------------------------------


# The kinds of file, named once in plain words: a chooser shows these names, never the
# patterns ("*.csv *.json *.geo…"). A caller's kind is known by its patterns; one not known
# here keeps the caller's own name.
_PLAIN_KINDS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"*.osm", "*.geojson"}), N_("Places from a list or a map")),
    (frozenset({"*.vcf", "*.vcard"}), N_("Lists of people")),
    (frozenset({"*.ics"}), N_("Calendars")),
    (frozenset({"*.pdf"}), N_("Pages to print (PDF)")),
    (frozenset({"*.companion-backup"}), N_("Companion backups")),
)
_KIND = re.compile(r"^(?P<name>.*?)\s*\((?P<patterns>[^()]*)\)\s*$")


def plain_kinds(kinds: str) -> list[str]:
    """Qt's name filters (``"Contacts (*.vcf *.csv);;All files (*)"``) with each kind named
    in plain words ("Lists of people (*.vcf *.csv)"); the chooser hides the patterns."""
    named = []
    for kind in filter(None, (part.strip() for part in kinds.split(";;"))):
        found = _KIND.match(kind)
        if found is None:
            named.append(kind)
            continue
        patterns = found["patterns"].split()
        if patterns == ["*"]:
            name = _("All files")
        else:
            known = (_(words) for marks, words in _PLAIN_KINDS if marks & set(patterns))
            name = next(known, found["name"])
        named.append(f"{name} ({' '.join(patterns)})")
    return named


_forgotten: list[str] = []


def forget_visited_folders() -> None:
    """Qt's chooser writes the folders a person visited into ~/.config/QtProject.conf, in
    plain text, when it closes. Companion keeps nothing readable outside its encrypted
    store, so Qt's own settings go to a private folder of this run, removed at the end."""
    if _forgotten:
        return
    place = tempfile.mkdtemp(prefix="companion-qt-")  # readable by this user only
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, place)
    _forgotten.append(place)
    atexit.register(shutil.rmtree, place, True)


def _dialog(parent: QWidget | None, title: str, start: Path, kinds: str) -> QFileDialog:
    forget_visited_folders()
    dialog = QFileDialog(parent, title, str(start))
    if kinds:
        dialog.setNameFilters(plain_kinds(kinds))
    # The kinds in words only: "(*.csv *.json *.geo…" is jargon, and it was cut at large text.
    dialog.setOption(QFileDialog.Option.HideNameFilterDetails, True)
    dialog.setViewMode(QFileDialog.ViewMode.List)  # no columns to cut at large text
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, _("Folder:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, _("Name:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, _("Kind:"))
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, _("Cancel"))
    places = [documents_folder(), Path.home()]  # the two places a person knows, on the left
    dialog.setSidebarUrls([QUrl.fromLocalFile(str(place)) for place in dict.fromkeys(places)])
    fit_file_dialog(dialog)
    fit_side_bar(dialog)
    return dialog


def fit_side_bar(dialog: QFileDialog) -> None:
    """The places on the left whole ("Documents", not "Docu…" at 200% text), up to a third of
    the dialog; the line between it and the files can still be dragged wider."""
    side = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    model = side.model() if side is not None else None
    if side is None or splitter is None or model is None:
        return  # the desktop's own chooser: it lays itself out
    side.ensurePolished()
    metrics = side.fontMetrics()
    names = (str(model.index(row, 0).data() or "") for row in range(model.rowCount()))
    widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
    scroll_bar = side.verticalScrollBar().sizeHint().width()
    # The text, its picture, the space around both and the list's frame.
    wanted = widest + side.iconSize().width() + 4 * side.spacing() + 2 * side.frameWidth()
    wanted += 3 * metrics.averageCharWidth() + scroll_bar
    wanted = min(wanted, dialog.width() // 3)
    side.setMinimumWidth(wanted)
    sizes = splitter.sizes()
    if len(sizes) == 2 and sizes[0] < wanted:
        splitter.setSizes([wanted, max(sum(sizes) - wanted, 1)])


def fit_file_dialog(dialog: QFileDialog) -> None:
    """Most of the screen, so large text is not cut; the desktop's own chooser sizes itself."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    dialog.setMaximumSize(room.width(), room.height())
    dialog.resize(int(room.width() * 0.9), int(room.height() * 0.9))
    frame = dialog.frameGeometry()
    frame.moveCenter(room.center())
    dialog.move(frame.topLeft())


def _chosen(dialog: QFileDialog) -> Path | None:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return None
    files = dialog.selectedFiles()
    return Path(files[0]) if files and files[0] else None


def ask_save_path(
    parent: QWidget | None, title: str, suggested: Path | str, kinds: str
) -> Path | None:
    """Where to save: starts in the folder of ``suggested`` with its name filled in."""
    suggested = Path(suggested)
    if not suggested.is_absolute():
        suggested = documents_folder() / suggested
    dialog = _dialog(parent, title, suggested.parent, kinds)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Save"))
    dialog.selectFile(suggested.name)
    return _chosen(dialog)


def ask_open_path(
    parent: QWidget | None, title: str, kinds: str, start: Path | None = None
) -> Path | None:
    """Which file to open: starts in ``start`` (the Documents folder unless said)."""
    dialog = _dialog(parent, title, start or documents_folder(), kinds)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Open"))
    return _chosen(dialog)


def ask_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    """Which folder: starts in ``start`` (the Documents folder unless said)."""
    dialog = _dialog(parent, title, start or documents_folder(), "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Choose"))
    return _chosen(dialog)


# --- what was saved, with a way to put it elsewhere --------------------------------------------


def read_out(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` now (shown text is not read by itself)."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    widget.setAccessibleDescription(text)
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


class SavedNote(QWidget):
    """ "Saved in your Documents folder as “…”." with "Save it somewhere else…" beside it.

    ``show_saved(path, …)`` after something was saved in the default place; the
    button asks for another place (``ask_save_path`` or, for a folder, ``ask_folder``)
    and moves it there. ``say(text)`` shows other words (a check's result, a problem)
    without the button. Either way the note is scrolled into sight and read out.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QVBoxLayout

        from ui.widgets.common import FlowLayout, button, label

        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.text = label("", selectable=True)
        column.addWidget(self.text)
        row = FlowLayout()
        self.elsewhere_button = button("")
        self.elsewhere_button.clicked.connect(self.save_elsewhere)
        row.addWidget(self.elsewhere_button)
        column.addLayout(row)
        self.path: Path | None = None
        self.title = ""
        self.kinds = ""
        self.after = ""  # words said after "Saved in …" (for example what opens it)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        from ui.widgets.common import set_button_text

        set_button_text(self.elsewhere_button, _("Save it somewhere else…"))
        self.elsewhere_button.setToolTip(
            _("Choose another folder or name; the file is moved there.")
        )

    def say(self, text: str) -> None:
        self.path = None
        self._show(text)

    def show_saved(self, path: Path, title: str, kinds: str = "", after: str = "") -> None:
        self.path, self.title, self.kinds, self.after = path, title, kinds, after
        self._show(self._words())

    def _words(self) -> str:
        assert self.path is not None
        return " ".join(part for part in (saved_words(self.path), self.after) if part)

    def _show(self, text: str) -> None:
        self.text.setText(text)
        self.text.setAccessibleName(text)
        self.elsewhere_button.setVisible(self.path is not None)
        self.show()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self._into_sight)  # once the words are laid out
        read_out(self.text, text)

    def _into_sight(self) -> None:
        from PySide6.QtWidgets import QScrollArea

        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        if isinstance(widget, QScrollArea):
            widget.ensureWidgetVisible(self, 0, 0)

    def save_elsewhere(self) -> None:
        made = self.path
        if made is None:
            return
        if made.is_dir():
            folder = ask_folder(self, self.title, made.parent)
            target = None if folder is None else free_path(folder, made.name)
        else:
            target = ask_save_path(self, self.title, made, self.kinds)
        if target is None:
            return
        try:
            self.path = move_to(made, target)
        except OSError:
            self.text.setText(
                _("Companion could not put it there. It is still in {place}.").format(
                    place=where_words(made)
                )
            )
            return
        self._show(self._words())
        self.elsewhere_button.setFocus()

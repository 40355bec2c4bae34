"""Showing a recovery code: large, copyable, printable, and confirmed as kept."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QTextDocument
from PySide6.QtWidgets import QDialog, QScrollArea, QVBoxLayout, QWidget

from companion.i18n import _
from ui.dialogs.shell import DialogShell
from ui.widgets.common import SPACING, CheckBox, FlowLayout, button, label


def recovery_explanation() -> str:
    return _(
        "This code opens your data if the usual way in is ever lost: if your computer's "
        "password store is reset, you forget your password, or you move to a new computer. "
        "Write it down or print it, and keep it somewhere safe away from the computer. "
        "Anyone who has it can open your data."
    )


def shown_code(code: str) -> str:
    """The code as it is shown, with a place to break the line after each "-" (a zero-width
    space): a line may not break at "-" before a digit, so a code whose groups start with
    digits was one word, wider than the window at 200% text on a small screen. Only what is
    shown: what is copied, printed and read out is the code itself (and a code typed or pasted
    back is read without anything but its letters and numbers)."""
    return code.replace("-", "-\u200b")


class RecoveryCodePanel(QWidget):
    """The code and its buttons; used in setup and in the dialog from Settings."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2 * SPACING)
        self.explanation = label(recovery_explanation())
        layout.addWidget(self.explanation)
        self.code_label = label(shown_code(code), "code", selectable=True)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code_label.setAccessibleName(_("Your recovery code"))
        self.code_label.setAccessibleDescription(" ".join(code.replace("-", " ")))
        layout.addWidget(self.code_label)
        row = FlowLayout()
        self.copy_button = button(_("Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.print_button = button(_("Print…"))
        self.print_button.clicked.connect(self.print_code)
        row.addWidget(self.copy_button)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        self.status = label("", "muted")
        self.status.hide()  # no empty gap between the buttons and the tick box
        layout.addWidget(self.status)
        self.kept = CheckBox(_("I have written it down or printed it"))
        self.kept.setAccessibleName(_("I have written it down or printed it"))
        layout.addWidget(self.kept)
        self.kept.box.installEventFilter(self)  # the box itself has the keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Enter on "I have written it down" ticks it (then Enter again is Done or Finish):
        the button after it cannot be pressed before, so Enter there did nothing at all. Here
        in the panel, so setup's last step answers Enter as the dialog from Settings does."""
        if (
            watched is self.kept.box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.kept.isChecked()
            and self.kept.isEnabled()
        ):
            self.kept.setChecked(True)
            return True
        return super().eventFilter(watched, event)

    def say(self, words: str) -> None:
        """The words show under Copy and Print and are scrolled into sight: at 200% they
        opened below the fold and Print… seemed to do nothing."""
        self.status.setText(words)
        self.status.setAccessibleName(words)
        self.status.show()
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            area = parent
            status = self.status

            def show_them() -> None:
                if shiboken6.isValid(area) and shiboken6.isValid(status):
                    area.ensureWidgetVisible(status, 0, SPACING)

            show_them()
            QTimer.singleShot(0, area, show_them)  # again once the words have their room
            QTimer.singleShot(50, area, show_them)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self.say(_("Copied. Paste it somewhere safe, then clear it from the clipboard."))

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setPlainText(
            _("Companion recovery code") + "\n\n" + self.code + "\n\n" + recovery_explanation()
        )
        return doc

    def print_code(self) -> None:
        """On a printer, never into a file: a file with the code in it would lie on the disk
        unencrypted, and Qt's "print to file" wrote print.pdf into the home folder while
        saying "Sent to the printer". With no printer set up, it says so plainly."""
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        if not has_printer():
            self.say(
                _(
                    "No printer is set up on this computer, so Companion cannot print it. "
                    "Please write the code down by hand."
                )
            )
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        dialog.setWindowTitle(_("Print your recovery code"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
            self.say(_("Nothing was printed. Please choose a printer, or write the code down."))
            return
        self.document().print_(printer)
        self.say(_("Sent to the printer."))


def has_printer() -> bool:
    """True when the computer has a printer to send the code to."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return bool(QPrinterInfo.availablePrinterNames())


class RecoveryCodeDialog(DialogShell):
    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Your new recovery code"), parent)
        self.setModal(True)
        self.body.addWidget(label(_("Your old recovery code no longer works.")))
        self.panel = RecoveryCodePanel(code)
        self.body.addWidget(self.panel)
        self.done_button = self.add_button(_("Done"), self.accept, "primary", default=True)
        self.done_button.setEnabled(False)
        self.panel.kept.toggled.connect(self.done_button.setEnabled)
        self.first_field = self.panel.kept
        # The tick box has the keys, and the words above it are read first: at 200% text in
        # German the dialog opened scrolled to the box, the explanation's start cut away.
        self.open_at_the_start()

    def reject(self) -> None:
        # Closing without ticking is allowed: the code still works; Today reminds later.
        super().reject()

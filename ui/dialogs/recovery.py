"""Showing a recovery code: large, copyable, printable, and confirmed as kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

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
        self.code_label = label(code, "code", selectable=True)
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
        layout.addWidget(self.status)
        self.kept = CheckBox(_("I have written it down or printed it"))
        self.kept.setAccessibleName(_("I have written it down or printed it"))
        layout.addWidget(self.kept)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self.status.setText(_("Copied. Paste it somewhere safe, then clear it from the clipboard."))

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setPlainText(
            _("Companion recovery code") + "\n\n" + self.code + "\n\n" + recovery_explanation()
        )
        return doc

    def print_code(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print your recovery code"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)
            self.status.setText(_("Sent to the printer."))


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

    def reject(self) -> None:
        # Closing without ticking is allowed: the code still works; Today reminds later.
        super().reject()

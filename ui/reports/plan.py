"""The counsellor's connection plan, drawn to a PDF in large print.

The content is ``companion.plan.build_plan`` (plain data); this module only
draws it: at least 14 pt (body 16 pt), aligned to the start of the line, line
spacing 1.5, no italics and no capitals for emphasis, in the person's
language and right to left in Arabic, with text a reader can copy or read
aloud. ``write_plan`` also runs for ``companion export plan FILE`` without a
window (the launcher hands it over; see ``companion.cli``).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCharFormat, QTextDocument

from companion import plan as plan_data
from companion.i18n import _
from companion.plan import Plan
from companion.profile import Unlocked
from ui.reports import BODY_POINTS, Report, write_pdf

PLAN_BODY_POINTS = 16.0  # large print: the smallest text on the page is 16 pt
LINE_SPACING = 150  # percent of the line's height
_SCALE = PLAN_BODY_POINTS / BODY_POINTS
MAX_PAGES = 20  # never shrink the print to fit: a longer plan just has more pages


class LargePrint(Report):
    """A ``Report`` in large print: bigger type, 1.5 line spacing, more room between parts."""

    def __init__(self, title: str, *, rtl: bool | None = None) -> None:
        super().__init__(title, rtl=rtl)
        self.headings: list[int] = []  # block numbers of the section headings

    def keep_headings_with_text(self) -> None:
        """A heading never ends a page: it moves to the next page with its first line."""
        from PySide6.QtCore import QBuffer, QIODevice, QSizeF
        from PySide6.QtGui import QPdfWriter, QTextCursor, QTextFormat

        from ui.reports import RESOLUTION, _page_layout

        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(_page_layout())
        self._measuring = (buffer, writer)  # kept while the layout refers to it
        document = self.document
        layout = document.documentLayout()
        layout.setPaintDevice(writer)
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        document.setPageSize(QSizeF(page.width(), page.height()))
        height = float(page.height())
        _lay_out_from(document, 0)
        for number in self.headings:
            block = document.findBlockByNumber(number)
            following = block.next()
            if not following.isValid() or following.layout().lineCount() == 0:
                continue
            top = _line_top(block)
            first = _line_top(following) + following.layout().lineAt(0).height()
            if int(first // height) != int(top // height):
                moved = block.blockFormat()
                moved.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(moved)
                _lay_out_from(document, block.position())  # what follows has moved down

    def _block(self, space_before: float = 0, space_after: float = 4) -> QTextBlockFormat:
        block = super()._block(space_before * 1.5, space_after * 2)
        block.setLineHeight(LINE_SPACING, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return block

    @staticmethod
    def _chars(points: float = BODY_POINTS, bold: bool = False) -> QTextCharFormat:
        chars = Report._chars(max(points, BODY_POINTS) * _SCALE, bold)
        chars.setFontItalic(False)
        return chars


def _lay_out_from(document: QTextDocument, position: int) -> None:
    """Lay the document out again from ``position`` now (Qt does it lazily otherwise)."""
    document.markContentsDirty(position, document.characterCount() - position)
    document.pageCount()


def _line_top(block: QTextBlock) -> float:
    """Where the block's first line is drawn (its margin may lie on the page before)."""
    lines = block.layout()
    return float(lines.position().y() + lines.lineAt(0).y())


def plan_report(made: Plan, *, rtl: bool | None = None) -> LargePrint:
    report = LargePrint(made.title, rtl=rtl)
    # One edit block: the document is laid out once at the end, not after every line
    # (line by line, a list of a thousand people took seconds, ten thousand minutes).
    report.cursor.beginEditBlock()
    try:
        report.heading(made.title, 1)
        report.paragraph(made.subtitle)
        for part in made.sections:
            report.heading(part.title)
            report.headings.append(report.cursor.block().blockNumber())
            if part.note:
                report.paragraph(part.note)
            if part.lines:
                report.bullets(part.lines)
    finally:
        report.cursor.endEditBlock()
    return report


def ensure_gui() -> None:
    """Fonts and PDFs need a QGuiApplication; the command line has none, and no screen."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        ensure_gui.app = QGuiApplication(["companion"])  # type: ignore[attr-defined]


def write_plan(unlocked: Unlocked, path: Path, now: datetime) -> int:
    """Write the plan to ``path`` (a PDF); the number of pages.

    Runs on any thread: the document, the PDF writer and the painter are made,
    used and deleted on the thread that calls it, and nothing touches a widget
    or a pixmap (Qt's text classes are reentrant; painting on a PDF writer is
    allowed outside the GUI thread). ``ensure_gui`` and ``prepare_fonts`` must
    have run on the GUI thread first.
    """
    ensure_gui()
    made = plan_data.build_plan(unlocked.store, unlocked.settings, now)
    return write_made_plan(made, path)


def write_made_plan(made: Plan, path: Path) -> int:
    """Draw a plan already built to ``path``; the number of pages."""
    report = plan_report(made)
    try:
        report.keep_headings_with_text()
        return write_pdf(report, path, fit_pages=MAX_PAGES)
    finally:
        _dispose(report)


def prepare_fonts() -> None:
    """Load the bundled fonts on the GUI thread, before a plan is drawn on another."""
    from ui.reports import font_families

    ensure_gui()
    font_families()


def _dispose(report: LargePrint) -> None:
    """Delete the report's Qt objects now, on this thread.

    The report and its picture handler refer to each other, so Python would
    free them in a later collection on the UI thread; a Qt object should die
    on the thread that made it.
    """
    from shiboken6 import Shiboken

    measuring = getattr(report, "_measuring", ())
    for made in (report.document, report._handler, *reversed(measuring)):
        if Shiboken.isValid(made):
            Shiboken.delete(made)
    report.__dict__.pop("_measuring", None)


def default_file_name() -> str:
    return _("my-connection-plan") + ".pdf"

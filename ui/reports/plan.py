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

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat

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

    def _block(self, space_before: float = 0, space_after: float = 4) -> QTextBlockFormat:
        block = super()._block(space_before * 1.5, space_after * 2)
        block.setLineHeight(LINE_SPACING, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return block

    @staticmethod
    def _chars(points: float = BODY_POINTS, bold: bool = False) -> QTextCharFormat:
        chars = Report._chars(max(points, BODY_POINTS) * _SCALE, bold)
        chars.setFontItalic(False)
        return chars


def plan_report(made: Plan, *, rtl: bool | None = None) -> LargePrint:
    report = LargePrint(made.title, rtl=rtl)
    report.heading(made.title, 1)
    report.paragraph(made.subtitle)
    for part in made.sections:
        report.heading(part.title)
        if part.note:
            report.paragraph(part.note)
        if part.lines:
            report.bullets(part.lines)
    return report


def ensure_gui() -> None:
    """Fonts and PDFs need a QGuiApplication; the command line has none, and no screen."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        ensure_gui.app = QGuiApplication(["companion"])  # type: ignore[attr-defined]


def write_plan(unlocked: Unlocked, path: Path, now: datetime) -> int:
    """Write the plan to ``path`` (a PDF); the number of pages."""
    ensure_gui()
    made = plan_data.build_plan(unlocked.store, unlocked.settings, now)
    return write_pdf(plan_report(made), path, fit_pages=MAX_PAGES)


def default_file_name() -> str:
    return _("my-connection-plan") + ".pdf"

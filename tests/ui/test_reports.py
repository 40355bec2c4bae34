"""Printed reports: a real PDF, its text readable, the bundled font, Arabic right to left."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter

from companion.errors import CompanionError
from companion.parents import Highlight, Summary, Trend
from companion.parents_content import content
from ui.reports import SMALLEST_POINTS, Report, font_families, render_pdf, write_pdf
from ui.reports.parents import section_titles, summary_report

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return unicodedata.normalize("NFKC", " ".join(out.split()))


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_the_bundled_fonts_load_with_their_licence(qapp):
    families = font_families()
    assert "Noto Sans" in families and "Noto Naskh Arabic" in families
    licence = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "OFL.txt"
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence.read_text(encoding="utf-8")


def test_a_report_is_a_pdf_written_only_where_chosen(qapp, tmp_path):
    report = Report("A plan", rtl=False)
    report.heading("A plan for Margaret", 1)
    report.paragraph("Ring Jo on Sundays.")
    report.bullets(["Walk on Thursdays", "Choir on Wednesdays"])
    report.paragraph("Written with Companion.", smaller=True)
    target = tmp_path / "plan.pdf"
    assert write_pdf(report, target) == 1
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]
    assert report.text().splitlines() == [
        "A plan for Margaret",
        "Ring Jo on Sundays.",
        "Walk on Thursdays",
        "Choir on Wednesdays",
        "Written with Companion.",
    ]


@needs_poppler
def test_the_text_can_be_read_back_from_the_pdf(qapp, tmp_path):
    report = Report("A plan", rtl=False)
    report.heading("A plan for Margaret", 1)
    report.bullets(["Walk on Thursdays", "Choir on Wednesdays"])
    target = tmp_path / "plan.pdf"
    write_pdf(report, target)
    text = pdf_text(target)
    assert "A plan for Margaret" in text and "Choir on Wednesdays" in text
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True).stdout
    assert "NotoSans" in fonts  # the bundled font, embedded


def test_arabic_runs_right_to_left(qapp, tmp_path):
    report = Report("خطة", rtl=True)
    report.heading("خطة مارغريت", 1)
    report.paragraph("اتصل بجو يوم الأحد.")
    block = report.document.firstBlock()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert report.document.defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    target = tmp_path / "plan.pdf"
    write_pdf(report, target)
    if shutil.which("pdftotext"):
        fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True).stdout
        assert "NotoNaskhArabic" in fonts
        text = pdf_text(target)
        assert "مارغريت" in text or "مارغريت"[::-1] in text


def test_long_text_shrinks_to_fit_one_page_but_never_below_the_smallest_size(qapp):
    sentence = "A sentence of ordinary length to fill the page, and a little more. " * 3
    report = Report("Long", rtl=False)
    for number in range(14):
        report.paragraph(f"{number}: {sentence}")
    _data, pages = render_pdf(report)
    assert pages == 1 and report.points < 13.0
    longer = Report("Longer", rtl=False)
    for number in range(40):
        longer.paragraph(f"{number}: {sentence}")
    _data, pages = render_pdf(longer)
    assert pages > 1 and longer.points == SMALLEST_POINTS  # then it goes on to a second page


def test_a_drawn_picture_is_laid_out_and_painted(qapp):
    drawn: list[tuple[float, float]] = []

    def paint(painter: QPainter, rect: QRectF, font: QFont, unit: float) -> None:
        drawn.append((rect.width(), unit))
        painter.drawRect(rect)

    report = Report("Picture", rtl=False)
    report.paragraph("Above")
    report.picture(paint, lambda width, font, unit: 100 * unit)
    report.paragraph("Below")
    render_pdf(report)
    assert drawn and drawn[0][1] > 2  # drawn at the printer's resolution, not the screen's
    assert report.text().split() == ["Above", "Below"]


def test_a_folder_that_cannot_be_written_says_so_and_leaves_nothing(qapp, tmp_path):
    report = Report("A plan", rtl=False)
    report.paragraph("Hello")
    missing = tmp_path / "no such folder" / "plan.pdf"
    with pytest.raises(CompanionError) as raised:
        write_pdf(report, missing)
    assert "could not save the PDF" in raised.value.message
    assert not list(tmp_path.rglob("*.part"))


def _summary() -> tuple[Summary, Trend]:
    first = date(2026, 11, 2)
    weeks = tuple(first + timedelta(weeks=i) for i in range(4))
    levels: dict[str, tuple[int | None, ...]] = {s: (0, 0, 0, 0) for s in content().sign_ids}
    levels["sleep"] = (1, 1, 2, 2)
    highlight = Highlight("sleep", 4, first, True, 2, 1, "Changes in sleep: noticed 4 weeks.")
    trend = Trend(1, weeks, content().sign_ids, levels, (highlight,))
    summary = Summary(
        child_name="Sam",
        age_band="12 to 15",
        first_week=first,
        last_week=weeks[-1],
        weeks_with_checks=4,
        observations=(),
        good_moments=((weeks[1], "Made pancakes."),),
        tried=("Walks on Sundays.", "Walks on Sundays."),
        self_harm_weeks=(weeks[2],),
        psc17=((datetime(2026, 11, 20, 18, 0), "Total 5 of 34."),),
        interpretations=("Changes in sleep: noticed 4 weeks.",),
        questions=("When should we come back?",),
    )
    return summary, trend


def test_the_parent_summary_has_every_section_and_keeps_observations_apart(qapp):
    summary, trend = _summary()
    report = summary_report(summary, trend, rtl=False)
    text = report.text()
    positions = [text.index(title) for title in section_titles().values() if title in text]
    assert len(positions) == len(section_titles()) and positions == sorted(positions)
    observed = text[: text.index(section_titles()["interpretations"])]
    assert "talked about hurting themselves or about suicide" in observed
    assert "Changes in sleep: noticed 4 weeks." not in observed  # that is an interpretation
    assert text.count("Walks on Sundays.") == 1
    _data, pages = render_pdf(report)
    assert pages == 1


def test_the_parent_summary_in_arabic_is_right_to_left(qapp):
    from companion import i18n

    i18n.set_language("ar")
    try:
        summary, trend = _summary()
        report = summary_report(summary, trend)
        assert report.rtl
        assert report.document.firstBlock().blockFormat().layoutDirection() == (
            Qt.LayoutDirection.RightToLeft
        )
        _data, pages = render_pdf(report)
        assert pages == 1
    finally:
        i18n.set_language("en")

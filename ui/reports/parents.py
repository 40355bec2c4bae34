"""The parent view's one-page summary for a ten-minute appointment.

What the parent saw comes first and stays apart from what the app's rules
and the PSC-17 make of it. The chart is drawn by the same code as on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QPainter

from companion import i18n
from companion.i18n import _, ngettext
from companion.parents import Summary, Trend
from ui import theme
from ui.reports import Report
from ui.widgets.trend_chart import chart_data, chart_height, paint_trend


def section_titles() -> dict[str, str]:
    """Every section's heading, in reading order (the tests look for each one)."""
    return {
        "observations": _("What you noticed, and since when"),
        "chart": _("Week by week"),
        "good": _("Good moments and strengths"),
        "tried": _("What has been tried"),
        "psc17": _("The PSC-17 checklist"),
        "interpretations": _("What stands out (not a diagnosis)"),
        "questions": _("Questions to ask"),
    }


def _no_checks() -> str:
    return _("No weekly checks in these weeks yet.")


def _interpretations(summary: Summary) -> list[str]:
    """What the rules make of the weeks; with no weekly check, not "nothing has lasted two
    weeks in a row" (which reads as weeks looked at and found calm)."""
    found = list(summary.interpretations)
    if summary.weeks_with_checks:
        return found
    calm = _("Nothing has lasted two weeks in a row or grown in these weeks.")
    return [line for line in found if line != calm] or [_no_checks()]


def _week(day: object) -> str:
    return i18n.format_date(day, "long")  # type: ignore[arg-type]


def summary_report(summary: Summary, trend: Trend, *, rtl: bool | None = None) -> Report:
    titles = section_titles()
    report = Report(
        _("Summary for {name}").format(name=summary.child_name),
        rtl=rtl,
    )
    report.heading(_("Summary for {name}").format(name=summary.child_name), 1)
    report.paragraph(
        ngettext(
            "{age}. The weeks from {first} to {last}, with {count} weekly check.",
            "{age}. The weeks from {first} to {last}, with {count} weekly checks.",
            summary.weeks_with_checks,
        ).format(
            # "12 to 15." alone at the head of the page did not say it was the child's age.
            age=_("Age {band}").format(band=summary.age_band),
            first=_week(summary.first_week),
            last=_week(summary.last_week),
            count=summary.weeks_with_checks,
        )
    )
    report.paragraph(summary.notice, smaller=True)

    report.heading(titles["observations"])
    lines = []
    for seen in summary.observations:
        line = ngettext(
            "{sign}: first noticed in the week of {date}; seen in {weeks} week; "
            "the last time: {level}.",
            "{sign}: first noticed in the week of {date}; seen in {weeks} weeks; "
            "the last time: {level}.",
            seen.weeks_seen,
        ).format(
            sign=seen.title,
            date=_week(seen.first_seen),
            weeks=seen.weeks_seen,
            level=seen.latest_level.lower(),
        )
        notes = " ".join(
            _("Week of {date}: “{note}”").format(date=i18n.format_short_day(week), note=note)
            for week, note in seen.notes
        )
        lines.append(f"{line} {notes}".strip())
    for week in summary.self_harm_weeks:
        lines.append(
            _(
                "In the week of {date}, my child talked about hurting themselves or about suicide."
            ).format(date=_week(week))
        )
    # With no weekly check at all nobody looked: "no warning signs were noted" told the doctor
    # that someone had looked and seen none.
    nothing = (
        _("No warning signs were noted in these weeks.")
        if summary.weeks_with_checks
        else _no_checks()
    )
    report.bullets(lines or [nothing])

    data = chart_data(trend)
    palette = theme.WARM

    def paint(painter: QPainter, rect: QRectF, font: QFont, unit: float) -> None:
        paint_trend(painter, rect, data, palette, font, rtl=report.rtl, unit=unit)

    report.heading(titles["chart"])
    report.picture(paint, lambda width, font, unit: chart_height(data, width, font, unit))

    report.heading(titles["good"])
    report.bullets(
        [
            _("Week of {date}: {text}").format(date=i18n.format_short_day(week), text=text)
            for week, text in summary.good_moments
        ]
        or [_("None written down in these weeks.")]
    )

    report.heading(titles["tried"])
    report.bullets(list(dict.fromkeys(summary.tried)) or [_("None written down in these weeks.")])

    report.heading(titles["psc17"])
    report.bullets(
        [
            _("{date}: {result}").format(date=_week(taken.date()), result=result)
            for taken, result in summary.psc17
        ]
        or [_("Not filled in during these weeks.")]
    )

    report.heading(titles["interpretations"])
    report.bullets(_interpretations(summary))

    report.heading(titles["questions"])
    report.bullets(list(summary.questions))
    return report

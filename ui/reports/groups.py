"""The printable one-page "places near me", for people who rarely use the computer.

The content is ``companion.groups.near_me_page`` (plain data); this module only
draws it with the shared ``Report`` (bundled fonts, right to left in Arabic) on
one page, with "© OpenStreetMap contributors" when map data is on it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from companion import groups
from companion.groups import NearMePage
from companion.i18n import _
from companion.store import Store
from ui.reports import Report, write_pdf


def near_me_report(page: NearMePage, *, rtl: bool | None = None) -> Report:
    report = Report(page.title, rtl=rtl)
    report.heading(page.title, 1)
    report.paragraph(" · ".join(p for p in (page.home, page.made_on) if p))
    if not page.rows:
        report.paragraph(
            _("There are no places in your list yet. Companion can add them from a file.")
        )
    for row in page.rows:
        report.heading(row.name, 3)
        lines = [
            " · ".join(p for p in (row.what, row.distance, row.walk) if p),
            row.address,
            row.when,
            _("Telephone: {number}").format(number=row.phone) if row.phone else "",
            row.access,
        ]
        report.paragraph("\u2028".join(line for line in lines if line))  # one block, several lines
    report.paragraph(page.footer, bold=True)
    for line in page.attributions:
        report.paragraph(line, smaller=True)
    return report


def write_near_me(
    store: Store,
    settings: Any,
    now: datetime,
    territory: str,
    path: Path,
    energy_left: int | None = None,
) -> int:
    """Write the page to ``path`` (the person chose it); the number of pages (one)."""
    page = groups.near_me_page(store, settings, now, territory, energy_left, limit=8)
    return write_pdf(near_me_report(page), path, fit_pages=1)


def default_file_name() -> str:
    return _("places-near-me") + ".pdf"

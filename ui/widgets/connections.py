"""The picture of one's connections: circles by closeness, shaded by how recently in touch.

Family sits nearest the middle, then friends and neighbours, then groups,
professionals and others. A filled dot is someone in touch in the last month,
a ringed dot someone it's been a while with, a hollow dot someone not yet in
touch: shape and fill carry the meaning, colour only helps. Under the rings,
bars show contacts per week for the last eight weeks. The page prints the same
story in words, and it is the widget's accessible description.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion import i18n
from companion.contacts import ConnectionSummary, Person
from companion.i18n import _
from ui import theme

RINGS = (("family",), ("friend", "neighbour"), ("group", "professional", "other"))
MAX_DOTS_PER_RING = 60


class ConnectionsPicture(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: list[Person] = []
        self.summary: ConnectionSummary | None = None
        self.today = date.today()
        self.high_contrast = False
        self.setMinimumHeight(320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 360)

    def set_data(
        self, people: list[Person], summary: ConnectionSummary, today: date, high_contrast: bool
    ) -> None:
        self.people = people
        self.summary = summary
        self.today = today
        self.high_contrast = high_contrast
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = theme.palette_for(self.high_contrast)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = self.height()
        size = min(height - 16, int(self.width() * 0.55))
        centre = QPointF(8 + size / 2, height / 2)
        ring_gap = size / 2 / (len(RINGS) + 0.5)
        painter.setPen(QPen(QColor(p.border), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for number in range(1, len(RINGS) + 1):
            radius = ring_gap * (number + 0.5)
            painter.drawEllipse(centre, radius, radius)
        painter.setBrush(QColor(p.text))
        painter.drawEllipse(centre, 6, 6)  # you
        for number, circles in enumerate(RINGS, start=1):
            radius = ring_gap * (number + 0.5)
            members = [person for person in self.people if person.circle in circles]
            shown = members[:MAX_DOTS_PER_RING]
            for index, person in enumerate(shown):
                angle = 2 * math.pi * index / max(len(shown), 1) - math.pi / 2
                point = QPointF(
                    centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle)
                )
                self._dot(painter, point, person, p)
        self._bars(painter, QRectF(size + 40, 24, self.width() - size - 56, height - 48), p)
        painter.end()

    def _dot(self, painter: QPainter, point: QPointF, person: Person, p: theme.Palette) -> None:
        if person.last_contact is None:
            painter.setPen(QPen(QColor(p.text), 2))
            painter.setBrush(QColor(p.surface))
            painter.drawEllipse(point, 7, 7)
            return
        days = (self.today - person.last_contact.date()).days
        if days <= 30:
            painter.setPen(QPen(QColor(p.text), 1))
            painter.setBrush(QColor(p.accent))
            painter.drawEllipse(point, 8, 8)
        else:
            painter.setPen(QPen(QColor(p.on_gentle), 3))
            painter.setBrush(QColor(p.gentle))
            painter.drawEllipse(point, 8, 8)

    def _bars(self, painter: QPainter, area: QRectF, p: theme.Palette) -> None:
        if self.summary is None or area.width() < 120:
            return
        metrics = painter.fontMetrics()
        painter.setPen(QColor(p.text))
        title = _("Contacts each week")
        if metrics.horizontalAdvance(title) > area.width():  # never cut: smaller words first
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * area.width() / metrics.horizontalAdvance(title))
            painter.setFont(font)
        painter.drawText(
            QRectF(area.left(), area.top() - 20, area.width(), metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft),
            title,
        )
        painter.setFont(self.font())
        weeks = self.summary.per_week
        top = max(max(weeks), 1)
        bar_area = QRectF(
            area.left(),
            area.top() + metrics.height(),
            area.width(),
            area.height() - 2 * metrics.height(),
        )
        width = bar_area.width() / len(weeks)
        gap = 2 * metrics.horizontalAdvance(" ")
        numbers_fit = all(
            metrics.horizontalAdvance(i18n.format_number(n)) + gap <= width for n in weeks
        )
        for index, count in enumerate(weeks):
            bar_height = bar_area.height() * count / top
            rect = QRectF(
                bar_area.left() + index * width + 4,
                bar_area.bottom() - bar_height,
                width - 8,
                bar_height,
            )
            painter.setPen(QPen(QColor(p.text), 1))
            painter.setBrush(QColor(p.accent))
            painter.drawRect(rect)
            if numbers_fit:  # all the numbers, or none: never some running together
                painter.drawText(
                    QRectF(
                        bar_area.left() + index * width,
                        bar_area.bottom() + 2,
                        width,
                        metrics.height(),
                    ),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    i18n.format_number(count),
                )


def describe(summary: ConnectionSummary) -> str:
    """The picture in words: number, quality and variety of connections."""
    if summary.people == 0:
        return _("No one here yet.")
    circles = len([c for c, n in summary.by_circle.items() if n])
    parts = [
        i18n.ngettext(
            "You keep in touch with {count} person",
            "You keep in touch with {count} people",
            summary.people,
        ).format(count=summary.people)
        + " "
        + i18n.ngettext(
            "in {count} kind of relationship.", "across {count} kinds of relationship.", circles
        ).format(count=circles),
        i18n.ngettext(
            "You were in touch with {count} of them in the last month.",
            "You were in touch with {count} of them in the last month.",
            summary.in_touch_last_month,
        ).format(count=summary.in_touch_last_month),
        i18n.ngettext(
            "{count} contact noted in the last four weeks.",
            "{count} contacts noted in the last four weeks.",
            summary.contacts_last_4_weeks,
        ).format(count=summary.contacts_last_4_weeks),
    ]
    if summary.average_feeling is not None:
        parts.append(
            _("On average they felt {feeling} out of 5.").format(
                feeling=i18n.format_number(summary.average_feeling)
            )
        )
    parts.append(
        _(
            "In the picture, a filled dot is someone you were in touch with this month, a ringed dot someone it's been a while with, and an empty dot someone not yet in touch."
        )
    )
    return " ".join(parts)

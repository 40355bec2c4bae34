"""The self-check scores over time, drawn as a simple line with the 6-point mark.

A picture for those who see it; ``accessibleDescription`` carries the same
story in words for a screen reader, and the page prints a summary under it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion import i18n
from companion.wellbeing import GENTLE_FROM, HIGHEST, LOWEST, Check
from ui import theme


class ScoreChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks: list[Check] = []
        self.high_contrast = False
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        # Taller with the text: three numbers down the side and the dates below keep room.
        return QSize(480, max(200, self.fontMetrics().height() * 5))

    def set_checks(self, checks: list[Check], high_contrast: bool) -> None:
        self.checks = checks[-12:]
        self.high_contrast = high_contrast
        self.update()

    def _date_labels(
        self, metrics: QFontMetrics, area: QRectF, rtl: bool
    ) -> list[tuple[QRectF, str]]:
        """The first and the last check's dates under the line, never over each other.

        Where both long dates do not fit side by side ("7. August 2026" and "5. November
        2026" in German at 200% on a narrow window), the dates are written shorter ("7. Aug.
        2026", then "07.08.26"); where even those would touch, only the latest date shows,
        under the newest point.
        """
        first, last = self.checks[0].taken_at.date(), self.checks[-1].taken_at.date()
        top = area.bottom() + 6
        gap = 2 * metrics.horizontalAdvance(" ")

        def placed(text: str, at_end: bool) -> QRectF:
            width = metrics.horizontalAdvance(text) + 2
            x = max(area.right() - width, 0) if at_end else area.left()
            if rtl:  # mirrored as the points are: the oldest at the right
                x = self.width() - x - width
            return QRectF(x, top, width, metrics.height())

        def at_start(text: str) -> QRectF:  # under the oldest point
            return placed(text, at_end=False)

        def at_end(text: str) -> QRectF:  # under the newest point
            return placed(text, at_end=True)

        if len(self.checks) == 1:
            text = i18n.format_date(first)
            return [(at_start(text), text)]
        for form in ("long", "medium", "short"):
            older, newer = i18n.format_date(first, form), i18n.format_date(last, form)
            need = metrics.horizontalAdvance(older) + metrics.horizontalAdvance(newer) + gap + 4
            if need <= area.width():
                return [(at_start(older), older), (at_end(newer), newer)]
        for form in ("long", "medium", "short"):
            newer = i18n.format_date(last, form)
            if metrics.horizontalAdvance(newer) + 2 <= self.width():
                break
        return [(at_end(newer), newer)]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = theme.palette_for(self.high_contrast)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        left = metrics.horizontalAdvance("9") * 2 + 12
        area = QRectF(left, 12, self.width() - left - 16, self.height() - 24 - metrics.height())
        rtl = self.isRightToLeft()  # mirrored as the page is: time runs the way words do

        def flip(r: QRectF) -> QRectF:
            return QRectF(self.width() - r.right(), r.top(), r.width(), r.height()) if rtl else r

        def flip_x(x: float) -> float:
            return self.width() - x if rtl else x

        def y_for(score: float) -> float:
            return area.bottom() - (score - LOWEST) / (HIGHEST - LOWEST) * area.height()

        painter.setPen(QPen(QColor(p.border), 1))
        for score in (LOWEST, GENTLE_FROM, HIGHEST):
            y = y_for(score)
            painter.drawLine(QPointF(flip_x(area.left()), y), QPointF(flip_x(area.right()), y))
            painter.setPen(QColor(p.muted))
            painter.drawText(
                flip(QRectF(0, y - metrics.height() / 2, left - 8, metrics.height())),
                int(
                    (Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight)
                    | Qt.AlignmentFlag.AlignVCenter
                    | Qt.AlignmentFlag.AlignAbsolute  # as placed here, not mirrored again
                ),
                i18n.format_number(score),
            )
            painter.setPen(QPen(QColor(p.border), 1, Qt.PenStyle.DashLine))
        if not self.checks:
            painter.end()
            return
        count = len(self.checks)
        step = area.width() / max(count - 1, 1)
        points = [
            QPointF(
                flip_x(area.left() + (i * step if count > 1 else area.width() / 2)),
                y_for(c.total),
            )
            for i, c in enumerate(self.checks)
        ]
        painter.setPen(QPen(QColor(p.accent), 3))
        for a, b in zip(points, points[1:], strict=False):
            painter.drawLine(a, b)
        for point, check in zip(points, self.checks, strict=True):
            high = check.total >= GENTLE_FROM
            painter.setPen(QPen(QColor(p.text), 2))
            painter.setBrush(QColor(p.on_gentle if high else p.accent))
            # A high score is a square, a lower one a circle: meaning never by colour alone.
            if high:
                painter.drawRect(QRectF(point.x() - 7, point.y() - 7, 14, 14))
            else:
                painter.drawEllipse(point, 7, 7)
        painter.setPen(QColor(p.muted))
        for place, text in self._date_labels(metrics, area, rtl):
            # each placed exactly where it is measured, not mirrored again by Qt
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
            painter.drawText(place, int(align | Qt.AlignmentFlag.AlignVCenter), text)
        painter.end()

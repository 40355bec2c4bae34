"""A child's signs over the weeks: one row per sign, one column per week.

The same ``paint_trend`` draws the widget on screen and the picture in the
printed summary, so what the parent sees is what the doctor reads. Meaning
never rests on colour: "a lot" is a tall solid bar, "a little" a short
hatched bar, "not seen" a small ring, a week with no check a dash, and a
sign that lasted or grew has a thick outline and a star before its name, as
the legend says in words. The legend explains only what the chart shows: with
no sign noted there is no chart, only a sentence, and no legend above it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion import i18n
from companion.i18n import _
from companion.parents import Trend
from companion.parents_content import content, level_label
from ui import theme

STAR = "★ "
HIGHLIGHT = "highlight"  # the legend's item for a highlighted row (the others are levels)

LegendItem = tuple[int | str | None, str]


@dataclass(frozen=True)
class ChartData:
    """What the chart draws: the rows worth showing and the words around them."""

    weeks: tuple[str, ...]  # week labels, oldest first
    rows: tuple[tuple[str, tuple[int | None, ...], bool], ...]  # title, levels, highlighted
    empty: str  # said instead of rows when nothing was noted


def chart_data(trend: Trend) -> ChartData:
    """Only the signs noticed at least once in these weeks; highlighted ones first."""
    marked = {h.sign_id for h in trend.highlights}
    rows = []
    for sign_id in trend.signs:
        levels = trend.levels[sign_id]
        if any(level for level in levels):
            rows.append((_(content().sign(sign_id).title), levels, sign_id in marked))
    rows.sort(key=lambda row: not row[2])
    weeks = tuple(i18n.format_short_day(week) for week in trend.weeks)
    return ChartData(weeks, tuple(rows), "" if rows else trend.summary)


def legend_items() -> list[LegendItem]:
    """Every mark a week can have, in words."""
    return [
        (2, level_label(2)),
        (1, level_label(1)),
        (0, level_label(0)),
        (None, _("No check that week")),
    ]


def legend_for(data: ChartData | None) -> list[LegendItem]:
    """What this chart needs explained: the marks it draws, and the star and the outlined row
    where a sign is highlighted (they went unexplained). Nothing when no sign was noted: then
    the chart is one sentence, and the legend stood above it for nothing. ``None``: all."""
    if data is None:
        return legend_items()
    if not data.rows:
        return []
    drawn = {level for _title, levels, _marked in data.rows for level in levels}
    items = [(level, words) for level, words in legend_items() if level in drawn]
    if any(marked for _title, _levels, marked in data.rows):
        items.append(
            (
                HIGHLIGHT,
                _("Noticed two weeks in a row or more, or more than the last time you looked"),
            )
        )
    return items


def _metrics(font: QFont) -> QFontMetricsF:
    return QFontMetricsF(font)


def _unit(font: QFont, unit: float) -> float:
    """Shapes and lines grow with the text (200% text, paper), never smaller than ``unit``."""
    return max(unit, _metrics(font).height() / 22.0)


def _rows(data: ChartData, width: float, font: QFont, unit: float) -> tuple[float, list[float]]:
    """The width of the names' column and each row's height: long names wrap, never cut."""
    m = _metrics(font)
    bold = QFont(font)
    bold.setBold(True)
    strong = _metrics(bold)
    widest = max((strong.horizontalAdvance(STAR + row[0]) for row in data.rows), default=0.0)
    # A word cannot wrap: the column holds the longest one ("Veränderungen" at 200% was cut).
    longest_word = max(
        (strong.horizontalAdvance(word) for row in data.rows for word in row[0].split()),
        default=0.0,
    )
    label_width = max(
        min(width * 0.42, widest + 12 * unit),
        width * 0.25,
        min(longest_word + 14 * unit, width * 0.6),
    )
    heights = []
    for title, _levels, marked in data.rows:
        words = (STAR if marked else "") + title
        box = (strong if marked else m).boundingRect(
            QRectF(0, 0, max(label_width - 12 * unit, 1.0), 1e6),
            int(Qt.TextFlag.TextWordWrap),
            words,
        )
        heights.append(max(box.height() + 10 * unit, 1.6 * m.height(), 30 * unit))
    return label_width, heights


def chart_height(data: ChartData, width: float, font: QFont, unit: float = 1.0) -> float:
    """The height the chart needs at ``width`` (device pixels) with ``font``."""
    unit = _unit(font, unit)
    m = _metrics(font)
    line = m.height()
    if not data.rows:  # the sentence alone: nothing to explain
        words = m.boundingRect(
            QRectF(0, 0, max(width, 1.0), 1e6), int(Qt.TextFlag.TextWordWrap), data.empty
        )
        return words.height() + 4 * unit
    legend = _legend_height(width, m, unit, data)
    _label_width, heights = _rows(data, width, font, unit)
    return legend + 8 * unit + sum(heights) + line + 6 * unit


def legend_places(
    width: float, m: QFontMetricsF, unit: float, data: ChartData | None = None
) -> list[tuple[int | str | None, str, QRectF]]:
    """Each legend item's shape and words, and where its words go (from the start edge):
    side by side while they fit; words wider than the chart wrap inside it, never cut
    ("In dieser Woche kein Rückblick" at 200% ran off the edge). The items ``data`` needs
    explained (``legend_for``)."""
    places = []
    x = y = 0.0
    row_height = max(m.height(), 24 * unit)
    line_height = row_height
    for level, words in legend_for(data):
        room = max(width - 30 * unit, 1.0)
        text = min(m.horizontalAdvance(words) + 4 * unit, room)
        item = 30 * unit + text + 20 * unit
        if x + item > width and x > 0:
            x = 0.0
            y += line_height
            line_height = row_height
        box = m.boundingRect(QRectF(0, 0, text, 1e6), int(Qt.TextFlag.TextWordWrap), words)
        height = max(row_height, box.height())
        line_height = max(line_height, height)
        places.append((level, words, QRectF(x + 30 * unit, y, text, height)))
        x += item
    return places


def _legend_height(width: float, m: QFontMetricsF, unit: float, data: ChartData) -> float:
    places = legend_places(width, m, unit, data)
    bottom = max((rect.bottom() for _level, _words, rect in places), default=0.0)
    return bottom + 4 * unit


def _mark(
    painter: QPainter,
    cell: QRectF,
    level: int | None,
    p: theme.Palette,
    unit: float,
) -> None:
    """One week of one sign, told by shape: bar, hatched bar, ring or dash."""
    ink = QColor(p.text)
    painter.save()
    if level is None:
        painter.setPen(QPen(QColor(p.muted), 2 * unit))
        y = cell.center().y()
        half = min(6 * unit, cell.width() * 0.3)  # narrow weeks: dashes, not one long line
        painter.drawLine(QPointF(cell.center().x() - half, y), QPointF(cell.center().x() + half, y))
    elif level == 0:
        painter.setPen(QPen(QColor(p.muted), 1.5 * unit))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(cell.center(), 4 * unit, 4 * unit)
    else:
        bar_width = min(cell.width() * 0.6, 28 * unit)
        full = min(cell.height() - 4 * unit, 36 * unit)
        height = full if level == 2 else full * 0.5
        bar = QRectF(
            cell.center().x() - bar_width / 2, cell.bottom() - 2 * unit - height, bar_width, height
        )
        painter.setPen(QPen(ink, 1.5 * unit))
        if level == 2:
            painter.setBrush(QBrush(QColor(p.accent if p.name != "high-contrast" else p.text)))
        else:
            # Hatching drawn as lines, so it shows the same on screen and on paper.
            painter.setBrush(QBrush(QColor(p.surface)))
            painter.drawRect(bar)
            painter.save()
            painter.setClipRect(bar)
            painter.setPen(QPen(ink, 1.5 * unit))
            step = 6 * unit
            offset = -bar.height()
            while offset < bar.width():
                painter.drawLine(
                    QPointF(bar.left() + offset, bar.bottom()),
                    QPointF(bar.left() + offset + bar.height(), bar.top()),
                )
                offset += step
            painter.restore()
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
    painter.restore()


def _highlight_mark(
    painter: QPainter, cell: QRectF, p: theme.Palette, font: QFont, unit: float
) -> None:
    """A highlighted row in small: its outlined box with the star in it."""
    painter.save()
    painter.setPen(QPen(QColor(p.on_gentle), 3 * unit))
    painter.setBrush(QColor(p.gentle))
    painter.drawRoundedRect(cell.adjusted(unit, unit, -unit, -unit), 6 * unit, 6 * unit)
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), STAR.strip())
    painter.restore()


def paint_trend(
    painter: QPainter,
    rect: QRectF,
    data: ChartData,
    p: theme.Palette,
    font: QFont,
    *,
    rtl: bool = False,
    unit: float = 1.0,
) -> None:
    """Draw the chart in ``rect``. ``unit`` is device pixels per screen pixel (paper: more)."""
    unit = _unit(font, unit)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    m = _metrics(font)
    line = m.height()

    def flip(r: QRectF) -> QRectF:
        if not rtl:
            return r
        return QRectF(rect.left() + rect.right() - r.right(), r.top(), r.width(), r.height())

    align_start = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    # the legend, in words beside each shape
    row_height = max(line, 24 * unit)
    legend = legend_places(rect.width(), m, unit, data)
    for level, words, place in legend:
        box = place.translated(rect.left(), rect.top())
        shape = QRectF(box.left() - 30 * unit, box.top(), 24 * unit, row_height)
        if isinstance(level, str):
            _highlight_mark(painter, flip(shape), p, font, unit)
        else:
            _mark(painter, flip(shape), level, p, unit)
        painter.setPen(QColor(p.text))
        painter.drawText(
            flip(box),
            int(align_start | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
            words,
        )
    y = rect.top()
    if legend:
        y += max(place.bottom() for _l, _w, place in legend) + 8 * unit

    if not data.rows:
        painter.setPen(QColor(p.text))
        painter.drawText(
            QRectF(rect.left(), y, rect.width(), rect.bottom() - y),
            int(align_start | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            data.empty,
        )
        painter.restore()
        return

    label_width, heights = _rows(data, rect.width(), font, unit)
    grid_left = rect.left() + label_width
    count = max(len(data.weeks), 1)
    column = (rect.right() - grid_left) / count
    bold = QFont(font)
    bold.setBold(True)
    for (title, levels, marked), row in zip(data.rows, heights, strict=True):
        band = QRectF(rect.left(), y, rect.width(), row)
        if marked:
            painter.setPen(QPen(QColor(p.on_gentle), 3 * unit))
            painter.setBrush(QColor(p.gentle))
            painter.drawRoundedRect(band.adjusted(unit, unit, -unit, -unit), 6 * unit, 6 * unit)
        else:
            painter.setPen(QPen(QColor(p.border), 1 * unit))
            painter.drawLine(
                QPointF(rect.left(), band.bottom()), QPointF(rect.right(), band.bottom())
            )
        painter.setFont(bold if marked else font)
        painter.setPen(QColor(p.on_gentle if marked else p.text))
        painter.drawText(
            flip(
                QRectF(
                    rect.left() + 8 * unit, y + 2 * unit, label_width - 12 * unit, row - 4 * unit
                )
            ),
            int(align_start | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
            (STAR if marked else "") + title,
        )
        painter.setFont(font)
        box = min(row - 8 * unit, 36 * unit)  # the marks share one baseline per row
        for i, level in enumerate(levels):
            cell = QRectF(grid_left + i * column, y + (row - box) / 2, column, box)
            _mark(painter, flip(cell), level, p, unit)
        y += row
    # week labels under the grid: as many as fit without overlapping
    painter.setPen(QColor(p.muted))
    widest = max(m.horizontalAdvance(w) for w in data.weeks) + 8 * unit
    places = week_label_places(len(data.weeks), rect.left(), grid_left, column, widest, 4 * unit)
    for i, left in places:
        cell = QRectF(left, y + 4 * unit, widest, line)
        painter.drawText(flip(cell), int(Qt.AlignmentFlag.AlignCenter), data.weeks[i])
    painter.restore()


def week_label_places(
    count: int, left: float, grid_left: float, column: float, widest: float, room: float = 0
) -> list[tuple[int, float]]:
    """Which week labels to draw and where each starts: this week's and the first week's
    where both fit, then as many between as fit without overlapping (boxes may share
    ``room``, their empty margins), each centred under its own column, and never past either
    edge (at 200% in Arabic the newest label sat half outside the chart)."""
    right = grid_left + count * column
    placed: dict[int, float] = {}
    for i in [count - 1, 0, *range(count - 2, 0, -1)]:  # the newest always has one
        if i < 0 or i in placed:
            continue
        start = max(left, min(grid_left + i * column - (widest - column) / 2, right - widest))
        if all(
            start + widest - room <= other or other + widest - room <= start
            for other in placed.values()
        ):
            placed[i] = start
    return sorted(placed.items())


def describe(data: ChartData) -> str:
    """The chart in words, for a screen reader."""
    if not data.rows:
        return data.empty
    parts = []
    for title, levels, marked in data.rows:
        seen = [level_label(level).lower() for level in levels if level is not None]
        words = ", ".join(seen) if seen else _("no checks")
        if marked:
            parts.append(_("{sign} (highlighted): {levels}.").format(sign=title, levels=words))
        else:
            parts.append(_("{sign}: {levels}.").format(sign=title, levels=words))
    return " ".join(parts)


class TrendChart(QWidget):
    """The chart on screen; its height follows its width and the text size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = ChartData((), (), "")
        self.high_contrast = False
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(200)

    def set_trend(self, trend: Trend, high_contrast: bool) -> None:
        self.data = chart_data(trend)
        self.high_contrast = high_contrast
        self.setAccessibleDescription(describe(self.data))
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self.data = ChartData((), (), "")
        self.setAccessibleDescription("")
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return int(chart_height(self.data, width, self.font()) + 2)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = max(self.width(), 480)
        return QSize(480, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.heightForWidth(max(self.width(), 200)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        paint_trend(
            painter,
            QRectF(0, 0, self.width(), self.height()),
            self.data,
            theme.palette_for(self.high_contrast),
            self.font(),
            rtl=self.isRightToLeft(),
        )
        painter.end()

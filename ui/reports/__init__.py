"""Printable reports: a document built block by block, written to a PDF with Qt.

Every report (the parent view's summary, the counsellor's plan…) is built with
``Report``: headings, paragraphs, lists and pictures drawn with QPainter. It
uses the bundled Noto fonts (``assets/fonts``, SIL Open Font License), so it
prints the same on every computer and its text can be copied and searched.
Text is large, aligned to the start of the line (never justified) and runs
right to left in Arabic. ``write_pdf`` fits the document on as few pages as
it can (one, for a ten-minute appointment), and writes only to the file the
person chose: a partial file beside it is removed if anything goes wrong.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPyTextObject,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
    QTextOption,
)

from companion import i18n
from companion.errors import CompanionError
from companion.i18n import _
from companion.resources import asset

FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
)
BODY_POINTS = 13.0  # large print for paper; shrunk a little only to fit the page
SMALLEST_POINTS = 9.5
MARGIN_MM = 14.0
RESOLUTION = 600
PICTURE = QTextFormat.ObjectTypes.UserObject + 1
_PICTURE_ID = QTextFormat.Property.UserProperty + 1
_PICTURE_RATIO = QTextFormat.Property.UserProperty + 2

# Draws a picture: painter, the rectangle, the font in use, and device pixels per screen pixel.
Painting = Callable[[QPainter, QRectF, QFont, float], None]
Measuring = Callable[[float, QFont, float], float]  # width, font, unit -> height


@cache
def font_families() -> tuple[str, ...]:
    """The bundled families, Latin first and Arabic as its fallback."""
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(asset("fonts", name)))
        for family in QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []:
            if family not in families:
                families.append(family)
    return tuple(families) or ("DejaVu Sans",)


def report_font(points: float = BODY_POINTS, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(list(font_families()))
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class _PictureHandler(QPyTextObject):
    """Lets the document lay out and draw pictures that are painted, not pasted in."""

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report

    @staticmethod
    def _dpi(document: QTextDocument) -> float:
        device = document.documentLayout().paintDevice()
        return float(device.logicalDpiX()) if device is not None else 96.0

    @staticmethod
    def _device_font(font: QFont, dpi: float) -> QFont:
        """The font sized in the device's pixels, so measuring and drawing agree."""
        sized = QFont(font)
        sized.setPixelSize(max(round(font.pointSizeF() * dpi / 72.0), 1))
        return sized

    def intrinsicSize(self, document, position, char_format):  # type: ignore[no-untyped-def]  # noqa: N802
        width = document.textWidth()
        if width <= 0:
            width = document.pageSize().width()
        width -= 2 * document.documentMargin() + 4
        chars = char_format.toCharFormat()
        _painting, measure = self.report.pictures[int(chars.property(_PICTURE_ID))]
        dpi = self._dpi(document)
        return QSizeF(width, measure(width, self._device_font(chars.font(), dpi), dpi / 96.0))

    def drawObject(self, painter, rect, document, position, char_format):  # type: ignore[no-untyped-def]  # noqa: N802
        chars = char_format.toCharFormat()
        painting, _measure = self.report.pictures[int(chars.property(_PICTURE_ID))]
        dpi = self._dpi(document)
        painting(painter, QRectF(rect), self._device_font(chars.font(), dpi), dpi / 96.0)


class Report:
    """A document built in reading order; ``document`` is the QTextDocument to write."""

    def __init__(self, title: str, *, rtl: bool | None = None) -> None:
        self.title = title
        self.rtl = i18n.is_rtl() if rtl is None else rtl
        self.direction = (
            Qt.LayoutDirection.RightToLeft if self.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.document = QTextDocument()
        self.document.setDocumentMargin(0)
        self.document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
        self.document.setDefaultFont(report_font())
        option = QTextOption()
        option.setTextDirection(self.direction)
        option.setAlignment(Qt.AlignmentFlag.AlignLeft)  # the start of the line: right in Arabic
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document.setDefaultTextOption(option)
        self.pictures: list[tuple[Painting, Measuring]] = []
        self._handler = _PictureHandler(self)
        self.document.documentLayout().registerHandler(PICTURE, self._handler)
        self.cursor = QTextCursor(self.document)
        self._empty = True
        self.points = BODY_POINTS  # the body text's size once written (smaller only to fit)

    # building ----------------------------------------------------------------------------

    def _block(self, space_before: float = 0, space_after: float = 4) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setLayoutDirection(self.direction)
        block.setAlignment(Qt.AlignmentFlag.AlignLeft)
        block.setTopMargin(space_before)
        block.setBottomMargin(space_after)
        block.setLineHeight(112, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return block

    def _start(self, block: QTextBlockFormat, chars: QTextCharFormat) -> None:
        if self._empty:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(chars)
            self._empty = False
        else:
            self.cursor.insertBlock(block, chars)
            listing = self.cursor.currentList()
            if listing is not None:  # a new block after a list is not part of it
                listing.remove(self.cursor.block())
                self.cursor.setBlockFormat(block)

    @staticmethod
    def _chars(points: float = BODY_POINTS, bold: bool = False) -> QTextCharFormat:
        chars = QTextCharFormat()
        chars.setFont(report_font(points, bold))
        return chars

    def heading(self, text: str, level: int = 2) -> None:
        points = {1: BODY_POINTS * 1.6, 2: BODY_POINTS * 1.2}.get(level, BODY_POINTS)
        chars = self._chars(points, bold=True)
        self._start(self._block(space_before=8 if level > 1 else 0, space_after=2), chars)
        self.cursor.insertText(text, chars)

    def paragraph(self, text: str, *, bold: bool = False, smaller: bool = False) -> None:
        chars = self._chars(BODY_POINTS * (0.85 if smaller else 1.0), bold)
        self._start(self._block(), chars)
        self.cursor.insertText(text, chars)

    def bullets(self, items: list[str] | tuple[str, ...]) -> None:
        if not items:
            return
        chars = self._chars()
        self._start(self._block(space_after=2), chars)
        listing = QTextListFormat()
        listing.setStyle(QTextListFormat.Style.ListDisc)
        listing.setIndent(1)
        made = self.cursor.createList(listing)
        for number, item in enumerate(items):
            if number:
                self.cursor.insertBlock(self._block(space_after=2), chars)
                made.add(self.cursor.block())
            self.cursor.insertText(item, chars)

    def picture(self, painting: Painting, measure: Measuring) -> None:
        """A picture drawn by ``painting`` across the page, as tall as ``measure`` says."""
        self.pictures.append((painting, measure))
        chars = self._chars(BODY_POINTS * 0.85)
        self._start(self._block(space_before=4, space_after=6), chars)
        picture = QTextCharFormat(chars)
        picture.setObjectType(PICTURE)
        picture.setProperty(_PICTURE_ID, len(self.pictures) - 1)
        self.cursor.insertText("\ufffc", picture)

    def text(self) -> str:
        """What the report says, as plain text (what a PDF reader extracts)."""
        return self.document.toPlainText().replace("\ufffc", "")


def _page_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def render_pdf(report: Report, *, fit_pages: int = 1) -> tuple[bytes, int]:
    """The PDF's bytes and its page count; the text shrinks (not below 9.5 pt) to fit.

    Shrinking lays the document out on a larger page and draws it scaled down,
    so the words reflow and nothing is cut.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(_page_layout())
    writer.setTitle(report.title)
    writer.setCreator("Companion")
    document = report.document
    document.documentLayout().setPaintDevice(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    size = BODY_POINTS

    def lay_out(points: float) -> int:
        factor = points / BODY_POINTS
        document.setPageSize(QSizeF(page.width() / factor, page.height() / factor))
        return document.pageCount()

    while lay_out(size) > fit_pages and size > SMALLEST_POINTS:
        size = max(size - 0.5, SMALLEST_POINTS)
    pages = document.pageCount()
    report.points = size
    factor = size / BODY_POINTS
    height = document.pageSize().height()
    painter = QPainter()
    if not painter.begin(writer):
        raise CompanionError(_("Companion could not make the PDF. Nothing was saved."))
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.scale(factor, factor)
            painter.translate(0, -number * height)
            document.drawContents(
                painter, QRectF(0, number * height, document.pageSize().width(), height)
            )
            painter.restore()
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data().data()), pages


def write_pdf(report: Report, path: Path, *, fit_pages: int = 1) -> int:
    """Write the report to ``path`` (the person chose it); the number of pages.

    The bytes go to a partial file in the same folder, then take the chosen
    name in one step; nothing is ever written to a temporary folder.
    """
    data, pages = render_pdf(report, fit_pages=fit_pages)
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CompanionError(
            _(
                "Companion could not save the PDF to {file}: {reason}. Please choose another "
                "folder and try again."
            ).format(file=path, reason=error.strerror or error)
        ) from None
    return pages

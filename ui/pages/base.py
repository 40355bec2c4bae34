"""What every page shares: a scrolling column of content and a ``retranslate()``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ui.widgets.common import SPACING, label


class Page(QWidget):
    """A page scrolls instead of clipping when the text is large or the window small."""

    key = "page"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        inner = QWidget()
        self.content = QVBoxLayout(inner)
        self.content.setContentsMargins(4 * SPACING, 4 * SPACING, 4 * SPACING, 4 * SPACING)
        self.content.setSpacing(3 * SPACING)
        self.content.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(inner)
        outer.addWidget(self.scroll)
        self.heading = label("", "heading")
        self.heading.setAccessibleName("")
        self.content.addWidget(self.heading)

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.setAccessibleName(self.title())

    def refresh(self) -> None:
        """Reload what the page shows from the core (called when it is shown)."""

    def finish_content(self) -> None:
        self.content.addStretch(1)

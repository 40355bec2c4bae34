"""Pages whose feature is still being built say so in one plain sentence."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from companion.i18n import _
from ui.pages.base import Page
from ui.widgets.common import label


class NotReadyPage(Page):
    def __init__(self, key: str, title: str, sentence: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._title = title
        self._sentence = sentence
        self.sentence = label("")
        self.content.addWidget(self.sentence)
        self.finish_content()
        self.retranslate()

    def title(self) -> str:
        return _(self._title)

    def retranslate(self) -> None:
        super().retranslate()
        self.sentence.setText(_(self._sentence))
        self.sentence.setAccessibleName(_(self._sentence))

"""Choosing the five actions for the 5-for-5 Connection Challenge."""

from __future__ import annotations

import math
from datetime import date, timedelta

from PySide6.QtCore import QMimeData, QSize, Qt
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from companion import challenge, i18n
from companion.i18n import _
from companion.store import Store
from ui import actions
from ui.dialogs.shell import DialogShell
from ui.ops import Operations
from ui.widgets.common import SPACING, combo_box, label

STARTING_IDEAS = (0, 3, 6, 1, 4)  # gratitude, support, ask, gratitude, support


class ActionText(QPlainTextEdit):
    """One day's action, the whole sentence in sight: it wraps onto as many lines as it needs.

    In a one-line field beside the kind, at 200% text only the sentence's end showed ("…en
    long ago."). Enter starts the challenge as in a one-line field (no new lines); Tab moves on.
    """

    FOCUS_BORDER = 2  # the focus ring is this much thicker than the resting edge, each side

    def __init__(self, text: str, name: str) -> None:
        super().__init__()
        if self.isRightToLeft():
            # Qt's plain text lays a wrapped Arabic sentence's later lines from the left
            option = self.document().defaultTextOption()
            option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
            self.document().setDefaultTextOption(option)
        self.setPlainText(text)
        self.setTabChangesFocus(True)
        self.setAccessibleName(name)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.document().contentsChanged.connect(self.updateGeometry)

    def text(self) -> str:
        return " ".join(self.toPlainText().splitlines())

    def setText(self, text: str) -> None:  # noqa: N802 - like QLineEdit's
        self.setPlainText(text)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        margins = self.contentsMargins()
        sides = margins.left() + margins.right() + 2 * self.FOCUS_BORDER
        ends = margins.top() + margins.bottom() + 2 * self.FOCUS_BORDER
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(self.document().documentMargin())
        document.setPlainText(self.toPlainText() or " ")
        document.setTextWidth(max(width - sides, 1))
        return max(math.ceil(document.size().height()) + ends, self.minimumHeight())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(self.width(), hint.width())))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # to the dialog: its default button, "Start today"
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        """Pasted words join the sentence: no new lines inside one day's action."""
        self.insertPlainText(" ".join(source.text().splitlines()))


class ChallengeDialog(DialogShell):
    """Start writes through the operations (``ui.actions.start_challenge``), so Today and
    everything else showing the challenge hear of it. Given only a store (screenshots),
    it runs on an operations hub of its own that nobody listens to."""

    def __init__(self, ops: Operations | Store, today: date, parent: QWidget | None = None) -> None:
        super().__init__(_("The 5-for-5 Connection Challenge"), parent)
        self.ops = ops if isinstance(ops, Operations) else Operations(ops, self)
        self.store = self.ops.store
        self.today = today
        self.started: challenge.Challenge | None = None
        layout = self.body
        layout.addWidget(
            label(
                _(
                    "Pick five small actions for the next five days, one a day. Each one "
                    "thanks someone, offers support, or asks for help. Change any of them to "
                    "something that suits you."
                )
            )
        )
        self.kinds = []
        self.texts = []
        for row, idea_index in enumerate(STARTING_IDEAS):
            day = today + timedelta(days=row)
            caption = label(i18n.format_day(day), "subheading")
            kind_box = combo_box()
            for code, title in challenge.KINDS.items():
                kind_box.addItem(_(title), code)
            kind, idea = challenge.IDEAS[idea_index]
            kind_box.setCurrentIndex(kind_box.findData(kind))
            kind_box.setAccessibleName(_("Day {number}: kind of action").format(number=row + 1))
            text = ActionText(_(idea), _("Day {number}: what you will do").format(number=row + 1))
            # The day, its kind of action, and under them the whole sentence, all at the
            # dialog's full width (a kind as wide as Qt's estimate of its words had the last
            # letter of "التعبير عن الامتنان" cut under the arrow).
            day_box = QVBoxLayout()
            day_box.setSpacing(SPACING)
            day_box.addWidget(caption)
            day_box.addWidget(kind_box)
            day_box.addWidget(text)
            layout.addLayout(day_box)
            self.kinds.append(kind_box)
            self.texts.append(text)
        layout.addWidget(label(_(challenge.IDEAS_CREDIT), "muted"))
        self.start_button = self.add_button(_("Start today"), self.start, "primary", default=True)
        self.cancel_button = self.add_button(_("Not now"), self.reject)
        self.first_field = self.kinds[0]
        self._offered = self._chosen()

    def _chosen(self) -> list[tuple[str, str]]:
        return [
            (str(kind.currentData()), text.text())
            for kind, text in zip(self.kinds, self.texts, strict=True)
        ]

    def is_dirty(self) -> bool:
        """Escape asks first once an action or its kind was changed: the five were lost."""
        return self._chosen() != self._offered

    def start(self) -> None:
        self.started = actions.start_challenge(self.ops, self, self.today, self._chosen())
        if self.started is not None:  # else the error line says why
            self.accept()

"""Today: the page a person sees first. Calm and short."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtWidgets import QHBoxLayout, QWidget

from companion import i18n, today, wellbeing
from companion.i18n import _, isolate
from ui.context import AppContext
from ui.pages.base import Page
from ui.widgets.common import Card, FlowLayout, button, label, set_button_text


class TodayPage(Page):
    key = "today"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._offset = 0

        self.date_label = label("", "subheading")
        self.content.insertWidget(1, self.date_label)

        self.recovery_card = Card()
        self.recovery_text = label("")
        self.recovery_card.body.addWidget(self.recovery_text)
        row = FlowLayout()
        self.recovery_button = button("", "primary")
        self.recovery_button.clicked.connect(context.show_recovery_code.emit)
        row.addWidget(self.recovery_button)
        self.recovery_card.body.addLayout(row)
        self.content.addWidget(self.recovery_card)

        self.check_card = Card()
        self.check_text = label("")
        self.check_card.body.addWidget(self.check_text)
        check_row = FlowLayout()
        self.check_button = button("", "primary")
        self.check_button.clicked.connect(self.take_check)
        self.check_later = button("")
        self.check_later.clicked.connect(self._check_later)
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.check_later)
        self.check_card.body.addLayout(check_row)
        self.content.addWidget(self.check_card)
        self._check_put_off = False

        self.idea_card = Card()
        self.idea_title = label("", "subheading")
        self.idea_text = label("")
        self.idea_source = label("", "muted", selectable=True)
        self.idea_card.body.addWidget(self.idea_title)
        self.idea_card.body.addWidget(self.idea_text)
        self.idea_card.body.addWidget(self.idea_source)
        idea_row = QHBoxLayout()
        self.another_button = button("")
        self.another_button.clicked.connect(self.next_idea)
        idea_row.addWidget(self.another_button)
        idea_row.addStretch(1)
        self.idea_card.body.addLayout(idea_row)
        self.content.addWidget(self.idea_card)
        self.finish_content()

        context.setting_changed.connect(self._setting_changed)
        self.retranslate()

    def title(self) -> str:
        return today.greeting(self.context.now(), self.context.settings.get("user_name"))

    def _setting_changed(self, key: str, _value: object) -> None:
        if key in ("user_name", "recovery_code_kept", "self_check_every_days"):
            self.retranslate()

    def _check_due(self) -> bool:
        unlocked = self.context.unlocked
        if unlocked is None or self._check_put_off:
            return False
        every = int(self.context.settings.get("self_check_every_days"))
        return wellbeing.is_due(wellbeing.history(unlocked.store), self.context.now(), every)

    def take_check(self) -> None:
        from ui.dialogs.self_check import SelfCheckDialog

        if self.context.unlocked is None:
            return
        dialog = SelfCheckDialog(self.context.unlocked.store, self.context.now(), self)
        dialog.exec()
        self.retranslate()

    def _check_later(self) -> None:
        self._check_put_off = True
        self.check_card.hide()

    def next_idea(self) -> None:
        self._offset += 1
        self._show_idea()

    def _show_idea(self) -> None:
        idea = today.suggestion_for(self.context.now().date(), self._offset)
        self.idea_text.setText(_(idea.text))
        self.idea_text.setAccessibleName(_(idea.text))
        domain = urlsplit(idea.source_url).netloc.removeprefix("www.")
        self.idea_source.setText(
            _("From: {source} ({site})").format(source=_(idea.source_name), site=isolate(domain))
        )
        self.idea_source.setToolTip(idea.source_url)
        self.idea_source.setAccessibleDescription(idea.source_url)

    def retranslate(self) -> None:
        super().retranslate()
        now = self.context.now()
        self.date_label.setText(i18n.format_date(now.date(), "full"))
        kept = bool(self.context.settings.get("recovery_code_kept"))
        self.recovery_card.setVisible(not kept and not self.context.locked)
        self.recovery_text.setText(
            _(
                "Your recovery code opens your data if the usual way in is ever lost. "
                "Please make a new one now and keep it somewhere safe."
            )
        )
        set_button_text(self.recovery_button, _("Make my recovery code"))
        self.check_card.setVisible(self._check_due())
        self.check_text.setText(
            _(
                "It has been a while since you told Companion how you are feeling. Would you "
                "like to answer three short questions?"
            )
        )
        set_button_text(self.check_button, _("Answer the questions"))
        set_button_text(self.check_later, _("Not now"))
        self.idea_title.setText(_("An idea for today"))
        set_button_text(self.another_button, _("Another idea"))
        self._show_idea()

    def refresh(self) -> None:
        self.retranslate()

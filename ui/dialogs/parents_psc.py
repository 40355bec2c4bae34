"""The monthly PSC-17: seventeen sentences, never / sometimes / often, scored by item.

The recall period, the subscales and their cut-offs and what a blank means
are said before the questions; the result says "worth talking to your
child's doctor" at most, never a diagnosis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QWidget

from companion.i18n import _, ngettext
from companion.parents import Child, PscRecord
from companion.parents_content import PscForm, psc_form
from ui import actions_parents
from ui.dialogs.shell import DialogShell, ask_before_closing, choose_with_keys
from ui.widgets.common import Card, FlowLayout, label

if TYPE_CHECKING:
    from ui.session import UiSession


def cutoff_words(form: PscForm) -> str:
    """When the authors say to see a doctor, in a parent's words (no "cut-off", no jargon)."""
    parts = [
        _("{part} {level} or more").format(part=_(s.plain_label), level=s.cutoff)
        for s in form.subscales
    ]
    return _(
        "Each answer counts 0, 1 or 2. The checklist's authors say it is worth talking to "
        "your child's doctor when all the answers add up to {total} or more, or when one part "
        "reaches its level: {parts}."
    ).format(total=form.total_cutoff, parts="; ".join(parts))


def blanks_words(form: PscForm) -> str:
    return _(
        "You can leave a sentence blank. If {count} or more are left blank, the checklist "
        "cannot be scored, and Companion will say so."
    ).format(count=form.invalid_from_blanks)


class PscDialog(DialogShell):
    def __init__(self, session: UiSession, child: Child, parent: QWidget | None = None) -> None:
        form = psc_form()
        super().__init__(_("Monthly checklist for {name}").format(name=child.name), parent)
        self.session = session
        self.child = child
        self.form = form
        self.saved: PscRecord | None = None
        self.body.addWidget(label(_(form.title), "subheading"))
        self.body.addWidget(label(_(form.recall_period)))
        self.body.addWidget(label(_(form.instructions)))
        self.body.addWidget(label(_(form.meaning), "muted"))
        self.body.addWidget(label(cutoff_words(form), "muted"))
        self.body.addWidget(label(blanks_words(form), "muted"))
        self.groups: dict[str, QButtonGroup] = {}
        for number, item in enumerate(form.items, start=1):
            card = Card()
            text = _(item.text)
            card.body.addWidget(label(_("{number}. {text}").format(number=number, text=text)))
            group = QButtonGroup(self)
            row = FlowLayout()
            # In the card before the buttons go in, so the card owns them.
            card.body.addLayout(row)
            for value, words in form.answers:
                radio = QRadioButton(_(words))
                radio.setAccessibleName(_(words))
                radio.setAccessibleDescription(text)
                radio.setProperty("value", value)
                group.addButton(radio)
                radio.ensurePolished()
                # A ticked circle is drawn without its border: keep room for the words either way.
                radio.setMinimumWidth(radio.sizeHint().width() + 8)
                row.addWidget(radio)
            choose_with_keys(group)  # arrows and Enter choose, never save half a checklist
            self.groups[item.id] = group
            self.body.addWidget(card)
        self.body.addWidget(
            label(
                _("From: {source}. {licence}").format(
                    source=_(form.source_name), licence=form.licence
                ),
                "muted",
            )
        )
        self.add_button(_("Save the checklist"), self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        self.first_field = next(iter(self.groups.values())).buttons()[0]

    def answers(self) -> dict[str, int | None]:
        found: dict[str, int | None] = {}
        for item_id, group in self.groups.items():
            chosen = group.checkedButton()
            found[item_id] = None if chosen is None else int(chosen.property("value"))
        return found

    def choose(self, item_id: str, value: int) -> None:
        for radio in self.groups[item_id].buttons():
            if radio.property("value") == value:
                radio.setChecked(True)

    def is_dirty(self) -> bool:
        return any(value is not None for value in self.answers().values())

    def blank_items(self) -> list[str]:
        return [item_id for item_id, value in self.answers().items() if value is None]

    def save(self) -> None:
        """Save; first ask when so many sentences are blank that it cannot be scored.

        Enter on the first answer, then Enter again, saved a checklist with sixteen blanks:
        it cannot be scored, it took the place of the last result on the page, and it
        cannot be taken back. Now the person chooses, and "Go back" is what Enter does.
        """
        blanks = self.blank_items()
        if len(blanks) < self.form.invalid_from_blanks:
            self.save_now()
            return
        question = ngettext(
            "{count} sentence is still blank. With {least} or more left blank, the checklist "
            "cannot be scored. Save it anyway?",
            "{count} sentences are still blank. With {least} or more left blank, the "
            "checklist cannot be scored. Save it anyway?",
            len(blanks),
        ).format(count=len(blanks), least=self.form.invalid_from_blanks)
        box = ask_before_closing(
            self,
            question,
            self.save_now,
            close_text=_("Save it anyway"),
            stay_text=_("Go back and answer"),
        )
        box.setObjectName("psc-blanks")
        stay = box.escapeButton()
        box.buttonClicked.connect(
            lambda clicked: self._to_first_blank() if clicked is stay else None
        )

    def _to_first_blank(self) -> None:
        """Back in the checklist, the keys are on the first sentence still blank."""
        blanks = self.blank_items()
        if blanks:
            first = self.groups[blanks[0]].buttons()[0]
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(first.parentWidget())

    def save_now(self) -> None:
        self.saved = actions_parents.record_psc17(self.session, self, self.child, self.answers())
        if self.saved is not None:
            self.accept()

"""Before anything is added: what a file of places would bring, what it leaves out, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QWidget

from companion import groups
from companion.groups import ImportResult, PlacesPreview
from companion.i18n import _, ngettext
from ui.dialogs.shell import DialogShell
from ui.widgets.common import label

if TYPE_CHECKING:
    from ui.session import UiSession

SHOWN = 200  # names listed in the preview; the counts say how many in all


class ImportPreviewDialog(DialogShell):
    def __init__(
        self, session: UiSession, preview: PlacesPreview, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Add places from {file}").format(file=preview.file_name), parent)
        self.session = session
        self.preview = preview
        self.result_: ImportResult | None = None
        body = self.body
        new, updated = len(preview.new), len(preview.updated)
        lines = [
            ngettext(
                "{count} new place will be added.", "{count} new places will be added.", new
            ).format(count=new)
            if new
            else _("There are no new places in this file.")
        ]
        if updated:
            lines.append(
                ngettext(
                    "{count} place is already here and will be brought up to date. Your notes "
                    "on it stay.",
                    "{count} places are already here and will be brought up to date. Your notes "
                    "on them stay.",
                    updated,
                ).format(count=updated)
            )
        self.counts = label("\n".join(lines))
        body.addWidget(self.counts)
        skipped = preview.skip_sentences()
        self.skipped = label("\n".join(skipped), "muted")
        self.skipped.setVisible(bool(skipped))
        body.addWidget(self.skipped)

        if new or updated:
            body.addWidget(label(_("Places in the file"), "subheading"))
            self.names = QListWidget()
            self.names.setAccessibleName(_("Places in the file"))
            self.names.setMinimumHeight(160)
            self.names.setWordWrap(True)
            self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            cat = groups.catalogue()
            for parsed in (preview.new + preview.updated)[:SHOWN]:
                kinds = [cat.kind(k) for k in preview.kinds.get(parsed.ref, [])]
                what = ", ".join(_(k.title) for k in kinds[:2] if k)
                where = parsed.address
                self.names.addItem(" · ".join(p for p in (parsed.name, what, where) if p))
            body.addWidget(self.names)
            more = new + updated - SHOWN
            if more > 0:
                body.addWidget(
                    label(
                        ngettext("… and {count} more.", "… and {count} more.", more).format(
                            count=more
                        ),
                        "muted",
                    )
                )
        if preview.attribution:
            self.attribution = label(preview.attribution, "muted")
            body.addWidget(self.attribution)

        if new or updated:
            self.import_button = self.add_button(
                _("Add these places") if new else _("Bring them up to date"),
                self.add_places,
                "primary",
                default=True,
            )
            self.add_button(_("Cancel"), self.reject)
            self.first_field = self.import_button
        else:
            body.addWidget(label(_("There is nothing in this file to add.")))
            self.import_button = self.add_button(_("Close"), self.reject, "primary", default=True)
            self.first_field = self.import_button

    def add_places(self) -> None:
        from ui import actions_groups

        self.import_button.setEnabled(False)

        def done(result: ImportResult | None) -> None:
            self.result_ = result
            if result is not None:
                self.accept()
            else:
                self.import_button.setEnabled(True)

        actions_groups.import_places(self.session, self, self.preview, done)

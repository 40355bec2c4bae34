"""What a parent can do for each sign, in plain words, and when to get help now."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from companion.i18n import _, format_list
from companion.parents_content import Content, Sign, content
from ui.dialogs.shell import DialogShell
from ui.widgets.common import Card, label


def sources_line(words: Content, ids: tuple[str, ...]) -> str:
    names = [_(words.sources[i].name) for i in ids if i in words.sources]
    # The language's own list ("A, B, and C"; in Arabic "A، B وC"), never a Latin ";" there.
    return _("From: {sources}").format(sources=format_list(names)) if names else ""


def sign_card(sign: Sign, words: Content | None = None) -> Card:
    """One sign: what it looks like, what you can do, ways to start talking, sources."""
    words = words or content()
    card = Card()
    card.body.addWidget(label(_(sign.title), "subheading"))
    card.body.addWidget(label(_(sign.text), "muted"))
    card.body.addWidget(label(_("What you can do"), "subheading"))
    for action_id in sign.actions:
        action = words.actions.get(action_id)
        if action is not None:
            card.body.addWidget(
                label(_("{title}: {text}").format(title=_(action.title), text=_(action.text)))
            )
    if sign.starters:
        card.body.addWidget(label(_("Ways to start talking"), "subheading"))
        for starter in sign.starters:
            card.body.addWidget(label(_("“{words}”").format(words=_(starter))))
    card.body.addWidget(label(sources_line(words, sign.sources), "muted"))
    return card


class GuideDialog(DialogShell):
    def __init__(self, focus: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(_("What you can do"), parent)
        words = content()
        now = Card()
        now.body.addWidget(label(_("When to get help now"), "subheading"))
        now.body.addWidget(label(_(words.when_now)))
        now.body.addWidget(label(sources_line(words, words.when_now_sources), "muted"))
        self.body.addWidget(now)
        ordered = sorted(words.signs, key=lambda s: s.id not in focus)
        for sign in ordered:
            self.body.addWidget(sign_card(sign, words))
        self.close_button = self.add_button(_("Close"), self.accept, "primary", default=True)
        self.first_field = self.close_button

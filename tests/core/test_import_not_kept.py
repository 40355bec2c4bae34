"""What a contact file held that Companion cannot keep is said, in the window and on the command line.

Both use ``people_import.not_kept_words``, so the words are the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.cli import main
from companion.interchange.people_import import build_preview, not_kept_words
from companion.interchange.vcard import parse_vcards
from companion.profile import Unlocked

from .conftest import PASSPHRASE

CARDS = (
    b"BEGIN:VCARD\r\nFN:Jo Bennett\r\nPHOTO;ENCODING=b:AAAA\r\nKEY;ENCODING=b:AAAA\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nFN:Anne Kowalski\r\nEND:VCARD\r\n"
)


def test_the_words_name_each_person_and_what_was_not_kept(passphrase_profile: Unlocked) -> None:
    preview = build_preview(passphrase_profile.store, parse_vcards(CARDS), "GB")
    assert not_kept_words(preview).splitlines() == [
        "Some things in the file cannot be kept in Companion:",
        "Jo Bennett: a photo, an encryption key",
        "Everything else is kept; details with no place of their own go in the notes.",
    ]


def test_nothing_is_said_when_everything_can_be_kept(passphrase_profile: Unlocked) -> None:
    data = b"BEGIN:VCARD\r\nFN:Anne Kowalski\r\nEND:VCARD\r\n"
    assert not_kept_words(build_preview(passphrase_profile.store, parse_vcards(data), "GB")) == ""


def test_a_long_list_names_ten_and_counts_the_rest(passphrase_profile: Unlocked) -> None:
    data = b"".join(
        b"BEGIN:VCARD\r\nFN:Person %d\r\nPHOTO;ENCODING=b:AAAA\r\nEND:VCARD\r\n" % i
        for i in range(13)
    )
    lines = not_kept_words(build_preview(passphrase_profile.store, parse_vcards(data), "GB"))
    assert lines.splitlines()[1] == "Person 0: a photo"
    assert "Person 10: a photo" not in lines
    assert "…and 3 more people." in lines.splitlines()


def test_the_command_says_what_could_not_be_kept(
    passphrase_profile: Unlocked, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    file = tmp_path / "phone.vcf"
    file.write_bytes(CARDS)
    assert main(["--data-dir", str(folder), "import", "contacts", str(file)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "Some things in the file cannot be kept in Companion:",
        "Jo Bennett: a photo, an encryption key",
        "Everything else is kept; details with no place of their own go in the notes.",
        "Added 2 people.",
    ]
    assert captured.err == ""

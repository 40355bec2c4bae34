"""Settings: declared once, checked with plain messages, kept where they belong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.errors import CompanionError
from companion.profile import Unlocked
from companion.settings import OPTIONS, Preferences, Settings


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("text_scale", 250, "Text size must be between 100 and 200."),
        ("text_scale", 99, "Text size must be between 100 and 200."),
        ("text_scale", "big", "Text size must be a whole number."),
        ("auto_lock_minutes", 241, "must be between 0 and 240"),
        ("high_contrast", "maybe", "High contrast must be on or off."),
        ("country", "XX", "“XX” is not one of the choices for Country."),
        ("language", "tlh", "is not one of the choices for Language"),
    ],
)
def test_bad_values_are_refused_in_plain_words(key: str, value: object, message: str) -> None:
    with pytest.raises(CompanionError) as caught:
        OPTIONS[key].check(value)
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("key", "value", "checked"),
    [
        ("text_scale", "150", 150),
        ("text_scale", 200, 200),
        ("high_contrast", "true", True),
        ("high_contrast", "0", False),
        ("country", "GB", "GB"),
        ("user_name", "Zoë", "Zoë"),
    ],
)
def test_good_values_come_back_in_their_type(key: str, value: object, checked: object) -> None:
    assert OPTIONS[key].check(value) == checked


def test_every_option_has_a_valid_default_and_a_title() -> None:
    for option in OPTIONS.values():
        assert option.title
        assert option.check(option.default_value()) == option.default_value()


def test_preferences_survive_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    prefs = Preferences(path)
    assert prefs.get("text_scale") == 100
    prefs.set("text_scale", 175)
    prefs.set("high_contrast", True)
    again = Preferences(path)
    assert again.get("text_scale") == 175 and again.get("high_contrast") is True


@pytest.mark.parametrize(
    "content",
    [
        '{"text_scale": 17',
        "[1, 2, 3]",
        '{"text_scale": 999, "high_contrast": "perhaps"}',
        "\x00\xff",
    ],
    ids=["truncated", "not-a-dict", "bad-values", "binary"],
)
def test_damaged_preferences_fall_back_to_defaults(tmp_path: Path, content: str) -> None:
    path = tmp_path / "preferences.json"
    path.write_text(content, encoding="latin-1")
    prefs = Preferences(path)
    assert prefs.get("text_scale") == 100
    assert prefs.get("high_contrast") is False
    # And saving again makes a sound file.
    prefs.set("text_scale", 120)
    assert json.loads(path.read_text())["text_scale"] == 120


def test_a_refused_value_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    prefs = Preferences(path)
    prefs.set("text_scale", 150)
    before = path.read_bytes()
    with pytest.raises(CompanionError):
        prefs.set("text_scale", 250)
    assert path.read_bytes() == before
    assert prefs.get("text_scale") == 150


def test_profile_settings_round_trip_through_the_encrypted_store(
    passphrase_profile: Unlocked,
) -> None:
    settings = passphrase_profile.settings
    settings.set("user_name", "Ada")
    settings.set("auto_lock_minutes", "15")
    settings.set("close_to_tray", True)
    settings.set("text_scale", 140)  # a device setting, in preferences.json
    profile = passphrase_profile.profile
    passphrase_profile.close()
    preferences = json.loads((profile.folder / "preferences.json").read_text())
    assert preferences == {"text_scale": 140}
    reopened = profile.open(passphrase_profile.data_key)
    assert reopened.settings.get("user_name") == "Ada"
    assert reopened.settings.get("auto_lock_minutes") == 15
    assert reopened.settings.get("close_to_tray") is True
    reopened.close()


def test_profile_settings_while_locked(tmp_path: Path) -> None:
    settings = Settings(Preferences(tmp_path / "preferences.json"), None)
    assert settings.get("user_name") == ""
    with pytest.raises(CompanionError, match="locked"):
        settings.set("user_name", "Ada")


def test_listeners_hear_each_accepted_change(passphrase_profile: Unlocked) -> None:
    settings = passphrase_profile.settings
    heard: list[tuple[str, object]] = []
    settings.on_change(lambda key, value: heard.append((key, value)))
    settings.set("text_scale", "130")
    settings.set("user_name", "Ada")
    with pytest.raises(CompanionError):
        settings.set("text_scale", 250)
    assert heard == [("text_scale", 130), ("user_name", "Ada")]
    assert settings.get("text_scale") == 130


def test_a_bad_value_in_the_store_reads_as_the_default(passphrase_profile: Unlocked) -> None:
    passphrase_profile.store.set_setting("auto_lock_minutes", '"soon"')
    passphrase_profile.store.set_setting("close_to_tray", "{not json")
    assert passphrase_profile.settings.get("auto_lock_minutes") == 0
    assert passphrase_profile.settings.get("close_to_tray") is False


def test_a_profile_that_never_saved_a_country_follows_its_language(tmp_path, monkeypatch) -> None:
    """An older profile in German on an English (US) computer shows Germany's numbers in Get
    help, not 911; in English on the same computer, the United States."""
    from companion import i18n
    from companion.settings import Preferences

    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    preferences = Preferences(tmp_path / "preferences.json")
    try:
        i18n.set_language("de")
        assert preferences.get("country") == "DE"
        i18n.set_language("en")
        assert preferences.get("country") == "US"
        monkeypatch.setenv("LANG", "en_GB.UTF-8")
        assert preferences.get("country") == "GB"
    finally:
        i18n.set_language("en")

"""Every setting named in the code is declared: a misspelt name fails here, not for a user."""

from __future__ import annotations

import re
from pathlib import Path

from companion.settings import OPTIONS

ROOT = Path(__file__).resolve().parents[2]
USE = re.compile(r"""settings\.(?:get|set)\(\s*["']([a-z_0-9]+)["']""")


def test_every_setting_the_code_reads_or_writes_is_declared():
    used: dict[str, list[str]] = {}
    for folder in ("companion", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for name in USE.findall(path.read_text("utf-8")):
                used.setdefault(name, []).append(str(path.relative_to(ROOT)))
    assert used, "the scan found no settings at all: the pattern is wrong"
    unknown = {name: where for name, where in used.items() if name not in OPTIONS}
    assert not unknown, f"settings used but never declared: {unknown}"


def test_a_misspelt_name_is_refused_at_once(tmp_path):
    import pytest

    from companion.settings import Preferences

    prefs = Preferences(tmp_path / "preferences.json")
    with pytest.raises(KeyError):
        prefs.get("text_sclae")

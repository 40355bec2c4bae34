"""Every word translatable, and every shipped language complete."""

from __future__ import annotations

import gettext
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from companion import i18n

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def i18n_tool():
    """tools/i18n.py, which also knows the translatable text in assets/data/*.json."""
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shipped_catalogs() -> list[Path]:
    return sorted(I18N.glob("*/LC_MESSAGES/messages.po"))


def msgids(path: Path) -> set[str]:
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_template_is_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "-q",
            "extract",
            "--no-default-keywords",
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "-k",
            "pgettext:1c,2",
            "-F",
            str(I18N / "babel.cfg"),
            "-o",
            str(fresh),
            "companion",
            "ui",
        ],
        check=True,
        cwd=ROOT,
    )
    new = msgids(fresh) | set(i18n_tool().json_messages())
    shipped = msgids(I18N / "messages.pot")
    assert not new - shipped, "run `python tools/i18n.py all`: new strings are not in the template"
    assert not shipped - new, (
        "run `python tools/i18n.py all`: the template has strings the code lost"
    )


def test_at_least_two_languages_ship():
    assert {"en", "de", "ar"} <= set(i18n.available_languages())


@pytest.mark.parametrize("po", shipped_catalogs(), ids=lambda p: p.parent.parent.name)
def test_catalog_is_complete_and_safe(po):
    template = msgids(I18N / "messages.pot")
    with open(po, "rb") as handle:
        catalog = read_po(handle)
    assert msgids(po) >= template, f"{po}: strings missing; run `python tools/i18n.py all`"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"{po}: fuzzy: {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert text, f"{po}: untranslated: {ids[0]!r}"
            wanted = set(PLACEHOLDER.findall(ids[-1]))
            found = set(PLACEHOLDER.findall(text))
            # A plural form for exactly one may say "one" instead of {count}.
            assert found <= wanted and (wanted - found) <= {"{count}"}, (
                f"{po}: placeholders differ in {ids[0]!r}: {found} vs {wanted}"
            )


@pytest.mark.parametrize("po", shipped_catalogs(), ids=lambda p: p.parent.parent.name)
def test_compiled_catalog_matches_its_source(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run `python tools/i18n.py compile`: {mo} is missing"
    with open(po, "rb") as handle:
        catalog = read_po(handle)
    with open(mo, "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        shown = (
            compiled.pgettext(message.context, message.id)
            if message.context
            else compiled.gettext(message.id)
        )
        assert shown == message.string, (
            f"run `python tools/i18n.py compile`: {mo} is older than {po}"
        )


@pytest.mark.parametrize("po", shipped_catalogs(), ids=lambda p: p.parent.parent.name)
def test_plural_forms_pick_the_form_the_language_uses(po):
    """The catalog's rule picks, for every number, the form babel's CLDR data names for the
    language. Arabic's rule had the forms for 11–99 and 100–102 the other way round, so
    "11 days" read "11 يوم" instead of "11 يومًا"."""
    from babel.messages.plurals import get_plural

    language = po.parent.parent.name
    with open(po.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    wanted = gettext.c2py(get_plural(language).plural_expr)
    for n in range(0, 1200):
        assert compiled.plural(n) == wanted(n), f"{language}: form for {n}"

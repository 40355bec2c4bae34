"""Keep the translation catalogs in step with the code.

    python tools/i18n.py extract    # rewrite i18n/messages.pot from companion/ and ui/
    python tools/i18n.py update     # merge the template into every i18n/<lang>/.../messages.po
    python tools/i18n.py compile    # write messages.mo beside every messages.po
    python tools/i18n.py init LANG  # start a new language
    python tools/i18n.py all        # extract, update, compile

The tests fail when the template is stale or a shipped catalog has an
untranslated or fuzzy string, so run ``all`` after changing any user-visible text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
POT = I18N / "messages.pot"
KEYWORDS = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2"]


def pybabel(*args: str) -> None:
    exe = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(exe), "-q", *args], check=True, cwd=ROOT)


def extract() -> None:
    pybabel(
        "extract",
        "--no-default-keywords",
        *KEYWORDS,
        "--sort-output",
        "--no-location",
        "--no-wrap",
        "-F",
        str(I18N / "babel.cfg"),
        "-o",
        str(POT),
        "--project=Companion",
        "--copyright-holder=The Companion developers",
        "companion",
        "ui",
    )
    add_json_messages()


def json_messages() -> dict[str, list[str]]:
    """User-visible text in ``assets/data/*.json``: each file names its translatable keys.

    A file's top-level ``"translatable": ["title", "text"]`` says which object keys hold
    English text; their string values (or lists of strings) anywhere in the file are
    messages, shown by the code with ``_(value)``.
    """
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "assets" / "data").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("translatable"), list):
            continue
        keys = set(data["translatable"])
        where = path.relative_to(ROOT).as_posix()

        def walk(node: object, keys: set[str] = keys, where: str = where) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in keys:
                        texts = value if isinstance(value, list) else [value]
                        for text in texts:
                            if isinstance(text, str) and text.strip():
                                found.setdefault(text, [])
                                if where not in found[text]:
                                    found[text].append(where)
                    if key != "translatable":
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(data)
    return found


def add_json_messages() -> None:
    """Add the assets' texts to the template written by pybabel."""
    from babel.messages.pofile import read_po, write_po

    with open(POT, "rb") as handle:
        catalog = read_po(handle)
    for text in json_messages():
        if text not in catalog:
            catalog.add(text)
    with open(POT, "wb") as handle:
        write_po(handle, catalog, width=0, sort_output=True, omit_header=False, no_location=True)


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in I18N.glob("*/LC_MESSAGES/messages.po"))


def update() -> None:
    for lang in languages():
        pybabel(
            "update", "--no-wrap", "--ignore-obsolete", "-i", str(POT), "-d", str(I18N), "-l", lang
        )


def compile_all() -> None:
    for lang in languages():
        pybabel("compile", "-d", str(I18N), "-l", lang)


def init(lang: str) -> None:
    pybabel("init", "--no-wrap", "-i", str(POT), "-d", str(I18N), "-l", lang)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "init" and len(argv) == 2:
        init(argv[1])
    elif command == "all":
        extract()
        update()
        compile_all()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

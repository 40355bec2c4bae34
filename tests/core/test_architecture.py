"""The core is a plain Python library: ``companion/`` never imports Qt or ``ui``."""

from __future__ import annotations

import ast
import json
import subprocess

from .helpers import PYTHON, ROOT, child_env

CORE = ROOT / "companion"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")


def forbidden_imports(source: str, filename: str = "<source>") -> list[str]:
    """Every import in ``source`` of a Qt binding or of the ``ui`` package."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        for name in names:
            if name.split(".")[0] in FORBIDDEN:
                found.append(f"{filename}:{node.lineno} imports {name}")
    return found


def test_the_scanner_catches_every_form_of_import() -> None:
    source = (
        "import os\n"
        "from PySide6 import QtCore\n"
        "import PySide6.QtWidgets as w\n"
        "def f():\n"
        "    from ui.app import App\n"
        "    import importlib; importlib.import_module('shiboken6')\n"
        "from . import ui\n"  # companion.ui would be fine: relative
        "import uikit\n"
    )
    assert [line.split(" imports ")[1] for line in forbidden_imports(source)] == [
        "PySide6",
        "PySide6.QtWidgets",
        "ui.app",
        "shiboken6",
    ]


def test_no_core_source_imports_qt_or_ui() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 8
    problems = [
        problem
        for path in files
        for problem in forbidden_imports(path.read_text("utf-8"), str(path.relative_to(ROOT)))
    ]
    assert problems == []


_IMPORT_ALL = """
import importlib, json, pkgutil, sys
import companion
names = ["companion"] + [m.name for m in pkgutil.walk_packages(companion.__path__, "companion.")]
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {forbidden!r})
print(json.dumps({{"imported": names, "loaded": loaded}}))
"""


def test_importing_every_core_module_loads_no_qt() -> None:
    result = subprocess.run(
        [PYTHON, "-c", _IMPORT_ALL.format(forbidden=set(FORBIDDEN))],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    expected = {
        "companion." + str(p.relative_to(CORE).with_suffix("")).replace("/", ".")
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    }
    assert expected <= set(report["imported"])
    assert report["loaded"] == []

"""Where the app's own files (assets, catalogs) are, however it was installed.

Three layouts are supported: a source checkout (``assets/`` beside the
package), an installed wheel (copied into ``companion/_assets``) and a
PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    candidates = [_PACKAGE_DIR / f"_{name}", _PACKAGE_DIR.parent / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Companion's {name} folder is missing from this installation")


@cache
def assets_dir() -> Path:
    return _find("assets")


@cache
def i18n_dir() -> Path:
    return _find("i18n")


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)

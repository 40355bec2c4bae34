"""An installed wheel finds its icons, catalogs and migrations without the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_installed_wheel_finds_its_files(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("companion-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    probe = (
        "from companion.resources import assets_dir, i18n_dir; "
        "from companion import i18n, store; "
        "print(assets_dir()); print(i18n_dir()); "
        "print(','.join(i18n.available_languages())); print(store.latest_version())"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the checkout
        env=dict(os.environ, PYTHONPATH=str(target)),
        check=True,
    )
    assets, catalogs, languages, version = result.stdout.split()
    assert Path(assets).is_relative_to(target) and (Path(assets) / "icons" / "today.svg").exists()
    assert Path(catalogs).is_relative_to(target)
    assert {"en", "de", "ar"} <= set(languages.split(","))
    assert int(version) >= 1

"""The packages: what a person installs and opens from the menu, checked the way distributions do.

The slow tests build the PyInstaller bundle and the wheel once per session in a temporary
folder, then run them as a person would: the bundle offscreen with sample data and on a fresh
profile with the real keyring, the wheel from a fresh virtual environment in German.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import sysconfig
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
IN_CI = os.environ.get("CI", "").lower() == "true"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _load_build() -> ModuleType:
    # Loaded by path: a folder called "packaging" must not shadow the PyPI package of that name.
    spec = importlib.util.spec_from_file_location(
        "companion_packaging_build", PACKAGING / "build.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


build = _load_build()


def _need_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        reason = f"{name} is missing (Debian package {package})"
        if IN_CI:
            pytest.fail(f"CI must validate the Linux desktop files, but {reason}")
        pytest.skip(reason)
    return path


def _modules_loaded_by_name() -> set[str]:
    """Modules the window imports by name ("ui.pages.today:TodayPage"), wherever listed."""
    found: set[str] = set()
    for path in (ROOT / "ui").rglob("*.py"):
        found.update(re.findall(r"[\"'](ui(?:\.\w+)+):\w+[\"']", path.read_text(encoding="utf-8")))
    return found


def _dependency_data() -> dict[str, list[str]]:
    """Each runtime dependency's data files (not code), as paths inside site-packages."""
    from importlib.metadata import PackageNotFoundError, distribution

    found = {}
    for requirement in build.project()["dependencies"]:
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group()
        if name.lower().startswith(("pyside6", "shiboken6")):  # Qt: its own hooks pick
            continue
        try:
            files = distribution(name).files or []
        except PackageNotFoundError:  # a dependency for another system
            continue
        data = [
            str(f)
            for f in files
            if "/" in str(f)
            and f.suffix not in (".py", ".pyc", ".pyi", ".so", ".typed", ".pxd", ".h")
            and not str(f).startswith("..")
            and ".dist-info/" not in str(f)
            and "__pycache__" not in str(f)
            and "/tests/" not in str(f)
        ]
        if data:
            found[name] = data
    return found


def _child_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("COMPANION_") and k not in ("PYTHONPATH", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env.update(extra)
    return env


# --- Linux desktop files (fast) -------------------------------------------------------------


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("share")
    build.write_linux(folder)
    return folder


def test_desktop_entry_passes_desktop_file_validate(share: Path) -> None:
    tool = _need_tool("desktop-file-validate", "desktop-file-utils")
    entry = share / "applications" / "org.companion.Companion.desktop"
    result = subprocess.run([tool, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    text = entry.read_text(encoding="utf-8")
    assert "Exec=companion\n" in text and "Icon=org.companion.Companion\n" in text
    assert "Comment[de]=In Kontakt bleiben" in text  # from the German catalog


def test_metainfo_passes_appstreamcli_validate(share: Path) -> None:
    tool = _need_tool("appstreamcli", "appstream")
    metainfo = share / "metainfo" / "org.companion.Companion.metainfo.xml"
    result = subprocess.run(
        [tool, "validate", "--no-net", str(metainfo)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_has_translations_screenshots_rating_and_the_changelog(share: Path) -> None:
    root = ET.parse(share / "metainfo" / "org.companion.Companion.metainfo.xml").getroot()
    summaries = {s.get(XML_LANG): s.text for s in root.findall("summary")}
    assert summaries[None] == "Keep in touch with the people who matter"
    for code in build.languages():  # every shipped language, from its catalog
        assert summaries.get(code) and summaries[code] != summaries[None], code
    shots = root.findall("screenshots/screenshot")
    assert shots and shots[0].get("type") == "default"
    assert all(s.findtext("image", "").endswith(".png") for s in shots)
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert root.find("launchable").text == "org.companion.Companion.desktop"

    releases = root.findall("releases/release")
    assert releases[0].get("version") == build.version()
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first_section = changelog.split("\n## ")[1]
    bullets = [line for line in first_section.splitlines() if line.startswith("- ")]
    assert len(releases[0].findall("description/ul/li")) == len(bullets)


def test_release_notes_follow_the_changelog() -> None:
    text = (
        "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n### Added\n- A new page with `companion x`\n"
        "  that wraps onto a second line.\n- Groups & walks.\n\n### Fixed\n- Reminders <again>.\n\n"
        "## [0.1.0] - 2026-01-05\n\n### Added\n- The first [release](https://x.invalid).\n"
    )
    releases = build.changelog_releases(text, "0.2.0", "2026-02-01")
    assert [(r.version, r.date, r.kind) for r in releases] == [
        ("0.2.0", "2026-02-01", "development"),
        ("0.1.0", "2026-01-05", "stable"),
    ]
    assert releases[0].sections == [
        (
            "Added",
            ["A new page with `companion x` that wraps onto a second line.", "Groups & walks."],
        ),
        ("Fixed", ["Reminders <again>."]),
    ]
    xml = build.releases_xml(releases)
    assert "<code>companion x</code>" in xml and "Groups &amp; walks." in xml
    assert "Reminders &lt;again&gt;." in xml and "The first release." in xml
    ET.fromstring(f"<releases>{xml}</releases>")  # well-formed


def test_icons_come_in_every_hicolor_size_and_for_windows_and_macos() -> None:
    hicolor = PACKAGING / "icons" / "hicolor"
    for size in build.HICOLOR_SIZES:
        png = (hicolor / f"{size}x{size}" / "apps" / "org.companion.Companion.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (size, size)
    assert (hicolor / "scalable" / "apps" / "org.companion.Companion.svg").read_text() == (
        build.icon_svg()
    ), "packaging/icons is older than assets/icons/app.svg: run tools/build-packages icons"

    ico = (PACKAGING / "icons" / "companion.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sides = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sides
    icns = (PACKAGING / "icons" / "companion.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


# --- Flatpak and Windows (fast) -------------------------------------------------------------


def test_flatpak_manifest_is_offline_and_keeps_the_key_in_the_secret_portal() -> None:
    manifest = json.loads((PACKAGING / "flatpak" / "org.companion.Companion.json").read_text())
    assert manifest["app-id"] == "org.companion.Companion"
    assert manifest["runtime"] == "org.freedesktop.Platform"
    assert manifest["command"] == "companion"
    args = manifest["finish-args"]
    assert not any(a.startswith("--share=network") for a in args)  # nothing is sent anywhere
    assert not any(a.startswith("--filesystem") for a in args)
    # The key goes to the Secret portal through libsecret, not to the whole host keyring.
    assert "--env=PYTHON_KEYRING_BACKEND=keyring.backends.libsecret.Keyring" in args
    assert "--talk-name=org.freedesktop.secrets" not in args
    names = [m if isinstance(m, str) else m["name"] for m in manifest["modules"]]
    assert names[-1] == "companion" and "python3-deps.json" in names
    commands = " ".join(manifest["modules"][-1]["build-commands"])
    assert "packaging/build.py linux" in commands  # desktop entry, metainfo and icons


def test_windows_installer_is_per_user_and_asks_before_deleting_data() -> None:
    script = (PACKAGING / "windows" / "companion.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in script
    assert "{userprograms}" in script  # the Start menu entry
    # The data folder is the one Companion uses (platformdirs, roaming, no author).
    assert "ExpandConstant('{userappdata}\\Companion')" in script
    assert "MsgBox(CustomMessage('KeepData')" in script and "UninstallSilent" in script
    for code in ("en", *build.languages()):
        assert f"{code}.KeepData=" in script, f"the uninstaller's question in {code}"


# --- the bundle (slow) ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        if IN_CI:
            pytest.fail("CI must build the bundle, but PyInstaller is missing (extra 'package')")
        pytest.skip("PyInstaller is missing: pip install -e '.[package]'")
    dist = tmp_path_factory.mktemp("bundle")
    folder = build.bundle(dist, dist / "work", archive=False)
    return folder / "companion"


@pytest.mark.slow
def test_bundle_shows_every_page_in_german(bundle: Path, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = subprocess.run(
        [str(bundle), "--demo", "--lang", "de", "--screenshot", str(shots)],
        capture_output=True,
        text=True,
        env=_child_env(QT_QPA_PLATFORM="offscreen"),
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "gespeichert" in result.stdout  # the German catalog travelled with the bundle
    for page in ("today", "people", "reminders", "settings", "help"):
        assert (shots / f"{page}.png").stat().st_size > 1000, page
    # Every page the window imports by name is inside the bundle.
    bundled = (bundle.parent.parent / "work" / "companion" / "PYZ-00.toc").read_text()
    assert _modules_loaded_by_name() and all(
        f"'{module}'" in bundled for module in _modules_loaded_by_name()
    )
    internal = bundle.parent / "_internal"
    assert (internal / "assets" / "icons" / "app.svg").is_file()
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_de.qm").is_file()
    assert not list(internal.rglob("*QtQuick*")), "Qt modules Companion doesn't use"
    assert not list(internal.rglob("plugins/tls/*")), "Companion never goes online"
    for name, files in _dependency_data().items():  # a town list, babel's locale data...
        assert any((internal / f).is_file() for f in files), f"{name}'s data is missing"
    size = build.folder_size(bundle.parent)
    assert size < 350 * 2**20, f"the bundle grew to {size / 2**20:.0f} MiB"


def _secret_service_problem() -> str | None:
    try:
        import secretstorage

        connection = secretstorage.dbus_init()
        try:
            if secretstorage.get_default_collection(connection).is_locked():
                return "the default keyring collection is locked"
        finally:
            connection.close()
    except Exception as error:  # no bus, no service
        return f"no Secret Service on the session bus ({type(error).__name__})"
    return None


@pytest.mark.slow
@pytest.mark.real_keyring
def test_bundle_sets_up_and_checks_a_fresh_profile_with_the_real_keyring(
    bundle: Path, tmp_path: Path
) -> None:
    problem = _secret_service_problem()
    if problem:
        if IN_CI:
            pytest.fail(f"CI must exercise the real keyring, but: {problem}")
        pytest.skip(problem)
    profile = tmp_path / "profile"
    env = _child_env()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bundle), "--data-dir", str(profile), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    init = run("init")
    assert init.returncode == 0, init.stderr
    assert "password store" in init.stdout and "Your recovery code:" in init.stdout
    assert json.loads((profile / "keys.json").read_text())["mode"] == "keyring"
    check = run("check")
    assert check.returncode == 0, check.stderr
    assert "Your data is in good order." in check.stdout


# --- the wheel and the sdist (slow) ---------------------------------------------------------


@pytest.fixture(scope="session")
def wheel_and_sdist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if importlib.util.find_spec("build") is None or importlib.util.find_spec("hatchling") is None:
        if IN_CI:
            pytest.fail("CI must build the wheel, but 'build' or 'hatchling' is missing")
        pytest.skip("build and hatchling are missing: pip install -e '.[package]'")
    return build.wheel(tmp_path_factory.mktemp("wheel"))


@pytest.mark.slow
def test_sdist_and_wheel_carry_assets_catalogs_and_migrations(
    wheel_and_sdist: tuple[Path, Path],
) -> None:
    wheel, sdist = wheel_and_sdist
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for needed in (
        "assets/icons/app.svg",
        "assets/data/helplines.json",
        "i18n/de/LC_MESSAGES/messages.mo",
        "companion/migrations/0001_initial.sql",
        "packaging/companion.spec",
        "packaging/build.py",
        "CHANGELOG.md",
    ):
        assert needed in names, needed
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "companion/_assets/icons/app.svg" in names
    assert "companion/_i18n/de/LC_MESSAGES/messages.mo" in names
    assert "companion/migrations/0001_initial.sql" in names


@pytest.mark.slow
def test_wheel_in_a_fresh_environment_shows_companion_in_german(
    wheel_and_sdist: tuple[Path, Path], tmp_path: Path
) -> None:
    wheel, _ = wheel_and_sdist
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The dependencies come from this project's environment (a path, not its .pth files, so
    # the checkout's editable install stays out); Companion itself only from the wheel.
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", wheel],
        check=True,
        capture_output=True,
    )
    env = _child_env(QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "from companion.resources import assets_dir, i18n_dir; from companion import store; "
            "print(assets_dir()); print(i18n_dir()); print(store.latest_version())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    )
    assets, catalogs, version = probe.stdout.split()
    assert Path(assets).is_relative_to(venv) and Path(catalogs).is_relative_to(venv)
    assert int(version) >= 1

    shots = tmp_path / "shots"
    result = subprocess.run(
        [str(venv / "bin" / "companion"), "--demo", "--lang", "de", "--screenshot", str(shots)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "gespeichert" in result.stdout
    assert (shots / "today.png").stat().st_size > 1000

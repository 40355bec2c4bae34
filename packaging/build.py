"""Build Companion's packages: the bundle, the wheel and sdist, and the Linux desktop files.

Run it through ``tools/build-packages`` (which installs the packaging tools first)::

    tools/build-packages            everything below, into dist/
    tools/build-packages bundle     the PyInstaller one-folder bundle and a .tar.gz of it
    tools/build-packages wheel      the wheel and the sdist
    tools/build-packages linux      the .desktop entry, AppStream metainfo and icons
    tools/build-packages icons      redraw packaging/icons/ from assets/icons/app.svg
    tools/build-packages flatpak    the Flatpak manifest with every Python wheel pinned

Only ``bundle``, ``wheel`` and ``icons`` need more than the standard library, so a Flatpak or
distribution build can run ``python3 packaging/build.py linux --dest /app/share`` alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import html
import json
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = PACKAGING / "icons"
APP_ID = "org.companion.Companion"
SUMMARY = "Keep in touch with the people who matter"  # a msgid the catalogs translate
# Where a packager publishes the project and its screenshots (dist/screenshots/); pass --url.
PLACEHOLDER_URL = "https://example.org/companion"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}

# The icon: the heart from the app's own icon, light on the accent blue of the warm theme.
ACCENT = "#1D5B86"
LIGHT = "#FBF7F0"


def project() -> dict[str, Any]:
    """pyproject.toml's [project] table."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(data["project"])


def version() -> str:
    return str(project()["version"])


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in (ROOT / "i18n").glob("*/LC_MESSAGES/messages.mo"))


def translations(msgid: str) -> dict[str, str]:
    """The msgid in every shipped language that translates it, from the compiled catalogs."""
    found = {}
    for code in languages():
        catalog = gettext.translation(
            "messages", localedir=str(ROOT / "i18n"), languages=[code], fallback=True
        )
        text = catalog.gettext(msgid)
        if text != msgid:
            found[code] = text
    return found


# --- icons ---------------------------------------------------------------------------------


def icon_svg() -> str:
    """The application icon as SVG, drawn from assets/icons/app.svg."""
    source = (ROOT / "assets" / "icons" / "app.svg").read_text(encoding="utf-8")
    match = re.search(r"<svg[^>]*>(.*)</svg>", source, re.S)
    if not match:
        raise SystemExit("assets/icons/app.svg has no <svg> element")
    shapes = match.group(1).strip().replace("currentColor", LIGHT)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="512" height="512">\n'
        f'  <rect x="1" y="1" width="22" height="22" rx="5" fill="{ACCENT}"/>\n'
        f'  <g transform="translate(4.2 4.6) scale(0.65)" fill="{LIGHT}" stroke="{LIGHT}" '
        'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">\n'
        f"    {shapes}\n"
        "  </g>\n"
        "</svg>\n"
    )


def render_pngs(svg: str, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """Each size drawn from the SVG by Qt's own renderer (offscreen, no window)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pngs = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(buffer.data().data())
    del _app
    return pngs


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (what Windows Vista and later read)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, data = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png
        for size, png in sorted(pngs.items())
        if size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons() -> None:
    svg = icon_svg()
    pngs = render_pngs(svg, tuple(sorted(set(HICOLOR_SIZES) | set(ICO_SIZES))))
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_text(svg, encoding="utf-8")
    for size in HICOLOR_SIZES:
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    (ICONS / "companion.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "companion.icns").write_bytes(icns({s: pngs[s] for s in ICNS_TYPES}))
    print(f"Icons drawn in {ICONS.relative_to(ROOT)}")


# --- release notes from the changelog ------------------------------------------------------


@dataclass
class Release:
    version: str
    date: str  # YYYY-MM-DD
    kind: str  # "stable" or "development"
    sections: list[tuple[str, list[str]]]  # ("Added", ["item", ...])


def _inline(text: str) -> str:
    """Markdown inline text as AppStream markup: `code` kept, links and emphasis as words."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = text.replace("**", "").replace("__", "")
    parts = re.split(r"`([^`]*)`", text)
    out = []
    for index, part in enumerate(parts):
        escaped = html.escape(part, quote=False)
        out.append(f"<code>{escaped}</code>" if index % 2 else escaped)
    return "".join(out)


def changelog_releases(text: str, current: str, today: str) -> list[Release]:
    """Every version in a Keep-a-Changelog file; [Unreleased] is the coming ``current`` one."""
    releases: list[Release] = []
    in_item = False  # whether indented lines continue a list item
    for line in text.splitlines():
        heading = re.match(r"^## \[([^\]]+)\](?:\s*-\s*(\d{4}-\d{2}-\d{2}))?", line)
        if heading:
            name, date = heading.groups()
            if name.lower() == "unreleased":
                releases.append(Release(current, today, "development", []))
            else:
                releases.append(Release(name, date or today, "stable", []))
            in_item = False
        elif not releases:
            continue
        elif line.startswith("### "):
            releases[-1].sections.append((line[4:].strip(), []))
            in_item = False
        elif line.startswith("- ") and releases[-1].sections:
            releases[-1].sections[-1][1].append(line[2:].strip())
            in_item = True
        elif line.startswith("  ") and in_item:
            items = releases[-1].sections[-1][1]
            items[-1] = f"{items[-1]} {line.strip()}"
        else:
            in_item = False
    # An [Unreleased] section for a version the changelog already lists is the next one's.
    seen = {r.version for r in releases if r.kind == "stable"}
    return [r for r in releases if r.kind == "stable" or r.version not in seen]


def releases_xml(releases: list[Release]) -> str:
    lines = []
    for release in releases:
        lines.append(
            f'    <release version="{release.version}" date="{release.date}" type="{release.kind}">'
        )
        lines.append("      <description>")
        for title, items in release.sections:
            lines.append(f"        <p>{_inline(title)}:</p>")
            lines.append("        <ul>")
            lines.extend(f"          <li>{_inline(entry)}</li>" for entry in items)
            lines.append("        </ul>")
        lines.append("      </description>")
        lines.append("    </release>")
    return "\n".join(lines)


# --- Linux desktop files -------------------------------------------------------------------


def desktop_entry() -> str:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=Companion",
        f"Comment={SUMMARY}",
        *(f"Comment[{code}]={text}" for code, text in sorted(translations(SUMMARY).items())),
        f"Icon={APP_ID}",
        "Exec=companion",
        "Terminal=false",
        "Categories=Office;ContactManagement;",
        "Keywords=loneliness;friends;family;reminders;contacts;",
        "StartupNotify=true",
    ]
    return "\n".join(lines) + "\n"


def metainfo(url: str = PLACEHOLDER_URL, today: str | None = None) -> str:
    today = today or build_date()
    template = (PACKAGING / "linux" / f"{APP_ID}.metainfo.xml.in").read_text(encoding="utf-8")
    summaries = [f"  <summary>{html.escape(SUMMARY, quote=False)}</summary>"] + [
        f'  <summary xml:lang="{code}">{html.escape(text, quote=False)}</summary>'
        for code, text in sorted(translations(SUMMARY).items())
    ]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = changelog_releases(changelog, version(), today)
    # The template's own comment says how it is built; the built file doesn't need it.
    template = re.sub(r"<!-- Template:.*?-->\n", "", template, flags=re.S)
    return (
        template.replace("@SUMMARIES@", "\n".join(summaries))
        .replace("@RELEASES@", releases_xml(releases))
        .replace("@URL@", html.escape(url.rstrip("/"), quote=True))
    )


def build_date() -> str:
    """Today, or SOURCE_DATE_EPOCH's day for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()


def write_linux(dest: Path, url: str = PLACEHOLDER_URL) -> None:
    """Install the desktop entry, metainfo and icons under ``dest`` as under /usr/share."""
    (dest / "applications").mkdir(parents=True, exist_ok=True)
    (dest / "applications" / f"{APP_ID}.desktop").write_text(desktop_entry(), encoding="utf-8")
    (dest / "metainfo").mkdir(parents=True, exist_ok=True)
    (dest / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo(url), encoding="utf-8")
    shutil.copytree(ICONS / "hicolor", dest / "icons" / "hicolor", dirs_exist_ok=True)
    if url == PLACEHOLDER_URL:
        print(f"Note: the metainfo points at {url}; pass --url with the project's address.")
    print(f"Desktop entry, metainfo and icons in {dest}")


# --- bundle, wheel and sdist ---------------------------------------------------------------


def bundle(dist: Path, work: Path, archive: bool = True) -> Path:
    """The PyInstaller one-folder bundle (dist/companion), and a .tar.gz of it on Linux."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(PACKAGING / "companion.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    folder = dist / "companion"
    size = folder_size(folder)
    print(f"Bundle: {folder} ({size / 2**20:.0f} MiB)")
    if archive and sys.platform.startswith("linux"):
        target = dist / f"companion-{version()}-linux-{platform.machine()}.tar.gz"
        with tarfile.open(target, "w:gz") as tar:
            tar.add(folder, arcname=f"companion-{version()}")
        print(f"Archive: {target} ({target.stat().st_size / 2**20:.0f} MiB)")
    return folder


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def wheel(dist: Path) -> tuple[Path, Path]:
    """The sdist, and the wheel built from it (so the sdist is proven complete)."""
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
    )
    sdist = dist / f"companion-{version()}.tar.gz"
    wheel_file = dist / f"companion-{version()}-py3-none-any.whl"
    print(f"Wheel: {wheel_file}\nSdist: {sdist}")
    return wheel_file, sdist


def screenshots(folder: Path, dest: Path) -> None:
    """The pictures the metainfo names, taken by the bundle itself with sample data."""
    program = folder / ("Companion.exe" if sys.platform == "win32" else "companion")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [str(program), "--demo", "--lang", "en", "--screenshot", str(dest)], check=True, env=env
    )


# --- Flatpak -------------------------------------------------------------------------------

FLATPAK = PACKAGING / "flatpak"
FLATPAK_PYTHON = "3.13"  # the Python of org.freedesktop.Platform 25.08
# Needed only to build Companion's own wheel inside the Flatpak build.
BUILD_REQUIREMENTS = ["hatchling>=1.21"]


def flatpak_sources(dest: Path, python_version: str = FLATPAK_PYTHON) -> Path:
    """The Flatpak manifest in ``dest`` (two folders below the checkout, like dist/flatpak)
    with python3-deps.json beside it: every dependency as a pinned wheel.

    Flatpak builds have no network, so each wheel is listed with its address and checksum;
    pip resolves them for the runtime's Python and prints them, nothing is installed here.
    """
    dest.mkdir(parents=True, exist_ok=True)
    if dest.resolve().parent.parent != ROOT:
        raise SystemExit(f"{dest} must be two folders below {ROOT}, as dist/flatpak is")
    manifest = dest / f"{APP_ID}.json"
    shutil.copyfile(FLATPAK / manifest.name, manifest)
    requirements = [*project()["dependencies"], *BUILD_REQUIREMENTS]
    report = dest / ".pip-report.json"
    subprocess.run(
        [
            sys.executable, "-m", "pip", "--isolated", "install", "--dry-run", "--ignore-installed", "--quiet",
            "--report", str(report), "--only-binary=:all:",
            *(f"--platform=manylinux_2_{minor}_x86_64" for minor in range(28, 16, -1)),
            "--platform=manylinux2014_x86_64", "--python-version", python_version,
            "--implementation", "cp", "--target", str(dest / ".nowhere"), *requirements,
        ],
        check=True,
    )  # fmt: skip
    installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    report.unlink()
    sources = [
        {
            "type": "file",
            "url": item["download_info"]["url"],
            "sha256": item["download_info"]["archive_info"]["hashes"]["sha256"],
        }
        for item in sorted(installs, key=lambda i: i["metadata"]["name"].lower())
    ]
    module = {
        "name": "python3-deps",
        "buildsystem": "simple",
        "build-commands": [
            "pip3 install --no-index --no-deps --prefix=${FLATPAK_DEST} *.whl",
        ],
        "sources": sources,
    }
    target = dest / "python3-deps.json"
    target.write_text(json.dumps(module, indent=2) + "\n", encoding="utf-8")
    print(f"{len(sources)} wheels pinned in {target}; build with: flatpak-builder build {manifest}")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build Companion's packages.")
    parser.add_argument(
        "what",
        nargs="?",
        default="all",
        choices=["all", "bundle", "wheel", "linux", "icons", "flatpak"],
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where packages go")
    parser.add_argument("--dest", type=Path, help="for 'linux': the share folder to fill")
    parser.add_argument("--url", default=PLACEHOLDER_URL, help="the project's web address")
    args = parser.parse_args(argv)
    dist: Path = args.dist.resolve()
    if args.what == "icons":
        write_icons()
    if args.what == "flatpak":
        flatpak_sources(dist / "flatpak")
    if args.what in ("all", "linux"):
        write_linux(args.dest or dist / "linux" / "share", args.url)
    if args.what in ("all", "wheel"):
        wheel(dist)
    if args.what in ("all", "bundle"):
        folder = bundle(dist, dist / ".work")
        if sys.platform.startswith("linux"):
            screenshots(folder, dist / "screenshots")
    return 0


if __name__ == "__main__":
    sys.exit(main())

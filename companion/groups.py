"""Groups near me: kinds of group matched to the person, and real local places.

The catalogue (``assets/data/group_kinds.json``) describes kinds of group by
what people do there. ``match_kinds`` ranks them on the person's interests,
mobility, budget, preferred times and group size, and on the energy left this
week (from the planner, passed in: this module does not read it). Each result
carries its reasons as data and as one line a person reads.

Places come from a directory file or an OpenStreetMap extract
(``interchange.places`` and ``interchange.osm`` read them); ``preview_import``
shows what would be added before ``commit_import`` writes it all in one
transaction. Distances are great-circle (haversine) from the person's home,
shown as walking minutes at a gentle pace and as kilometres or miles.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from companion import i18n
from companion.errors import CompanionError
from companion.i18n import N_, _, ngettext
from companion.interchange import ImportFileError, ImportProblem, clean_text
from companion.interchange.places import (
    CATEGORIES,
    Cancelled,
    ParsedPlace,
    PlacesRead,
    Progress,
    cancelled_error,
    read_places_file,
)
from companion.resources import asset
from companion.store import Store

ENERGY_LEVELS = ("light", "medium", "heavy")
ENERGY_COST = {"light": 1, "medium": 2, "heavy": 3}  # in the planner's energy points
MONEY_LEVELS = ("free", "small_fee", "costs_more")
MOBILITY_LEVELS = ("home", "short_walks", "gets_about")
SIZES = ("one_to_one", "small", "large")
TIMES = ("morning", "afternoon", "evening", "weekend")

MOBILITY: dict[str, str] = {
    "home": N_("Mostly at home"),
    "short_walks": N_("Short walks"),
    "gets_about": N_("I get about"),
}
MONEY: dict[str, str] = {
    "free": N_("Free"),
    "small_fee": N_("A small fee"),
    "costs_more": N_("Costs more"),
}
ENERGY: dict[str, str] = {
    "light": N_("Light"),
    "medium": N_("Medium"),
    "heavy": N_("Takes a lot of energy"),
}
SIZE: dict[str, str] = {
    "one_to_one": N_("One to one"),
    "small": N_("Small"),
    "large": N_("Large"),
}
TIME_WORDS: dict[str, str] = {
    "morning": N_("mornings"),
    "afternoon": N_("afternoons"),
    "evening": N_("evenings"),
    "weekend": N_("weekends"),
}
WHEELCHAIR: dict[str, str] = {
    "yes": N_("Wheelchair accessible"),
    "designated": N_("Wheelchair accessible"),
    "limited": N_("Partly wheelchair accessible"),
    "no": N_("Not wheelchair accessible"),
}
# A gentle walking pace: slower than the usual 5 km/h of route planners.
WALKING_KMH = 3.0
EARTH_RADIUS_KM = 6371.0088
MILES_PER_KM = 0.621371
# Countries that give road distances in miles (CLDR's measurement data says so for GB
# too, for roads: babel's measurement system for GB is "UK").
MILE_TERRITORIES = frozenset({"GB", "US", "LR", "MM", "UM", "VI", "GU", "PR", "AS", "MP"})


# --- the catalogue -------------------------------------------------------------------------


@dataclass(frozen=True)
class Interest:
    id: str
    title: str  # English; show with _()


@dataclass(frozen=True)
class GroupKind:
    id: str
    title: str  # English text from the catalogue; show with _()
    text: str
    energy: str
    money: str
    size: str
    seated: bool
    times: tuple[str, ...]
    interests: tuple[str, ...]
    mobility: str
    access: str
    find: str
    expect: str
    osm: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    interests: tuple[Interest, ...]
    kinds: tuple[GroupKind, ...]

    def kind(self, kind_id: str) -> GroupKind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)


def parse_catalogue(data: Any) -> Catalogue:
    """The catalogue, or ``ValueError`` naming the first entry that is wrong."""
    interests = tuple(Interest(i["id"], i["title"]) for i in data["interests"])
    known = {i.id for i in interests}
    kinds = []
    for entry in data["kinds"]:
        kind = GroupKind(
            id=entry["id"],
            title=entry["title"],
            text=entry["text"],
            energy=entry["energy"],
            money=entry["money"],
            size=entry["size"],
            seated=bool(entry["seated"]),
            times=tuple(entry["times"]),
            interests=tuple(entry["interests"]),
            mobility=entry["mobility"],
            access=entry["access"],
            find=entry["find"],
            expect=entry["expect"],
            osm=tuple(entry["osm"]),
            words=tuple(w.casefold() for w in entry["words"]),
        )
        wrong = (
            (kind.energy not in ENERGY_LEVELS and "energy")
            or (kind.money not in MONEY_LEVELS and "money")
            or (kind.size not in SIZES and "size")
            or (kind.mobility not in MOBILITY_LEVELS and "mobility")
            or (not set(kind.times) <= set(TIMES) and "times")
            or (not set(kind.interests) <= known and "interests")
            or (any("=" not in t for t in kind.osm) and "osm")
        )
        if wrong:
            raise ValueError(f"group kind {kind.id}: bad {wrong}")
        kinds.append(kind)
    if len({k.id for k in kinds}) != len(kinds):
        raise ValueError("group kinds: an id is used twice")
    return Catalogue(interests, tuple(kinds))


@cache
def catalogue(path: str | None = None) -> Catalogue:
    with open(path or asset("data", "group_kinds.json"), encoding="utf-8") as handle:
        return parse_catalogue(json.load(handle))


# --- the person's wishes --------------------------------------------------------------------


@dataclass(frozen=True)
class Wishes:
    """What suits the person; an empty value means "no preference"."""

    interests: tuple[str, ...] = ()
    mobility: str = "short_walks"
    budget: str = "small_fee"  # the most they want to spend
    times: tuple[str, ...] = ()
    size: str = ""  # one_to_one, small, large or '' for any


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def wishes(settings: Any) -> Wishes:
    """The person's wishes from their settings (``companion.settings.Settings``)."""
    return Wishes(
        interests=_split(settings.get("group_interests")),
        mobility=settings.get("group_mobility"),
        budget=settings.get("group_budget"),
        times=_split(settings.get("group_times")),
        size=settings.get("group_size"),
    )


def save_wishes(settings: Any, chosen: Wishes) -> None:
    known = {i.id for i in catalogue().interests}
    unknown = [i for i in chosen.interests if i not in known]
    if unknown or not set(chosen.times) <= set(TIMES):
        raise CompanionError(_("Please choose from the list."))
    settings.set("group_interests", ",".join(chosen.interests))
    settings.set("group_mobility", chosen.mobility)
    settings.set("group_budget", chosen.budget)
    settings.set("group_times", ",".join(chosen.times))
    settings.set("group_size", chosen.size)


# --- home and distance -----------------------------------------------------------------------


@dataclass(frozen=True)
class Home:
    name: str
    lat: float
    lon: float


def parse_coordinates(text: str) -> tuple[float, float]:
    """ "52.2053, 0.1218" (latitude first), or a plain message saying how to write them."""
    parts = [p.strip(",") for p in text.replace(";", " ").split()]
    parts = [p for p in parts if p]
    if len(parts) == 2 and "." not in text:
        parts = [p.replace(",", ".") for p in parts]  # "52,2053 0,1218", with decimal commas
    elif len(parts) != 2:
        parts = text.replace(";", ",").replace(" ", "").split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise CompanionError(
            _("Please write the latitude, then the longitude, as numbers, such as 52.2053, 0.1218.")
        ) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CompanionError(
            _("The latitude must be between -90 and 90, and the longitude between -180 and 180.")
        )
    return lat, lon


def home(settings: Any) -> Home | None:
    raw = settings.get("home_coordinates")
    if not raw:
        return None
    try:
        lat, lon = parse_coordinates(raw)
    except CompanionError:
        return None
    return Home(settings.get("home_name") or _("Home"), lat, lon)


def set_home(settings: Any, name: str, lat: float, lon: float) -> Home:
    """Home is kept as a place name and coordinates, in the encrypted data only."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CompanionError(
            _("The latitude must be between -90 and 90, and the longitude between -180 and 180.")
        )
    settings.set("home_coordinates", f"{lat:.5f}, {lon:.5f}")
    settings.set("home_name", " ".join(name.split()))
    return Home(" ".join(name.split()) or _("Home"), lat, lon)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def walking_minutes(km: float) -> int:
    """Minutes on foot at a gentle pace, to the next 5 (at least 1), as people say it."""
    minutes = km / WALKING_KMH * 60
    if minutes < 5:
        return max(1, round(minutes))
    return int(5 * math.ceil(minutes / 5 - 1e-9))


def uses_miles(territory: str) -> bool:
    return territory.upper() in MILE_TERRITORIES


def distance_text(km: float, territory: str) -> str:
    """ "0.6 miles" or "1 km", in the person's language and units."""
    if uses_miles(territory):
        miles = km * MILES_PER_KM
        value = max(round(miles, 1), 0.1) if miles < 10 else round(miles)  # never "0 miles"
        return ngettext("{distance} mile", "{distance} miles", 1 if value == 1 else 2).format(
            distance=i18n.format_number(value)
        )
    value = max(round(km, 1), 0.1) if km < 10 else round(km)  # never "0 km"
    return _("{distance} km").format(distance=i18n.format_number(value))


def walk_text(km: float) -> str:
    minutes = walking_minutes(km)
    if minutes > 90:
        return _("too far to walk")
    return ngettext("{minutes} minute's walk", "{minutes} minutes' walk", minutes).format(
        minutes=minutes
    )


# --- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One reason a kind or a place was ranked where it is: a code and its words."""

    code: str  # interest, mobility, budget, energy, time, size, seated, distance, …
    good: bool
    text: str  # already translated


@dataclass(frozen=True)
class KindMatch:
    kind: GroupKind
    score: float
    fits: bool  # False: asks for more walking, money or energy than the person has
    reasons: tuple[Reason, ...]
    summary: str  # "Small, seated, mornings"


def _level(levels: Sequence[str], value: str, default: int) -> int:
    return levels.index(value) if value in levels else default


def _times_phrase(times: Sequence[str]) -> str:
    return i18n_list([_(TIME_WORDS[t]) for t in times if t in TIME_WORDS])


def i18n_list(parts: Sequence[str]) -> str:
    """Items of a description, joined the way the person's language lists things."""
    return i18n.format_list(parts, style="unit")


def _sentence(parts: Sequence[str]) -> str:
    text = i18n_list(parts)
    return text[:1].upper() + text[1:]


def match_kind(kind: GroupKind, wish: Wishes, energy_left: int | None = None) -> KindMatch:
    score = 0.0
    fits = True
    reasons: list[Reason] = []
    names = {i.id: i.title for i in catalogue().interests}
    shared = [i for i in kind.interests if i in wish.interests]
    if shared:
        score += 3 * min(2, len(shared))
        reasons.append(
            Reason(
                "interest",
                True,
                _("You like: {interests}").format(
                    interests=i18n_list([i18n.in_sentence(_(names[i])) for i in shared])
                ),
            )
        )
    elif wish.interests:
        score -= 1
    need = _level(MOBILITY_LEVELS, kind.mobility, 1)
    able = _level(MOBILITY_LEVELS, wish.mobility, 1)
    if need > able:
        fits = False
        score -= 8
        reasons.append(Reason("mobility", False, _("Needs more getting about than suits you")))
    elif kind.mobility == "home":
        reasons.append(Reason("mobility", True, _("From home")))
    if _level(MONEY_LEVELS, kind.money, 1) > _level(MONEY_LEVELS, wish.budget, 1):
        fits = False
        score -= 6
        reasons.append(Reason("budget", False, _("Costs more than you'd like")))
    elif kind.money == "free":
        score += 0.5
        reasons.append(Reason("budget", True, _("Free")))
    cost = ENERGY_COST[kind.energy]
    if energy_left is not None:
        if cost > energy_left:
            fits = False
            score -= 5
            reasons.append(Reason("energy", False, _("More than your energy left this week")))
        elif cost == 1 and energy_left <= 3:
            score += 1
            reasons.append(Reason("energy", True, _("Gentle on your energy this week")))
    if wish.times:
        common = [t for t in kind.times if t in wish.times]
        if common:
            score += 2
            reasons.append(Reason("time", True, _times_phrase(common)))
        else:
            score -= 1
            reasons.append(Reason("time", False, _("Not usually at times that suit you")))
    if wish.size:
        gap = abs(_level(SIZES, kind.size, 1) - _level(SIZES, wish.size, 1))
        score += 2 if gap == 0 else -2 if gap == 2 else 0
        if gap == 0:
            reasons.append(Reason("size", True, _(SIZE[kind.size])))
    if kind.seated:
        reasons.append(Reason("seated", True, _("seated")))
    summary = _sentence(
        [
            _(SIZE[kind.size]),
            _("seated") if kind.seated else "",
            _times_phrase([t for t in kind.times if not wish.times or t in wish.times]),
            _(MONEY[kind.money]).lower() if kind.money == "free" else "",
        ]
    )
    return KindMatch(kind, score, fits, tuple(reasons), summary)


def match_kinds(
    wish: Wishes, energy_left: int | None = None, kinds: Sequence[GroupKind] | None = None
) -> list[KindMatch]:
    """Every kind of group, those that fit first, best first; ties by title."""
    found = [match_kind(k, wish, energy_left) for k in (kinds or catalogue().kinds)]
    found.sort(key=lambda m: (not m.fits, -m.score, m.kind.title))
    return found


# --- places --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceSource:
    id: int
    kind: str  # directory or osm
    file_name: str
    attribution: str  # "© OpenStreetMap contributors" must be shown with OSM data
    licence: str
    imported_at: datetime


@dataclass(frozen=True)
class Place:
    id: int
    source_id: int
    ref: str
    name: str
    category: str
    kinds: tuple[str, ...]
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    meeting_times: str = ""
    opening_hours: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    accessibility: str = ""
    wheelchair: str = ""
    description: str = ""
    notes: str = ""
    attribution: str = ""

    @property
    def category_title(self) -> str:
        """What the place is, in the person's language (a directory's own word as written)."""
        if self.category in CATEGORIES:
            return _(CATEGORIES[self.category])
        kind = catalogue().kind(self.category)
        return _(kind.title) if kind else self.category

    @property
    def wheelchair_text(self) -> str:
        return _(WHEELCHAIR[self.wheelchair]) if self.wheelchair in WHEELCHAIR else ""


_PLACE_COLUMNS = (
    "p.id, p.source_id, p.ref, p.name, p.category, p.kinds, p.address, p.lat, p.lon,"
    " p.meeting_times, p.opening_hours, p.phone, p.email, p.website, p.accessibility,"
    " p.wheelchair, p.description, p.notes, s.attribution"
)
_FROM = "FROM places p JOIN place_sources s ON s.id = p.source_id WHERE p.deleted_at IS NULL"


def _place(row: Sequence[Any]) -> Place:
    return Place(
        id=int(row[0]),
        source_id=int(row[1]),
        ref=row[2],
        name=row[3],
        category=row[4],
        kinds=tuple(json.loads(row[5])),
        address=row[6],
        lat=row[7],
        lon=row[8],
        meeting_times=row[9],
        opening_hours=row[10],
        phone=row[11],
        email=row[12],
        website=row[13],
        accessibility=row[14],
        wheelchair=row[15],
        description=row[16],
        notes=row[17],
        attribution=row[18],
    )


def place(store: Store, place_id: int) -> Place:
    row = store.query_one(f"SELECT {_PLACE_COLUMNS} {_FROM} AND p.id = ?", (place_id,))
    if row is None:
        raise CompanionError(_("That place is no longer in your list."))
    return _place(row)


def places(store: Store, search: str = "") -> list[Place]:
    """Every place, by name; ``search`` finds words in the name or address."""
    if search.strip():
        like = "%" + search.strip().replace("%", "").replace("_", "") + "%"
        rows = store.query(
            f"SELECT {_PLACE_COLUMNS} {_FROM} AND (p.name LIKE ? OR p.address LIKE ?)"
            " ORDER BY p.name COLLATE NOCASE",
            (like, like),
        )
    else:
        rows = store.query(f"SELECT {_PLACE_COLUMNS} {_FROM} ORDER BY p.name COLLATE NOCASE")
    return [_place(r) for r in rows]


def place_count(store: Store) -> int:
    return int(store.query_one("SELECT count(*) FROM places WHERE deleted_at IS NULL")[0])


def sources(store: Store) -> list[PlaceSource]:
    return [
        PlaceSource(int(r[0]), r[1], r[2], r[3], r[4], datetime.fromisoformat(r[5]))
        for r in store.query(
            "SELECT id, kind, file_name, attribution, licence, imported_at FROM place_sources"
            " ORDER BY id"
        )
    ]


def attributions(store: Store) -> list[str]:
    """Lines that must be shown wherever these places are shown ("© OpenStreetMap contributors")."""
    return [
        str(r[0])
        for r in store.query(
            "SELECT DISTINCT s.attribution FROM place_sources s WHERE s.attribution != ''"
            " AND EXISTS (SELECT 1 FROM places p WHERE p.source_id = s.id"
            " AND p.deleted_at IS NULL)"
        )
    ]


def set_notes(store: Store, now: datetime, place_id: int, notes: str) -> Place:
    """The person's own private notes on a place; kept when the place is imported again."""
    place(store, place_id)
    with store.transaction():
        store.execute(
            "UPDATE places SET notes = ?, updated = ? WHERE id = ?",
            (clean_text(notes).strip(), now.isoformat(timespec="seconds"), place_id),
        )
    return place(store, place_id)


@dataclass(frozen=True)
class PlaceNear:
    place: Place
    km: float | None  # None when the place has no coordinates
    minutes: int | None


def places_near(
    store: Store, where: Home, radius_km: float = 25.0, limit: int = 50
) -> list[PlaceNear]:
    """Places within ``radius_km`` of home, nearest first; found through the latitude index."""
    box = radius_km / 111.0
    squeeze = max(math.cos(math.radians(where.lat)), 0.01)  # a degree of longitude, shorter
    lon_box = min(box / squeeze, 180.0)
    # First only where each place is (small rows, read through the latitude index), then the
    # whole rows of the nearest few: a county of 20,000 places never comes back whole.
    spots = store.query(
        "SELECT p.id, p.lat, p.lon FROM places p WHERE p.deleted_at IS NULL"
        " AND p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?",
        (where.lat - box, where.lat + box, where.lon - lon_box, where.lon + lon_box),
    )
    flat = squeeze * squeeze
    spots.sort(
        key=lambda r: (
            (r[1] - where.lat) * (r[1] - where.lat) + (r[2] - where.lon) * (r[2] - where.lon) * flat
        )
    )
    nearest = [int(r[0]) for r in spots[: int(limit * 1.5) + 10]]  # flat order ≈ true order
    rows: list[Any] = []
    for start in range(0, len(nearest), 500):
        chunk = nearest[start : start + 500]
        rows += store.query(
            f"SELECT {_PLACE_COLUMNS} {_FROM} AND p.id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
    found = []
    for row in rows:
        p = _place(row)
        assert p.lat is not None and p.lon is not None
        km = distance_km(where.lat, where.lon, p.lat, p.lon)
        if km <= radius_km:
            found.append(PlaceNear(p, km, walking_minutes(km)))
    found.sort(key=lambda n: (n.km, n.place.name))
    return found[:limit]


@dataclass(frozen=True)
class PlaceMatch:
    place: Place
    kind: GroupKind | None  # the best-matching kind of group that meets there
    km: float | None
    score: float
    fits: bool
    reasons: tuple[Reason, ...]
    summary: str  # "Small, seated, Tuesday mornings, 10 minutes' walk"


def match_places(
    store: Store,
    where: Home | None,
    wish: Wishes,
    energy_left: int | None = None,
    territory: str = "GB",
    radius_km: float = 25.0,
    limit: int = 30,
    kind_id: str | None = None,
) -> list[PlaceMatch]:
    """Places ranked by how well what meets there suits the person, and by distance.

    With ``kind_id``, only places where that kind of group meets (for "choirs near me").
    """
    if where is not None:
        nearby = places_near(store, where, radius_km, limit=2000)
    else:
        nearby = [PlaceNear(p, None, None) for p in places(store)]
    cat = catalogue()
    kind_matches: dict[str, KindMatch] = {}  # each kind is matched once, not once a place

    def kind_match(kind: GroupKind) -> KindMatch:
        found = kind_matches.get(kind.id)
        if found is None:
            found = kind_matches[kind.id] = match_kind(kind, wish, energy_left)
        return found

    # First rank every place cheaply; then put words to the few that are shown.
    ranked: list[tuple[bool, float, str, PlaceNear, KindMatch | None]] = []
    for near in nearby:
        p = near.place
        if kind_id is not None and kind_id not in p.kinds:
            continue
        kinds = [kind_id] if kind_id is not None else p.kinds
        matches = [kind_match(k) for k in map(cat.kind, kinds) if k]
        best = max(matches, key=lambda m: (m.fits, m.score), default=None)
        score = best.score if best else 0.0
        if near.km is not None:
            score -= near.km / 2
        ranked.append((best.fits if best else True, score, p.name, near, best))
    ranked.sort(key=lambda r: (not r[0], -r[1], r[2]))
    results = []
    for fits, score, _name, near, best in ranked[:limit]:
        p = near.place
        reasons = list(best.reasons) if best else []
        parts: list[str] = []
        if best:
            parts.append(_(SIZE[best.kind.size]))
            if best.kind.seated:
                parts.append(_("seated"))
        parts.append(p.meeting_times or (_times_phrase(best.kind.times) if best else ""))
        if near.km is not None:
            walk = walk_text(near.km)
            reasons.append(Reason("distance", near.km <= 2, walk))
            parts.append(walk if near.km <= 6 else distance_text(near.km, territory))
        if p.wheelchair in ("yes", "designated"):
            reasons.append(Reason("wheelchair", True, _(WHEELCHAIR[p.wheelchair])))
        results.append(
            PlaceMatch(
                p,
                best.kind if best else None,
                near.km,
                score,
                fits,
                tuple(reasons),
                _sentence(parts),
            )
        )
    return results


# --- opening hours ----------------------------------------------------------------------------------


def clock(value: time | datetime) -> str:
    """A time in the person's own clock that never breaks across two lines: Arabic writes
    "10:00 ص" with a plain space, and a wrapped line left "ص." alone at the start of the next."""
    return i18n.format_time(value).replace(" ", "\u00a0")


@dataclass(frozen=True)
class Hours:
    """A place's opening hours: as written, and, when they could be understood, open or not."""

    written: str
    understood: bool
    open_now: bool | None = None
    next_change: datetime | None = None  # local wall clock, no offset
    week: str = ""  # the coming seven days in the person's own words and clock, if known
    today: date | None = None  # the day it was asked on, for "today" and "tomorrow"

    def sentence(self) -> str:
        """ "Open now, until 5:00 PM." or "Closed now. Opens tomorrow at 9:30 AM." (on
        Tuesday at…, further on) in the person's clock; as written when not understood."""
        if not self.understood or self.open_now is None:
            return self.written
        change = self.next_change
        if self.open_now:
            if change is None:
                return _("Open now.")
            if change.date() == self.today or (
                change.time() == time() and change.date() - timedelta(days=1) == self.today
            ):  # closing at midnight tonight is still today's closing
                return _("Open now, until {time}.").format(time=clock(change))
            if self.today is not None and change.date() == self.today + timedelta(days=1):
                return _("Open now, until tomorrow at {time}.").format(time=clock(change))
            return _("Open now, until {day} at {time}.").format(
                day=self._day(change.date()), time=clock(change)
            )
        if change is None:
            return _("Closed now.")
        if change.date() == self.today:
            return _("Closed now. Opens today at {time}.").format(time=clock(change))
        if self.today is not None and change.date() == self.today + timedelta(days=1):
            return _("Closed now. Opens tomorrow at {time}.").format(time=clock(change))
        return _("Closed now. Opens on {day} at {time}.").format(
            day=self._day(change.date()), time=clock(change)
        )

    def _day(self, day: date) -> str:
        if self.today is not None and day - self.today >= timedelta(days=7):
            return i18n.format_day(day)  # a week or more ahead: the date, not only a weekday
        return i18n.format_date(day, "EEEE")


def opening_hours(written: str, now: datetime) -> Hours:
    """OpenStreetMap's opening_hours read by opening-hours-py (the Rust parser used by many
    map tools); anything it cannot read is shown exactly as written. ``now`` is the local time
    at the place (the person's own time: places are near home)."""
    text = written.strip()
    if not text:
        return Hours("", False)
    try:
        from opening_hours import OpeningHours

        parsed = OpeningHours(text)
        local = now.replace(tzinfo=None)
        is_open = bool(parsed.is_open(local))
        change = parsed.next_change(local)
    except Exception:  # a syntax it does not know, or a rule it cannot evaluate
        return Hours(text, False)
    if isinstance(change, datetime):
        change = change.replace(tzinfo=None)
        if (change - local).days > 366:
            change = None
    else:
        change = None
    try:
        week = _week_words(parsed, local.date())
    except Exception:  # a rule the parser cannot walk through: say only open or closed
        week = ""
    return Hours(text, True, is_open, change, week, local.date())


def _week_words(parsed: Any, first: date) -> str:
    """The seven days from ``first`` as a person reads them: "Tuesday, Thursday:
    9:30 AM–5:00 PM. Saturday: 9:30 AM–12:30 PM." Days with the same hours share a line;
    a span past midnight belongs to the day it opens. Empty when never open in those days."""
    from opening_hours import State

    start = datetime.combine(first, time())
    end = start + timedelta(days=7)
    spans: dict[date, list[tuple[datetime, datetime | None]]] = {}
    for opened, closed, state, _comment in parsed.intervals(
        start - timedelta(days=1), end + timedelta(days=1)
    ):
        if state != State.OPEN:
            continue
        if closed is None or closed - opened >= timedelta(days=1):
            # open round the clock: each whole day it covers is "open all day"
            day = max(opened, start)
            stop = min(closed or end, end)
            while day < stop:
                day_end = min(stop, datetime.combine(day.date(), time()) + timedelta(days=1))
                whole = day.time() == time() and day_end - day == timedelta(days=1)
                spans.setdefault(day.date(), []).append((day, None if whole else day_end))
                day = day_end
        elif start <= opened < end:
            spans.setdefault(opened.date(), []).append((opened, closed))
    if not spans:
        return ""
    groups: dict[str, list[date]] = {}
    days = [first + timedelta(days=n) for n in range(7)]
    for day in sorted(days, key=lambda d: d.weekday()):  # Monday first, as a week is read
        if day in spans:
            groups.setdefault(_day_hours(spans[day]), []).append(day)

    def name(day: date) -> str:
        return i18n.format_date(day, "EEEE")

    lines = []
    for hours, on in groups.items():
        numbers = [d.weekday() for d in on]
        if len(on) == 7:
            names = _("Every day")
        elif len(on) >= 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
            names = _("{first} to {last}").format(first=name(on[0]), last=name(on[-1]))
        else:
            names = i18n_list([name(d) for d in on])
        lines.append(_("{days}: {hours}.").format(days=names, hours=hours))
    return " ".join(lines)


def _day_hours(spans: Sequence[tuple[datetime, datetime | None]]) -> str:
    """One day's open spans in the person's clock, or "open all day"."""
    if any(closed is None for _opened, closed in spans):
        return _("open all day")
    return i18n_list(
        [
            _("{start}–{end}").format(start=clock(opened.time()), end=clock(closed.time()))
            for opened, closed in spans
            if closed is not None
        ]
    )


# A time written in a directory or on a map: "10:30", "19:00", "9:30-17:00". A time that
# already says a.m. or p.m. is left as written.
_WRITTEN_TIME = r"(?<![\d:.,£$€])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])"
_WRITTEN_CLOCK = re.compile(
    _WRITTEN_TIME
    + r"(?:\s*[-–—]\s*"
    + _WRITTEN_TIME.replace("2[0-3]", "2[0-4]")  # a span may end at 24:00
    + r")?(?!\s*(?:[aApP]\.?\s?[mM]\b|[aApP]\b|[\d:]))"
)


def times_in_own_style(written: str) -> str:
    """Times inside words written by a directory or a map ("Wednesday evenings 19:00",
    "Mo-Fr 10:00-14:00") in the person's own clock ("7:00 PM" in US English, "19:00" in
    German), so they match every other time on screen. Everything else stays as written."""

    def own(match: re.Match[str]) -> str:
        start = clock(time(int(match.group(1)), int(match.group(2))))
        if match.group(3) is None:
            return start
        end = clock(time(int(match.group(3)) % 24, int(match.group(4))))
        return _("{start}–{end}").format(start=start, end=end)

    return _WRITTEN_CLOCK.sub(own, written)


def when_text(place: Place, now: datetime) -> str:
    """When a place's group meets or the place is open, in the person's own clock: its
    meeting times, else the coming week's opening hours, else the hours as written."""
    if place.meeting_times:
        return times_in_own_style(place.meeting_times)
    if not place.opening_hours:
        return ""
    hours = opening_hours(place.opening_hours, now)
    return hours.week or times_in_own_style(hours.written)


# --- which kinds of group meet at a place ----------------------------------------------------------


def _tag_matches(rule: str, tags: dict[str, str]) -> bool:
    key, value = rule.split("=", 1)
    have = tags.get(key)
    if have is None:
        return False
    return value == "*" or value in {v.strip() for v in have.split(";")}


def kinds_for(parsed: ParsedPlace, cat: Catalogue | None = None) -> list[str]:
    """The catalogue's kinds that fit a place: by a directory's kind, its tags and its name."""
    cat = cat or catalogue()
    found: list[str] = []
    hint = parsed.kind_hint.casefold().strip()
    name = " " + " ".join(parsed.name.casefold().replace("'", "").split()) + " "
    tags = dict(parsed.tags)
    if parsed.category and parsed.category in CATEGORIES and "amenity" not in tags:
        tags.setdefault("category", parsed.category)
    for kind in cat.kinds:
        if hint and hint in (kind.id, kind.title.casefold(), _(kind.title).casefold()):
            found.insert(0, kind.id)
        elif any(_tag_matches(rule, tags) for rule in kind.osm) or any(
            f" {w} " in name or (" " in w and w in name) for w in kind.words
        ):
            found.append(kind.id)
        elif hint and any(w in hint for w in kind.words):
            found.append(kind.id)
    return list(dict.fromkeys(found))


# --- importing -----------------------------------------------------------------------------------


@dataclass
class PlacesPreview:
    """What an import would do, before anything is written."""

    file_name: str
    read: PlacesRead
    new: list[ParsedPlace] = field(default_factory=list)
    updated: list[ParsedPlace] = field(default_factory=list)  # already here: refreshed
    kinds: dict[str, list[str]] = field(default_factory=dict)  # ref → kind ids

    @property
    def skipped(self) -> Counter[str]:
        return self.read.skipped

    @property
    def attribution(self) -> str:
        return self.read.attribution

    def skip_sentences(self) -> list[str]:
        return self.read.skip_sentences()


def preview_import(store: Store, read: PlacesRead, file_name: str) -> PlacesPreview:
    """Which places are new and which are already here (by their map id, or name and address)."""
    refs = {str(r[0]) for r in store.query("SELECT ref FROM places")}
    preview = PlacesPreview(file_name, read)
    cat = catalogue()
    for parsed in read.places:
        (preview.updated if parsed.ref in refs else preview.new).append(parsed)
        preview.kinds[parsed.ref] = kinds_for(parsed, cat)
    return preview


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    skipped: Counter[str]
    source_id: int

    def sentences(self) -> list[str]:
        lines = [
            ngettext("Added {count} place.", "Added {count} places.", self.added).format(
                count=self.added
            )
        ]
        if self.updated:
            lines.append(
                ngettext(
                    "Brought {count} place already here up to date.",
                    "Brought {count} places already here up to date.",
                    self.updated,
                ).format(count=self.updated)
            )
        from companion.interchange.places import skip_sentence

        lines += [skip_sentence(r, n) for r, n in sorted(self.skipped.items()) if n]
        return lines


_IMPORTED = (
    "name, category, kinds, address, lat, lon, meeting_times, opening_hours, phone, email,"
    " website, accessibility, wheelchair, description"
)


def _values(parsed: ParsedPlace, kinds: list[str]) -> tuple[Any, ...]:
    """What is stored: control and direction-changing characters out, each field bounded."""
    from companion.interchange import clean_line, clean_text

    return (
        clean_line(parsed.name)[:300] or "?",
        clean_line(parsed.category)[:100],
        json.dumps(kinds),
        clean_line(parsed.address)[:500],
        parsed.lat,
        parsed.lon,
        clean_line(parsed.meeting_times)[:500],
        clean_line(parsed.opening_hours)[:500],
        clean_line(parsed.phone)[:100],
        clean_line(parsed.email)[:200],
        clean_line(parsed.website)[:500],
        clean_text(parsed.accessibility)[:1000],
        parsed.wheelchair,
        clean_text(parsed.description)[:2000],
    )


def commit_import(
    store: Store,
    now: datetime,
    preview: PlacesPreview,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Write every place in one transaction; a Cancel or a failure leaves nothing written.

    Places already here are brought up to date; the person's notes on them stay.
    """
    stamp = now.isoformat(timespec="seconds")
    chosen = preview.new + preview.updated
    total = len(chosen)
    if not total:  # nothing to add: nothing written, not even a record of the file
        if progress is not None:
            progress(0, 0)
        return ImportResult(0, 0, preview.skipped, 0)
    current: list[ParsedPlace] = []
    try:
        with store.transaction():
            source_id = int(
                store.execute(
                    "INSERT INTO place_sources(kind, file_name, attribution, licence, imported_at)"
                    " VALUES(?, ?, ?, ?, ?)",
                    (
                        preview.read.source_kind,
                        preview.file_name,
                        preview.read.attribution,
                        preview.read.licence,
                        stamp,
                    ),
                ).lastrowid
            )
            for done, parsed in enumerate(chosen):
                current[:] = [parsed]
                if done % 500 == 0:
                    if cancelled is not None and cancelled():
                        raise cancelled_error()
                    if progress is not None:
                        progress(done, total)
                values = _values(parsed, preview.kinds.get(parsed.ref, []))
                store.execute(
                    f"INSERT INTO places(source_id, ref, {_IMPORTED}, created, updated)"
                    " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(ref) DO UPDATE SET source_id = excluded.source_id,"
                    " name = excluded.name, category = excluded.category,"
                    " kinds = excluded.kinds, address = excluded.address, lat = excluded.lat,"
                    " lon = excluded.lon, meeting_times = excluded.meeting_times,"
                    " opening_hours = excluded.opening_hours, phone = excluded.phone,"
                    " email = excluded.email, website = excluded.website,"
                    " accessibility = excluded.accessibility,"
                    " wheelchair = excluded.wheelchair, description = excluded.description,"
                    " updated = excluded.updated, deleted_at = NULL",
                    (source_id, parsed.ref, *values, stamp, stamp),
                )
            # A file imported again takes its places over from the earlier import.
            store.execute(
                "DELETE FROM place_sources WHERE id != ? AND NOT EXISTS"
                " (SELECT 1 FROM places WHERE places.source_id = place_sources.id)",
                (source_id,),
            )
            if progress is not None:
                progress(total, total)
    except Exception as error:
        from sqlcipher3 import dbapi2

        if isinstance(error, dbapi2.IntegrityError) and current:
            raise ImportFileError(
                [
                    ImportProblem(
                        current[0].line,
                        _("the place “{name}” cannot be saved: {reason}.").format(
                            name=current[0].name, reason=error
                        ),
                    )
                ],
                preview.file_name,
            ) from None
        raise
    return ImportResult(len(preview.new), len(preview.updated), preview.skipped, source_id)


def import_places_file(
    store: Store,
    now: datetime,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    language: str | None = None,
) -> ImportResult:
    """Read, check and write a whole file: what ``companion import groups`` does."""
    read = read_places_file(
        path, progress=progress, cancelled=cancelled, language=language or i18n.current_language()
    )
    preview = preview_import(store, read, Path(path).name)
    return commit_import(store, now, preview, cancelled=cancelled)


def remove_source(store: Store, source_id: int) -> int:
    """Take away every place a file brought in (notes with them); how many went."""
    with store.transaction():
        count = int(
            store.query_one(
                "SELECT count(*) FROM places WHERE source_id = ? AND deleted_at IS NULL",
                (source_id,),
            )[0]
        )
        store.execute("DELETE FROM place_sources WHERE id = ?", (source_id,))
    return count


# --- "try this one" --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FirstVisit:
    """What a first visit needs, and the record of the choice."""

    try_id: int
    title: str
    expect: str  # what to expect, from the catalogue
    ring_first: str  # a line to say on the phone
    phone: str
    address: str
    when: str  # meeting times in the person's clock, or typical times
    energy_cost: int  # for the planner
    access: str


@dataclass(frozen=True)
class Tried:
    id: int
    place_id: int | None
    kind_id: str
    title: str
    chosen_at: datetime
    planned_for: datetime | None
    went: bool | None
    feeling: int | None
    reflection: str
    going: bool


def try_this(
    store: Store,
    now: datetime,
    *,
    place_id: int | None = None,
    kind_id: str = "",
    planned_for: datetime | None = None,
) -> FirstVisit:
    """Record that the person chose to try a place (or a kind of group), and say what helps."""
    cat = catalogue()
    chosen = place(store, place_id) if place_id is not None else None
    kind = cat.kind(kind_id) if kind_id else None
    if chosen is not None and kind is None:
        kind = next((k for k in map(cat.kind, chosen.kinds) if k), None)
    if chosen is None and kind is None:
        raise CompanionError(_("Please choose a group or a place to try."))
    title = chosen.name if chosen else _(kind.title) if kind else ""
    day = ""
    if planned_for is not None:
        day = i18n.format_date(planned_for.date(), "EEEE")
    if chosen is not None:
        if day:
            ring = _(
                "Hello, I saw {place} and I'd like to come along on {day}. Is that all right, "
                "and is there anything I should know before I come?"
            ).format(place=chosen.name, day=day)
        else:
            ring = _(
                "Hello, I saw {place} and I'd like to come along. When is a good time for a "
                "newcomer, and is there anything I should know?"
            ).format(place=chosen.name)
    else:
        ring = _(
            "Hello, I'm looking for a {kind} near me. Do you know of one, and when it meets?"
        ).format(kind=i18n.in_sentence(_(kind.title)) if kind else "")
    with store.transaction():
        try_id = int(
            store.execute(
                "INSERT INTO group_tries(place_id, kind_id, title, chosen_at, planned_for)"
                " VALUES(?, ?, ?, ?, ?)",
                (
                    chosen.id if chosen else None,
                    kind.id if kind else "",
                    title,
                    now.isoformat(timespec="seconds"),
                    planned_for.replace(tzinfo=None).isoformat(timespec="minutes")
                    if planned_for
                    else None,
                ),
            ).lastrowid
        )
    when = when_text(chosen, now) if chosen else ""
    if not when and kind:
        when = _sentence([_times_phrase(kind.times)])
    return FirstVisit(
        try_id=try_id,
        title=title,
        expect=_(kind.expect) if kind else "",
        ring_first=ring,
        phone=chosen.phone if chosen else "",
        address=chosen.address if chosen else "",
        when=when,
        energy_cost=ENERGY_COST[kind.energy] if kind else 2,
        access=(chosen.accessibility or chosen.wheelchair_text if chosen else "")
        or (_(kind.access) if kind else ""),
    )


def _tried(row: Sequence[Any]) -> Tried:
    return Tried(
        id=int(row[0]),
        place_id=row[1],
        kind_id=row[2],
        title=row[3],
        chosen_at=datetime.fromisoformat(row[4]),
        planned_for=datetime.fromisoformat(row[5]) if row[5] else None,
        went=None if row[6] is None else bool(row[6]),
        feeling=row[7],
        reflection=row[8],
        going=bool(row[9]),
    )


_TRY_COLUMNS = (
    "id, place_id, kind_id, title, chosen_at, planned_for, went, feeling, reflection, going"
)


def tries(store: Store) -> list[Tried]:
    """Everything the person chose to try, newest first."""
    return [
        _tried(r)
        for r in store.query(
            f"SELECT {_TRY_COLUMNS} FROM group_tries WHERE deleted_at IS NULL"
            " ORDER BY chosen_at DESC, id DESC"
        )
    ]


def going_to(store: Store) -> list[Tried]:
    """Groups the person goes to now (for Today)."""
    return [t for t in tries(store) if t.going]


def forget_try(store: Store, now: datetime, try_id: int) -> None:
    """Take a choice to try back (Undo of "try this one"); the place itself stays."""
    with store.transaction():
        store.execute(
            "UPDATE group_tries SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            (now.isoformat(timespec="seconds"), try_id),
        )


def reflect(
    store: Store,
    try_id: int,
    *,
    went: bool,
    feeling: int | None = None,
    reflection: str = "",
    keep_going: bool = False,
) -> Tried:
    """After a visit: did it happen, how it felt (1-5), a few words, and whether to keep going."""
    if feeling is not None and not 1 <= feeling <= 5:
        raise CompanionError(_("Please choose how it felt, from 1 to 5."))
    with store.transaction():
        changed = store.execute(
            "UPDATE group_tries SET went = ?, feeling = ?, reflection = ?, going = ?"
            " WHERE id = ? AND deleted_at IS NULL",
            (int(went), feeling, reflection.strip(), int(keep_going and went), try_id),
        ).rowcount
    if not changed:
        raise CompanionError(_("That visit is no longer in your list."))
    row = store.query_one(f"SELECT {_TRY_COLUMNS} FROM group_tries WHERE id = ?", (try_id,))
    return _tried(row)


# --- a printable page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NearMeRow:
    name: str
    what: str  # "Library", "Walking group"
    address: str
    distance: str  # "0.6 miles"
    walk: str  # "10 minutes' walk"
    when: str
    phone: str
    access: str


@dataclass(frozen=True)
class NearMePage:
    """One page for people who rarely use the computer: the nearest few places to try."""

    title: str
    home: str
    made_on: str
    rows: tuple[NearMeRow, ...]
    attributions: tuple[str, ...]
    footer: str


def near_me_page(
    store: Store,
    settings: Any,
    now: datetime,
    territory: str,
    energy_left: int | None = None,
    limit: int = 10,
) -> NearMePage:
    where = home(settings)
    found = match_places(store, where, wishes(settings), energy_left, territory, limit=limit)
    rows = tuple(
        NearMeRow(
            name=m.place.name,
            what=_(m.kind.title) if m.kind else m.place.category_title,
            address=m.place.address,
            distance=distance_text(m.km, territory) if m.km is not None else "",
            walk=walk_text(m.km) if m.km is not None else "",
            when=when_text(m.place, now),
            phone=m.place.phone,
            access=m.place.accessibility or m.place.wheelchair_text,
        )
        for m in found
    )
    return NearMePage(
        title=_("Places near me"),
        home=_("Near {place}").format(place=where.name) if where else "",
        made_on=i18n.format_date(now.date(), "long"),
        rows=rows,
        attributions=tuple(attributions(store)),
        footer=_("Ring first if you can: it makes the first visit easier."),
    )

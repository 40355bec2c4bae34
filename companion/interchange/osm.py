"""Places where people meet, from OpenStreetMap extracts as real tools write them.

Shapes read: ``.osm`` XML (Overpass, osmium and osmconvert output, plain or
.gz/.bz2), Overpass JSON (nodes with lat/lon, ways with a ``center``, or with
``geometry`` or ``bounds``), GeoJSON from osmtogeojson and overpass turbo
(``id`` or ``@id`` like "way/123", flat or nested properties, polygons whose
centre is computed here) and osmium's geojsonseq (each record after 0x1E).

Real extracts hold ways whose nodes are not in the file, one-node ways,
``<note>`` and ``<meta>``: what can be placed is placed, what cannot is
skipped and counted with its reason. A place is picked by its tags (see
``classify``); homes where people live (care homes, assisted living, group
homes) are never offered as places to meet.

XML is read by defusedxml with document type declarations refused outright,
so no entity is ever expanded and nothing outside the file is ever fetched: a
"billion laughs" file fails at its second line, in well under a second.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from companion.i18n import _
from companion.interchange import ImportFileError, ImportProblem
from companion.interchange.places import (
    CATEGORIES,
    SKIP_BAD_POSITION,
    SKIP_NO_NAME,
    SKIP_NO_POSITION,
    SKIP_NOT_A_MEETING_PLACE,
    SKIP_REPEATED,
    SKIP_RESIDENTIAL,
    Cancelled,
    OpenedFile,
    ParsedPlace,
    PlacesRead,
    Progress,
    cancelled_error,
)

# social_facility= values for homes where people live: not places to meet.
RESIDENTIAL = frozenset({"nursing_home", "assisted_living", "group_home", "residential_home"})
MEETING_FACILITIES = frozenset({"day_care", "outreach"})
ORGANISATIONS = frozenset({"charity", "association", "ngo"})
# Tags that only describe a line or shape, not what a thing is.
_GEOMETRY_ONLY = frozenset(
    {"created_by", "source", "note", "fixme", "FIXME", "area", "type", "layer", "outer", "inner"}
)
# The tags worth keeping with a place: they say what it is and what meets there.
KEEP_TAGS = frozenset(
    {
        "amenity",
        "community_centre",
        "community_centre:for",
        "social_facility",
        "social_facility:for",
        "religion",
        "denomination",
        "leisure",
        "garden:type",
        "landuse",
        "office",
        "club",
        "sport",
        "shop",
        "operator",
    }
)
MAX_NODES = 20_000_000


def _values(text: str) -> set[str]:
    return {v.strip() for v in text.split(";") if v.strip()}


def classify(tags: dict[str, str]) -> str:
    """The category of a place where people meet, "skip:<reason>", or "" for bare geometry."""
    if not tags or set(tags) <= _GEOMETRY_ONLY:
        return ""
    amenity = tags.get("amenity", "")
    facility = tags.get("social_facility", "")
    if amenity == "nursing_home" or facility in RESIDENTIAL:
        return "skip:" + SKIP_RESIDENTIAL
    if amenity == "community_centre":
        if "senior" in _values(tags.get("community_centre:for", "")):
            return "senior_centre"
        return "community_centre"
    if amenity in ("library", "social_centre", "place_of_worship", "arts_centre"):
        return amenity
    if amenity == "social_facility":
        if facility in MEETING_FACILITIES:
            return "day_centre"
        return "skip:" + SKIP_NOT_A_MEETING_PLACE
    if tags.get("leisure") == "garden" and tags.get("garden:type") == "community":
        return "community_garden"
    if tags.get("landuse") == "allotments":
        return "allotments"
    if tags.get("office") in ORGANISATIONS:
        return "charity"
    if tags.get("club"):
        return "club"
    if tags.get("leisure") == "hackerspace":
        return "hackerspace"
    return "skip:" + SKIP_NOT_A_MEETING_PLACE


def _name(tags: dict[str, str], language: str) -> str:
    for key in ("name", f"name:{language}", "official_name", "alt_name", "short_name"):
        if tags.get(key, "").strip():
            return " ".join(tags[key].split())
    for key, value in sorted(tags.items()):
        if key.startswith("name:") and value.strip():
            return " ".join(value.split())
    return ""


def _address(tags: dict[str, str]) -> str:
    street = " ".join(
        p for p in (tags.get("addr:housenumber", ""), tags.get("addr:street", "")) if p
    ) or tags.get("addr:place", "")
    town = next(
        (
            tags[k]
            for k in ("addr:city", "addr:town", "addr:village", "addr:suburb", "addr:hamlet")
            if tags.get(k)
        ),
        "",
    )
    return ", ".join(p.strip() for p in (street, town, tags.get("addr:postcode", "")) if p.strip())


def _first(tags: dict[str, str], *keys: str) -> str:
    return next((tags[k].strip() for k in keys if tags.get(k, "").strip()), "")


def make_place(
    kind: str, osm_id: str, tags: dict[str, str], category: str, language: str
) -> ParsedPlace | str:
    """A place from an element's tags; or the reason to skip it (no name and no street)."""
    name = _name(tags, language)
    if not name:
        street = tags.get("addr:street", "").strip()
        if not street:
            return SKIP_NO_NAME
        name = _("{kind}, {street}").format(kind=_(CATEGORIES[category]), street=street)
    wheelchair = tags.get("wheelchair", "").strip()
    if wheelchair not in ("yes", "limited", "no", "designated"):
        wheelchair = ""
    return ParsedPlace(
        ref=f"osm:{kind}/{osm_id}",
        name=name,
        category=category,
        address=_address(tags),
        meeting_times=_first(tags, "service_times"),
        opening_hours=_first(tags, "opening_hours"),
        phone=_first(tags, "phone", "contact:phone", "telephone"),
        email=_first(tags, "email", "contact:email"),
        website=_first(tags, "website", "contact:website", "url"),
        accessibility=_first(tags, "wheelchair:description", "description:wheelchair"),
        wheelchair=wheelchair,
        description=_first(tags, "description"),
        tags={k: v for k, v in tags.items() if k in KEEP_TAGS},
    )


# --- centres -------------------------------------------------------------------------------


def centre(points: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """The centre of a shape given as (lat, lon) points: the area centroid of a closed ring,
    else the mean of the points. Good enough within a town, where the earth is flat."""
    unique = list(dict.fromkeys(points))
    if not unique:
        return None
    if len(unique) < 3:
        return (
            sum(p[0] for p in unique) / len(unique),
            sum(p[1] for p in unique) / len(unique),
        )
    ring = list(points)
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    lat0 = unique[0][0]
    scale = math.cos(math.radians(lat0)) or 1e-9
    area = cx = cy = 0.0
    for (lat1, lon1), (lat2, lon2) in zip(ring, ring[1:], strict=False):
        x1, y1 = lon1 * scale, lat1
        x2, y2 = lon2 * scale, lat2
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-14:
        return (
            sum(p[0] for p in unique) / len(unique),
            sum(p[1] for p in unique) / len(unique),
        )
    return cy / (3 * area), cx / (3 * area) / scale


def _valid(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180 and not (math.isnan(lat) or math.isnan(lon))


# --- collecting elements, then placing them --------------------------------------------------


class _Collector:
    """Nodes, ways and relations as they are read; places found once the whole file is in.

    Every node's position is kept (ways may need it); a way's node references are
    kept only until the end. Elements that are neither places nor geometry are
    counted at once and forgotten.
    """

    def __init__(self, language: str, cancelled: Cancelled | None) -> None:
        self.language = language
        self.cancelled = cancelled
        self.node_ids: dict[int, int] = {}
        self.lats = array("d")
        self.lons = array("d")
        self.way_refs: dict[int, array[int]] = {}
        self.way_centres: dict[int, tuple[float, float]] = {}
        self.relation_members: dict[int, list[tuple[str, int]]] = {}
        # kind, id, tags, category, known centre, line
        self.candidates: list[tuple[str, int, dict[str, str], str, tuple[float, float] | None, int]]
        self.candidates = []
        self.read = PlacesRead("osm")
        self.count = 0

    def _tick(self) -> None:
        self.count += 1
        if self.count % 5000 == 0 and self.cancelled is not None and self.cancelled():
            raise cancelled_error()

    def node(self, osm_id: int, lat: float | None, lon: float | None, tags: dict[str, str]) -> None:
        self._tick()
        if lat is not None and lon is not None and _valid(lat, lon):
            if len(self.lats) >= MAX_NODES:
                raise ImportFileError(
                    [
                        ImportProblem(
                            0,
                            _(
                                "this map extract is too big to import. Use an extract of "
                                "your town or county instead."
                            ),
                        )
                    ]
                )
            self.node_ids[osm_id] = len(self.lats)
            self.lats.append(lat)
            self.lons.append(lon)
            position: tuple[float, float] | None = (lat, lon)
        else:
            position = None
        if tags:
            category = classify(tags)
            if category.startswith("skip:"):
                self.read.skipped[category[5:]] += 1
            elif category:
                if position is None:
                    self.read.skipped[
                        SKIP_BAD_POSITION if lat is not None else SKIP_NO_POSITION
                    ] += 1
                else:
                    self.candidates.append(("node", osm_id, tags, category, position, 0))

    def way(
        self,
        osm_id: int,
        refs: Iterable[int],
        tags: dict[str, str],
        known: tuple[float, float] | None,
        line: int = 0,
    ) -> None:
        self._tick()
        category = classify(tags)
        if category.startswith("skip:"):
            self.read.skipped[category[5:]] += 1
            return
        if known is not None:
            self.way_centres[osm_id] = known
        else:
            self.way_refs[osm_id] = array("q", refs)
        if category:
            self.candidates.append(("way", osm_id, tags, category, known, line))

    def relation(
        self,
        osm_id: int,
        members: list[tuple[str, int]],
        tags: dict[str, str],
        known: tuple[float, float] | None,
        line: int = 0,
    ) -> None:
        self._tick()
        category = classify(tags)
        if category.startswith("skip:"):
            self.read.skipped[category[5:]] += 1
            return
        if category:
            if known is None:
                self.relation_members[osm_id] = members
            self.candidates.append(("relation", osm_id, tags, category, known, line))

    def _node_position(self, osm_id: int) -> tuple[float, float] | None:
        index = self.node_ids.get(osm_id)
        return None if index is None else (self.lats[index], self.lons[index])

    def _way_position(self, osm_id: int) -> tuple[float, float] | None:
        if osm_id in self.way_centres:
            return self.way_centres[osm_id]
        refs = self.way_refs.get(osm_id)
        if refs is None:
            return None
        points = [p for p in (self._node_position(r) for r in refs) if p is not None]
        found = centre(points)
        if found is not None:
            self.way_centres[osm_id] = found
        return found

    def _relation_position(self, osm_id: int) -> tuple[float, float] | None:
        points: list[tuple[float, float]] = []
        for kind, ref in self.relation_members.get(osm_id, []):
            point = (
                self._node_position(ref)
                if kind == "node"
                else self._way_position(ref)
                if kind == "way"
                else None
            )
            if point is not None:
                points.append(point)
        if not points:
            return None
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)

    def finish(self) -> PlacesRead:
        seen: set[str] = set()
        for kind, osm_id, tags, category, known, line in self.candidates:
            position = known
            if position is None:
                position = (
                    self._way_position(osm_id) if kind == "way" else self._relation_position(osm_id)
                )
            if position is None:
                self.read.skipped[SKIP_NO_POSITION] += 1
                continue
            if not _valid(*position):
                self.read.skipped[SKIP_BAD_POSITION] += 1
                continue
            made = make_place(kind, str(osm_id), tags, category, self.language)
            if isinstance(made, str):
                self.read.skipped[made] += 1
                continue
            if made.ref in seen:
                self.read.skipped[SKIP_REPEATED] += 1
                continue
            seen.add(made.ref)
            made.lat, made.lon = round(position[0], 7), round(position[1], 7)
            made.line = line
            self.read.places.append(made)
        return self.read


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _int(value: Any) -> int | None:
    try:
        return int(str(value).rsplit("/", 1)[-1])
    except (TypeError, ValueError):
        return None


# --- .osm XML ---------------------------------------------------------------------------------


class _XmlTarget:
    """Receives elements as expat reads them, so nothing but positions is held in memory."""

    def __init__(self, collector: _Collector) -> None:
        self.collector = collector
        self.parser: DefusedXMLParser | None = None
        self.depth = 0
        self.root = ""
        self.kind = ""
        self.attrs: dict[str, str] = {}
        self.tags: dict[str, str] = {}
        self.refs: list[int] = []
        self.members: list[tuple[str, int]] = []
        self.points: list[tuple[float, float]] = []
        self.known: tuple[float, float] | None = None
        self.line = 0

    def _line(self) -> int:
        return int(self.parser.parser.CurrentLineNumber) if self.parser is not None else 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 1:
            self.root = tag
            if tag != "osm" and tag != "osmChange":
                raise ImportFileError(
                    [
                        ImportProblem(
                            self._line(),
                            _(
                                "this is not an OpenStreetMap file: it starts with <{element}> "
                                "instead of <osm>."
                            ).format(element=tag),
                        )
                    ]
                )
            return
        if self.depth == 2:
            if tag in ("node", "way", "relation"):
                self.kind = tag
                self.attrs = attrs
                self.tags = {}
                self.refs = []
                self.members = []
                self.points = []
                self.known = None
                self.line = self._line()
            else:
                self.kind = ""  # <note>, <meta>, <bounds>: nothing to take
            return
        if not self.kind:
            return
        if tag == "tag":
            key = attrs.get("k")
            if key is not None:
                self.tags[key] = attrs.get("v", "")
        elif tag == "nd":
            ref = _int(attrs.get("ref"))
            if ref is not None:
                self.refs.append(ref)
            lat, lon = _float(attrs.get("lat")), _float(attrs.get("lon"))
            if lat is not None and lon is not None and _valid(lat, lon):
                self.points.append((lat, lon))
        elif tag == "center":
            lat, lon = _float(attrs.get("lat")), _float(attrs.get("lon"))
            if lat is not None and lon is not None:
                self.known = (lat, lon)
        elif tag == "bounds" and self.known is None:
            box = [_float(attrs.get(k)) for k in ("minlat", "minlon", "maxlat", "maxlon")]
            if all(v is not None for v in box):
                south, west, north, east = (float(v or 0) for v in box)
                self.known = ((south + north) / 2, (west + east) / 2)
        elif tag == "member":
            ref = _int(attrs.get("ref"))
            if ref is not None:
                self.members.append((attrs.get("type", ""), ref))

    def end(self, tag: str) -> None:
        self.depth -= 1
        if self.depth != 1 or not self.kind or tag != self.kind:
            return
        collector = self.collector
        osm_id = _int(self.attrs.get("id"))
        if osm_id is None:
            self.kind = ""
            return
        if tag == "node":
            collector.node(
                osm_id, _float(self.attrs.get("lat")), _float(self.attrs.get("lon")), self.tags
            )
        elif tag == "way":
            known = self.known or (centre(self.points) if self.points else None)
            collector.way(osm_id, self.refs, self.tags, known, self.line)
        else:  # Overpass "out geom" puts the members' points inside the relation
            known = self.known or _mean(self.points)
            collector.relation(osm_id, self.members, self.tags, known, self.line)
        self.kind = ""

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _refused(line: int) -> ImportFileError:
    return ImportFileError(
        [
            ImportProblem(
                line,
                _(
                    "this file has a document type declaration or its own entities. Map "
                    "exports never need them, and they can be used to attack programs, so "
                    "Companion does not read such files."
                ),
            )
        ]
    )


def read_osm_xml(
    opened: OpenedFile,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    language: str = "en",
) -> PlacesRead:
    collector = _Collector(language, cancelled)
    target = _XmlTarget(collector)
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    target.parser = parser
    reader = opened.buffered
    try:
        while True:
            try:
                chunk = reader.read(1024 * 1024)
            except (OSError, EOFError):
                raise ImportFileError(
                    [ImportProblem(0, _("this compressed file is damaged or not finished."))]
                ) from None
            if not chunk:
                break
            parser.feed(chunk)
            if cancelled is not None and cancelled():
                raise cancelled_error()
            if progress is not None:
                progress(opened.stream.position(), opened.size)
        parser.close()
    except DefusedXmlException:
        raise _refused(target._line()) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":", 1)[0]
        raise ImportFileError(
            [
                ImportProblem(
                    line,
                    _("the map data cannot be read here (column {column}): {reason}.").format(
                        column=column + 1, reason=reason
                    ),
                )
            ]
        ) from None
    if not target.root:
        raise ImportFileError([ImportProblem(1, _("this file is empty."))])
    return collector.finish()


# --- Overpass JSON ----------------------------------------------------------------------------


def _decode_json(data: bytes) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFileError(
            [ImportProblem(line, _("this file is not UTF-8 text, as map data always is."))]
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            [
                ImportProblem(
                    error.lineno,
                    _("this is not valid JSON here (column {column}): {reason}.").format(
                        column=error.colno, reason=error.msg
                    ),
                )
            ]
        ) from None
    except RecursionError:
        raise ImportFileError(
            [ImportProblem(0, _("this file is nested too deeply to be map data."))]
        ) from None


def _tags(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if v is not None}


def _latlon(value: Any) -> tuple[float, float] | None:
    if isinstance(value, dict):
        lat, lon = _float(value.get("lat")), _float(value.get("lon"))
        if lat is not None and lon is not None:
            return lat, lon
    return None


def read_overpass_json(
    data: bytes, cancelled: Cancelled | None = None, language: str = "en"
) -> PlacesRead:
    whole = _decode_json(data)
    elements = whole.get("elements") if isinstance(whole, dict) else None
    if not isinstance(elements, list):
        raise ImportFileError(
            [ImportProblem(1, _("this file has no list of “elements”, as Overpass data has."))]
        )
    collector = _Collector(language, cancelled)
    for element in elements:
        if not isinstance(element, dict):
            continue
        kind = element.get("type")
        osm_id = _int(element.get("id"))
        if osm_id is None:
            continue
        tags = _tags(element.get("tags"))
        if kind == "node":
            collector.node(osm_id, _float(element.get("lat")), _float(element.get("lon")), tags)
            continue
        known = _latlon(element.get("center"))
        if known is None and isinstance(element.get("geometry"), list):
            points = [p for p in map(_latlon, element["geometry"]) if p is not None]
            known = centre(points) if kind == "way" else None
        if known is None and isinstance(element.get("bounds"), dict):
            box = element["bounds"]
            values = [_float(box.get(k)) for k in ("minlat", "minlon", "maxlat", "maxlon")]
            if all(v is not None for v in values):
                south, west, north, east = (float(v or 0) for v in values)
                known = ((south + north) / 2, (west + east) / 2)
        if kind == "way":
            refs = [r for r in map(_int, element.get("nodes") or []) if r is not None]
            collector.way(osm_id, refs, tags, known)
        elif kind == "relation":
            members = [
                (str(m.get("type", "")), ref)
                for m in element.get("members") or []
                if isinstance(m, dict) and (ref := _int(m.get("ref"))) is not None
            ]
            collector.relation(osm_id, members, tags, known)
    return collector.finish()


# --- GeoJSON ----------------------------------------------------------------------------------


def _ring_points(ring: Any) -> list[tuple[float, float]]:
    points = []
    for position in ring if isinstance(ring, list) else []:
        if isinstance(position, list) and len(position) >= 2:
            lon, lat = _float(position[0]), _float(position[1])
            if lat is not None and lon is not None and _valid(lat, lon):
                points.append((lat, lon))
    return points


def geometry_centre(geometry: Any) -> tuple[float, float] | None:
    """The centre of a GeoJSON geometry; polygons by their outer ring's area."""
    if not isinstance(geometry, dict):
        return None
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Point":
        points = _ring_points([coords])
        return points[0] if points else None
    if kind in ("LineString", "MultiPoint"):
        return centre(_ring_points(coords)) if kind == "MultiPoint" else _mean(_ring_points(coords))
    if kind == "Polygon" and isinstance(coords, list) and coords:
        return centre(_ring_points(coords[0]))
    if kind in ("MultiPolygon", "MultiLineString") and isinstance(coords, list):
        parts = [
            geometry_centre(
                {"type": "Polygon" if kind == "MultiPolygon" else "LineString", "coordinates": c}
            )
            for c in coords
        ]
        return _mean([p for p in parts if p is not None])
    if kind == "GeometryCollection" and isinstance(geometry.get("geometries"), list):
        parts = [geometry_centre(g) for g in geometry["geometries"]]
        return _mean([p for p in parts if p is not None])
    return None


def _mean(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


_NOT_TAGS = frozenset({"id", "@id", "@type", "@relations", "@meta", "@version", "@timestamp"})


def _feature(
    feature: Any, collector: _Collector, seen: set[str], number: int, line: int = 0
) -> None:
    """One GeoJSON feature as a place (or a count of why not)."""
    read = collector.read
    if not isinstance(feature, dict):
        return
    collector._tick()
    props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    assert isinstance(props, dict)
    if isinstance(props.get("tags"), dict):  # osmtogeojson's nested form
        tags = _tags(props["tags"])
        kind, raw_id = str(props.get("type", "")), props.get("id")
    else:
        tags = {
            k: str(v)
            for k, v in props.items()
            if k not in _NOT_TAGS and not k.startswith("@") and isinstance(v, str | int | float)
        }
        raw_id = feature.get("id") or props.get("@id") or props.get("id")
        kind = str(props.get("@type", ""))
    text_id = str(raw_id) if raw_id is not None else ""
    if "/" in text_id:
        kind, text_id = text_id.split("/", 1)
    category = classify(tags)
    if category.startswith("skip:"):
        read.skipped[category[5:]] += 1
        return
    if not category:
        return
    position = geometry_centre(feature.get("geometry"))
    if position is None:
        read.skipped[SKIP_NO_POSITION] += 1
        return
    if not text_id:  # osmium without -a: no id, so the name and place stand in for one
        kind, text_id = "feature", f"{tags.get('name', '')}@{position[0]:.5f},{position[1]:.5f}"
    made = make_place(kind or "feature", text_id, tags, category, collector.language)
    if isinstance(made, str):
        read.skipped[made] += 1
        return
    if made.ref in seen:
        read.skipped[SKIP_REPEATED] += 1
        return
    seen.add(made.ref)
    made.lat, made.lon = round(position[0], 7), round(position[1], 7)
    made.line = line
    read.places.append(made)


def read_geojson(
    data: bytes, cancelled: Cancelled | None = None, language: str = "en"
) -> PlacesRead:
    whole = _decode_json(data)
    if isinstance(whole, dict) and whole.get("type") == "Feature":
        features: list[Any] = [whole]
    elif isinstance(whole, dict) and isinstance(whole.get("features"), list):
        features = whole["features"]
    else:
        raise ImportFileError(
            [ImportProblem(1, _("this file has no map features, as GeoJSON data has."))]
        )
    collector = _Collector(language, cancelled)
    seen: set[str] = set()
    for number, feature in enumerate(features, 1):
        _feature(feature, collector, seen, number)
    return collector.read


def read_geojsonseq(
    data: bytes, cancelled: Cancelled | None = None, language: str = "en"
) -> PlacesRead:
    """One feature per record: after a 0x1E separator (RFC 8142), or one per line."""
    collector = _Collector(language, cancelled)
    seen: set[str] = set()
    separator = b"\x1e" if b"\x1e" in data[:4096] else b"\n"
    offset = 0
    for number, record in enumerate(data.split(separator), 1):
        start = offset
        offset += len(record) + 1
        stripped = record.strip()
        if not stripped:
            continue
        line = data.count(b"\n", 0, start + (len(record) - len(record.lstrip()))) + 1
        try:
            feature = json.loads(stripped.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error.reason)
            raise ImportFileError(
                [
                    ImportProblem(
                        line,
                        _("this map feature cannot be read: {reason}.").format(reason=reason),
                    )
                ]
            ) from None
        _feature(feature, collector, seen, number, line)
    return collector.read

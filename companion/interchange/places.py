"""Places where groups meet, read from a file: a directory (CSV or JSON) or OpenStreetMap.

A reader never writes. It turns a file into ``ParsedPlace`` records, a count
of what it skipped and why, and a list of problems; ``companion.groups``
shows the preview and writes the chosen places in one transaction.

A directory is what a council, a library or a counsellor might publish: one
row per place, with a name, a kind, an address, coordinates, meeting times,
a contact and accessibility notes. A row that cannot be read makes the whole
file refused, naming the line, because a directory is made by hand and the
person who made it can fix it. OpenStreetMap extracts are different: they are
made by machines from a shared map, so what cannot be placed is skipped and
counted instead (see ``osm``).
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from companion.errors import CompanionError
from companion.i18n import N_, _, ngettext
from companion.interchange import ImportFileError, ImportProblem, decode_text

# A town's OpenStreetMap extract is a few megabytes; a county's can be a few hundred.
MAX_PLACES_FILE_BYTES = 300 * 1024 * 1024
# What a compressed file may grow to when unpacked: a small file cannot hide a huge one.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_PLACES = 100_000

OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_LICENCE = "ODbL-1.0"

# What a place from OpenStreetMap is, by its tags (see ``osm.classify``).
CATEGORIES: dict[str, str] = {
    "community_centre": N_("Community centre"),
    "senior_centre": N_("Community centre for older people"),
    "library": N_("Library"),
    "social_centre": N_("Social club"),
    "place_of_worship": N_("Place of worship"),
    "arts_centre": N_("Arts centre"),
    "day_centre": N_("Day centre"),
    "community_garden": N_("Community garden"),
    "allotments": N_("Allotments"),
    "charity": N_("Charity or association"),
    "club": N_("Club"),
    "hackerspace": N_("Workshop for making things"),
}

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# Why something in a file was not taken, each with the sentence that says so.
SKIP_RESIDENTIAL = "residential"
SKIP_NOT_A_MEETING_PLACE = "not_meeting_place"
SKIP_NO_POSITION = "no_position"
SKIP_NO_NAME = "no_name"
SKIP_BAD_POSITION = "bad_position"
SKIP_REPEATED = "repeated"


def skip_sentence(reason: str, count: int) -> str:
    """One whole sentence for the person: how many were skipped, and why."""
    if reason == SKIP_RESIDENTIAL:
        return ngettext(
            "Skipped {count} home where people live (such as a care home): not a place to meet.",
            "Skipped {count} homes where people live (such as care homes): not places to meet.",
            count,
        ).format(count=count)
    if reason == SKIP_NOT_A_MEETING_PLACE:
        return ngettext(
            "Skipped {count} map item that is not a place where groups meet.",
            "Skipped {count} map items that are not places where groups meet.",
            count,
        ).format(count=count)
    if reason == SKIP_NO_POSITION:
        return ngettext(
            "Skipped {count} place whose position is not in the file.",
            "Skipped {count} places whose position is not in the file.",
            count,
        ).format(count=count)
    if reason == SKIP_NO_NAME:
        return ngettext(
            "Skipped {count} place with no name or street to tell it by.",
            "Skipped {count} places with no name or street to tell them by.",
            count,
        ).format(count=count)
    if reason == SKIP_BAD_POSITION:
        return ngettext(
            "Skipped {count} place whose position is not on the map.",
            "Skipped {count} places whose positions are not on the map.",
            count,
        ).format(count=count)
    if reason == SKIP_REPEATED:
        return ngettext(
            "Skipped {count} place that appears twice in the file.",
            "Skipped {count} places that appear twice in the file.",
            count,
        ).format(count=count)
    return ngettext("Skipped {count} item.", "Skipped {count} items.", count).format(count=count)


class ImportCancelled(CompanionError):
    """The person pressed Cancel; nothing was written."""


def cancelled_error() -> ImportCancelled:
    return ImportCancelled(_("The import was stopped. Nothing was added."))


@dataclass
class ParsedPlace:
    """One place as read from a file, before anything is written."""

    ref: str  # "osm:way/123", or "dir:" + name and address: the same place twice is one place
    name: str
    category: str = ""  # community_centre, library, … or a directory's own kind
    lat: float | None = None
    lon: float | None = None
    address: str = ""
    meeting_times: str = ""
    opening_hours: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    accessibility: str = ""
    wheelchair: str = ""  # yes, limited, no, designated or ''
    description: str = ""
    tags: dict[str, str] = field(default_factory=dict)  # the OSM tags that say what it is
    kind_hint: str = ""  # a directory's "kind" column, as written
    line: int = 0  # where it starts in the file, when known


@dataclass
class PlacesRead:
    """What a reader found: places, what it skipped and why, and problems that stop the import."""

    source_kind: str  # directory or osm
    places: list[ParsedPlace] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def attribution(self) -> str:
        return OSM_ATTRIBUTION if self.source_kind == "osm" else ""

    @property
    def licence(self) -> str:
        return OSM_LICENCE if self.source_kind == "osm" else ""

    def skip_sentences(self) -> list[str]:
        return [skip_sentence(reason, n) for reason, n in sorted(self.skipped.items()) if n]


# --- opening files, plain or compressed ---------------------------------------------------


class _Limited(io.RawIOBase):
    """A stream that refuses to grow past a limit, and tells how far through the file it is."""

    def __init__(self, inner: IO[bytes], limit: int, raw: IO[bytes]) -> None:
        self.inner = inner
        self.limit = limit
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise ImportFileError([_too_big_unpacked()])
        buffer[: len(data)] = data
        return len(data)

    def position(self) -> int:
        """Bytes of the file on disk read so far (the compressed ones for .gz and .bz2)."""
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0


def _too_big_unpacked() -> ImportProblem:
    return ImportProblem(
        0,
        _("this file unpacks to more than {size} MB, which is too big to import.").format(
            size=MAX_UNPACKED_BYTES // (1024 * 1024)
        ),
    )


def _too_big() -> ImportProblem:
    return ImportProblem(
        0,
        _("this file is larger than {size} MB, which is too big to import.").format(
            size=MAX_PLACES_FILE_BYTES // (1024 * 1024)
        ),
    )


@dataclass
class OpenedFile:
    stream: _Limited
    size: int  # of the file on disk
    name: str  # without .gz or .bz2
    head: bytes  # the first unpacked bytes, to tell the format by
    buffered: Any  # an io.BufferedReader over the unpacked bytes


def open_places_file(path: Path) -> OpenedFile:
    """Open a file to import, unpacking .gz and .bz2 as it is read, within the size limits."""
    path = Path(path)
    try:
        if path.is_dir():
            raise CompanionError(
                _("{file} is a folder. Please choose a file.").format(file=path.name)
            )
        size = path.stat().st_size
        if size > MAX_PLACES_FILE_BYTES:
            raise ImportFileError([_too_big()], path.name)
        raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed by the caller
    except FileNotFoundError:
        raise CompanionError(
            _("There is no file called {file}. Check the name and the folder.").format(file=path)
        ) from None
    except PermissionError:
        raise CompanionError(
            _("Companion is not allowed to read {file}. Check its permissions.").format(file=path)
        ) from None
    except OSError as error:
        raise CompanionError(
            _("Companion could not read {file}: {reason}").format(
                file=path, reason=error.strerror or error
            )
        ) from None
    magic = raw.read(4)
    raw.seek(0)
    name = path.name
    inner: Any = raw
    if magic[:2] == b"\x1f\x8b":
        inner = gzip.GzipFile(fileobj=raw)
        name = name[:-3] if name.lower().endswith(".gz") else name
    elif magic[:3] == b"BZh":
        inner = bz2.BZ2File(raw)
        name = name[:-4] if name.lower().endswith(".bz2") else name
    stream = _Limited(inner, MAX_UNPACKED_BYTES, raw)
    buffered = io.BufferedReader(stream, 1024 * 1024)
    try:
        head = buffered.peek(4096)[:4096]
    except (OSError, EOFError, ValueError):
        raw.close()
        raise ImportFileError(
            [ImportProblem(0, _("this compressed file is damaged or not finished."))], path.name
        ) from None
    return OpenedFile(stream, size, name, head, buffered)


def read_all(opened: OpenedFile, file_name: str) -> bytes:
    try:
        return opened.buffered.read()
    except (OSError, EOFError, ValueError):
        raise ImportFileError(
            [ImportProblem(0, _("this compressed file is damaged or not finished."))], file_name
        ) from None


# --- the file, whatever its shape ------------------------------------------------------------


def sniff(name: str, head: bytes) -> str:
    """Which reader: osm_xml, osm_json, geojson, geojsonseq, directory_csv or directory_json."""
    lower = name.lower()
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"\x1e"):
        return "geojsonseq"
    if lower.endswith((".osm", ".xml")) or text.startswith(b"<"):
        return "osm_xml"
    if lower.endswith((".geojsonseq", ".geojsonl", ".geojsons")):
        return "geojsonseq"
    if lower.endswith((".csv", ".tsv")):
        return "directory_csv"
    if text.startswith(b"{") and _one_feature_a_line(text):
        return "geojsonseq"  # osmium's geojsonseq without record separators
    if lower.endswith(".geojson"):
        return "geojson"
    if text.startswith((b"{", b"[")):
        probe = text[:4096]
        if b'"elements"' in probe and (b'"osm3s"' in probe or b'"generator"' in probe):
            return "osm_json"
        if b'"FeatureCollection"' in probe or b'"Feature"' in probe:
            return "geojson"
        if b'"elements"' in probe:
            return "osm_json"
        return "directory_json"
    return "directory_csv"


def _one_feature_a_line(text: bytes) -> bool:
    first, _sep, rest = text.partition(b"\n")
    if not rest.strip() or b'"Feature"' not in first:
        return False
    try:
        record = json.loads(first)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(record, dict) and record.get("type") == "Feature"


SUPPORTED = (".csv", ".json", ".geojson", ".geojsonseq", ".osm", ".xml", ".gz", ".bz2")


def read_places_file(
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    language: str = "en",
) -> PlacesRead:
    """Read any supported file into places; ``ImportFileError`` names the line at fault.

    ``progress(done, total)`` is called with bytes of the file read so far;
    ``cancelled()`` is asked now and then, and a True stops the reading.
    """
    path = Path(path)
    lower = path.name.lower()
    if not lower.endswith(SUPPORTED):
        raise CompanionError(
            _(
                "Companion can import places from a directory (.csv or .json) or from "
                "OpenStreetMap (.osm, .geojson, .json, also as .gz or .bz2). {file} is none of these."
            ).format(file=path.name)
        )
    opened = open_places_file(path)
    try:
        shape = sniff(opened.name, opened.head)
        from companion.interchange import osm

        if shape == "osm_xml":
            read = osm.read_osm_xml(opened, progress, cancelled, language)
        else:
            data = read_all(opened, path.name)
            if cancelled is not None and cancelled():
                raise cancelled_error()
            if shape == "osm_json":
                read = osm.read_overpass_json(data, cancelled, language)
            elif shape == "geojson":
                read = osm.read_geojson(data, cancelled, language)
            elif shape == "geojsonseq":
                read = osm.read_geojsonseq(data, cancelled, language)
            elif shape == "directory_json":
                read = read_directory_json(data)
            else:
                read = read_directory_csv(data)
            if progress is not None:
                progress(opened.size, opened.size)
    except ImportFileError as error:
        raise ImportFileError(error.problems, path.name) from None
    finally:
        opened.stream.raw.close()
    if len(read.places) > MAX_PLACES:
        raise ImportFileError(
            [
                ImportProblem(
                    0,
                    _(
                        "this file has more than {count} places, which is more than Companion "
                        "can show. Use an extract of your town or county instead."
                    ).format(count=MAX_PLACES),
                )
            ],
            path.name,
        )
    if read.problems:
        raise ImportFileError(read.problems, path.name)
    return read


# --- directories ------------------------------------------------------------------------------

# Column names a directory may use for each field, compared without case, spaces or punctuation.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "title", "group", "groupname", "organisation", "organization", "place"),
    "kind": ("kind", "type", "category", "activity", "kindofgroup"),
    "address": ("address", "location", "venue", "where", "street"),
    "postcode": ("postcode", "postalcode", "zip", "zipcode"),
    "town": ("town", "city"),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "coordinates": ("coordinates", "coords", "latlon", "latlong", "position"),
    "meeting_times": ("meetingtimes", "meets", "when", "times", "time", "schedule", "sessions"),
    "contact": ("contact", "contactdetails"),
    "phone": ("phone", "telephone", "tel", "phonenumber"),
    "email": ("email", "emailaddress", "mail"),
    "website": ("website", "web", "url", "link"),
    "accessibility": ("accessibility", "access", "accessible"),
    "wheelchair": ("wheelchair", "wheelchairaccess", "stepfree"),
    "description": ("description", "about", "details", "notes", "summary"),
}
_ALIASES = {alias: key for key, aliases in _COLUMNS.items() for alias in aliases}
_EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+")


def _column_key(header: str) -> str:
    return _ALIASES.get(re.sub(r"[^a-z]", "", header.casefold()), "")


def _number(text: Any) -> float | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, int | float):
        return float(text)
    return float(str(text).strip().replace(",", "."))


def _coordinates(record: dict[str, Any]) -> tuple[float | None, float | None, str]:
    """Latitude and longitude from a record, or a problem sentence (lower case) to report."""
    lat_text, lon_text = record.get("lat"), record.get("lon")
    both = record.get("coordinates")
    if (lat_text in (None, "") and lon_text in (None, "")) and both not in (None, ""):
        if isinstance(both, list | tuple) and len(both) == 2:
            lat_text, lon_text = both
        else:
            parts = re.split(r"[;\s]+|,\s+|,(?=\s*-?\d)", str(both).strip())
            parts = [p for p in parts if p]
            if len(parts) != 2:
                return (
                    None,
                    None,
                    _(
                        "the coordinates “{value}” are not a latitude and a longitude, such as "
                        "52.2053, 0.1218."
                    ).format(value=both),
                )
            lat_text, lon_text = parts
    try:
        lat, lon = _number(lat_text), _number(lon_text)
    except ValueError:
        return (
            None,
            None,
            _("the latitude and longitude must be numbers, such as 52.2053 and 0.1218."),
        )
    if (lat is None) != (lon is None):
        return None, None, _("this place has a latitude or a longitude, but not both.")
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return (
            None,
            None,
            _("the latitude must be between -90 and 90 and the longitude between -180 and 180."),
        )
    return lat, lon, ""


def _wheelchair(text: str) -> str:
    word = text.strip().casefold()
    if word in ("yes", "y", "true", "1", "step-free", "step free", "full", "accessible"):
        return "yes"
    if word in ("limited", "partial", "partly", "some"):
        return "limited"
    if word in ("no", "n", "false", "0", "none"):
        return "no"
    return ""


def _place_from_record(record: dict[str, Any], line: int) -> tuple[ParsedPlace | None, str]:
    def text(key: str) -> str:
        value = record.get(key)
        if value is None:
            return ""
        if isinstance(value, list):
            return "; ".join(str(v).strip() for v in value if str(v).strip())
        return " ".join(str(value).split())

    name = text("name")
    if not name:
        return None, _("this place has no name.")
    lat, lon, problem = _coordinates(record)
    if problem:
        return None, problem
    address = ", ".join(p for p in (text("address"), text("town"), text("postcode")) if p)
    phone, email = text("phone"), text("email")
    contact = text("contact")
    if contact:
        found = _EMAIL.search(contact)
        if found and not email:
            email = found.group(0)
            contact = (contact[: found.start()] + contact[found.end() :]).strip(" ,;")
        if contact and not phone:
            phone = contact
    accessibility = text("accessibility")
    wheelchair = _wheelchair(text("wheelchair")) or _wheelchair(accessibility)
    ref = "dir:" + " ".join((name + " " + address).casefold().split())
    return (
        ParsedPlace(
            ref=ref,
            name=name,
            category=text("kind"),
            kind_hint=text("kind"),
            lat=lat,
            lon=lon,
            address=address,
            meeting_times=text("meeting_times"),
            phone=phone,
            email=email,
            website=text("website"),
            accessibility=accessibility,
            wheelchair=wheelchair,
            description=text("description"),
            line=line,
        ),
        "",
    )


def _add(read: PlacesRead, place: ParsedPlace, seen: set[str]) -> None:
    if place.ref in seen:
        read.skipped[SKIP_REPEATED] += 1
        return
    seen.add(place.ref)
    read.places.append(place)


def read_directory_csv(data: bytes) -> PlacesRead:
    """A table with a header row; commas, semicolons or tabs; any of the column names above."""
    text, notes = decode_text(data)
    read = PlacesRead("directory", notes=notes)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        raise ImportFileError([ImportProblem(1, _("this file is empty."))]) from None
    keys = [_column_key(h) for h in header]
    if "name" not in keys:
        raise ImportFileError(
            [
                ImportProblem(
                    1,
                    _(
                        "the first line must name the columns, with one called “name” (and "
                        "others such as kind, address, latitude, longitude, meeting times, "
                        "contact, accessibility)."
                    ),
                )
            ]
        )
    seen: set[str] = set()
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            record: dict[str, Any] = {}
            for key, cell in zip(keys, row, strict=False):
                if key and cell.strip() and key not in record:
                    record[key] = cell
            place, problem = _place_from_record(record, line)
            if place is None:
                read.problems.append(ImportProblem(line, problem))
            else:
                _add(read, place, seen)
    except csv.Error as error:
        read.problems.append(
            ImportProblem(
                rows.line_num, _("this line cannot be read: {reason}.").format(reason=error)
            )
        )
    return read


def _json_problem(error: json.JSONDecodeError) -> ImportFileError:
    return ImportFileError(
        [
            ImportProblem(
                error.lineno,
                _("this is not valid JSON here (column {column}): {reason}.").format(
                    column=error.colno, reason=error.msg
                ),
            )
        ]
    )


def _array_items(text: str, start: int) -> Iterator[tuple[int, Any]]:
    """Each item of the JSON array that opens at ``start``, with the line it starts on."""
    decoder = json.JSONDecoder()
    index = start + 1
    line = text.count("\n", 0, index) + 1
    last = index
    length = len(text)
    while True:
        while index < length and text[index] in " \t\r\n,":
            index += 1
        if index >= length or text[index] == "]":
            return
        line += text.count("\n", last, index)
        item, end = decoder.raw_decode(text, index)
        yield line, item
        last = index
        index = end


def read_directory_json(data: bytes) -> PlacesRead:
    """A list of places, or ``{"places": [...]}``; each place an object with the fields above."""
    text, notes = decode_text(data)
    read = PlacesRead("directory", notes=notes)
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as error:
        raise _json_problem(error) from None
    except RecursionError:
        raise ImportFileError(
            [ImportProblem(0, _("this file is nested too deeply to be a directory."))]
        ) from None
    if isinstance(whole, list):
        start = text.index("[")
    elif isinstance(whole, dict) and isinstance(whole.get("places"), list):
        match = re.search(r'"places"\s*:\s*\[', text)
        start = match.end() - 1 if match else -1
    else:
        raise ImportFileError(
            [
                ImportProblem(
                    1,
                    _(
                        "this file is not a list of places. A directory file holds a list of "
                        "places, or an object with a list called “places”."
                    ),
                )
            ]
        )
    seen: set[str] = set()
    items: Iterator[tuple[int, Any]] = (
        _array_items(text, start) if start >= 0 else ((0, i) for i in whole["places"])
    )
    for line, item in items:
        if not isinstance(item, dict):
            read.problems.append(
                ImportProblem(line, _("each place must be an object with a name."))
            )
            continue
        record: dict[str, Any] = {}
        for raw_key, value in item.items():
            key = _column_key(str(raw_key))
            if key and key not in record and value not in (None, ""):
                record[key] = value
        place, problem = _place_from_record(record, line)
        if place is None:
            read.problems.append(ImportProblem(line, problem))
        else:
            _add(read, place, seen)
    return read

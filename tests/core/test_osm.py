"""Reading places from OpenStreetMap extracts and directory files, as real tools write them.

Each fixture in ``data/groups`` has the shape its tool writes: Overpass XML with
``<note>`` and ``<meta>`` and ``out center``, osmium's XML with ``<bounds>`` and
version attributes, Overpass JSON, osmtogeojson and overpass turbo GeoJSON,
osmium's geojsonseq, and a library's directory as CSV and JSON. Hostile XML is
refused fast, naming its line.
"""

from __future__ import annotations

import bz2
import gzip
import time
from pathlib import Path

import pytest

from companion.errors import CompanionError
from companion.interchange import ImportFileError
from companion.interchange.osm import centre, classify, geometry_centre
from companion.interchange.places import (
    OSM_ATTRIBUTION,
    ImportCancelled,
    PlacesRead,
    read_places_file,
)

DATA = Path(__file__).parent / "data" / "groups"


def by_ref(read: PlacesRead) -> dict[str, object]:
    return {p.ref: p for p in read.places}


def names(read: PlacesRead) -> list[str]:
    return sorted(p.name for p in read.places)


# --- which tags make a place to meet ------------------------------------------------------


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"amenity": "community_centre"}, "community_centre"),
        ({"amenity": "community_centre", "community_centre:for": "senior;adult"}, "senior_centre"),
        ({"amenity": "library"}, "library"),
        ({"amenity": "social_centre"}, "social_centre"),
        ({"amenity": "place_of_worship", "religion": "jewish"}, "place_of_worship"),
        ({"leisure": "garden", "garden:type": "community"}, "community_garden"),
        ({"leisure": "garden"}, "skip:not_meeting_place"),
        ({"landuse": "allotments"}, "allotments"),
        ({"amenity": "social_facility", "social_facility": "day_care"}, "day_centre"),
        ({"amenity": "social_facility", "social_facility": "outreach"}, "day_centre"),
        ({"amenity": "social_facility", "social_facility": "nursing_home"}, "skip:residential"),
        ({"amenity": "social_facility", "social_facility": "assisted_living"}, "skip:residential"),
        ({"amenity": "social_facility", "social_facility": "group_home"}, "skip:residential"),
        ({"amenity": "nursing_home"}, "skip:residential"),
        ({"amenity": "social_facility", "social_facility": "workshop"}, "skip:not_meeting_place"),
        ({"office": "charity"}, "charity"),
        ({"office": "ngo"}, "charity"),
        ({"office": "association"}, "charity"),
        ({"office": "lawyer"}, "skip:not_meeting_place"),
        ({"club": "sport"}, "club"),
        ({"leisure": "hackerspace"}, "hackerspace"),
        ({"created_by": "JOSM"}, ""),
        ({}, ""),
    ],
)
def test_places_to_meet_are_picked_by_their_tags(tags: dict[str, str], expected: str) -> None:
    assert classify(tags) == expected


# --- .osm XML ------------------------------------------------------------------------------------


def test_overpass_xml_with_notes_centres_missing_nodes_and_relations() -> None:
    read = read_places_file(DATA / "overpass.osm")
    places = by_ref(read)
    assert read.source_kind == "osm"
    assert read.attribution == OSM_ATTRIBUTION
    assert sorted(places) == [
        "osm:node/1001",
        "osm:node/1002",
        "osm:node/1006",
        "osm:relation/4001",
        "osm:relation/4002",
        "osm:way/3001",
        "osm:way/3002",
        "osm:way/3004",
    ]
    library = places["osm:node/1001"]
    assert library.name == "Millbrook Library"  # the local name, not name:de
    assert library.wheelchair == "yes"
    assert library.opening_hours == "Tu,Th 09:30-17:00; Sa 09:30-12:30"
    assert library.address == "12 High Street, Millbrook"
    assert places["osm:node/1002"].meeting_times == "Su 10:30"
    # A way with a <center> is placed there, though its nodes are not in the file.
    garden = places["osm:way/3001"]
    assert (garden.lat, garden.lon) == (52.154, -0.696)
    # An unnamed way with nodes is placed at the middle of its shape and named by its street.
    allotments = places["osm:way/3002"]
    assert allotments.name == "Allotments, Mill Lane"
    assert allotments.lat == pytest.approx(52.1573, abs=1e-4)
    assert allotments.lon == pytest.approx(-0.6945, abs=1e-4)
    # A one-node way is placed at its node.
    assert (places["osm:way/3004"].lat, places["osm:way/3004"].lon) == (52.149, -0.703)
    # A relation with no centre is placed by its member way's nodes.
    legion = places["osm:relation/4002"]
    assert legion.lat == pytest.approx(52.14913, abs=1e-4)
    assert places["osm:relation/4001"].wheelchair == "limited"
    # Skipped, each counted with its reason: two homes (a node and a way), one unnamed
    # community centre with no street, a bakery, a way whose nodes are all missing, a
    # relation whose members are missing.
    assert dict(read.skipped) == {
        "residential": 2,
        "no_name": 1,
        "not_meeting_place": 1,
        "no_position": 2,
    }
    assert "Skipped 2 homes where people live (such as care homes): not places to meet." in (
        read.skip_sentences()
    )


def test_osmium_xml_with_bounds_versions_and_other_languages() -> None:
    read = read_places_file(DATA / "osmium.osm")
    assert names(read) == ["Millbrook Men's Shed", "Salon des Aînés"]
    senior = by_ref(read)["osm:node/5001"]
    assert senior.category == "senior_centre"
    shed = by_ref(read)["osm:way/6001"]
    assert shed.category == "hackerspace"
    assert 52.1601 < shed.lat < 52.1603 and -0.6921 < shed.lon < -0.6918


@pytest.mark.parametrize("packer", ["gz", "bz2"])
def test_compressed_extracts_read_the_same(tmp_path: Path, packer: str) -> None:
    data = (DATA / "overpass.osm").read_bytes()
    path = tmp_path / f"town.osm.{packer}"
    path.write_bytes(gzip.compress(data) if packer == "gz" else bz2.compress(data))
    plain = read_places_file(DATA / "overpass.osm")
    packed = read_places_file(path)
    assert packed.places == plain.places
    assert packed.skipped == plain.skipped


def test_a_cut_short_compressed_file_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "town.osm.gz"
    path.write_bytes(gzip.compress((DATA / "overpass.osm").read_bytes())[:300])
    with pytest.raises(ImportFileError) as caught:
        read_places_file(path)
    assert "town.osm.gz" in caught.value.message
    assert "Nothing was imported" in caught.value.message


def test_broken_xml_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.osm"
    path.write_text(
        '<?xml version="1.0"?>\n<osm version="0.6">\n  <node id="1" lat="1" lon="2">\n'
        "  </way>\n</osm>\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError) as caught:
        read_places_file(path)
    assert caught.value.message.startswith("broken.osm, line 4:")


def test_an_html_page_saved_as_osm_is_not_map_data(tmp_path: Path) -> None:
    path = tmp_path / "map.osm"
    path.write_text("<html><body>Too many requests</body></html>", encoding="utf-8")
    with pytest.raises(ImportFileError, match="not an OpenStreetMap file"):
        read_places_file(path)


# --- hostile XML -------------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<osm version="0.6"><node id="1" lat="52" lon="0"><tag k="amenity" v="library"/>
<tag k="name" v="&lol9;"/></node></osm>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE osm [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<osm version="0.6"><node id="1" lat="52" lon="0"><tag k="amenity" v="library"/>
<tag k="name" v="&secret;"/></node></osm>
"""
REMOTE_DTD = """<?xml version="1.0"?>
<!DOCTYPE osm SYSTEM "http://example.invalid/osm.dtd">
<osm version="0.6"><node id="1" lat="52" lon="0"><tag k="amenity" v="library"/>
<tag k="name" v="A"/></node></osm>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY, REMOTE_DTD])
@pytest.mark.parametrize("packer", ["", "gz"])
def test_hostile_xml_is_refused_quickly_at_its_line(tmp_path: Path, text: str, packer: str) -> None:
    data = text.encode("utf-8")
    path = tmp_path / ("evil.osm" + (".gz" if packer else ""))
    path.write_bytes(gzip.compress(data) if packer else data)
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as caught:
        read_places_file(path)
    assert time.perf_counter() - started < 10  # refused at once; never hangs
    message = caught.value.message
    assert message.startswith(f"{path.name}, line 2:")
    assert "document type declaration" in message
    assert "root:" not in message  # nothing from /etc/passwd


# --- Overpass JSON and GeoJSON -------------------------------------------------------------------------


def test_overpass_json_nodes_centres_geometry_and_missing_nodes() -> None:
    read = read_places_file(DATA / "overpass.json")
    places = by_ref(read)
    assert sorted(places) == [
        "osm:node/1001",
        "osm:relation/4001",
        "osm:way/3001",
        "osm:way/3007",
    ]
    allotments = places["osm:way/3007"]
    assert allotments.lat == pytest.approx(52.1505) and allotments.lon == pytest.approx(-0.6995)
    assert dict(read.skipped) == {"residential": 1, "no_position": 1}
    assert read.attribution == OSM_ATTRIBUTION


def test_osmtogeojson_ids_polygons_other_scripts_and_null_geometry() -> None:
    read = read_places_file(DATA / "osmtogeojson.geojson")
    places = by_ref(read)
    assert sorted(places) == ["osm:node/1002", "osm:relation/4002", "osm:way/3001"]
    garden = places["osm:way/3001"]
    assert garden.lat == pytest.approx(52.154) and garden.lon == pytest.approx(-0.696)
    assert places["osm:node/1002"].name == "مسجد ميلبروك"
    assert dict(read.skipped) == {"residential": 1, "no_position": 1}


def test_overpass_turbo_nested_properties_and_at_ids() -> None:
    read = read_places_file(DATA / "turbo-nested.geojson")
    assert [p.ref for p in read.places] == ["osm:node/1001"]
    assert read.places[0].wheelchair == "yes"
    assert dict(read.skipped) == {"no_name": 1}  # unnamed allotments with no street


def test_osmium_geojsonseq_with_record_separators() -> None:
    read = read_places_file(DATA / "osmium.geojsonseq")
    assert names(read) == ["Millbrook Library", "Orchard Lane Community Garden"]
    assert dict(read.skipped) == {"residential": 1, "not_meeting_place": 1}
    assert [p.line for p in read.places] == [1, 2]


def test_broken_geojsonseq_record_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "places.geojsonseq"
    good = (DATA / "osmium.geojsonseq").read_bytes()
    path.write_bytes(good + b'\x1e{"type": "Feature", "properties": {\n')
    with pytest.raises(ImportFileError) as caught:
        read_places_file(path)
    assert caught.value.message.startswith("places.geojsonseq, line 5:")


def test_broken_json_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "export.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n  {"type": }\n]}\n')
    with pytest.raises(ImportFileError) as caught:
        read_places_file(path)
    assert caught.value.message.startswith("export.geojson, line 3:")


def test_centres_of_shapes() -> None:
    square = [(0.0, 0.0), (0.0, 2.0), (2.0, 2.0), (2.0, 0.0), (0.0, 0.0)]
    lat, lon = centre(square) or (0, 0)
    assert lat == pytest.approx(1.0) and lon == pytest.approx(1.0, abs=1e-3)
    # An L shape's centroid is not the mean of its corners.
    ell = [(0.0, 0.0), (0.0, 3.0), (1.0, 3.0), (1.0, 1.0), (3.0, 1.0), (3.0, 0.0)]
    lat, lon = centre(ell) or (0, 0)
    assert lat == pytest.approx(1.1, abs=0.01) and lon == pytest.approx(1.1, abs=0.01)
    assert centre([]) is None
    assert centre([(5.0, 6.0)]) == (5.0, 6.0)
    assert geometry_centre({"type": "Point", "coordinates": [0.1, 52.2]}) == (52.2, 0.1)
    assert geometry_centre(None) is None


# --- directories ---------------------------------------------------------------------------------------


def test_a_library_directory_as_csv() -> None:
    read = read_places_file(DATA / "directory.csv")
    assert read.source_kind == "directory"
    assert read.attribution == ""
    walks, singers, knit, voices = read.places
    assert walks.name == "Millbrook Health Walks"
    assert walks.kind_hint == "walking_group"
    assert walks.meeting_times == "Tuesday mornings 10:00"
    assert walks.phone == "01632 960 201"
    assert walks.address == "Meet at the Market Square, MB1 2AA"
    assert singers.email == "singers@example.org" and singers.phone == ""
    assert knit.line == 4
    assert (voices.lat, voices.lon) == (None, None)  # kept: shown without a distance


def test_a_directory_as_json_with_coordinates_in_one_field() -> None:
    read = read_places_file(DATA / "directory.json")
    lunch, chess = read.places
    assert (lunch.lat, lunch.lon) == (52.1548, -0.7021)
    assert (chess.lat, chess.lon) == (52.15312, -0.70041)
    assert chess.wheelchair == "yes"
    assert (lunch.line, chess.line) == (4, 14)


def test_a_directory_row_without_a_name_stops_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "groups.csv"
    path.write_text(
        "name,kind,latitude,longitude\nChoir,choir,52.1,-0.7\n,walking_group,52.1,-0.7\n"
        "Walks,walking_group,north,-0.7\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError) as caught:
        read_places_file(path)
    assert caught.value.message == (
        "groups.csv, line 3: this place has no name. Nothing was imported. "
        "1 more line has a problem too."
    )
    assert [p.line for p in caught.value.problems] == [3, 4]


def test_a_table_without_a_name_column_says_what_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "groups.csv"
    path.write_text("title of thing;when\nChoir;Monday\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="called “name”"):
        read_places_file(path)


def test_other_files_are_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff")
    with pytest.raises(CompanionError, match="photo.jpg is none of these"):
        read_places_file(path)
    with pytest.raises(CompanionError, match="no file called"):
        read_places_file(tmp_path / "missing.osm")


def test_progress_is_reported_and_cancel_stops_reading(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    read_places_file(DATA / "overpass.osm", progress=lambda d, t: seen.append((d, t)))
    size = (DATA / "overpass.osm").stat().st_size
    assert seen and seen[-1] == (size, size)
    with pytest.raises(ImportCancelled):
        read_places_file(DATA / "overpass.osm", cancelled=lambda: True)


# --- big files ----------------------------------------------------------------------------------------


def county_extract(count: int) -> bytes:
    """An osmium-style extract: ``count`` community centres, every tenth as a way of four
    nodes, and a plain node for each of them that is only part of a shape."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<osm version="0.6" generator="osmium/1.16.0">',
    ]
    ways = []
    for i in range(count):
        lat, lon = 52.0 + (i % 300) * 0.001, -1.0 + (i // 300) * 0.001
        if i % 10:
            lines.append(
                f'  <node id="{i + 1}" version="1" lat="{lat:.7f}" lon="{lon:.7f}">'
                f'<tag k="amenity" v="community_centre"/><tag k="name" v="Hall {i}"/></node>'
            )
        else:
            refs = []
            for corner, (dy, dx) in enumerate(((0, 0), (0, 1e-4), (1e-4, 1e-4), (1e-4, 0))):
                node_id = 10_000_000 + i * 4 + corner
                refs.append(node_id)
                lines.append(f'  <node id="{node_id}" lat="{lat + dy:.7f}" lon="{lon + dx:.7f}"/>')
            ways.append(
                f'  <way id="{i + 1}">'
                + "".join(f'<nd ref="{r}"/>' for r in [*refs, refs[0]])
                + f'<tag k="landuse" v="allotments"/><tag k="name" v="Plots {i}"/></way>'
            )
    return "\n".join([*lines, *ways, "</osm>", ""]).encode("utf-8")


def test_a_county_of_20000_places_reads_quickly_with_progress(tmp_path: Path) -> None:
    path = tmp_path / "county.osm.gz"
    path.write_bytes(gzip.compress(county_extract(20_000)))
    seen: list[tuple[int, int]] = []
    read = read_places_file(path, progress=lambda d, t: seen.append((d, t)))
    assert len(read.places) == 20_000
    assert seen[-1][0] == seen[-1][1] == path.stat().st_size
    assert sum(p.category == "allotments" for p in read.places) == 2000


def test_a_file_that_unpacks_too_big_is_refused(tmp_path: Path, monkeypatch) -> None:
    from companion.interchange import places

    monkeypatch.setattr(places, "MAX_UNPACKED_BYTES", 100_000)
    path = tmp_path / "bomb.osm.gz"
    path.write_bytes(gzip.compress(b"<osm>" + b" " * 5_000_000 + b"</osm>"))
    assert path.stat().st_size < 10_000
    with pytest.raises(ImportFileError, match="unpacks to more than"):
        read_places_file(path)


@pytest.mark.parametrize("name", ["deep.json", "deep.geojson"])
def test_deeply_nested_json_is_refused_plainly(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ImportFileError, match="nested too deeply"):
        read_places_file(path)


def test_overpass_out_geom_places_ways_and_relations_by_their_points(tmp_path: Path) -> None:
    path = tmp_path / "geom.osm"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="Overpass API 0.7.62.1 084b4234">
<note>The data included in this document is from www.openstreetmap.org.</note>
<meta osm_base="2026-11-30T09:58:02Z"/>
  <way id="7">
    <bounds minlat="52.0000000" minlon="-1.0000000" maxlat="52.0010000" maxlon="-0.9990000"/>
    <nd ref="1" lat="52.0000000" lon="-1.0000000"/>
    <nd ref="2" lat="52.0010000" lon="-1.0000000"/>
    <nd ref="3" lat="52.0010000" lon="-0.9990000"/>
    <tag k="amenity" v="library"/>
    <tag k="name" v="Bounded Library"/>
  </way>
  <relation id="8">
    <member type="way" ref="70" role="outer">
      <nd lat="53.0000000" lon="-2.0000000"/>
      <nd lat="53.0020000" lon="-2.0000000"/>
    </member>
    <tag k="type" v="multipolygon"/>
    <tag k="landuse" v="allotments"/>
    <tag k="name" v="Geometry Allotments"/>
  </relation>
</osm>
""",
        encoding="utf-8",
    )
    read = read_places_file(path)
    library, plots = read.places
    assert (library.lat, library.lon) == (52.0005, -0.9995)
    assert plots.lat == pytest.approx(53.001) and plots.lon == pytest.approx(-2.0)


def test_one_feature_a_line_without_separators_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "places.geojson"
    path.write_bytes((DATA / "osmium.geojsonseq").read_bytes().replace(b"\x1e", b""))
    read = read_places_file(path)
    assert names(read) == ["Millbrook Library", "Orchard Lane Community Garden"]

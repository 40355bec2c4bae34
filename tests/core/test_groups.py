"""Groups near me: the catalogue, matching and ranking, distance, importing places into
the store (preview, one transaction, again without duplicates, 20,000 of them), the
command, "try this one", notes and the printable page.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion import groups
from companion.cli import main
from companion.errors import CompanionError
from companion.groups import Home, Wishes
from companion.interchange import ImportFileError
from companion.interchange.places import ImportCancelled, ParsedPlace, PlacesRead
from companion.profile import Profile, Unlocked
from companion.store import Store

from .conftest import PASSPHRASE

DATA = Path(__file__).parent / "data" / "groups"
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
MARKET_SQUARE = Home("Millbrook", 52.1533, -0.7012)


# --- the catalogue -------------------------------------------------------------------------------


def test_the_catalogue_has_at_least_30_kinds_described_by_the_activity() -> None:
    cat = groups.catalogue()
    assert len(cat.kinds) >= 30
    raw = json.loads(groups.asset("data", "group_kinds.json").read_text("utf-8"))
    assert {"title", "text", "access", "find", "expect"} <= set(raw["translatable"])
    for kind in cat.kinds:
        words = " ".join((kind.title, kind.text, kind.access, kind.find, kind.expect)).lower()
        assert "lonel" not in words and "isolat" not in words, kind.id
        assert kind.find and kind.expect and kind.access, kind.id
        assert kind.interests and kind.times, kind.id
    ids = {k.id for k in cat.kinds}
    for wanted in (
        "walking_group",
        "community_garden",
        "allotment",
        "choir",
        "volunteering",
        "reading_group",
        "faith_community",
        "mens_shed",
        "befriending",
        "lunch_club",
        "bereavement_support",
        "carers_group",
        "condition_support",
        "seated_exercise",
        "community_centre_class",
        "intergenerational",
    ):
        assert wanted in ids


def test_a_wrong_catalogue_entry_is_named() -> None:
    raw = json.loads(groups.asset("data", "group_kinds.json").read_text("utf-8"))
    raw["kinds"][0]["energy"] = "enormous"
    with pytest.raises(ValueError, match="walking_group: bad energy"):
        groups.parse_catalogue(raw)


# --- matching ------------------------------------------------------------------------------------


def titles(matches: list[groups.KindMatch], n: int = 5) -> list[str]:
    return [m.kind.id for m in matches[:n]]


def test_someone_at_home_who_likes_a_chat_gets_things_from_home_first() -> None:
    wish = Wishes(interests=("conversation",), mobility="home", budget="free")
    ranked = groups.match_kinds(wish)
    top = ranked[:3]
    assert {m.kind.id for m in top} <= {"befriending", "phone_volunteering", "online_group"}
    assert all(m.fits for m in top)
    walking = next(m for m in ranked if m.kind.id == "walking_group")
    assert not walking.fits
    assert "Needs more getting about than suits you" in [r.text for r in walking.reasons]


def test_interests_times_and_size_rank_and_say_why() -> None:
    wish = Wishes(
        interests=("music",),
        mobility="short_walks",
        budget="small_fee",
        times=("evening",),
        size="large",
    )
    best = groups.match_kinds(wish)[0]
    assert best.kind.id == "choir"
    codes = {r.code for r in best.reasons if r.good}
    assert {"interest", "time", "size", "seated"} <= codes
    assert best.summary == "Large, seated, evenings"


def test_budget_and_energy_left_this_week_count() -> None:
    wish = Wishes(interests=("gardening",), mobility="gets_about", budget="free")
    plenty = groups.match_kinds(wish, energy_left=10)
    allotment = next(m for m in plenty if m.kind.id == "allotment")
    assert not allotment.fits  # costs a small fee
    assert plenty[0].kind.id == "community_garden"
    tired = groups.match_kinds(wish, energy_left=1)
    assert all(m.kind.energy == "light" for m in tired if m.fits)
    garden = next(m for m in tired if m.kind.id == "community_garden")
    assert not garden.fits
    assert "More than your energy left this week" in [r.text for r in garden.reasons]
    # No planner yet: energy is not held against anything.
    assert groups.match_kinds(wish, energy_left=None)[0].kind.id == "community_garden"


# --- distance ------------------------------------------------------------------------------------


def test_haversine_distances_walking_minutes_and_units() -> None:
    # London (Charing Cross) to Cambridge (Great St Mary's): about 79 km as the crow flies.
    assert groups.distance_km(51.5073, -0.1276, 52.2053, 0.1218) == pytest.approx(79.6, abs=1)
    assert groups.distance_km(52.0, 0.0, 52.0, 0.0) == 0
    assert groups.walking_minutes(0.5) == 10  # at a gentle 3 km/h
    assert groups.walking_minutes(0.1) == 2
    assert groups.walking_minutes(1.1) == 25
    assert groups.distance_text(1.0, "GB") == "0.6 miles"
    assert groups.distance_text(1.609, "US") == "1 mile"
    assert groups.distance_text(1.0, "DE") == "1 km"
    assert groups.distance_text(12.4, "FR") == "12 km"
    assert groups.walk_text(0.5) == "10 minutes' walk"
    assert groups.walk_text(30) == "too far to walk"


def test_coordinates_typed_by_hand() -> None:
    assert groups.parse_coordinates("52.2053, 0.1218") == (52.2053, 0.1218)
    assert groups.parse_coordinates("52.2053 -0.1218") == (52.2053, -0.1218)
    assert groups.parse_coordinates("52,2053 0,1218") == (52.2053, 0.1218)
    with pytest.raises(CompanionError, match="latitude, then the longitude"):
        groups.parse_coordinates("Cambridge")
    with pytest.raises(CompanionError, match="between -90 and 90"):
        groups.parse_coordinates("152, 0")


def test_home_and_wishes_are_kept_in_the_profile(passphrase_profile: Unlocked) -> None:
    settings = passphrase_profile.settings
    assert groups.home(settings) is None
    groups.set_home(settings, "  Millbrook ", 52.1533, -0.7012)
    assert groups.home(settings) == MARKET_SQUARE
    groups.save_wishes(
        settings, Wishes(("music", "reading"), "home", "free", ("morning",), "small")
    )
    assert groups.wishes(settings) == Wishes(
        ("music", "reading"), "home", "free", ("morning",), "small"
    )
    with pytest.raises(CompanionError):
        groups.save_wishes(settings, Wishes(("knitting-on-mars",)))


# --- importing into the store --------------------------------------------------------------------


def import_file(store: Store, name: str) -> groups.ImportResult:
    return groups.import_places_file(store, NOW, DATA / name)


def test_preview_then_one_commit_and_a_second_import_updates(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    from companion.interchange.places import read_places_file

    read = read_places_file(DATA / "overpass.osm")
    preview = groups.preview_import(store, read, "overpass.osm")
    assert len(preview.new) == 8 and preview.updated == []
    assert groups.place_count(store) == 0  # nothing written by a preview
    assert preview.kinds["osm:node/1001"][:1] == ["reading_group"]
    result = groups.commit_import(store, NOW, preview)
    assert (result.added, result.updated) == (8, 0)
    assert result.sentences()[0] == "Added 8 places."
    assert groups.attributions(store) == ["© OpenStreetMap contributors"]
    library = next(p for p in groups.places(store) if p.name == "Millbrook Library")
    assert library.category_title == "Library"
    assert library.wheelchair_text == "Wheelchair accessible"
    groups.set_notes(store, NOW, library.id, "Ask for Sue at the desk.")
    again = import_file(store, "overpass.json")
    assert (again.added, again.updated) == (1, 3)  # only the Station Road allotments are new
    assert groups.place_count(store) == 9
    assert groups.place(store, library.id).notes == "Ask for Sue at the desk."
    import_file(store, "overpass.osm")
    assert [s.file_name for s in groups.sources(store)] == ["overpass.json", "overpass.osm"]


def test_a_file_with_nothing_to_add_writes_nothing(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    read = PlacesRead("osm")
    read.skipped["residential"] = 3
    result = groups.commit_import(store, NOW, groups.preview_import(store, read, "homes.osm"))
    assert (result.added, result.updated) == (0, 0)
    assert result.sentences() == [
        "Added 0 places.",
        "Skipped 3 homes where people live (such as care homes): not places to meet.",
    ]
    assert groups.sources(store) == []


def test_a_directory_import_keeps_its_own_words(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    result = import_file(store, "directory.csv")
    assert result.added == 4
    assert groups.attributions(store) == []
    by_name = {p.name: p for p in groups.places(store)}
    assert by_name["Millbrook Health Walks"].kinds[0] == "walking_group"
    assert by_name["Millbrook Health Walks"].category_title == "Walking group"
    assert by_name["Wednesday Singers"].kinds[0] == "choir"
    assert by_name["Knit and Natter"].kinds[0] == "craft_group"
    assert by_name["Friendly Voices"].lat is None


def test_a_bad_file_writes_nothing(passphrase_profile: Unlocked, tmp_path: Path) -> None:
    store = passphrase_profile.store
    path = tmp_path / "bad.csv"
    path.write_text("name,latitude,longitude\nGood,52,0\nBad,52,\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="line 3"):
        groups.import_places_file(store, NOW, path)
    assert groups.place_count(store) == 0
    assert groups.sources(store) == []


def many_places(count: int) -> PlacesRead:
    read = PlacesRead("osm")
    for i in range(count):
        read.places.append(
            ParsedPlace(
                ref=f"osm:node/{i}",
                name=f"Hall {i}",
                category="community_centre",
                lat=52.0 + (i % 200) * 0.001,
                lon=-0.7 + (i // 200) * 0.001,
                tags={"amenity": "community_centre"},
            )
        )
    return read


def test_20000_places_import_with_progress_and_no_stall(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    seen: list[tuple[int, int]] = []
    preview = groups.preview_import(store, many_places(20_000), "county.osm")
    result = groups.commit_import(store, NOW, preview, progress=lambda d, t: seen.append((d, t)))
    assert result.added == 20_000
    assert groups.place_count(store) == 20_000
    assert seen[0] == (0, 20_000) and seen[-1] == (20_000, 20_000)
    assert len(seen) >= 40  # the bar moves at least every 500 places
    near = groups.places_near(store, Home("Here", 52.05, -0.65), radius_km=3)
    assert near and all(n.km is not None and n.km <= 3 for n in near)
    assert [n.km for n in near] == sorted(n.km for n in near)  # type: ignore[type-var]


def test_cancel_writes_nothing(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3

    preview = groups.preview_import(store, many_places(5000), "county.osm")
    with pytest.raises(ImportCancelled, match="Nothing was added"):
        groups.commit_import(store, NOW, preview, cancelled=cancelled)
    assert groups.place_count(store) == 0
    assert groups.sources(store) == []


def test_removing_a_file_takes_its_places_away(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    osm = import_file(store, "overpass.osm")
    import_file(store, "directory.json")
    assert groups.remove_source(store, osm.source_id) == 8
    assert [p.name for p in groups.places(store)] == ["Chess at the Library", "Tuesday Lunch Club"]
    assert groups.attributions(store) == []


# --- ranking places ------------------------------------------------------------------------------


def test_places_are_ranked_with_a_reason_a_person_reads(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    import_file(store, "directory.csv")
    import_file(store, "overpass.osm")
    wish = Wishes(interests=("music",), mobility="short_walks", times=("evening",))
    ranked = groups.match_places(store, MARKET_SQUARE, wish, territory="GB")
    best = ranked[0]
    assert best.place.name == "Wednesday Singers"
    assert best.summary == "Large, seated, Wednesday evenings 19:00, 1 minute's walk"
    walkers = Wishes(interests=("movement", "outdoors"), mobility="gets_about")
    top = groups.match_places(store, MARKET_SQUARE, walkers, territory="GB")[0]
    assert top.place.name == "Millbrook Health Walks"
    assert top.summary == "Large, Tuesday mornings 10:00, 1 minute's walk"
    choirs = groups.match_places(store, MARKET_SQUARE, walkers, kind_id="choir")
    assert [m.place.name for m in choirs] == ["Wednesday Singers"]
    assert choirs[0].kind is not None and choirs[0].kind.id == "choir"
    readers = groups.match_places(store, MARKET_SQUARE, walkers, kind_id="reading_group")
    assert [m.place.name for m in readers] == ["Millbrook Library"]
    # Without a home, places are still listed, with no distance.
    assert all(m.km is None for m in groups.match_places(store, None, wish))


# --- try this one, notes, and the page to print -----------------------------------------------------


def test_try_this_one_says_what_to_expect_and_records_it(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    import_file(store, "directory.csv")
    singers = next(p for p in groups.places(store) if p.name == "Wednesday Singers")
    tuesday = datetime(2026, 12, 2, 19, 0)
    visit = groups.try_this(store, NOW, place_id=singers.id, planned_for=tuesday)
    assert visit.title == "Wednesday Singers"
    assert "Wednesday" in visit.ring_first and "Wednesday Singers" in visit.ring_first
    assert visit.expect.startswith("You sit with the part")
    assert visit.energy_cost == 2
    assert visit.when == "Wednesday evenings 7:00\u202fPM"  # in the person's own clock
    tried = groups.tries(store)
    assert [t.title for t in tried] == ["Wednesday Singers"]
    assert tried[0].planned_for == tuesday
    after = groups.reflect(
        store, visit.try_id, went=True, feeling=4, reflection="Lovely people.", keep_going=True
    )
    assert after.went and after.feeling == 4 and after.going
    assert [t.title for t in groups.going_to(store)] == ["Wednesday Singers"]
    kind_only = groups.try_this(store, NOW, kind_id="mens_shed")
    assert "shed or making space" in kind_only.ring_first
    with pytest.raises(CompanionError):
        groups.try_this(store, NOW)
    with pytest.raises(CompanionError):
        groups.reflect(store, visit.try_id, went=True, feeling=9)


def test_the_page_to_print_lists_the_nearest_with_the_map_credit(
    passphrase_profile: Unlocked,
) -> None:
    store = passphrase_profile.store
    settings = passphrase_profile.settings
    import_file(store, "overpass.osm")
    groups.set_home(settings, "Millbrook", MARKET_SQUARE.lat, MARKET_SQUARE.lon)
    page = groups.near_me_page(store, settings, NOW, "GB", limit=5)
    assert page.title == "Places near me"
    assert page.home == "Near Millbrook"
    assert len(page.rows) == 5
    assert page.attributions == ("© OpenStreetMap contributors",)
    assert all(row.walk.endswith("walk") for row in page.rows)


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def profile_folder(passphrase_profile: Unlocked, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    return folder


def test_the_command_says_what_was_added_and_skipped(profile_folder: Path, capsys) -> None:
    args = ["--data-dir", str(profile_folder), "import", "groups", str(DATA / "overpass.osm")]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Added 8 places.",
        "Skipped 1 place with no name or street to tell it by.",
        "Skipped 2 places whose position is not in the file.",
        "Skipped 1 map item that is not a place where groups meet.",
        "Skipped 2 homes where people live (such as care homes): not places to meet.",
        "Map data © OpenStreetMap contributors.",
    ]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "Added 0 places.",
        "Brought 8 places already here up to date.",
    ]
    unlocked = Profile(profile_folder).unlock_with_passphrase(PASSPHRASE)
    try:
        assert groups.place_count(unlocked.store) == 8
    finally:
        unlocked.close()


def test_the_command_refuses_a_hostile_file_in_one_line(
    profile_folder: Path, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "evil.osm"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE osm [<!ENTITY a "b">]>\n<osm/>\n')
    assert main(["--data-dir", str(profile_folder), "import", "groups", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("evil.osm, line 2:")
    assert "Nothing was imported." in err


# --- the demo ------------------------------------------------------------------------------------


def test_the_demo_has_a_town_with_places_a_home_and_a_group_tried(keyring_profile) -> None:
    from companion import demo

    demo.fill(keyring_profile, NOW)
    store, settings = keyring_profile.store, keyring_profile.settings
    assert groups.home(settings) == Home("Millbrook", 52.1519, -0.7009)
    assert groups.place_count(store) == 21  # 8 from the directory, 13 from the map
    assert groups.attributions(store) == ["© OpenStreetMap contributors"]
    ranked = groups.match_places(store, groups.home(settings), groups.wishes(settings))
    assert ranked[0].fits and ranked[0].km is not None and ranked[0].km < 1
    assert [t.title for t in groups.going_to(store)] == ["Wednesday Singers"]
    names = {p.name for p in groups.places(store)}
    assert "The Limes Care Home" not in names and "Willow Court" not in names


# --- opening hours -----------------------------------------------------------------------------


def test_opening_hours_are_understood_or_shown_as_written() -> None:
    tuesday_ten = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # a Tuesday
    hours = groups.opening_hours("Tu,Th 09:30-17:00; Sa 09:30-12:30", tuesday_ten)
    assert hours.understood and hours.open_now
    assert hours.sentence() == "Open now, until 5:00\u202fPM."
    evening = groups.opening_hours("Tu,Th 09:30-17:00", datetime(2026, 12, 1, 18, 0))
    assert evening.open_now is False
    assert evening.sentence() == "Closed now. Opens on Thursday at 9:30\u202fAM."
    odd = groups.opening_hours("Tuesdays after the bell", tuesday_ten)
    assert not odd.understood
    assert odd.sentence() == "Tuesdays after the bell"
    assert groups.opening_hours("", tuesday_ten).sentence() == ""


def test_opening_hours_say_today_and_tomorrow(monkeypatch) -> None:
    from companion import i18n

    monkeypatch.setattr(i18n, "_region", "")
    week = "Tu,Th 09:30-17:00; Sa 09:30-12:30"
    friday_night = datetime(2026, 12, 4, 21, 0)
    assert groups.opening_hours(week, friday_night).sentence() == (
        "Closed now. Opens tomorrow at 9:30\u202fAM."
    )
    thursday_early = datetime(2026, 12, 3, 7, 0)
    assert groups.opening_hours(week, thursday_early).sentence() == (
        "Closed now. Opens today at 9:30\u202fAM."
    )
    late = groups.opening_hours("Fr 20:00-02:00", friday_night).sentence()
    assert late == "Open now, until tomorrow at 2:00\u202fAM."
    weekend = groups.opening_hours("Sa 10:00-24:00; Su 00:00-24:00", datetime(2026, 12, 5, 11, 0))
    assert weekend.sentence() == "Open now, until Monday at 12:00\u202fAM."


def test_opening_hours_are_read_out_for_the_week_in_the_persons_own_clock(monkeypatch) -> None:
    from companion import i18n

    monkeypatch.setattr(i18n, "_region", "")
    friday_night = datetime(2026, 12, 4, 21, 0)
    week = "Tu,Th 09:30-17:00; Sa 09:30-12:30"
    assert groups.opening_hours(week, friday_night).week == (
        "Tuesday, Thursday: 9:30\u202fAM–5:00\u202fPM. Saturday: 9:30\u202fAM–12:30\u202fPM."
    )
    late = groups.opening_hours("Mo-Fr 22:00-02:00", friday_night).week
    assert late == "Monday to Friday: 10:00\u202fPM–2:00\u202fAM."
    assert groups.opening_hours("24/7", friday_night).week == "Every day: open all day."
    assert groups.opening_hours("Tuesdays after the bell", friday_night).week == ""
    i18n.set_language("de")
    try:
        german = groups.opening_hours(week, friday_night).week
    finally:
        i18n.set_language("en")
    assert german == "Dienstag, Donnerstag: 09:30–17:00. Samstag: 09:30–12:30."


def test_times_written_by_a_directory_follow_the_persons_clock(monkeypatch) -> None:
    from companion import i18n

    monkeypatch.setattr(i18n, "_region", "US")
    own = groups.times_in_own_style
    assert own("Wednesday evenings 19:00") == "Wednesday evenings 7:00\u202fPM"
    assert own("Mo-Fr 10:30-17:00") == "Mo-Fr 10:30\u202fAM–5:00\u202fPM"
    # what already says a.m. or p.m., a price and plain words stay as written
    assert own("Coffee at 10:30am, £2.50") == "Coffee at 10:30am, £2.50"
    assert own("By arrangement") == "By arrangement"
    monkeypatch.setattr(i18n, "_region", "")
    i18n.set_language("de")
    try:
        assert own("Tuesday mornings 9:00") == "Tuesday mornings 09:00"
    finally:
        i18n.set_language("en")


def test_a_time_in_arabic_never_breaks_from_its_morning_or_evening_word() -> None:
    from companion import i18n

    i18n.set_language("ar")
    try:
        week = groups.opening_hours("Mo 10:00-12:00", datetime(2026, 12, 4, 9, 0)).week
    finally:
        i18n.set_language("en")
    assert "10:00\u00a0ص" in week and "12:00\u00a0م" in week


def test_a_place_says_when_in_the_persons_clock() -> None:
    place = groups.Place(1, 1, "x", "Library", "library", (), opening_hours="Mo 10:00-12:00")
    assert groups.when_text(place, datetime(2026, 12, 4, 9, 0)) == (
        "Monday: 10:00\u202fAM–12:00\u202fPM."
    )
    club = groups.Place(2, 1, "y", "Club", "", (), meeting_times="Fridays 14:00")
    assert groups.when_text(club, datetime(2026, 12, 4, 9, 0)) == "Fridays 2:00\u202fPM"


def test_names_that_would_reorder_on_screen_are_cleaned(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    read = PlacesRead("directory")
    read.places.append(
        ParsedPlace(
            ref="dir:x", name="Chess \u202eclub\u202c", description="Line one\nLine two\x07"
        )
    )
    groups.commit_import(store, NOW, groups.preview_import(store, read, "x.csv"))
    stored = groups.places(store)[0]
    assert stored.name == "Chess club"
    assert stored.description == "Line one\nLine two"


def test_a_billion_laughs_file_is_refused_fast_with_nothing_written(
    passphrase_profile: Unlocked, tmp_path: Path
) -> None:
    from .test_osm import BILLION_LAUGHS

    store = passphrase_profile.store
    import_file(store, "directory.csv")
    path = tmp_path / "lol.osm"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="document type declaration"):
        groups.import_places_file(store, NOW, path)
    assert time.perf_counter() - started < 10  # refused at once; never hangs
    assert groups.place_count(store) == 4
    assert [s.file_name for s in groups.sources(store)] == ["directory.csv"]


def test_two_reasons_are_listed_once_each_in_arabic() -> None:
    from companion import i18n

    i18n.set_language("ar")
    try:
        joined = groups.i18n_list(["دردشة", "كوب شاي"])
    finally:
        i18n.set_language("en")
    assert joined.count("كوب شاي") == 1 and "دردشة" in joined


def test_german_reasons_keep_their_nouns_capitalised() -> None:
    """'Sie mögen: Bücher …', never 'bücher …' (German nouns keep their capitals in a sentence);
    English still reads 'You like: books …'."""
    from companion import i18n

    wish = Wishes(interests=("reading",), mobility="gets_about", budget="free")
    try:
        for language, first in (("de", "Bü"), ("en", "bo")):
            i18n.set_language(language)
            liked = [
                r.text for m in groups.match_kinds(wish) for r in m.reasons if r.code == "interest"
            ]
            assert liked, language
            assert liked[0].split(": ", 1)[1].startswith(first), liked[0]
    finally:
        i18n.set_language("en")

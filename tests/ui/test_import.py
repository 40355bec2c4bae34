"""Importing people in the window: preview first, duplicates flagged, one transaction, cancellable,
and announced through the operations so every page shows the new people."""

from __future__ import annotations

from datetime import timedelta

from companion import contacts
from companion.contacts import Person, Phone
from companion.interchange import people_import
from ui import actions, ops
from ui.background import wait_for_background
from ui.dialogs.import_people import ImportDialog
from ui.ops import Change

VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo Bennett\r\nTEL;TYPE=CELL:07700 900123\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Kowalski\r\nTEL;TYPE=HOME:01632 960111\r\n"
    "BDAY:1950-11-30\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Σοφία Παπαδοπούλου\r\nEND:VCARD\r\n"
)


def make(qtbot, app):
    dialog = ImportDialog(app.session.ops, app.context.now, "GB")
    qtbot.addWidget(dialog)
    return dialog


def announced(app):
    """Every change the operations announce from now on."""
    heard = []
    app.session.ops.executed.connect(heard.append)
    return heard


def test_preview_then_import_skips_likely_duplicates(qtbot, app_with_window, tmp_path):
    store = app_with_window.context.unlocked.store
    contacts.add_person(
        store,
        app_with_window.context.now() - timedelta(days=1),
        Person(0, "Joanna B", phones=(Phone("+447700900123"),)),
    )
    file = tmp_path / "phone.vcf"
    file.write_text(VCF, encoding="utf-8")
    dialog = make(qtbot, app_with_window)
    dialog.open_file(file)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == ImportDialog.PREVIEW, timeout=10000)
    assert "2 people will be added" in dialog.preview_text.text()
    assert dialog.duplicates_list.count() == 1
    assert "Joanna B" in dialog.duplicates_list.item(0).text()
    assert contacts.count_people(store) == 1  # nothing written yet
    heard = announced(app_with_window)
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.added == 2, timeout=10000)
    assert "Skipped 1" in dialog.summary
    names = sorted(p.name for p in contacts.people(store))
    assert names == ["Anne Kowalski", "Joanna B", "Σοφία Παπαδοπούλου"]
    assert any(change.touches(Change.PEOPLE) for change in heard)  # every page hears of it
    status = app_with_window.window.status_line
    assert "Added 2 people. Skipped 1 that looks like someone already here." in status.text.text()
    people_page = app_with_window.window.page("people")
    app_with_window.window.show_page("people")
    assert people_page.proxy.rowCount() == 3  # the list shows them without being asked


def test_cancel_takes_the_whole_import_back_and_says_so(
    qtbot, app_with_window, tmp_path, monkeypatch
):
    store = app_with_window.context.unlocked.store
    file = tmp_path / "phone.vcf"
    file.write_text(VCF, encoding="utf-8")
    dialog = make(qtbot, app_with_window)
    dialog.open_file(file)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == ImportDialog.PREVIEW, timeout=10000)
    commit = people_import.commit

    def cancelled_at_once(store, now, preview, include, progress, _cancelled):  # type: ignore[no-untyped-def]
        return commit(store, now, preview, include, progress, lambda: True)  # Cancel pressed

    monkeypatch.setattr(actions.people_import, "commit", cancelled_at_once)
    heard = announced(app_with_window)
    dialog.start_import()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=10000)
    wait_for_background()
    assert dialog.error.text() == "Stopped. Nothing was imported."
    assert dialog.stack.currentIndex() == ImportDialog.PREVIEW  # they can press Import again
    assert dialog.close_button.isEnabled()
    assert contacts.count_people(store) == 0
    assert heard == []  # nothing changed, nothing announced


def test_progress_is_reported_a_few_times_a_second_not_per_person():
    seen = []
    report = ops.every_so_often(lambda done, total: seen.append(done), per_second=1)
    for done in range(10_000):
        report(done, 10_000)
    report(10_000, 10_000)
    assert seen[0] == 0 and seen[-1] == 10_000  # the bar starts and ends
    assert len(seen) <= 3  # not ten thousand wake-ups of the window


def test_a_broken_file_names_the_line_and_writes_nothing(qtbot, app_with_window, tmp_path):
    store = app_with_window.context.unlocked.store
    file = tmp_path / "broken.vcf"
    file.write_text(VCF + "BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:123\r\n", encoding="utf-8")
    dialog = make(qtbot, app_with_window)
    dialog.open_file(file)
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=10000)
    assert "line 16" in dialog.error.text()  # where the unfinished card starts
    assert "Nothing was imported" in dialog.error.text()
    assert contacts.count_people(store) == 0


def test_csv_goes_through_the_column_step(qtbot, app_with_window, tmp_path):
    store = app_with_window.context.unlocked.store
    file = tmp_path / "people.csv"
    file.write_text("Nom complet;Téléphone\nJo;07700 900123\nTom;07700 900456\n", encoding="utf-8")
    dialog = make(qtbot, app_with_window)
    dialog.open_file(file)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == ImportDialog.COLUMNS, timeout=10000)
    name_box = dialog.column_boxes["name"]
    name_box.setCurrentIndex(name_box.findData(0))
    phone_box = dialog.column_boxes["phone"]
    phone_box.setCurrentIndex(phone_box.findData(1))
    dialog.columns_next.click()  # the preview is worked out off the UI thread
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == ImportDialog.PREVIEW, timeout=10000)
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.added == 2, timeout=10000)
    wait_for_background()
    assert sorted(p.name for p in contacts.people(store)) == ["Jo", "Tom"]


def test_the_preview_says_what_cannot_be_kept(qtbot, app_with_window, tmp_path):
    file = tmp_path / "photo.vcf"
    file.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo Bennett\r\nORG:Parish Council\r\n"
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Kowalski\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    dialog = make(qtbot, app_with_window)
    dialog.open_file(file)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == ImportDialog.PREVIEW, timeout=10000)
    assert dialog.not_kept_text.isVisibleTo(dialog)
    assert "Jo Bennett: a photo" in dialog.not_kept_text.text()
    assert "Anne Kowalski" not in dialog.not_kept_text.text()
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.added == 2, timeout=10000)
    store = app_with_window.context.unlocked.store
    jo = next(p for p in contacts.people(store) if p.name == "Jo Bennett")
    assert "Organisation: Parish Council" in jo.notes  # kept, in the notes


def test_many_people_at_once_are_listed_in_order_and_a_heading_sorts_them(qtmodeltester):
    from datetime import date

    from PySide6.QtCore import QPersistentModelIndex, Qt

    from companion.contacts import Person as Stored
    from ui.models.people import NAME, PERSON_ID_ROLE, SORT_ROLE, PeopleModel

    today = date(2025, 3, 1)

    def person(i: int) -> Stored:
        return Stored(i, f"Person {i:04d}", next_due=date(2025, 3, 1 + i % 20))

    model = PeopleModel(today)
    model.load([person(i) for i in (3, 1, 2)], today)
    assert [model.index(r, NAME).data() for r in range(3)] == [
        "Person 0001",
        "Person 0002",
        "Person 0003",
    ]
    many = [person(i) for i in range(699, 0, -1)]
    model.load(many, today)  # far more than BULK at once: laid out anew, in name order
    names = [model.index(r, NAME).data() for r in range(model.rowCount())]
    assert names == sorted(names) and len(names) == 699
    selected = QPersistentModelIndex(model.index(5, NAME))
    who = selected.data(PERSON_ID_ROLE)
    model.sort(3, Qt.SortOrder.DescendingOrder)  # "Next time", latest first
    dues = [model.index(r, 3).data(SORT_ROLE) for r in range(model.rowCount())]
    assert dues == sorted(dues, reverse=True)
    assert selected.isValid() and selected.data(PERSON_ID_ROLE) == who  # selection follows
    model.load([p for p in many if p.id != 7] + [person(900)], today)  # a few: in place
    assert model.rowCount() == 699
    dues = [model.index(r, 3).data(SORT_ROLE) for r in range(model.rowCount())]
    assert dues == sorted(dues, reverse=True)  # the newcomer went to its place
    assert selected.data(PERSON_ID_ROLE) == who
    qtmodeltester.check(model)


def test_a_long_list_is_read_off_the_ui_thread_and_filled_when_ready(
    qtbot, app_with_window, monkeypatch
):
    from ui.pages import people as people_page

    store = app_with_window.context.unlocked.store
    contacts.add_people(
        store,
        app_with_window.context.now(),
        (Person(0, f"Person {n:03d}") for n in range(30)),
    )
    monkeypatch.setattr(people_page, "READ_IN_BACKGROUND_FROM", 10)
    page = app_with_window.window.page("people")
    app_with_window.window.show_page("people")
    page.refresh()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 30, timeout=10000)
    assert page.proxy.index(0, 0).data() == "Person 000"
    assert not page.table.isHidden()


def test_while_long_work_runs_what_it_makes_is_kept_from_the_young_collections(
    qtbot, app_with_window
):
    import gc

    operations = app_with_window.session.ops
    frozen_before = gc.get_freeze_count()  # the app may have frozen what it had at start
    release = operations.hold_young_collections()
    made = [[n] for n in range(5000)]  # what a worker reading a file would be making
    count = len(made)
    qtbot.waitUntil(lambda: gc.get_freeze_count() >= frozen_before + count, timeout=2000)
    assert gc.get_count()[0] < count  # a young collection now would not walk them
    release()
    release()  # twice is harmless
    # When the work ends, what the app had frozen and what the work made stay frozen, so the
    # next full collection when idle walks neither (letting go of them made it 60-80 ms).
    assert gc.get_freeze_count() >= frozen_before + count
    assert len(gc.get_objects()) < count  # all that collection would walk
    assert len(made) == count

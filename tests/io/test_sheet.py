"""Spreadsheets kept by hand, and netkort's own export edited and read back."""

from __future__ import annotations

from datetime import date

import pytest
import xlsxwriter
from formats_helpers import FIXTURES, by_name

from netkort.domain.records import Closeness
from netkort.io import FormatError, detect, read_file
from netkort.io.sheet import FIELDS, guess_mapping, preview, read_sheet, signature

DANISH_CSV = FIXTURES / "sheet" / "danish_semicolon_cp1252.csv"


def _workbook(path, sheets):
    """Write ``sheets`` ({name: rows}) to an xlsx; a row may hold numbers and dates."""
    book = xlsxwriter.Workbook(str(path))
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write_datetime(r, c, value, dates)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return path


@pytest.fixture
def handmade_xlsx(tmp_path):
    path = tmp_path / "netværk.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Ark1")
    sheet.merge_range("A1:E1", "Mit netværk — jobsøgning 2026")
    rows = [
        ["Fornavn", "Efternavn", "Virksomhed", "Mobil", "Hvor kender jeg dem fra?", "Fødselsdag"],
        ["Søren", "Kjær", "Novo Nordisk", 20304050, "Studiegruppe på DTU", date(1979, 11, 2)],
        ["Åse", "Bøgh", "Danske Bank", "+45 40 41 42 43", "Tidligere chef", None],
        [None, None, None, None, None, None],
        ["Ærtebjørg", "Frølund", None, None, "Naboens søster", "17.05.1980"],
    ]
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    for r, row in enumerate(rows, start=2):  # a blank row under the title
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, dates)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


def test_it_finds_the_header_below_title_and_blank_rows_in_a_danish_csv():
    shown = preview(DANISH_CSV)
    assert shown.header_line == 3
    assert shown.delimiter == ";" and shown.encoding == "cp1252"
    assert shown.headers[:3] == ["Navn", "Firma", "Stilling"]
    assert shown.rows[0][0] == "Søren Kjær"


def test_it_guesses_danish_header_words():
    assert guess_mapping(
        ["Navn", "Firma", "Stilling", "Mail", "Telefon", "Hvor kender jeg hende fra?", "Noter"]
    ) == {
        "Navn": "display_name",
        "Firma": "organisation",
        "Stilling": "title",
        "Mail": "emails",
        "Telefon": "phones",
        "Hvor kender jeg hende fra?": "how_met",
        "Noter": "notes",
    }
    assert guess_mapping(["Fornavn", "Efternavn", "Virksomhed", "Titel", "E-mail", "Tags"]) == {
        "Fornavn": "given_name",
        "Efternavn": "family_name",
        "Virksomhed": "organisation",
        "Titel": "title",
        "E-mail": "emails",
        "Tags": "tags",
    }
    assert guess_mapping(["Farve", "Skostørrelse"]) == {}


def test_it_reads_a_danish_csv_with_the_guessed_mapping():
    parsed = read_file(DANISH_CSV)
    assert parsed.format == "sheet"
    soeren = by_name(parsed.records.persons)["Søren Kjær"]
    assert (soeren.given_name, soeren.family_name) == ("Søren", "Kjær")
    assert soeren.emails == ["soeren@example.dk"]
    assert soeren.phones == ["20 30 40 50"]
    assert soeren.notes == "Hvor kender jeg hende fra?: DTU, 2009\nSpørg om job i Bagsværd"
    assert soeren.key == "row-4"
    assert len(parsed.records.persons) == 3


def test_it_reads_with_a_mapping_the_user_chose():
    parsed = read_sheet(DANISH_CSV, {"Navn": "display_name", "Noter": "tags"})
    soeren = by_name(parsed.records.persons)["Søren Kjær"]
    assert soeren.tags == ["Spørg om job i Bagsværd"]
    assert soeren.emails == [] and soeren.notes == ""


def test_it_rejects_a_mapping_to_a_missing_column_or_an_unknown_field():
    with pytest.raises(FormatError, match="no column 'Adresse'"):
        read_sheet(DANISH_CSV, {"Adresse": "location"})
    with pytest.raises(FormatError, match="'shoe_size' is not a field"):
        read_sheet(DANISH_CSV, {"Navn": "shoe_size"})


def test_it_reads_a_handmade_xlsx_with_a_merged_title_numbers_and_dates(handmade_xlsx):
    shown = preview(handmade_xlsx)
    assert shown.header_line == 3
    assert shown.sheet_name == "Ark1"
    assert shown.mapping["Hvor kender jeg dem fra?"] == "how_met"
    parsed = read_file(handmade_xlsx)
    assert parsed.format == "sheet"
    persons = by_name(parsed.records.persons)
    assert persons["Søren Kjær"].phones == ["20304050"]
    assert persons["Søren Kjær"].organisation == "Novo Nordisk"
    assert persons["Søren Kjær"].birthday == date(1979, 11, 2)
    assert persons["Ærtebjørg Frølund"].birthday == date(1980, 5, 17)
    assert persons["Åse Bøgh"].notes == "Hvor kender jeg dem fra?: Tidligere chef"
    assert persons["Ærtebjørg Frølund"].key == "row-7"


def test_it_reads_an_edited_netkort_export_back_onto_the_same_persons(tmp_path):
    header = [
        "netkort id", "Name", "Given name", "Family name", "Organisation", "Title",
        "E-mails", "Phones", "LinkedIn", "Contexts", "Closeness", "Tags", "Notes",
    ]  # fmt: skip
    people = [
        header,
        [17, "Søren Kjær", "Søren", "Kjær", "Novo Nordisk", "Senior Scientist",
         "soeren@example.dk, skj@novo.example", "+45 20 30 40 50, +45 86 00 00 00",
         "https://www.linkedin.com/in/soeren-kjaer", "Former colleagues, Padel", 2,
         "Kunder, Aarhus", "Ny chef fra marts"],
        [18, "Åse Bøgh", "Åse", "Bøgh", "", "", "", "", "", "", "7", "", ""],
    ]  # fmt: skip
    path = _workbook(tmp_path / "netkort.xlsx", {"Read me": [["Eksporteret"]], "People": people})
    parsed = read_file(path)
    persons = by_name(parsed.records.persons)
    soeren = persons["Søren Kjær"]
    assert soeren.netkort_id == 17
    assert soeren.emails == ["soeren@example.dk", "skj@novo.example"]
    assert soeren.phones == ["+45 20 30 40 50", "+45 86 00 00 00"]
    assert soeren.context_names == ["Former colleagues", "Padel"]
    assert soeren.closeness == Closeness.CLOSE
    assert soeren.tags == ["Kunder", "Aarhus"]
    assert soeren.linkedin_url == "https://www.linkedin.com/in/soeren-kjaer"
    assert persons["Åse Bøgh"].netkort_id == 18
    assert persons["Åse Bøgh"].closeness is None
    assert [(s.line, s.reason) for s in parsed.skipped] == [(3, "closeness '7' is not 1 to 5")]


def test_it_reads_the_danish_export_csv_with_its_formula_guard(tmp_path):
    path = tmp_path / "personer.csv"
    path.write_text(
        "netkort-id,Navn,Telefoner,Kontekster,Nærhed\n"
        '5,Ida Ørum,\'+45 61 62 63 64,"Venner, Fritid",1\n',
        encoding="utf-8-sig",
    )
    [ida] = read_file(path).records.persons
    assert ida.netkort_id == 5
    assert ida.phones == ["+45 61 62 63 64"]
    assert ida.context_names == ["Venner", "Fritid"]
    assert ida.closeness == Closeness.INNER


def test_a_sheet_without_any_name_column_asks_for_a_mapping(tmp_path):
    path = tmp_path / "noget.csv"
    path.write_text("Telefon;Noter\n20304050;ringede i går\n", encoding="utf-8")
    with pytest.raises(FormatError, match="--map column=field"):
        read_file(path, "sheet")


def test_the_signature_names_the_shape_not_the_spelling_of_case_or_letters():
    assert signature(["Navn", "Firma"]) == signature(["NAVN", " firma "])
    assert signature(["Navn", "Firma"]) != signature(["Firma", "Navn"])
    assert len(signature(["Navn"])) == 64


def test_every_guessed_field_is_a_field():
    headers = [
        "Navn", "Fornavn", "Efternavn", "Firma", "Titel", "Mail", "Telefon", "LinkedIn",
        "Noter", "Tags", "Sammenhænge", "Nærhed", "netkort-id", "Fødselsdag", "By",
    ]  # fmt: skip
    mapping = guess_mapping(headers)
    assert len(mapping) == len(headers)
    assert set(mapping.values()) <= set(FIELDS)


def test_a_sheet_with_unknown_headers_is_still_a_sheet_to_map_by_hand(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Kollega;År;Skostørrelse\nIda Ørum;2024;38\n", encoding="utf-8")
    assert detect(path).name == "sheet"
    shown = preview(path)
    assert shown.headers == ["Kollega", "År", "Skostørrelse"]
    assert shown.mapping == {}
    parsed = read_sheet(path, {"Kollega": "display_name"})
    assert parsed.records.persons[0].display_name == "Ida Ørum"

"""Google Contacts CSV (current, and older UTF-16) and Outlook CSV (English, Danish, German)."""

from __future__ import annotations

from datetime import date

from formats_helpers import FIXTURES, by_name

from netkort.io import read_file

CONTACTS = FIXTURES / "contacts"


def test_it_reads_googles_current_format_with_multi_values_and_labels():
    parsed = read_file(CONTACTS / "google_current.csv")
    assert parsed.format == "google_csv"
    soeren = by_name(parsed.records.persons)["Søren Kjær"]
    assert soeren.emails == ["soeren@example.dk", "skj@novo.example", "soeren.privat@example.dk"]
    assert soeren.phones == ["+45 20 30 40 50", "+45 86 00 00 00"]
    assert soeren.tags == ["Kunder", "Aarhus"]  # without "* myContacts" and "* starred"
    assert soeren.linkedin_url == "https://www.linkedin.com/in/soeren-kjaer"
    assert (soeren.organisation, soeren.title) == ("Novo Nordisk", "Senior Scientist")
    assert soeren.location == "Aarhus C, Danmark"
    assert soeren.birthday == date(1979, 11, 2)


def test_it_keeps_googles_year_less_birthday_and_skips_rows_without_a_name():
    parsed = read_file(CONTACTS / "google_current.csv")
    ida = by_name(parsed.records.persons)["Ida Ørum"]
    assert ida.birthday is None and ida.birthday_month_day == (3, 8)
    # The address of Søren holds quoted newlines, so Ida's row starts on line 5.
    assert ida.key == "row-5"
    assert [(s.line, s.reason) for s in parsed.skipped] == [(6, "no name, e-mail or phone")]


def test_it_reads_googles_older_format_in_utf16():
    raw = (CONTACTS / "google_older_utf16.csv").read_bytes()
    assert raw.startswith(b"\xff\xfe")
    parsed = read_file(CONTACTS / "google_older_utf16.csv")
    assert parsed.format == "google_csv"
    persons = by_name(parsed.records.persons)
    aase = persons["Åse Bøgh"]
    assert (aase.organisation, aase.title) == ("Danske Bank", "Head of Risk, Nordics")
    assert aase.tags == ["Tidligere kolleger"]
    assert aase.phones == ["40 41 42 43"]
    assert persons["Jens Ærø"].emails == ["jens@fjordlys.example"]
    assert persons["Jens Ærø"].tags == []


def test_it_reads_an_english_outlook_export_in_windows_1252():
    raw = (CONTACTS / "outlook_en_cp1252.csv").read_bytes()
    assert "Møller".encode("cp1252") in raw
    parsed = read_file(CONTACTS / "outlook_en_cp1252.csv")
    assert parsed.format == "outlook_csv"
    henrik = by_name(parsed.records.persons)["Henrik Møller"]
    assert henrik.emails == ["henrik@moller-son.example"]
    assert henrik.phones == ["+45 75 82 00 00", "+45 22 23 24 25"]
    assert henrik.tags == ["Leverandører", "Golf"]
    assert henrik.notes == "Spiller golf i Kolding – spørg til handicap"
    assert henrik.birthday == date(1968, 3, 14)
    assert henrik.location == "Vejle, Danmark"


def test_it_names_an_outlook_contact_without_a_person_after_the_company():
    parsed = read_file(CONTACTS / "outlook_en_cp1252.csv")
    assert by_name(parsed.records.persons)["Vognmand Ærtebjerg"].phones == ["+45 70 10 20 30"]
    assert [(s.line, s.reason) for s in parsed.skipped] == [(4, "no name, e-mail or phone")]


def test_it_reads_danish_outlook_headers_with_semicolons():
    parsed = read_file(CONTACTS / "outlook_da_semicolon_cp1252.csv")
    assert parsed.format == "outlook_csv"
    [birgitte] = parsed.records.persons
    assert birgitte.display_name == "Birgitte Lærkholm"
    assert (birgitte.organisation, birgitte.title) == ("Arla Foods", "Indkøbschef")
    assert birgitte.emails == ["birgitte@arla.example"]
    assert birgitte.phones == ["+45 30 31 32 33"]
    assert birgitte.linkedin_url == "https://www.linkedin.com/in/birgitte-laerkholm"
    assert birgitte.notes == "Kender hende fra Aarhus Universitet; ses til fredagsbar"


def test_it_reads_german_outlook_headers():
    parsed = read_file(CONTACTS / "outlook_de_semicolon_utf8.csv")
    assert parsed.format == "outlook_csv"
    [juergen] = parsed.records.persons
    assert juergen.display_name == "Jürgen Groß"
    assert juergen.emails == ["juergen.gross@example.de", "jg@privat.example.de"]
    assert (juergen.organisation, juergen.title) == ("Flensburger Brauerei", "Vertriebsleiter")
    assert juergen.tags == ["Partner"]

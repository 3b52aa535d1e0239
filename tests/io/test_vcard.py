"""vCard 2.1 (Android, Outlook), 3.0 (Apple), 4.0, and folders of one-card files."""

from __future__ import annotations

from datetime import date

from formats_helpers import FIXTURES, by_name

from netkort.io import read_file

VCARD = FIXTURES / "vcard"


def test_it_decodes_android_quoted_printable_with_soft_line_breaks():
    parsed = read_file(VCARD / "android_21.vcf")
    assert parsed.format == "vcard"
    bjoern = by_name(parsed.records.persons)["Bjørn Sørensen"]
    assert (bjoern.given_name, bjoern.family_name) == ("Bjørn", "Sørensen")
    assert bjoern.notes == "Mødt på konferencen i Århus, taler om data og ledelse\nRing efter kl. 9"
    assert bjoern.phones == ["+45 20 30 40 50", "86 12 34 56"]
    assert bjoern.emails == ["bjorn@example.dk"]
    assert (bjoern.organisation, bjoern.title) == ("Fjordlys ApS", "Udvikler")
    assert "Trine Æblerød" in by_name(parsed.records.persons)


def test_it_drops_photos_and_skips_cards_without_any_name_or_number():
    parsed = read_file(VCARD / "android_21.vcf")
    assert len(parsed.records.persons) == 2
    assert [(s.line, s.reason) for s in parsed.skipped] == [(24, "no name, e-mail or phone")]


def test_it_reads_outlooks_windows_1252_card():
    parsed = read_file(VCARD / "outlook_21.vcf")
    [birgitte] = parsed.records.persons
    assert birgitte.display_name == "Birgitte Lærkholm"
    assert (birgitte.organisation, birgitte.title) == ("Arla Foods", "Indkøbschef")
    assert birgitte.location == "Viby J, Danmark"
    assert birgitte.birthday == date(1975, 3, 14)


def test_it_reads_apple_groups_labels_social_profiles_and_year_less_birthdays():
    parsed = read_file(VCARD / "apple_30.vcf")
    frederik = by_name(parsed.records.persons)["Frederik Nørgaard"]
    assert frederik.emails == ["frederik@example.dk", "fn@privat.example"]
    assert frederik.linkedin_url == "https://www.linkedin.com/in/frederik-noergaard"
    assert frederik.urls == ["https://frederik.example.dk"]
    assert frederik.birthday is None
    assert frederik.birthday_month_day == (5, 17)
    assert frederik.tags == ["Kunder", "Aarhus"]
    assert frederik.notes == "Kender ham fra DTU, 2009.\nSpørg om arkitektur."


def test_it_skips_group_cards():
    parsed = read_file(VCARD / "apple_30.vcf")
    assert "Familien Holm" not in by_name(parsed.records.persons)
    assert [(s.line, s.reason) for s in parsed.skipped] == [(22, "a group card, not a person")]


def test_it_unfolds_on_bytes_when_a_fold_splits_a_letter():
    parsed = read_file(VCARD / "apple_30.vcf")
    assert by_name(parsed.records.persons)["Pernille Ravn"].notes == "Mødt på Københavns Lufthavn"


def test_it_reads_version_4_uris_escapes_and_kind():
    parsed = read_file(VCARD / "v40.vcf")
    [aase] = parsed.records.persons
    assert aase.display_name == "Åse Bøgh"
    assert aase.phones == ["+45-40-41-42-43"]
    assert aase.title == "Head of Risk, Nordics"
    assert aase.linkedin_url == "https://www.linkedin.com/in/%C3%A5se-b%C3%B8gh-12345"
    assert aase.birthday_month_day == (2, 29)
    assert [s.reason for s in parsed.skipped] == ["a group card, not a person"]


def test_it_reads_a_folder_of_one_card_files_and_ignores_other_files():
    parsed = read_file(VCARD / "folder")
    assert parsed.format == "vcard"
    assert sorted(p.display_name for p in parsed.records.persons) == ["Kasper Dahl", "Line Holm"]
    keys = [p.key for p in parsed.records.persons]
    assert len(set(keys)) == 2


def test_it_skips_a_card_cut_off_at_the_end_of_the_file(tmp_path):
    path = tmp_path / "cut.vcf"
    whole = (VCARD / "folder" / "kasper.vcf").read_bytes()
    path.write_bytes(whole + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Halv Person\r\n")
    parsed = read_file(path)
    assert [p.display_name for p in parsed.records.persons] == ["Kasper Dahl"]
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (7, "the card is cut off (no END:VCARD)")
    ]


def test_it_reads_ten_thousand_cards(tmp_path):
    card = (VCARD / "android_21.vcf").read_bytes()
    path = tmp_path / "many.vcf"
    path.write_bytes(card * 3400)
    parsed = read_file(path)
    assert len(parsed.records.persons) == 6800
    assert len({p.key for p in parsed.records.persons}) == 6800

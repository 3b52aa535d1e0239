"""Formats are recognised by content, whatever the file is called."""

from __future__ import annotations

import shutil

import pytest
from formats_helpers import FIXTURES, zip_folder

from netkort.io import FormatError, detect, read_file

CASES = [
    ("linkedin/2026/Connections.csv", "linkedin"),
    ("linkedin/2026/messages.csv", "linkedin"),
    ("linkedin/2026/Invitations.csv", "linkedin"),
    ("linkedin/2026/Endorsement_Received_Info.csv", "linkedin"),
    ("linkedin/2021/Connections.csv", "linkedin"),
    ("linkedin/2018/Messages.csv", "linkedin"),
    ("vcard/android_21.vcf", "vcard"),
    ("vcard/outlook_21.vcf", "vcard"),
    ("vcard/apple_30.vcf", "vcard"),
    ("vcard/v40.vcf", "vcard"),
    ("contacts/google_current.csv", "google_csv"),
    ("contacts/google_older_utf16.csv", "google_csv"),
    ("contacts/outlook_en_cp1252.csv", "outlook_csv"),
    ("contacts/outlook_da_semicolon_cp1252.csv", "outlook_csv"),
    ("contacts/outlook_de_semicolon_utf8.csv", "outlook_csv"),
    ("sheet/danish_semicolon_cp1252.csv", "sheet"),
]


@pytest.mark.parametrize(("fixture", "expected"), CASES)
def test_it_detects_each_fixture_by_content_under_a_neutral_name(fixture, expected, tmp_path):
    renamed = tmp_path / "download.dat"
    shutil.copyfile(FIXTURES / fixture, renamed)
    assert detect(renamed).name == expected
    assert read_file(renamed).format == expected


def test_it_detects_folders_and_zips():
    assert detect(FIXTURES / "linkedin" / "2026").name == "linkedin"
    assert detect(FIXTURES / "vcard" / "folder").name == "vcard"


def test_it_detects_a_linkedin_zip_under_any_name(tmp_path):
    path = zip_folder(FIXTURES / "linkedin" / "2021", tmp_path / "arkiv.bin")
    assert detect(path).name == "linkedin"


def test_every_registered_format_is_tried_most_specific_first():
    from netkort.io.base import by_priority

    assert [f.name for f in by_priority()] == [
        "linkedin",
        "vcard",
        "google_csv",
        "outlook_csv",
        "sheet",
    ]


def test_a_forced_format_is_used_and_an_unknown_one_is_refused():
    parsed = read_file(FIXTURES / "contacts" / "google_current.csv", "sheet")
    assert parsed.format == "sheet"
    with pytest.raises(FormatError, match="there is no format 'excel'"):
        read_file(FIXTURES / "contacts" / "google_current.csv", "excel")

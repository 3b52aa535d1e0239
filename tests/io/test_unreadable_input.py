"""Unreadable input gives a FormatError that names the file and says what to do."""

from __future__ import annotations

import struct
import zipfile

import pytest
from formats_helpers import FIXTURES

from netkort.io import FormatError, read_file
from netkort.io.archive import MAX_MEMBERS


def _error(path, fmt=None) -> FormatError:
    with pytest.raises(FormatError) as caught:
        read_file(path, fmt)
    assert caught.value.path == str(path)
    return caught.value


def test_an_empty_file(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"")
    assert "empty" in _error(path).message


def test_binary_junk(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(bytes(range(256)) * 8)
    assert "not a format netkort knows" in _error(path).message


def test_binary_junk_read_as_a_given_format(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"\x00\x01\x02\x03garbage\xff\xfe\x00" * 50)
    for fmt in ("linkedin", "google_csv", "outlook_csv", "sheet", "vcard"):
        assert _error(path, fmt).message


def test_a_truncated_csv_is_reported_with_its_line(tmp_path):
    whole = (FIXTURES / "linkedin" / "2026" / "messages.csv").read_bytes()
    path = tmp_path / "messages.csv"
    path.write_bytes(whole[: whole.index(b"Har du tid")])
    error = _error(path)
    assert "cut off" in error.message
    assert error.line is not None and error.line >= 9


def test_a_broken_zip(tmp_path):
    path = tmp_path / "Basic_LinkedInDataExport.zip"
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as archive:
        archive.writestr("Connections.csv", "First Name,Last Name\n" * 100)
    path.write_bytes(good.read_bytes()[:60])
    assert "download the export again" in _error(path, "linkedin").message
    assert _error(path).message


@pytest.mark.parametrize(
    "name", ["../Connections.csv", "/etc/Connections.csv", "C:/x/Connections.csv"]
)
def test_a_zip_with_a_path_that_climbs_out(tmp_path, name):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Profile.csv", "First Name,Last Name,Maiden Name,Headline\n")
        archive.writestr(name, "First Name,Last Name,Connected On\nA,B,05 Mar 2024\n")
    assert "unsafe file name" in _error(path, "linkedin").message


def test_a_zip_with_too_many_members(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(MAX_MEMBERS + 1):
            archive.writestr(f"Jobs/{i}.csv", "")
        archive.writestr("Connections.csv", "First Name,Last Name,Connected On\n")
    assert "unzip it and import the files you need" in _error(path, "linkedin").message


def test_a_zip_whose_member_claims_an_absurd_size(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", "First Name,Last Name,Connected On\nA,B,05 Mar 2024\n")
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 0xFFFFFFF0)  # uncompressed size
    path.write_bytes(bytes(data))
    assert "too large" in _error(path, "linkedin").message


def test_an_old_excel_file(tmp_path):
    path = tmp_path / "kontakter.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "save it as .xlsx or CSV" in _error(path).message


def test_a_missing_file_and_an_unknown_folder(tmp_path):
    assert "no such file" in _error(tmp_path / "nowhere.csv").message
    (tmp_path / "notes.txt").write_text("hej")
    assert "neither a LinkedIn data archive nor vCard files" in _error(tmp_path).message


def test_a_zip_that_is_neither_linkedin_nor_a_workbook(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ferie.jpg", b"\xff\xd8\xff")
    assert _error(path).message.startswith("this is not a format netkort knows")


def test_a_broken_workbook(tmp_path):
    path = tmp_path / "ark.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
    assert "cannot be" in _error(path, "sheet").message
